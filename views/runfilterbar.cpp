#include "runfilterbar.h"

#include <memory>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QStringListModel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "runformat.h"

namespace {
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
    , m_statusButton(new QToolButton(this))
    , m_statusMenu(new QMenu(this))
    , m_search(new QLineEdit(this))
    , m_searchLimit(new QLabel(this))
    , m_errorCode(new QLineEdit(this))
    , m_codeModel(new QStringListModel(this))
    , m_afterCheck(new QCheckBox(tr("Created after"), this))
    , m_after(new QDateTimeEdit(this))
    , m_beforeCheck(new QCheckBox(tr("before"), this))
    , m_before(new QDateTimeEdit(this))
    , m_dateRange(new QWidget(this))
    , m_clearButton(new QToolButton(this))
    , m_chips(new QWidget(this))
    , m_chipLayout(new QHBoxLayout(m_chips))
    , m_debounce(new QTimer(this))
{
    m_scopeCombo->setObjectName(QStringLiteral("scopeComboBox"));
    m_scopeCombo->setToolTip(tr("Show runs of all workflows or of one"));
    m_scopeCombo->setMinimumContentsLength(22);
    m_scopeCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scopeCombo->addItem(tr("All workflows"), QString());

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

    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setPlaceholderText(tr("Search run id, parameters, headers…"));
    enableClearButtonWithText(m_search);
    m_search->setMinimumWidth(200);
    m_searchLimit->setObjectName(QStringLiteral("searchLimitLabel"));
    m_searchLimit->hide();

    m_errorCode->setObjectName(QStringLiteral("errorCodeLineEdit"));
    m_errorCode->setPlaceholderText(tr("Error code (exact)"));
    enableClearButtonWithText(m_errorCode);
    m_errorCode->setMaxLength(RunFilter::kMaxTextLength);
    auto *completer = new QCompleter(m_codeModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_errorCode->setCompleter(completer);

    for (QDateTimeEdit *edit : {m_after, m_before}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setDateTime(QDateTime::currentDateTime());
        edit->setEnabled(false);
    }
    m_after->setObjectName(QStringLiteral("createdAfterEdit"));
    m_before->setObjectName(QStringLiteral("createdBeforeEdit"));
    m_afterCheck->setObjectName(QStringLiteral("createdAfterCheckBox"));
    m_beforeCheck->setObjectName(QStringLiteral("createdBeforeCheckBox"));
    auto *rangeLayout = new QHBoxLayout(m_dateRange);
    rangeLayout->setContentsMargins(0, 0, 0, 0);
    rangeLayout->addWidget(m_afterCheck);
    rangeLayout->addWidget(m_after);
    rangeLayout->addWidget(m_beforeCheck);
    rangeLayout->addWidget(m_before);
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
    row->addWidget(m_statusButton);
    row->addWidget(m_search, 20);
    row->addWidget(m_searchLimit);
    row->addWidget(m_errorCode, 10);
    // Takes the room of the boxes a source hides, so the rest keep their size on the left.
    row->addStretch(1);
    row->addWidget(m_clearButton);
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
    for (QCheckBox *check : {m_afterCheck, m_beforeCheck}) {
        connect(check, &QCheckBox::toggled, this, [this] {
            m_after->setEnabled(m_afterCheck->isChecked());
            m_before->setEnabled(m_beforeCheck->isChecked());
            if (!m_updating)
                commit();
        });
    }
    for (QDateTimeEdit *edit : {m_after, m_before}) {
        connect(edit, &QDateTimeEdit::editingFinished, this, [this] {
            if (!m_updating)
                commit();
        });
    }
    connect(m_clearButton, &QToolButton::clicked, this, &RunFilterBar::clearFilters);
    connect(m_scopeCombo, &QComboBox::activated, this, [this] {
        m_scope = m_scopeCombo->currentData().toString();
        updateDateRange();
        emit scopeChanged(m_scope);
        if (m_scope.isEmpty()
            && (m_filter.createdAfter.isValid() || m_filter.createdBefore.isValid()))
            commit();
    });
    updateStatusButton();
}

void RunFilterBar::setFilter(const RunFilter &filter)
{
    m_filter = filter;
    writeWidgets();
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
    // A merged list is every workflow of every connection: nothing to pick.
    m_scopeCombo->setVisible(!features.runSource);
    m_statusButton->setToolTip(features.maxStatuses == 1
            ? tr("Show only runs with this status (this server filters by one at a time)")
            : tr("Show only runs with these statuses"));
    setWorkflows(m_workflows);
    updateDateRange();
}

void RunFilterBar::updateDateRange()
{
    m_dateRange->setVisible(!m_scope.isEmpty() && m_features.createdRange);
}

void RunFilterBar::setWorkflows(const QList<Workflow> &workflows)
{
    m_workflows = workflows;
    const QString current = m_scope;
    m_scopeCombo->clear();
    if (m_features.allWorkflowsScope)
        m_scopeCombo->addItem(tr("All workflows"), QString());
    for (const Workflow &workflow : workflows)
        m_scopeCombo->addItem(workflow.title, workflow.workflowPermanentId);
    setScope(current);
}

void RunFilterBar::setScope(const QString &workflowPermanentId)
{
    const int index = m_scopeCombo->findData(workflowPermanentId);
    m_scope = workflowPermanentId;
    if (index >= 0)
        m_scopeCombo->setCurrentIndex(index);
    updateDateRange();
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
    m_filter = RunFilter();
    writeWidgets();
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
    for (QAction *action : m_statusMenu->actions()) {
        if (action->isChecked())
            filter.statuses.append(RunStatus(action->data().toInt()));
    }
    filter.searchKey = m_search->text().trimmed();
    filter.errorCode = m_errorCode->text().trimmed();
    if (!m_scope.isEmpty() && m_afterCheck->isChecked())
        filter.createdAfter = m_after->dateTime().toUTC();
    if (!m_scope.isEmpty() && m_beforeCheck->isChecked())
        filter.createdBefore = m_before->dateTime().toUTC();
    m_filter = filter;
}

void RunFilterBar::writeWidgets()
{
    m_updating = true;
    for (QAction *action : m_statusMenu->actions())
        action->setChecked(m_filter.statuses.contains(RunStatus(action->data().toInt())));
    m_search->setText(m_filter.searchKey);
    m_errorCode->setText(m_filter.errorCode);
    m_afterCheck->setChecked(m_filter.createdAfter.isValid());
    m_beforeCheck->setChecked(m_filter.createdBefore.isValid());
    if (m_filter.createdAfter.isValid())
        m_after->setDateTime(m_filter.createdAfter.toLocalTime());
    if (m_filter.createdBefore.isValid())
        m_before->setDateTime(m_filter.createdBefore.toLocalTime());
    m_updating = false;
    updateSearchLimit();
    updateStatusButton();
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
    m_statusButton->setToolTip(names.isEmpty()
            ? tr("Show only runs with these statuses")
            : tr("Showing runs that are %1").arg(names.join(tr(" or "))));
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
            ? QStringLiteral("color: #b3261e; font-weight: bold;")
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
    const auto addChip = [this](const QString &text, const QString &name, auto remove) {
        auto *chip = new QToolButton(m_chips);
        chip->setObjectName(name);
        chip->setText(text + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove this filter"));
        chip->setAutoRaise(false);
        chip->setStyleSheet(
            QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 10px;"
                           " padding: 1px 8px; background: palette(alternate-base); }"));
        connect(chip, &QToolButton::clicked, this, [this, remove] {
            remove(m_filter);
            writeWidgets();
            emit filterChanged(m_filter);
        });
        m_chipLayout->addWidget(chip);
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
    if (!m_filter.searchKey.isEmpty())
        addChip(tr("Search: “%1”").arg(m_filter.searchKey.left(40)), QStringLiteral("chip_search"),
            [](RunFilter &filter) { filter.searchKey.clear(); });
    if (!m_filter.errorCode.isEmpty())
        addChip(tr("Error code: %1").arg(m_filter.errorCode.left(40)),
            QStringLiteral("chip_error_code"), [](RunFilter &filter) { filter.errorCode.clear(); });
    if (m_filter.createdAfter.isValid())
        addChip(
            tr("Created after %1")
                .arg(QLocale().toString(m_filter.createdAfter.toLocalTime(), QLocale::ShortFormat)),
            QStringLiteral("chip_created_after"),
            [](RunFilter &filter) { filter.createdAfter = {}; });
    if (m_filter.createdBefore.isValid())
        addChip(tr("Created before %1")
                    .arg(QLocale().toString(
                        m_filter.createdBefore.toLocalTime(), QLocale::ShortFormat)),
            QStringLiteral("chip_created_before"),
            [](RunFilter &filter) { filter.createdBefore = {}; });
    m_chipLayout->addStretch(1);
    m_chips->setVisible(!m_filter.isEmpty());
    m_clearButton->setEnabled(!m_filter.isEmpty());
}
