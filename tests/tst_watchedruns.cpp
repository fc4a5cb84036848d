// Watched runs: the model behind the Watched panel, the panel itself, the poller that follows
// each watched run on its own connection, and watches that outlive the application.

#include <memory>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDockWidget>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "application.h"
#include "backgroundlistpoller.h"
#include "mainwindow.h"
#include "notificationcenter.h"
#include "rundetailpane.h"
#include "runlistmodel.h"
#include "translations.h"
#include "watchedrunmodel.h"
#include "watchedrunpoller.h"

using namespace Qt::StringLiterals;

namespace {
WatchedRunModel::Entry entry(const QString &connection, const QString &runId,
    RunStatus status = RunStatus::Unknown, const QString &title = {})
{
    WatchedRunModel::Entry entry;
    entry.connectionId = connection;
    entry.connectionName = connection + u" server"_s;
    entry.run.workflowRunId = runId;
    entry.run.status = status;
    entry.run.workflowTitle = title;
    return entry;
}
} // namespace

class TestWatchedRuns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    LaunchOptions options(const QString &settingsName, int tickMs) const
    {
        LaunchOptions options;
        options.demo = true;
        options.demoTickMs = tickMs;
        options.settingsFile = m_dir.filePath(settingsName);
        options.keychainService = u"RunwatchTest"_s;
        return options;
    }

    static const WorkflowRun *activeRun(RunListModel *model)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (isActiveStatus(model->runAt(row)->status))
                return model->runAt(row);
        }
        return nullptr;
    }

    /** Runwatch on the demo, its window shown, once an active run is listed. */
    std::unique_ptr<Application> startWithActiveRun(const QString &settingsName, int tickMs) const
    {
        auto app = std::make_unique<Application>(options(settingsName, tickMs));
        app->start();
        MainWindow *window = app->window();
        window->resize(1300, 800);
        window->show();
        [&] {
            QVERIFY(QTest::qWaitForWindowExposed(window));
            RunListModel *model = window->runListModel();
            QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && activeRun(model), 60000);
        }();
        return app;
    }

    static QTreeView *watchedList(Application &app)
    {
        return app.window()->findChild<QTreeView *>(u"watchedRunsList"_s);
    }

private slots:
    void initTestCase()
    {
        Translations::install(qApp, QLocale(QLocale::English));
        QVERIFY(m_dir.isValid());
    }

    void theModelListsNewestWatchFirstAndSaysStatusAndProblems()
    {
        WatchedRunModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.watch(entry(u"cloud"_s, u"wr_1"_s, RunStatus::Running, u"Quote"_s));
        model.watch(entry(u"b3os"_s, u"wr_2"_s));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.keys(), (QStringList {u"b3os/wr_2"_s, u"cloud/wr_1"_s}));
        // Not known yet: its id; known: workflow, then status (and start) and connection.
        QCOMPARE(model.index(0).data().toString(), u"wr_2\nb3os server"_s);
        QCOMPARE(model.index(1).data().toString(), u"Quote\nRunning · cloud server"_s);
        QVERIFY(model.index(1).data(Qt::ToolTipRole).toString().contains(u"cloud server"_s));
        // Watching it again changes nothing but what is known.
        model.watch(entry(u"cloud"_s, u"wr_1"_s, RunStatus::Queued, u"Quote"_s));
        QCOMPARE(model.rowCount(), 2);

        // An answer without a title keeps the one known; the previous state comes back.
        WorkflowRun now;
        now.workflowRunId = u"wr_1"_s;
        now.status = RunStatus::Failed;
        WorkflowRun previous;
        model.update(u"cloud"_s, now, &previous);
        QCOMPARE(previous.status, RunStatus::Queued);
        QCOMPARE(model.index(1).data().toString(), u"Quote\nFailed · cloud server"_s);

        model.setProblem(u"b3os"_s, u"wr_2"_s, u"The server did not answer."_s);
        QVERIFY(model.index(0).data().toString().startsWith(u"⚠"_s));
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(u"did not answer"_s));
        // The same run id on another connection is another run.
        QVERIFY(!model.contains(u"b3os"_s, u"wr_1"_s));
        QVERIFY(!model.unwatch(u"b3os"_s, u"wr_1"_s));
        QVERIFY(model.unwatch(u"cloud"_s, u"wr_1"_s));
        QCOMPARE(model.keys(), QStringList {u"b3os/wr_2"_s});
    }

    void aWatchedRunOnAConnectionOutOfSightIsStillToldWhenItEnds()
    {
        const auto started = startWithActiveRun(u"outofsight.ini"_s, 150);
        Application &app = *started;
        MainWindow *window = app.window();
        RunListModel *model = window->runListModel();
        QVERIFY(activeRun(model));
        QVERIFY(!window->watchedPanel()->isVisible()); // nothing watched: out of the way
        const WorkflowRun watched = *activeRun(model);
        app.watchedRunPoller()->setInterval(200);
        app.watch(watched, true);

        // The panel opens with it, its status and workflow.
        QTreeView *list = watchedList(app);
        QTRY_VERIFY(window->watchedPanel()->isVisible());
        QCOMPARE(list->model()->rowCount(), 1);
        QTRY_VERIFY(list->model()->index(0, 0).data().toString().contains(watched.workflowTitle));

        // The user looks at the other connection; the watched run ends on the first.
        app.showConnection(u"demo-platform"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 20000);
        QVERIFY(model->rowOfRun(watched.workflowRunId) < 0);
        QSignalSpy told(app.notifications(), &NotificationCenter::told);
        app.notifications()->setDigestWindow(50);
        QTRY_VERIFY_WITH_TIMEOUT(told.count() > 0, 120000);
        QVERIFY2(told.first().first().toString().endsWith(watched.workflowTitle),
            qPrintable(told.first().first().toString()));
        QTRY_COMPARE(list->model()->rowCount(), 0); // watched until it ended
        QVERIFY(!window->watchedPanel()->isVisible()); // it opened by itself, and goes by itself
        QVERIFY(!app.isWatched(watched));
        QTest::qWait(600); // further polls and the list's own refresh tell nothing more
        QCOMPARE(told.count(), 1);
    }

    void aFailureOnAnImportantConnectionOutOfSightIsTold()
    {
        const auto started = startWithActiveRun(u"important.ini"_s, 150);
        Application &app = *started;
        RunListModel *model = app.window()->runListModel();
        app.showConnection(u"demo-platform"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 20000);
        app.importantConnectionPoller()->setInterval(300);
        app.notifications()->setDigestWindow(50);
        QSignalSpy told(app.notifications(), &NotificationCenter::told);
        NotificationPolicy policy = app.notificationPolicy();
        policy.watchedRunsEnd = false;
        policy.importantConnections = {u"demo"_s}; // the Skyvern demo, not shown
        app.setNotificationPolicy(policy);
        // Runs of the demo fail now and then; one is told though its list is not on screen.
        QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), 90000);
        const QString summary = told.first().first().toString();
        QVERIFY2(summary.startsWith(u"Failed"_s) || summary.startsWith(u"Timed out"_s)
                || summary.startsWith(u"Terminated"_s) || summary.contains(u"failed"_s),
            qPrintable(summary));
        QCOMPARE(app.currentConnection(), u"demo-platform"_s);
    }

    void choosingAWatchedRunOpensItOnItsConnection()
    {
        const auto started = startWithActiveRun(u"choose.ini"_s, 3600000);
        Application &app = *started;
        MainWindow *window = app.window();
        RunListModel *model = window->runListModel();
        QVERIFY(activeRun(model));
        const WorkflowRun watched = *activeRun(model);
        app.watch(watched, true);
        app.showConnection(u"demo-platform"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 20000);

        // A click on it in the panel: back on its connection, the run selected.
        QTreeView *list = watchedList(app);
        QTRY_VERIFY(list->isVisible() && list->model()->rowCount() == 1);
        const QRect rect = list->visualRect(list->model()->index(0, 0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(app.currentConnection(), u"demo"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            window->findChild<RunDetailPane *>()->runId(), watched.workflowRunId, 20000);

        // Delete stops watching it.
        list->setFocus();
        list->setCurrentIndex(list->model()->index(0, 0));
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(list->model()->rowCount(), 0);
        QVERIFY(!app.isWatched(watched));
        QTRY_VERIFY(!window->watchedPanel()->isVisible());
        // F9 brings it back, saying how runs come to be watched, and hides it again.
        QApplication::setActiveWindow(window);
        QTest::keyClick(window, Qt::Key_F9);
        QTRY_VERIFY(window->watchedPanel()->isVisible());
        QVERIFY(window->findChild<QWidget *>(u"watchedRunsEmptyLabel"_s)->isVisible());
        QTest::keyClick(window, Qt::Key_F9);
        QTRY_VERIFY(!window->watchedPanel()->isVisible());
        // Closed by the user, it stays closed when a run is watched; F9 still opens it.
        app.watch(watched, true);
        QTest::qWait(100);
        QVERIFY(!window->watchedPanel()->isVisible());
    }

    void watchesOutliveTheApplication()
    {
        WorkflowRun watched;
        {
            Application app(options(u"restart.ini"_s, 3600000));
            app.start();
            RunListModel *model = app.window()->runListModel();
            QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && activeRun(model), 60000);
            watched = *activeRun(model);
            app.watch(watched, true);
        }
        Application app(options(u"restart.ini"_s, 3600000));
        app.start();
        // Listed before the first answer, by its id.
        QTreeView *list = watchedList(app);
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->model()->index(0, 0).data(WatchedRunModel::RunIdRole).toString(),
            watched.workflowRunId);
        // Its workflow was saved with it; its status is asked for once the connection is up.
        QVERIFY(list->model()->index(0, 0).data().toString().contains(watched.workflowTitle));
        QTRY_VERIFY(list->model()->index(0, 0).data().toString().contains(u"Demo Skyvern"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            list->model()->index(0, 0).data(WatchedRunModel::StatusRole).toInt(),
            int(watched.status), 20000);
        RunListModel *model = app.window()->runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 20000);
        QVERIFY(app.isWatched(watched));
    }
};

QTEST_MAIN(TestWatchedRuns)
#include "tst_watchedruns.moc"
