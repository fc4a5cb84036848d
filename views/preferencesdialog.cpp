#include "preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QTimeEdit>
#include <QVBoxLayout>

#include "notificationrulemodel.h"
#include "runformat.h"

using namespace Qt::StringLiterals;

namespace {
// The statuses a run can end in: what a rule can be about.
QList<RunStatus> endStatuses()
{
    QList<RunStatus> statuses;
    for (RunStatus status : allRunStatuses()) {
        if (status != RunStatus::Unknown && !isActiveStatus(status))
            statuses.append(status);
    }
    return statuses;
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
} // namespace

PreferencesDialog::PreferencesDialog(const Preferences &preferences,
    const QList<Choice> &connections, const QList<Choice> &workflows, bool trayAvailable,
    QWidget *parent)
    : QDialog(parent)
    , m_start(preferences)
    , m_connections(connections)
    , m_workflows(workflows)
    , m_rules(new NotificationRuleModel(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"preferencesDialog"_s);
    setWindowTitle(tr("Preferences"));
    QHash<QString, QString> connectionNames;
    for (const Choice &choice : connections)
        connectionNames.insert(choice.id, choice.name);
    QHash<QString, QString> workflowNames;
    for (const Choice &choice : workflows)
        workflowNames.insert(choice.id, choice.name);
    m_rules->setNames(connectionNames, workflowNames);
    m_rules->setRules(preferences.notifications.rules);

    m_tabs->addTab(makeGeneralPage(trayAvailable), tr("&General"));
    m_tabs->addTab(makeNotificationsPage(), tr("&Notifications"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(800, 760);
}

void PreferencesDialog::showNotificationsPage()
{
    m_tabs->setCurrentIndex(1);
}

QWidget *PreferencesDialog::makeGeneralPage(bool trayAvailable)
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_theme = new QComboBox(page);
    m_theme->setObjectName(u"themeComboBox"_s);
    m_theme->addItem(tr("As the desktop"), int(Theme::System));
    m_theme->addItem(tr("Light"), int(Theme::Light));
    m_theme->addItem(tr("Dark"), int(Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(m_start.theme)));
    form->addRow(tr("&Theme:"), m_theme);
    m_onClose = new QComboBox(page);
    m_onClose->setObjectName(u"onCloseComboBox"_s);
    m_onClose->addItem(tr("Ask the first time"), int(Preferences::OnClose::Ask));
    m_onClose->addItem(tr("Keep Runwatch in the tray"), int(Preferences::OnClose::KeepInTray));
    m_onClose->addItem(tr("Quit Runwatch"), int(Preferences::OnClose::Quit));
    m_onClose->setCurrentIndex(m_onClose->findData(int(m_start.onClose)));
    m_onClose->setEnabled(trayAvailable);
    form->addRow(tr("&Closing the window:"), m_onClose);
    form->addRow(QString(),
        hint(trayAvailable ? tr("In the tray Runwatch goes on watching your runs and tells you "
                                "when they end; quit it from the tray's menu.")
                           : tr("This desktop shows no tray: closing the window quits Runwatch."),
            page));
    return page;
}

QWidget *PreferencesDialog::makeNotificationsPage()
{
    const NotificationPolicy &policy = m_start.notifications;
    // Scrolls on a small screen rather than pushing OK and Cancel out of reach.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    scroll->setWidget(page);
    auto *layout = new QVBoxLayout(page);

    auto *defaults = new QGroupBox(tr("Tell me"), page);
    auto *defaultsLayout = new QVBoxLayout(defaults);
    m_watchedRunsEnd = new QCheckBox(tr("When a run I &launched here or watch ends"), defaults);
    m_watchedRunsEnd->setObjectName(u"watchedRunsEndCheckBox"_s);
    m_watchedRunsEnd->setChecked(policy.watchedRunsEnd);
    defaultsLayout->addWidget(m_watchedRunsEnd);
    auto *importantLabel = new QLabel(tr("When any run &fails on these connections:"), defaults);
    defaultsLayout->addWidget(importantLabel);
    m_important = new QListWidget(defaults);
    m_important->setObjectName(u"importantConnectionsList"_s);
    importantLabel->setBuddy(m_important);
    for (const Choice &connection : m_connections) {
        auto *item = new QListWidgetItem(connection.name, m_important);
        item->setData(Qt::UserRole, connection.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(
            policy.importantConnections.contains(connection.id) ? Qt::Checked : Qt::Unchecked);
    }
    m_important->setMaximumHeight(
        m_important->sizeHintForRow(0) * 4 + 2 * m_important->frameWidth());
    defaultsLayout->addWidget(m_important);
    layout->addWidget(defaults);

    auto *rules = new QGroupBox(tr("Rules"), page);
    auto *rulesLayout = new QVBoxLayout(rules);
    rulesLayout->addWidget(hint(tr("The first rule that matches a run that ended decides; when "
                                   "none does, the choices above do."),
        rules));
    m_ruleTable = new QTableView(rules);
    m_ruleTable->setObjectName(u"notificationRulesTable"_s);
    m_ruleTable->setAccessibleName(tr("Notification rules"));
    m_ruleTable->setModel(m_rules);
    m_ruleTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ruleTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_ruleTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ruleTable->verticalHeader()->hide();
    m_ruleTable->setWordWrap(false);
    m_ruleTable->setIconSize(QSize(10, 10));
    m_ruleTable->horizontalHeader()->setStretchLastSection(true);
    m_ruleTable->horizontalHeader()->setHighlightSections(false);
    for (const auto &[column, width] : {std::pair {NotificationRuleModel::ActionColumn, 90},
             std::pair {NotificationRuleModel::ConnectionColumn, 110},
             std::pair {NotificationRuleModel::WorkflowColumn, 130},
             std::pair {NotificationRuleModel::StatusColumn, 150},
             std::pair {NotificationRuleModel::ErrorCodeColumn, 120}})
        m_ruleTable->setColumnWidth(column, width);
    m_ruleTable->setMinimumHeight(120);
    auto *ruleButtons = new QHBoxLayout;
    auto *addRule = new QPushButton(tr("&Add rule"), rules);
    addRule->setObjectName(u"addRuleButton"_s);
    m_removeRule = new QPushButton(tr("&Remove"), rules);
    m_removeRule->setObjectName(u"removeRuleButton"_s);
    m_ruleUp = new QPushButton(tr("Move &up"), rules);
    m_ruleUp->setObjectName(u"moveRuleUpButton"_s);
    m_ruleDown = new QPushButton(tr("Move &down"), rules);
    m_ruleDown->setObjectName(u"moveRuleDownButton"_s);
    for (QPushButton *button : {addRule, m_removeRule, m_ruleUp, m_ruleDown})
        ruleButtons->addWidget(button);
    ruleButtons->addStretch(1);
    rulesLayout->addWidget(m_ruleTable, 1);
    rulesLayout->addLayout(ruleButtons);
    rulesLayout->addWidget(makeRuleEditor());
    layout->addWidget(rules, 1);

    connect(addRule, &QPushButton::clicked, this, [this] {
        NotificationRule rule;
        rule.statuses = {RunStatus::Failed, RunStatus::Terminated, RunStatus::TimedOut};
        const int row = m_rules->insertRule(currentRuleRow() + 1, rule);
        m_ruleTable->selectRow(row);
        m_ruleAction->setFocus(Qt::TabFocusReason); // on to say what it is about
    });
    connect(m_removeRule, &QPushButton::clicked, this, [this] {
        const int row = currentRuleRow();
        if (row < 0)
            return;
        m_rules->removeRows(row, 1);
        if (m_rules->rowCount() > 0)
            m_ruleTable->selectRow(qMin(row, m_rules->rowCount() - 1));
        updateRuleButtons();
    });
    const auto move = [this](int by) {
        const int row = currentRuleRow();
        const int to = row + by;
        if (row < 0 || to < 0 || to >= m_rules->rowCount())
            return;
        m_rules->moveRows({}, row, 1, {}, by > 0 ? to + 1 : to);
        m_ruleTable->selectRow(to);
        updateRuleButtons(); // the current rule moved with its row: no change is signalled
    };
    connect(m_ruleUp, &QPushButton::clicked, this, [move] { move(-1); });
    connect(m_ruleDown, &QPushButton::clicked, this, [move] { move(1); });
    connect(m_ruleTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { loadRule(current.row()); });
    connect(m_rules, &QAbstractItemModel::modelReset, this, &PreferencesDialog::updateRuleButtons);

    m_quietHours = new QGroupBox(tr("&Quiet hours"), page);
    m_quietHours->setObjectName(u"quietHoursGroup"_s);
    m_quietHours->setCheckable(true);
    m_quietHours->setChecked(policy.quietHoursOn);
    auto *quietLayout = new QHBoxLayout(m_quietHours);
    m_quietFrom = new QTimeEdit(policy.quietFrom, m_quietHours);
    m_quietFrom->setObjectName(u"quietFromEdit"_s);
    m_quietUntil = new QTimeEdit(policy.quietUntil, m_quietHours);
    m_quietUntil->setObjectName(u"quietUntilEdit"_s);
    for (QTimeEdit *edit : {m_quietFrom, m_quietUntil})
        edit->setDisplayFormat(u"HH:mm"_s);
    auto *fromLabel = new QLabel(tr("No notifications from"), m_quietHours);
    fromLabel->setBuddy(m_quietFrom);
    auto *untilLabel = new QLabel(tr("until"), m_quietHours);
    untilLabel->setBuddy(m_quietUntil);
    quietLayout->addWidget(fromLabel);
    quietLayout->addWidget(m_quietFrom);
    quietLayout->addWidget(untilLabel);
    quietLayout->addWidget(m_quietUntil);
    quietLayout->addStretch(1);
    layout->addWidget(m_quietHours);

    auto *bottom = new QHBoxLayout;
    m_paused = new QCheckBox(page);
    m_paused->setObjectName(u"pausedCheckBox"_s);
    const bool paused
        = policy.pausedUntil.isValid() && policy.pausedUntil > QDateTime::currentDateTime();
    m_paused->setChecked(paused);
    m_paused->setVisible(paused); // set from the tray; here it can only be lifted
    if (paused)
        m_paused->setText(
            tr("&Paused until %1")
                .arg(QLocale().toString(policy.pausedUntil.time(), QLocale::ShortFormat)));
    bottom->addWidget(m_paused);
    bottom->addStretch(1);
    auto *test = new QPushButton(tr("&Send a test notification"), page);
    test->setObjectName(u"testNotificationButton"_s);
    connect(test, &QPushButton::clicked, this, &PreferencesDialog::testNotificationRequested);
    bottom->addWidget(test);
    layout->addLayout(bottom);

    updateRuleButtons();
    if (m_rules->rowCount() > 0)
        m_ruleTable->selectRow(0);
    return scroll;
}

QWidget *PreferencesDialog::makeRuleEditor()
{
    m_ruleEditor = new QWidget(this);
    m_ruleEditor->setObjectName(u"ruleEditor"_s);
    auto *form = new QFormLayout(m_ruleEditor);
    form->setContentsMargins(0, 0, 0, 0);
    m_ruleAction = new QComboBox(m_ruleEditor);
    m_ruleAction->setObjectName(u"ruleActionComboBox"_s);
    m_ruleAction->addItem(tr("Notify"), int(NotificationRule::Action::Notify));
    m_ruleAction->addItem(tr("Stay quiet"), int(NotificationRule::Action::Ignore));
    form->addRow(tr("T&hen:"), m_ruleAction);
    m_ruleConnection = new QComboBox(m_ruleEditor);
    m_ruleConnection->setObjectName(u"ruleConnectionComboBox"_s);
    m_ruleConnection->addItem(tr("Any connection"), QString());
    for (const Choice &connection : std::as_const(m_connections))
        m_ruleConnection->addItem(connection.name, connection.id);
    form->addRow(tr("C&onnection:"), m_ruleConnection);
    m_ruleWorkflow = new QComboBox(m_ruleEditor);
    m_ruleWorkflow->setObjectName(u"ruleWorkflowComboBox"_s);
    m_ruleWorkflow->setEditable(true); // a workflow not loaded yet can be named by its id
    m_ruleWorkflow->setInsertPolicy(QComboBox::NoInsert);
    m_ruleWorkflow->addItem(tr("Any workflow"), QString());
    for (const Choice &workflow : std::as_const(m_workflows))
        m_ruleWorkflow->addItem(workflow.name, workflow.id);
    m_ruleWorkflow->setToolTip(tr("Pick a workflow, or type its id (wpid_…)"));
    form->addRow(tr("&Workflow:"), m_ruleWorkflow);
    auto *statuses = new QWidget(m_ruleEditor);
    auto *statusLayout = new QHBoxLayout(statuses);
    statusLayout->setContentsMargins(0, 0, 0, 0);
    for (RunStatus status : endStatuses()) {
        auto *box = new QCheckBox(RunFormat::statusText(status, {}), statuses);
        box->setObjectName(u"ruleStatus_"_s + runStatusToWire(status));
        box->setProperty("status", int(status));
        statusLayout->addWidget(box);
        m_ruleStatuses.append(box);
        connect(box, &QCheckBox::toggled, this, &PreferencesDialog::storeRule);
    }
    statusLayout->addStretch(1);
    form->addRow(tr("Ends as:"), statuses);
    m_anyEnd = hint(tr("None ticked: however it ends."), m_ruleEditor);
    form->addRow(QString(), m_anyEnd);
    m_ruleErrorCode = new QLineEdit(m_ruleEditor);
    m_ruleErrorCode->setObjectName(u"ruleErrorCodeEdit"_s);
    m_ruleErrorCode->setPlaceholderText(tr("Any; or one, such as CAPTCHA_DETECTED"));
    m_ruleErrorCode->setValidator(new QRegularExpressionValidator(
        QRegularExpression(u"[A-Za-z0-9_.:-]{0,100}"_s), m_ruleErrorCode));
    form->addRow(tr("&Error code:"), m_ruleErrorCode);
    m_ruleTag = new QLineEdit(m_ruleEditor);
    m_ruleTag->setObjectName(u"ruleTagEdit"_s);
    m_ruleTag->setPlaceholderText(
        tr("Any; or env:prod, env:* (any env) or a label such as nightly"));
    // A label, or a group and a label (or * for any in the group): what the server filters by.
    m_ruleTag->setValidator(new QRegularExpressionValidator(
        QRegularExpression(u"[^:\\s][^:]{0,99}(:([^:\\s][^:]{0,99}|\\*)?)?"_s), m_ruleTag));
    form->addRow(tr("&Tag:"), m_ruleTag);

    connect(m_ruleAction, &QComboBox::currentIndexChanged, this, &PreferencesDialog::storeRule);
    connect(m_ruleConnection, &QComboBox::currentIndexChanged, this, &PreferencesDialog::storeRule);
    connect(m_ruleWorkflow, &QComboBox::currentTextChanged, this, &PreferencesDialog::storeRule);
    connect(m_ruleErrorCode, &QLineEdit::textChanged, this, &PreferencesDialog::storeRule);
    connect(m_ruleTag, &QLineEdit::textChanged, this, &PreferencesDialog::storeRule);
    // Error codes are upper case: typed so, as they will be matched.
    connect(m_ruleErrorCode, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text == text.toUpper())
            return;
        const int cursor = m_ruleErrorCode->cursorPosition();
        m_ruleErrorCode->setText(text.toUpper());
        m_ruleErrorCode->setCursorPosition(cursor);
    });
    return m_ruleEditor;
}

int PreferencesDialog::currentRuleRow() const
{
    const QModelIndex current = m_ruleTable->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void PreferencesDialog::loadRule(int row)
{
    updateRuleButtons();
    if (row < 0)
        return;
    const NotificationRule rule = m_rules->ruleAt(row);
    m_loadingRule = true;
    m_ruleAction->setCurrentIndex(m_ruleAction->findData(int(rule.action)));
    int connection = m_ruleConnection->findData(rule.connection);
    if (connection < 0) { // a connection since removed: kept, by its id
        m_ruleConnection->addItem(rule.connection, rule.connection);
        connection = m_ruleConnection->count() - 1;
    }
    m_ruleConnection->setCurrentIndex(connection);
    const int workflow = m_ruleWorkflow->findData(rule.workflow);
    if (workflow >= 0)
        m_ruleWorkflow->setCurrentIndex(workflow);
    else
        m_ruleWorkflow->setEditText(rule.workflow);
    for (QCheckBox *box : std::as_const(m_ruleStatuses))
        box->setChecked(rule.statuses.contains(RunStatus(box->property("status").toInt())));
    m_ruleErrorCode->setText(rule.errorCode);
    m_ruleTag->setText(rule.tag);
    m_anyEnd->setVisible(rule.statuses.isEmpty());
    m_loadingRule = false;
}

void PreferencesDialog::storeRule()
{
    const int row = currentRuleRow();
    if (m_loadingRule || row < 0)
        return;
    NotificationRule rule;
    rule.action = NotificationRule::Action(m_ruleAction->currentData().toInt());
    rule.connection = m_ruleConnection->currentData().toString();
    // A name from the list stands for its id; anything typed is taken as an id.
    const QString typed = m_ruleWorkflow->currentText().trimmed();
    const int listed = m_ruleWorkflow->findText(typed, Qt::MatchExactly);
    rule.workflow = listed >= 0 ? m_ruleWorkflow->itemData(listed).toString() : typed;
    for (QCheckBox *box : std::as_const(m_ruleStatuses)) {
        if (box->isChecked())
            rule.statuses.insert(RunStatus(box->property("status").toInt()));
    }
    rule.errorCode = m_ruleErrorCode->text().trimmed().toUpper();
    rule.tag = m_ruleTag->text().trimmed();
    if (rule.tag.endsWith(u':'))
        rule.tag.chop(1); // half written: the group alone is no tag yet
    m_rules->setRule(row, rule);
    m_anyEnd->setVisible(rule.statuses.isEmpty());
}

void PreferencesDialog::updateRuleButtons()
{
    const int row = currentRuleRow();
    m_ruleEditor->setEnabled(row >= 0);
    m_removeRule->setEnabled(row >= 0);
    m_ruleUp->setEnabled(row > 0);
    m_ruleDown->setEnabled(row >= 0 && row + 1 < m_rules->rowCount());
}

Preferences PreferencesDialog::preferences() const
{
    Preferences preferences = m_start;
    preferences.theme = Theme(m_theme->currentData().toInt());
    preferences.onClose = Preferences::OnClose(m_onClose->currentData().toInt());
    NotificationPolicy &policy = preferences.notifications;
    policy.rules = m_rules->rules();
    policy.watchedRunsEnd = m_watchedRunsEnd->isChecked();
    policy.importantConnections.clear();
    for (int row = 0; row < m_important->count(); ++row) {
        const QListWidgetItem *item = m_important->item(row);
        if (item->checkState() == Qt::Checked)
            policy.importantConnections.insert(item->data(Qt::UserRole).toString());
    }
    policy.quietHoursOn = m_quietHours->isChecked();
    policy.quietFrom = m_quietFrom->time();
    policy.quietUntil = m_quietUntil->time();
    if (!m_paused->isHidden() && !m_paused->isChecked())
        policy.pausedUntil = {};
    return preferences;
}
