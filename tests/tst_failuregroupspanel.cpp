// The Failure groups panel in the window, against a real demo server: opened with F8, it looks
// up the codes of the loaded failures, a click on a group narrows the list to its runs (Escape
// shows all again), "Last 24 hours" pages back until the day is covered, and a merged list with
// the second platform groups every connection's failures.

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "demoplatformserver.h"
#include "failuregroupmodel.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "rundetailpane.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/testserver.h"
#include "translations.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

class TestFailureGroupsPanel : public QObject
{
    Q_OBJECT

    TestServer m_server;

    static int failedRows(const RunListModel *model)
    {
        int failed = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            failed += isFailedStatus(model->runAt(row)->status) ? 1 : 0;
        return failed;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.isStarted());
        Translations::install(qApp, QLocale(QLocale::English));
    }

    void aClickedGroupNarrowsTheListAndEscapeShowsAll()
    {
        SkyvernClient client(m_server.server()->baseUrl(), m_server.server()->apiKey());
        MainWindow window;
        window.resize(1500, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSource(&client);
        RunListModel *model = window.runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), 20000);
        FailureGroupModel *groups = window.failureGroups();
        QAbstractItemModelTester tester(
            groups, QAbstractItemModelTester::FailureReportingMode::Fatal);

        // F8 opens the panel, which looks up the codes of every loaded failure.
        QVERIFY(!window.failureGroupsPanel()->isVisible());
        QApplication::setActiveWindow(&window);
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        // The list has the keys from the start, not the workflow picker before it.
        QTRY_COMPARE(QApplication::focusWidget(), table);
        // A run that did not fail, shown in the pane: the group chosen below hides it.
        int succeeded = -1;
        for (int row = 0; row < table->model()->rowCount() && succeeded < 0; ++row) {
            if (!isFailedStatus(model->runAt(row)->status))
                succeeded = row;
        }
        QVERIFY(succeeded >= 0);
        table->selectRow(succeeded);
        auto *detail = window.findChild<RunDetailPane *>();
        QCOMPARE(detail->runId(), model->runAt(succeeded)->workflowRunId);
        QTest::keyClick(table, Qt::Key_F8);
        QTRY_VERIFY(window.failureGroupsPanel()->isVisible());
        const int failures = failedRows(model);
        QVERIFY(failures > 3);
        QCOMPARE(groups->failureCount(), failures);
        QTRY_COMPARE_WITH_TIMEOUT(groups->failuresWithKnownCodes(), failures, 20000);
        auto *caption = window.findChild<QLabel *>(u"failureCoverageLabel"_s);
        QCOMPARE(caption->text(),
            u"%1 failures in the %2 newest runs loaded"_s.arg(failures).arg(model->rowCount()));

        // The biggest group with a code, clicked: the list shows exactly its runs.
        auto *tree = window.findChild<QTreeView *>(u"failureGroupsTreeView"_s);
        QModelIndex group;
        for (int row = 0; row < groups->rowCount() && !group.isValid(); ++row) {
            if (!groups->index(row, 0).data(FailureGroupModel::ErrorCodeRole).toString().isEmpty())
                group = groups->index(row, 0);
        }
        QVERIFY(group.isValid());
        const QString code = group.data(FailureGroupModel::ErrorCodeRole).toString();
        const int count = groups->index(group.row(), FailureGroupModel::RunsColumn).data().toInt();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(group).center());
        QTRY_COMPARE(table->model()->rowCount(), count);
        // The run shown before is not among the group's: the pane no longer shows it.
        QVERIFY(detail->runId().isEmpty());
        for (int row = 0; row < count; ++row) {
            const QString codes
                = table->model()->index(row, RunListModel::ErrorCodesColumn).data().toString();
            QVERIFY2(codes.startsWith(code), qPrintable(codes));
        }
        QVERIFY(window.findChild<QLabel *>(u"statusLabel"_s)
                    ->text()
                    .contains(u"%1 shown of one failure group"_s.arg(count)));
        QVERIFY(window.findChild<QPushButton *>(u"showAllRunsButton"_s)->isVisible());

        // Escape in the panel: every run again.
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Escape);
        QTRY_COMPARE(table->model()->rowCount(), model->rowCount());
        QVERIFY(!window.findChild<QPushButton *>(u"showAllRunsButton"_s)->isVisible());
        // F8 again closes the panel; the keys go back to the list.
        QTest::keyClick(tree, Qt::Key_F8);
        QTRY_VERIFY(!window.failureGroupsPanel()->isVisible());
        QCOMPARE(QApplication::focusWidget(), table);
        window.failureGroupsPanel()->show();

        // The last 24 hours: older pages until the oldest loaded run is a day old.
        const int pagesBefore = model->loadedPages();
        QTest::mouseClick(window.findChild<QPushButton *>(u"loadLastDayButton"_s), Qt::LeftButton);
        auto *progress = window.findChild<QLabel *>(u"failureLoadProgressLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(progress->text().startsWith(u"Loaded back to"_s)
                || progress->text().startsWith(u"Every run"_s),
            30000);
        QVERIFY(model->loadedPages() > pagesBefore);
        const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addSecs(-24 * 3600);
        QVERIFY(model->isExhausted() || model->runAt(model->rowCount() - 1)->orderTime() <= dayAgo);
        // One page fewer would not have covered it.
        QVERIFY(model->runAt(model->rowCount() - 1 - model->pageSize())->orderTime() > dayAgo);
        QCOMPARE(groups->failureCount(), failedRows(model));
        QVERIFY(caption->text().contains(u"in the %1 newest runs loaded"_s.arg(model->rowCount())));
        window.setSource(nullptr);
    }

    void aMergedListGroupsTheFailuresOfEveryConnection()
    {
        SkyvernClient client(m_server.server()->baseUrl(), m_server.server()->apiKey());
        QVERIFY(m_server.server()->platform());
        WorkflowPlatformClient platform(m_server.server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MergedRunSource merged({{&client, u"Skyvern"_s, {}, u"cloud"_s},
            {&platform, u"Platform"_s, DemoPlatformServer::workflowIds().constFirst(), u"ops"_s}});
        MainWindow window;
        window.resize(1500, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.failureGroupsPanel()->show();
        window.setSource(&merged);
        RunListModel *model = window.runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), 20000);
        FailureGroupModel *groups = window.failureGroups();
        int platformFailures = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const WorkflowRun *run = model->runAt(row);
            platformFailures += run->source == "Platform"_L1 && isFailedStatus(run->status);
        }
        QVERIFY(platformFailures > 0);
        QCOMPARE(groups->failureCount(), failedRows(model));
        // The platform tells no codes: its failures wait under "No error code", named by key.
        QModelIndex none;
        for (int row = 0; row < groups->rowCount(); ++row) {
            if (groups->index(row, 0).data(FailureGroupModel::ErrorCodeRole).toString().isEmpty())
                none = groups->index(row, 0);
        }
        QVERIFY(none.isValid());
        const QStringList keys = none.data(FailureGroupModel::RunKeysRole).toStringList();
        int platformKeys = 0;
        for (const QString &key : keys)
            platformKeys += key.startsWith(u"Platform\n"_s) ? 1 : 0;
        QCOMPARE(platformKeys, platformFailures);
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestFailureGroupsPanel)
#include "tst_failuregroupspanel.moc"
