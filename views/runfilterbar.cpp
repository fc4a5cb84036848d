#include "runfilterbar.h"

#include <algorithm>
#include <memory>

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QStringListModel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "runformat.h"
#include "theme.h"
#include "workflowpickerdialog.h"

using namespace Qt::StringLiterals;

namespace {
// The scope combo's item that is not one workflow: the several chosen.
const QString kChosenWorkflows = u"\u0001chosen"_s;

/**
 * Keeps a menu of checkable entries open while they are ticked, so several statuses take one
 * trip; Escape or a click outside closes it.
 */
class StayOpenOnTick final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *menu = qobject_cast<QMenu *>(watched);
        if (!menu)
            return false;
        QAction *action = nullptr;
        if (event->type() == QEvent::MouseButtonRelease) {
            action = menu->actionAt(static_cast<QMouseEvent *>(event)->position().toPoint());
        } else if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Space || key == Qt::Key_Return || key == Qt::Key_Enter)
                action = menu->activeAction();
        }
        if (!action || !action->isCheckable() || !action->isEnabled())
            return false;
        action->trigger();
        return true;
    }
};

const QString kChipStyle = QStringLiteral(
    "QToolButton { border: 1px solid palette(mid); border-radius: 10px;"
    " padding: 1px 8px; background: palette(alternate-base); }"
    " QToolButton:focus { border: 2px solid palette(highlight); padding: 0 7px; }");

// The clear button's icon is read through the image plugins, a large share of the time to
// the first paint; it is only needed once there is text to clear.
void enableClearButtonWithText(QLineEdit *edit)
{
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(edit, &QLineEdit::textChanged, edit, [edit, connection] {
        edit->setClearButtonEnabled(true);
        QObject::disconnect(*connection);
    });
}
} // namespace

RunFilterBar::RunFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_scopeCombo(new QComboBox(this))
    , m_severalButton(new QToolButton(this))
    , m_statusButton(new QToolButton(this))
    , m_statusMenu(new QMenu(this))
    , m_sourceButton(new QToolButton(this))
    , m_sourceMenu(new QMenu(this))
    , m_search(new QLineEdit(this))
    , m_searchLimit(new QLabel(this))
    , m_errorCode(new QLineEdit(this))
    , m_typeButton(new QToolButton(this))
    , m_typeMenu(new QMenu(this))
    , m_tags(new QLineEdit(this))
    , m_tagModel(new QStringListModel(this))
    , m_codeModel(new QStringListModel(this))
    , m_dateRange(new QWidget(this))
    , m_createdPreset(new QComboBox(m_dateRange))
    , m_from(new QDateEdit(m_dateRange))
    , m_rangeDash(new QLabel(QStringLiteral("–"), m_dateRange))
    , m_to(new QDateEdit(m_dateRange))
    , m_clearButton(new QToolButton(this))
    , m_chips(new QWidget(this))
    , m_chipLayout(new QHBoxLayout(m_chips))
    , m_debounce(new QTimer(this))
{
    m_scopeCombo->setObjectName(QStringLiteral("scopeComboBox"));
    m_severalButton->setObjectName(QStringLiteral("severalWorkflowsButton"));
    m_severalButton->setText(tr("Several…"));
    m_severalButton->setToolTip(tr("Show the runs of several workflows together"));
    m_severalButton->hide();
    connect(m_severalButton, &QToolButton::clicked, this, &RunFilterBar::chooseWorkflows);
    m_scopeCombo->setToolTip(tr("Show runs of all workflows or of one"));
    m_scopeCombo->setAccessibleName(tr("Workflow"));
    m_scopeCombo->setMinimumContentsLength(22);
    m_scopeCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scopeCombo->addItem(tr("All workflows"), QString());
    // Typed into to find a workflow among many: any part of its name, in any case.
    m_scopeCombo->setEditable(true);
    m_scopeCombo->lineEdit()->setAccessibleName(tr("Workflow"));
    m_scopeCombo->setInsertPolicy(QComboBox::NoInsert);
    m_scopeCombo->lineEdit()->setPlaceholderText(tr("Type to find a workflow"));
    m_scopeCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_scopeCombo->completer()->setFilterMode(Qt::MatchContains);
    m_scopeCombo->completer()->setCaseSensitivity(Qt::CaseInsensitive);

    m_statusButton->setObjectName(QStringLiteral("statusToolButton"));
    m_statusButton->setPopupMode(QToolButton::InstantPopup);
    m_statusButton->setMenu(m_statusMenu);
    m_statusButton->setToolTip(tr("Show only runs with these statuses"));
    m_statusMenu->installEventFilter(new StayOpenOnTick(m_statusMenu));
    for (RunStatus status : allRunStatuses()) {
        QAction *action = m_statusMenu->addAction(RunFormat::statusText(status, {}));
        action->setCheckable(true);
        action->setData(int(status));
        action->setObjectName(QStringLiteral("status_") + runStatusToWire(status));
        connect(action, &QAction::toggled, this, [this, action](bool checked) {
            if (m_updating)
                return;
            // A source that filters by one status at a time: the new choice replaces the old.
            if (checked && m_features.maxStatuses == 1) {
                m_updating = true;
                for (QAction *other : m_statusMenu->actions()) {
                    if (other != action)
                        other->setChecked(false);
                }
                m_updating = false;
            }
            commit();
        });
    }

    // In a merged list, which connections to show (and ask): one noisy server must not push
    // another's runs out of the loaded pages.
    m_sourceButton->setObjectName(QStringLiteral("sourceToolButton"));
    m_sourceButton->setPopupMode(QToolButton::InstantPopup);
    m_sourceButton->setMenu(m_sourceMenu);
    m_sourceButton->setToolTip(tr("Show only runs of these connections"));
    m_sourceButton->hide();
    m_sourceMenu->installEventFilter(new StayOpenOnTick(m_sourceMenu));

    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setPlaceholderText(tr("Search run id, parameters, headers…"));
    m_search->setAccessibleName(tr("Search runs"));
    m_search->setToolTip(tr("The server searches run ids, parameter names and values, and extra "
                            "headers (at least 3 characters with tags, types or several "
                            "workflows). While it answers, the loaded rows narrow at once to those "
                            "whose id, workflow, failure reason or error codes show the text."));
    enableClearButtonWithText(m_search);
    m_search->setMinimumWidth(200);
    m_searchLimit->setObjectName(QStringLiteral("searchLimitLabel"));
    m_searchLimit->hide();

    m_errorCode->setObjectName(QStringLiteral("errorCodeLineEdit"));
    m_errorCode->setPlaceholderText(tr("Error code (exact)"));
    m_errorCode->setAccessibleName(tr("Error code"));
    enableClearButtonWithText(m_errorCode);
    m_errorCode->setMaxLength(RunFilter::kMaxTextLength);
    auto *completer = new QCompleter(m_codeModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_errorCode->setCompleter(completer);

    // Every run type, from servers that list them all (`GET /v1/runs`); none ticked: the
    // workflow runs, whose list items carry the failure reason.
    m_typeButton->setObjectName(QStringLiteral("runTypeToolButton"));
    m_typeButton->setPopupMode(QToolButton::InstantPopup);
    m_typeButton->setMenu(m_typeMenu);
    m_typeMenu->installEventFilter(new StayOpenOnTick(m_typeMenu));
    for (const QString &type : RunFormat::runTypes()) {
        QAction *action = m_typeMenu->addAction(RunFormat::runTypeText(type));
        action->setCheckable(true);
        action->setData(type);
        action->setObjectName(QStringLiteral("runType_") + type);
        connect(action, &QAction::toggled, this, [this] {
            if (!m_updating)
                commit();
        });
    }
    m_tags->setObjectName(QStringLiteral("tagsLineEdit"));
    m_tags->setPlaceholderText(tr("Tags: env:prod, customer:*"));
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->setToolTip(tr("Runs with all of these tags, separated by commas: a label "
                          "(nightly), group:label (env:prod) or group:* (any env). Two labels "
                          "of one group match either."));
    enableClearButtonWithText(m_tags);
    auto *tagCompleter = new QCompleter(m_tagModel, this);
    tagCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    tagCompleter->setFilterMode(Qt::MatchContains);
    m_tags->setCompleter(tagCompleter);
    // The completer completes the term being typed, after the last comma.
    connect(tagCompleter, qOverload<const QString &>(&QCompleter::activated), this,
        [this](const QString &chosen) {
            QStringList terms = m_tags->text().split(u',');
            terms.removeLast();
            terms.append(chosen);
            for (QString &term : terms)
                term = term.trimmed();
            m_tags->setText(terms.join(QStringLiteral(", ")));
            commit();
        });
    // A half-typed term (`env:`) is not a filter: tags apply on Enter, on a suggestion picked,
    // or when the field is left, not after every pause in typing.
    connect(m_tags, &QLineEdit::textEdited, this, [tagCompleter](const QString &text) {
        tagCompleter->setCompletionPrefix(text.section(u',', -1).trimmed());
        if (!tagCompleter->completionPrefix().isEmpty())
            tagCompleter->complete();
    });
    connect(m_tags, &QLineEdit::editingFinished, this, [this] {
        QStringList typed;
        for (const QString &term : m_tags->text().split(u',', Qt::SkipEmptyParts))
            typed.append(term.trimmed());
        typed.removeAll(QString());
        if (typed != m_filter.tags)
            commit();
    });

    m_createdPreset->setObjectName(QStringLiteral("createdPresetComboBox"));
    m_createdPreset->setToolTip(tr("Show only runs created in this time"));
    m_createdPreset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_createdPreset->addItem(tr("Created: any time"), 0);
    m_createdPreset->addItem(tr("Created: last hour"), 3600);
    m_createdPreset->addItem(tr("Created: last 24 hours"), 24 * 3600);
    m_createdPreset->addItem(tr("Created: last 7 days"), 7 * 24 * 3600);
    m_createdPreset->addItem(tr("Created: custom days…"), kCustomRange);
    // Whole days: the first from its start, the last to its end (the server's bound is the
    // start of the next day, exclusive).
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDate(QDate::currentDate());
        edit->setToolTip(
            edit == m_from ? tr("First day, from its start") : tr("Last day, to its end"));
        // Hidden until "custom" is chosen, without moving what follows when it is.
        QSizePolicy policy = edit->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        edit->setSizePolicy(policy);
        edit->hide();
    }
    QSizePolicy dashPolicy = m_rangeDash->sizePolicy();
    dashPolicy.setRetainSizeWhenHidden(true);
    m_rangeDash->setSizePolicy(dashPolicy);
    m_rangeDash->hide();
    m_from->setObjectName(QStringLiteral("createdFromEdit"));
    m_to->setObjectName(QStringLiteral("createdToEdit"));
    auto *rangeLayout = new QHBoxLayout(m_dateRange);
    rangeLayout->setContentsMargins(0, 0, 0, 0);
    rangeLayout->addWidget(m_createdPreset);
    rangeLayout->addWidget(m_from);
    rangeLayout->addWidget(m_rangeDash);
    rangeLayout->addWidget(m_to);
    m_dateRange->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    m_dateRange->setVisible(false);

    m_clearButton->setObjectName(QStringLiteral("clearFiltersButton"));
    m_clearButton->setText(tr("Clear filters"));
    m_clearButton->setEnabled(false);

    m_chips->setObjectName(QStringLiteral("filterChips"));
    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    m_chipLayout->setSpacing(6);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_scopeCombo);
    row->addWidget(m_severalButton);
    row->addWidget(m_statusButton);
    row->addWidget(m_typeButton);
    row->addWidget(m_sourceButton);
    row->addWidget(m_search, 20);
    row->addWidget(m_searchLimit);
    row->addWidget(m_errorCode, 10);
    row->addWidget(m_tags, 10);
    // Takes the room of the boxes a source hides, so the rest keep their size on the left.
    row->addStretch(1);
    row->addWidget(m_clearButton);
    // Tab goes left to right as the boxes are laid out, not in the order they were made.
    const QList<QWidget *> order {m_scopeCombo, m_severalButton, m_statusButton, m_typeButton,
        m_sourceButton, m_search, m_errorCode, m_tags, m_clearButton, m_createdPreset, m_from,
        m_to};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
    // The date range and the chips share a second row so the window stays narrow enough to
    // sit beside another on a laptop screen.
    auto *secondRow = new QHBoxLayout;
    secondRow->setContentsMargins(0, 0, 0, 0);
    secondRow->addWidget(m_dateRange);
    secondRow->addWidget(m_chips, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addLayout(secondRow);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kSearchDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &RunFilterBar::commit);
    connect(m_search, &QLineEdit::textEdited, this, [this] {
        updateSearchLimit();
        m_debounce->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, &RunFilterBar::commit);
    connect(m_errorCode, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_errorCode, &QLineEdit::returnPressed, this, &RunFilterBar::commit);
    connect(m_tags, &QLineEdit::returnPressed, this, &RunFilterBar::commit);
    connect(m_createdPreset, &QComboBox::activated, this, [this] {
        showCustomRange();
        commit();
    });
    // A day picked in the calendar or typed applies like typed text does: after a pause, no
    // Enter needed.
    for (QDateEdit *edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (!m_updating)
                m_debounce->start();
        });
        connect(edit, &QDateEdit::editingFinished, this, [this] {
            if (m_debounce->isActive())
                commit();
        });
    }
    // The last day is never before the first.
    connect(m_from, &QDateEdit::dateChanged, m_to, &QDateEdit::setMinimumDate);
    connect(m_clearButton, &QToolButton::clicked, this, &RunFilterBar::clearFilters);
    connect(m_scopeCombo, &QComboBox::activated, this, [this] {
        const QString data = m_scopeCombo->currentData().toString();
        if (data == kChosenWorkflows)
            return; // what the list shows already
        const bool hadSeveral = !m_filter.workflowIds.isEmpty();
        m_filter.workflowIds.clear();
        changeScope(data);
        if (hadSeveral) {
            rebuildChips();
            emit filterChanged(m_filter);
        }
    });
    // Text typed that names no workflow gives way to the one shown.
    connect(m_scopeCombo->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        const int index = m_scopeCombo->currentIndex();
        if (index >= 0 && m_scopeCombo->lineEdit()->text() != m_scopeCombo->itemText(index))
            m_scopeCombo->setEditText(m_scopeCombo->itemText(index));
    });
    updateStatusButton();
    updateTypeButton();
}

void RunFilterBar::setFilter(const RunFilter &filter)
{
    const bool workflowsChanged = filter.workflowIds != m_filter.workflowIds;
    m_filter = filter;
    writeWidgets();
    if (workflowsChanged)
        setWorkflows(m_workflows);
}

void RunFilterBar::setFeatures(const SourceFeatures &features)
{
    m_features = features;
    for (QAction *action : m_statusMenu->actions())
        action->setVisible(features.statuses.contains(RunStatus(action->data().toInt())));
    m_search->setVisible(features.search);
    if (!features.search)
        m_searchLimit->hide();
    m_errorCode->setVisible(features.errorCode);
    m_typeButton->setVisible(features.runTypes);
    m_tags->setVisible(features.tagFilter);
    // A merged list is every workflow of every connection: nothing to pick.
    m_scopeCombo->setVisible(!features.runSource);
    if (features.runSource)
        m_severalButton->hide();
    m_statusButton->setToolTip(features.maxStatuses == 1
            ? tr("Show only runs with this status (this server filters by one at a time)")
            : tr("Show only runs with these statuses"));
    m_sourceMenu->clear();
    for (const QString &name : features.sourceNames) {
        QAction *action = m_sourceMenu->addAction(name);
        action->setCheckable(true);
        action->setData(name);
        action->setChecked(m_filter.sources.contains(name));
        connect(action, &QAction::toggled, this, [this] {
            if (!m_updating)
                commit();
        });
    }
    m_sourceButton->setVisible(!features.sourceNames.isEmpty());
    updateSourceButton();
    setWorkflows(m_workflows);
    updateDateRange();
}

void RunFilterBar::updateDateRange()
{
    m_dateRange->setVisible(!m_scope.isEmpty() && m_features.createdRange);
}

void RunFilterBar::showCustomRange()
{
    const bool custom = m_createdPreset->currentData().toInt() == kCustomRange;
    m_from->setVisible(custom);
    m_rangeDash->setVisible(custom);
    m_to->setVisible(custom);
}

void RunFilterBar::changeScope(const QString &workflowPermanentId)
{
    setScope(workflowPermanentId);
    emit scopeChanged(m_scope);
    if (m_scope.isEmpty() && m_filter.hasCreatedRange())
        commit();
}

QString RunFilterBar::scopeTitle() const
{
    for (const Workflow &workflow : m_workflows) {
        if (workflow.workflowPermanentId == m_scope && !workflow.title.isEmpty())
            return workflow.title;
    }
    return m_scope;
}

void RunFilterBar::setWorkflows(const QList<Workflow> &workflows)
{
    m_workflows = workflows;
    // By name, so a workflow is found where a reader looks for it, not in the server's order.
    QList<Workflow> sorted = workflows;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Workflow &a, const Workflow &b) {
        return a.title.localeAwareCompare(b.title) < 0;
    });
    const QString current = m_scope;
    m_scopeCombo->clear();
    if (m_features.allWorkflowsScope)
        m_scopeCombo->addItem(tr("All workflows"), QString());
    // Several at once where the server lists them together (`GET /v1/runs`), chosen with the
    // button beside the box (an item of its own would open a dialog under the arrow keys).
    const bool several
        = m_features.allWorkflowsScope && m_features.runTypes && workflows.size() > 1;
    if (several && !m_filter.workflowIds.isEmpty())
        m_scopeCombo->addItem(
            tr("%n workflow(s)", nullptr, int(m_filter.workflowIds.size())), kChosenWorkflows);
    m_severalButton->setVisible(several && !m_features.runSource);
    for (const Workflow &workflow : std::as_const(sorted)) {
        m_scopeCombo->addItem(
            workflow.title.isEmpty() ? workflow.workflowPermanentId : workflow.title,
            workflow.workflowPermanentId);
    }
    setScope(current);
}

void RunFilterBar::chooseWorkflows()
{
    auto *picker = new WorkflowPickerDialog(m_workflows,
        m_filter.workflowIds.isEmpty() && !m_scope.isEmpty() ? QStringList {m_scope}
                                                             : m_filter.workflowIds,
        RunFilter::kMaxWorkflows, this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    // Until chosen, the combo shows what the list shows.
    connect(picker, &QDialog::rejected, this, [this] { setScope(m_scope); });
    connect(picker, &QDialog::accepted, this, [this, picker] {
        const QStringList ids = picker->chosen();
        const QString scopeBefore = m_scope;
        const RunFilter before = m_filter;
        // One is the list's scope, as if picked in the combo; several are a filter.
        m_filter.workflowIds = ids.size() > 1 ? ids : QStringList();
        setWorkflows(m_workflows); // the "N workflows" item comes or goes
        setScope(ids.size() == 1 ? ids.constFirst() : QString());
        if (m_scope != scopeBefore)
            emit scopeChanged(m_scope);
        if (m_filter != before)
            emit filterChanged(m_filter);
    });
    picker->open();
}

void RunFilterBar::setScope(const QString &workflowPermanentId)
{
    int index = m_scopeCombo->findData(workflowPermanentId);
    if (workflowPermanentId.isEmpty() && !m_filter.workflowIds.isEmpty())
        index = m_scopeCombo->findData(kChosenWorkflows);
    m_scope = workflowPermanentId;
    if (index >= 0)
        m_scopeCombo->setCurrentIndex(index);
    updateDateRange();
    rebuildChips();
}

void RunFilterBar::addKnownErrorCodes(const QStringList &codes)
{
    bool added = false;
    for (const QString &code : codes) {
        if (!code.isEmpty() && !m_knownCodes.contains(code)) {
            m_knownCodes.append(code);
            added = true;
        }
    }
    if (added) {
        m_knownCodes.sort();
        m_codeModel->setStringList(m_knownCodes);
    }
}

void RunFilterBar::setStatusCounts(const QHash<RunStatus, int> &counts)
{
    m_counts = counts;
    for (QAction *action : m_statusMenu->actions()) {
        const auto status = RunStatus(action->data().toInt());
        const QString name = RunFormat::statusText(status, {});
        const int count = m_counts.value(status, 0);
        // Of the rows on screen, not the server's totals, and said so.
        action->setText(count > 0 ? tr("%1  (%n on screen)", nullptr, count).arg(name) : name);
    }
}

void RunFilterBar::clearFilters()
{
    m_debounce->stop();
    // The scope narrows the list like any filter; where the source can list every workflow it
    // goes back to all of them.
    const bool scopeCleared = m_features.allWorkflowsScope && !m_scope.isEmpty();
    if (scopeCleared)
        setScope(QString());
    const bool hadSeveral = !m_filter.workflowIds.isEmpty();
    m_filter = RunFilter();
    writeWidgets();
    if (hadSeveral)
        setWorkflows(m_workflows); // no "N workflows" item any more
    if (scopeCleared)
        emit scopeChanged(m_scope);
    emit filterChanged(m_filter);
}

void RunFilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void RunFilterBar::readWidgets()
{
    RunFilter filter;
    filter.workflowIds = m_filter.workflowIds; // chosen in a dialog, not a widget of the bar
    for (QAction *action : m_statusMenu->actions()) {
        if (action->isChecked())
            filter.statuses.append(RunStatus(action->data().toInt()));
    }
    for (QAction *action : m_sourceMenu->actions()) {
        if (action->isChecked())
            filter.sources.append(action->data().toString());
    }
    filter.searchKey = m_search->text().trimmed();
    filter.errorCode = m_errorCode->text().trimmed();
    for (QAction *action : m_typeMenu->actions()) {
        if (action->isChecked())
            filter.runTypes.append(action->data().toString());
    }
    for (const QString &term : m_tags->text().split(u',')) {
        // An empty term between two commas is a slip, not a filter; a bad one is kept, so the
        // list says what is wrong with it rather than quietly dropping it.
        if (!term.trimmed().isEmpty() && !filter.tags.contains(term.trimmed()))
            filter.tags.append(term.trimmed());
    }
    const int created = m_createdPreset->currentData().toInt();
    if (!m_scope.isEmpty() && created == kCustomRange) {
        filter.createdAfter = m_from->date().startOfDay().toUTC();
        filter.createdBefore = m_to->date().addDays(1).startOfDay().toUTC();
    } else if (!m_scope.isEmpty() && created > 0) {
        filter.createdWithinSeconds = created;
    }
    m_filter = filter;
}

void RunFilterBar::writeWidgets()
{
    m_updating = true;
    for (QAction *action : m_statusMenu->actions())
        action->setChecked(m_filter.statuses.contains(RunStatus(action->data().toInt())));
    for (QAction *action : m_sourceMenu->actions())
        action->setChecked(m_filter.sources.contains(action->data().toString()));
    m_search->setText(m_filter.searchKey);
    m_errorCode->setText(m_filter.errorCode);
    for (QAction *action : m_typeMenu->actions())
        action->setChecked(m_filter.runTypes.contains(action->data().toString()));
    m_tags->setText(m_filter.tags.join(QStringLiteral(", ")));
    int created = 0;
    if (m_filter.createdWithinSeconds > 0) {
        created = qMax(0, m_createdPreset->findData(m_filter.createdWithinSeconds));
    } else if (m_filter.createdAfter.isValid() || m_filter.createdBefore.isValid()) {
        created = m_createdPreset->findData(kCustomRange);
        const QDate from = m_filter.createdAfter.isValid()
            ? m_filter.createdAfter.toLocalTime().date()
            : QDate(1970, 1, 1);
        // An exclusive bound at a day's start: the day before is the last one shown.
        const QDate to = m_filter.createdBefore.isValid()
            ? m_filter.createdBefore.toLocalTime().addMSecs(-1).date()
            : qMax(QDate::currentDate(), from);
        m_from->setDate(from);
        m_to->setMinimumDate(from);
        m_to->setDate(to);
    }
    m_createdPreset->setCurrentIndex(created);
    showCustomRange();
    m_updating = false;
    updateSearchLimit();
    updateStatusButton();
    updateSourceButton();
    updateTypeButton();
    rebuildChips();
}

void RunFilterBar::commit()
{
    m_debounce->stop();
    // Too long for the server: say so at the field and keep the last filter.
    if (m_search->text().trimmed().size() > RunFilter::kMaxTextLength) {
        updateSearchLimit();
        return;
    }
    const RunFilter before = m_filter;
    readWidgets();
    updateStatusButton();
    updateSourceButton();
    updateTypeButton();
    rebuildChips();
    if (m_filter != before)
        emit filterChanged(m_filter);
}

void RunFilterBar::updateStatusButton()
{
    QStringList names;
    for (RunStatus status : std::as_const(m_filter.statuses))
        names.append(RunFormat::statusText(status, {}));
    if (names.isEmpty())
        m_statusButton->setText(tr("Status: any"));
    else if (names.size() <= 2)
        m_statusButton->setText(tr("Status: %1").arg(names.join(QStringLiteral(", "))));
    else
        m_statusButton->setText(tr("Status: %1 selected").arg(names.size()));
    // The menu arrow is drawn inside the button, over the text's end, unless room is made.
    m_statusButton->setMinimumWidth(
        m_statusButton->fontMetrics().horizontalAdvance(m_statusButton->text())
        + 2 * m_statusButton->style()->pixelMetric(QStyle::PM_MenuButtonIndicator) + 8);
    m_statusButton->setToolTip(names.isEmpty()
            ? tr("Show only runs with these statuses")
            : tr("Showing runs that are %1").arg(names.join(tr(" or "))));
}

void RunFilterBar::updateTypeButton()
{
    QStringList names;
    for (const QString &type : std::as_const(m_filter.runTypes))
        names.append(RunFormat::runTypeText(type));
    if (names.isEmpty())
        m_typeButton->setText(tr("Type: workflows"));
    else if (names.size() <= 2)
        m_typeButton->setText(tr("Type: %1").arg(names.join(QStringLiteral(", "))));
    else
        m_typeButton->setText(tr("Type: %n selected", nullptr, int(names.size())));
    m_typeButton->setMinimumWidth(
        m_typeButton->fontMetrics().horizontalAdvance(m_typeButton->text())
        + 2 * m_typeButton->style()->pixelMetric(QStyle::PM_MenuButtonIndicator) + 8);
    m_typeButton->setToolTip(tr("Which kinds of runs to list: workflow runs (with their failure "
                                "reasons), tasks, computer-use agents"));
}

void RunFilterBar::setTagSuggestions(const QStringList &tags)
{
    m_tagModel->setStringList(tags);
}

void RunFilterBar::updateSourceButton()
{
    const QStringList &names = m_filter.sources;
    if (names.isEmpty())
        m_sourceButton->setText(tr("Source: all"));
    else if (names.size() == 1)
        m_sourceButton->setText(tr("Source: %1").arg(names.constFirst()));
    else
        m_sourceButton->setText(tr("Source: %n selected", nullptr, int(names.size())));
}

void RunFilterBar::updateSearchLimit()
{
    const int length = int(m_search->text().size());
    // Show the limit once it is near, so a long paste is never silently cut.
    m_searchLimit->setVisible(length >= RunFilter::kMaxTextLength - 100);
    m_searchLimit->setText(length > RunFilter::kMaxTextLength
            ? tr("%1/%2: too long, shorten it to search").arg(length).arg(RunFilter::kMaxTextLength)
            : tr("%1/%2").arg(length).arg(RunFilter::kMaxTextLength));
    m_searchLimit->setStyleSheet(length > RunFilter::kMaxTextLength
            ? QStringLiteral("color: %1; font-weight: bold;")
                  .arg(ThemeColors::failureText(palette()).name())
            : QString());
}

void RunFilterBar::rebuildChips()
{
    // A chip's own click handler gets here: it is deleted once that handler has returned,
    // and nameless until then so no one finds it in its place.
    while (QLayoutItem *item = m_chipLayout->takeAt(0)) {
        if (QWidget *chip = item->widget()) {
            chip->hide();
            chip->setObjectName(QString());
            chip->deleteLater();
        }
        delete item;
    }
    // Chips come right after "Clear filters" for Tab, each removed with Space; the keys then
    // go to the next chip (or the one before, after the last).
    QWidget *before = m_clearButton;
    const auto addChip = [this, &before](const QString &text, const QString &name, auto remove) {
        auto *chip = new QToolButton(m_chips);
        chip->setObjectName(name);
        chip->setText(text + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove this filter"));
        chip->setAccessibleName(tr("Remove the filter %1").arg(text));
        chip->setAutoRaise(false);
        chip->setFocusPolicy(Qt::StrongFocus);
        chip->setStyleSheet(kChipStyle);
        const int place = m_chipLayout->count();
        connect(chip, &QToolButton::clicked, this, [this, remove, chip, place] {
            const bool hadFocus = chip->hasFocus();
            remove(m_filter);
            writeWidgets();
            emit filterChanged(m_filter);
            if (!hadFocus)
                return;
            QList<QWidget *> chips; // the layout ends in a stretch
            for (int i = 0; i < m_chipLayout->count(); ++i) {
                if (QWidget *widget = m_chipLayout->itemAt(i)->widget())
                    chips.append(widget);
            }
            if (!chips.isEmpty())
                chips.at(qMin(place, int(chips.size()) - 1))->setFocus(Qt::TabFocusReason);
            else if (m_clearButton->isEnabled())
                m_clearButton->setFocus(Qt::TabFocusReason);
            else if (m_search->isVisible())
                m_search->setFocus(Qt::TabFocusReason); // no filter left: where one begins
        });
        m_chipLayout->addWidget(chip);
        chip->show(); // now, not when the layout gets to it: the keys may move to it at once
        setTabOrder(before, chip);
        before = chip;
    };
    // Many statuses make one chip, so the row stays short.
    if (m_filter.statuses.size() > 3) {
        addChip(tr("Status: %1 selected").arg(m_filter.statuses.size()),
            QStringLiteral("chip_statuses"), [](RunFilter &filter) { filter.statuses.clear(); });
    }
    for (RunStatus status : m_filter.statuses.size() > 3 ? QList<RunStatus>() : m_filter.statuses) {
        addChip(tr("Status: %1").arg(RunFormat::statusText(status, {})),
            QStringLiteral("chip_status_") + runStatusToWire(status),
            [status](RunFilter &filter) { filter.statuses.removeAll(status); });
    }
    for (int i = 0; i < m_filter.sources.size(); ++i) {
        const QString source = m_filter.sources.at(i);
        addChip(tr("Source: %1").arg(source.left(40)), QStringLiteral("chip_source_%1").arg(i),
            [source](RunFilter &filter) { filter.sources.removeAll(source); });
    }
    if (!m_filter.searchKey.isEmpty())
        addChip(tr("Search: “%1”").arg(m_filter.searchKey.left(40)), QStringLiteral("chip_search"),
            [](RunFilter &filter) { filter.searchKey.clear(); });
    if (!m_filter.errorCode.isEmpty())
        addChip(tr("Error code: %1").arg(m_filter.errorCode.left(40)),
            QStringLiteral("chip_error_code"), [](RunFilter &filter) { filter.errorCode.clear(); });
    for (int i = 0; i < m_filter.runTypes.size(); ++i) {
        const QString type = m_filter.runTypes.at(i);
        addChip(tr("Type: %1").arg(RunFormat::runTypeText(type)),
            QStringLiteral("chip_type_%1").arg(type),
            [type](RunFilter &filter) { filter.runTypes.removeAll(type); });
    }
    for (int i = 0; i < m_filter.tags.size(); ++i) {
        const QString tag = m_filter.tags.at(i);
        addChip(tr("Tag: %1").arg(tag.left(40)), QStringLiteral("chip_tag_%1").arg(i),
            [tag](RunFilter &filter) { filter.tags.removeAll(tag); });
    }
    if (m_filter.hasCreatedRange()) {
        QString text;
        if (m_filter.createdWithinSeconds > 0) {
            const int index = m_createdPreset->findData(m_filter.createdWithinSeconds);
            text = index >= 0
                ? m_createdPreset->itemText(index)
                : tr("Created: last %n minute(s)", nullptr, m_filter.createdWithinSeconds / 60);
        } else {
            const QLocale locale;
            const auto day = [&locale](const QDateTime &time) {
                return locale.toString(time.toLocalTime().date(), QLocale::ShortFormat);
            };
            const QString from
                = m_filter.createdAfter.isValid() ? day(m_filter.createdAfter) : QString();
            // The bound is exclusive: the last day shown is the one before it.
            const QString to = m_filter.createdBefore.isValid()
                ? day(m_filter.createdBefore.addMSecs(-1))
                : QString();
            text = from == to ? tr("Created: %1").arg(from) : tr("Created: %1 – %2").arg(from, to);
        }
        addChip(text, QStringLiteral("chip_created"), [](RunFilter &filter) {
            filter.createdAfter = {};
            filter.createdBefore = {};
            filter.createdWithinSeconds = 0;
        });
    }
    if (!m_filter.workflowIds.isEmpty()) {
        QStringList titles;
        for (const QString &id : std::as_const(m_filter.workflowIds)) {
            const auto named = std::find_if(m_workflows.cbegin(), m_workflows.cend(),
                [&id](const Workflow &workflow) { return workflow.workflowPermanentId == id; });
            titles.append(
                named != m_workflows.cend() && !named->title.isEmpty() ? named->title : id);
        }
        const QString shown = titles.mid(0, 2).join(u", "_s)
            + (titles.size() > 2 ? tr(" and %n more", nullptr, int(titles.size() - 2)) : QString());
        addChip(tr("Workflows: %1").arg(shown), u"chip_workflows"_s, [this](RunFilter &filter) {
            filter.workflowIds.clear();
            setWorkflows(m_workflows);
        });
    }
    // The scope narrows the list too; a chip where the source can list every workflow.
    const bool scopeChip = !m_scope.isEmpty() && m_features.allWorkflowsScope;
    if (scopeChip) {
        auto *chip = new QToolButton(m_chips);
        chip->setObjectName(QStringLiteral("chip_scope"));
        chip->setText(tr("Workflow: %1").arg(scopeTitle().left(40)) + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Show the runs of all workflows"));
        chip->setStyleSheet(kChipStyle);
        connect(chip, &QToolButton::clicked, this, [this] { changeScope(QString()); });
        m_chipLayout->insertWidget(0, chip);
    }
    m_chipLayout->addStretch(1);
    m_chips->setVisible(!m_filter.isEmpty() || scopeChip);
    m_clearButton->setEnabled(!m_filter.isEmpty() || scopeChip);
}
