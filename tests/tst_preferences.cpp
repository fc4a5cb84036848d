// Preferences: the rules table's model, and the dialog driven as a person does from Ctrl+,
// through OK, with what it chose applied, stored and read back by the next start.

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

#include "application.h"
#include "mainwindow.h"
#include "notificationcenter.h"
#include "notificationrulemodel.h"
#include "preferencesdialog.h"
#include "runlistmodel.h"
#include "translations.h"

using namespace Qt::StringLiterals;

class TestPreferences : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    LaunchOptions options(const QString &settingsName) const
    {
        LaunchOptions options;
        options.demo = true;
        options.demoTickMs = 3600000;
        options.settingsFile = m_dir.filePath(settingsName);
        options.keychainService = u"RunwatchTest"_s;
        return options;
    }

    template<typename T>
    static T *child(QWidget *parent, const QString &name)
    {
        T *widget = parent->findChild<T *>(name);
        [&] { QVERIFY2(widget, qPrintable(name)); }();
        return widget;
    }

    static void click(QWidget *parent, const QString &button)
    {
        QTest::mouseClick(child<QPushButton>(parent, button), Qt::LeftButton);
    }

    static PreferencesDialog *openPreferences(MainWindow *window)
    {
        QApplication::setActiveWindow(window); // offscreen windows are not activated on their own
        QTest::keyClick(window, Qt::Key_Comma, Qt::ControlModifier);
        PreferencesDialog *dialog = nullptr;
        [&] {
            QTRY_VERIFY((dialog = window->findChild<PreferencesDialog *>()) && dialog->isVisible());
        }();
        return dialog;
    }

private slots:
    void initTestCase()
    {
        Translations::install(qApp, QLocale(QLocale::English));
        QVERIFY(m_dir.isValid());
    }

    void theRulesTableReadsAsRulesAndKeepsItsOrder()
    {
        NotificationRuleModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNames(
            {{u"cloud"_s, u"Skyvern Cloud"_s}}, {{u"wpid_1"_s, u"Auto insurance quote"_s}});
        NotificationRule quiet;
        quiet.action = NotificationRule::Action::Ignore;
        quiet.workflow = u"wpid_1"_s;
        quiet.statuses = {RunStatus::Failed, RunStatus::TimedOut};
        NotificationRule loud;
        loud.connection = u"cloud"_s;
        loud.errorCode = u"CAPTCHA_DETECTED"_s;
        model.insertRule(0, quiet);
        model.insertRule(5, loud); // past the end: last
        const auto cell
            = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, NotificationRuleModel::ActionColumn), u"Stay quiet"_s);
        QCOMPARE(cell(0, NotificationRuleModel::WorkflowColumn), u"Auto insurance quote"_s);
        QCOMPARE(cell(0, NotificationRuleModel::StatusColumn),
            QLocale().createSeparatedList({u"Failed"_s, u"Timed out"_s}));
        QCOMPARE(cell(0, NotificationRuleModel::ConnectionColumn), u"any"_s);
        QCOMPARE(cell(1, NotificationRuleModel::ConnectionColumn), u"Skyvern Cloud"_s);
        QCOMPARE(cell(1, NotificationRuleModel::ErrorCodeColumn), u"CAPTCHA_DETECTED"_s);
        // Unknown ids read as themselves.
        NotificationRule other;
        other.workflow = u"wpid_gone"_s;
        model.setRule(1, other);
        QCOMPARE(cell(1, NotificationRuleModel::WorkflowColumn), u"wpid_gone"_s);
        QVERIFY(model.moveRows({}, 1, 1, {}, 0));
        QCOMPARE(model.rules().first().workflow, u"wpid_gone"_s);
        QVERIFY(!model.moveRows({}, 0, 1, {}, 1)); // onto itself
        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(model.rules().size(), 1);
        QCOMPARE(model.rules().first().action, NotificationRule::Action::Ignore);
    }

    void rulesQuietHoursAndDefaultsChosenInTheDialogAreAppliedAndKept()
    {
        QString workflowId;
        {
            Application app(options(u"prefs.ini"_s));
            app.start();
            MainWindow *window = app.window();
            QVERIFY(QTest::qWaitForWindowExposed(window));
            RunListModel *model = window->runListModel();
            QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 60000);
            QTRY_VERIFY(!window->workflows().isEmpty());
            const Workflow workflow = window->workflows().first();
            workflowId = workflow.workflowPermanentId;

            PreferencesDialog *dialog = openPreferences(window);
            child<QTabWidget>(dialog, {})->setCurrentIndex(1);
            auto *table = child<QTableView>(dialog, u"notificationRulesTable"_s);
            QCOMPARE(table->model()->rowCount(), 0);
            QVERIFY(!child<QWidget>(dialog, u"ruleEditor"_s)->isEnabled()); // nothing to edit
            click(dialog, u"addRuleButton"_s);
            QCOMPARE(table->model()->rowCount(), 1);
            // A new rule is about failures; the user narrows it to one workflow, kept quiet.
            QVERIFY(child<QCheckBox>(dialog, u"ruleStatus_failed"_s)->isChecked());
            auto *action = child<QComboBox>(dialog, u"ruleActionComboBox"_s);
            action->setFocus();
            QTest::keyClick(action, Qt::Key_Down); // Stay quiet
            auto *workflowBox = child<QComboBox>(dialog, u"ruleWorkflowComboBox"_s);
            workflowBox->setCurrentIndex(workflowBox->findText(workflow.title));
            QTest::mouseClick(child<QCheckBox>(dialog, u"ruleStatus_timed_out"_s), Qt::LeftButton);
            QCOMPARE(
                table->model()->index(0, NotificationRuleModel::WorkflowColumn).data().toString(),
                workflow.title);
            QCOMPARE(
                table->model()->index(0, NotificationRuleModel::ActionColumn).data().toString(),
                u"Stay quiet"_s);
            // A second rule, by error code typed in lower case, moved to the top.
            click(dialog, u"addRuleButton"_s);
            auto *code = child<QLineEdit>(dialog, u"ruleErrorCodeEdit"_s);
            QTest::keyClicks(code, u"captcha_detected"_s);
            QTest::keyClicks(code, u" !"_s); // not an error code's characters: refused
            auto *tag = child<QLineEdit>(dialog, u"ruleTagEdit"_s);
            QTest::keyClicks(tag, u"env::prod"_s); // a second colon is refused as typed
            click(dialog, u"moveRuleUpButton"_s);
            QCOMPARE(
                table->model()->index(0, NotificationRuleModel::ErrorCodeColumn).data().toString(),
                u"CAPTCHA_DETECTED"_s);

            // A connection marked important, quiet hours from 21:30.
            auto *important = child<QListWidget>(dialog, u"importantConnectionsList"_s);
            QVERIFY(important->count() >= 2); // both demo connections
            important->item(0)->setCheckState(Qt::Checked);
            child<QGroupBox>(dialog, u"quietHoursGroup"_s)->setChecked(true);
            child<QTimeEdit>(dialog, u"quietFromEdit"_s)->setTime(QTime(21, 30));

            // The test notification is told at once.
            QSignalSpy told(app.notifications(), &NotificationCenter::told);
            click(dialog, u"testNotificationButton"_s);
            QCOMPARE(told.count(), 1);

            QTest::mouseClick(
                child<QDialogButtonBox>(dialog, {})->button(QDialogButtonBox::Ok), Qt::LeftButton);
            QTRY_VERIFY(!window->findChild<PreferencesDialog *>());
            const NotificationPolicy policy = app.notificationPolicy();
            QCOMPARE(policy.rules.size(), 2);
            QCOMPARE(policy.rules.at(0).errorCode, u"CAPTCHA_DETECTED"_s);
            QCOMPARE(policy.rules.at(0).tag, u"env:prod"_s);
            QCOMPARE(policy.rules.at(1).action, NotificationRule::Action::Ignore);
            QCOMPARE(policy.rules.at(1).workflow, workflowId);
            QCOMPARE(policy.rules.at(1).statuses,
                (QSet<RunStatus> {RunStatus::Failed, RunStatus::Terminated, RunStatus::TimedOut}
                        .subtract({RunStatus::TimedOut})));
            QCOMPARE(policy.importantConnections.size(), 1);
            QVERIFY(policy.quietHoursOn);
            QCOMPARE(policy.quietFrom, QTime(21, 30));
            QVERIFY(policy.isQuiet(QDateTime(QDate(2026, 11, 30), QTime(23, 0))));

            // Cancel keeps nothing.
            dialog = openPreferences(window);
            child<QTabWidget>(dialog, {})->setCurrentIndex(1);
            child<QTableView>(dialog, u"notificationRulesTable"_s)->selectRow(0);
            click(dialog, u"removeRuleButton"_s);
            dialog->reject();
            QCOMPARE(app.notificationPolicy().rules.size(), 2);
        }
        // The next start reads them back.
        Application again(options(u"prefs.ini"_s));
        QCOMPARE(again.notificationPolicy().rules.size(), 2);
        QCOMPARE(again.notificationPolicy().rules.at(1).workflow, workflowId);
        QCOMPARE(again.notificationPolicy().quietFrom, QTime(21, 30));
    }

    void generalPageSetsTheThemeAndWhatClosingDoes()
    {
        Application app(options(u"general.ini"_s));
        app.start();
        MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        PreferencesDialog *dialog = openPreferences(window);
        auto *theme = child<QComboBox>(dialog, u"themeComboBox"_s);
        QCOMPARE(theme->currentData().toInt(), int(Theme::System));
        theme->setCurrentIndex(theme->findData(int(Theme::Dark)));
        dialog->accept();
        // The window is dark now, and View → Theme says so.
        QTRY_VERIFY(window->palette().color(QPalette::Window).lightness() < 100);
        QVERIFY(window->findChild<QAction *>(u"theme_dark"_s)->isChecked());
        theme = child<QComboBox>(openPreferences(window), u"themeComboBox"_s);
        QCOMPARE(theme->currentData().toInt(), int(Theme::Dark));
        theme->setCurrentIndex(theme->findData(int(Theme::System)));
        window->findChild<PreferencesDialog *>()->accept();
        QTRY_VERIFY(window->palette().color(QPalette::Window).lightness() > 100);
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
