// Desktop notifications over a private session bus, to a small notification service of the
// test's own that records every Notify and can send ActionInvoked: one ended run is told with
// its workflow, reason and code and an action that opens it; a burst of twenty failures is one
// digest; without a service nothing fails; and in the whole application a watched demo run that
// ends is told, and the action selects it.

#include <optional>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QMenu>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "application.h"
#include "mainwindow.h"
#include "notificationcenter.h"
#include "rundetailpane.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "translations.h"
#include "traycontroller.h"

using namespace Qt::StringLiterals;

/** The freedesktop Notifications service, as far as Runwatch uses it; it remembers each call. */
class FakeNotifications final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString summary;
        QString body;
        QStringList actions;
        int urgency = -1;
        uint id = 0;
    };
    QList<Call> calls;

public slots:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
        const QString &summary, const QString &body, const QStringList &actions,
        const QVariantMap &hints, int expireTimeout)
    {
        Q_UNUSED(appName);
        Q_UNUSED(replacesId);
        Q_UNUSED(appIcon);
        Q_UNUSED(expireTimeout);
        calls.append(
            {summary, body, actions, hints.value(u"urgency"_s).toInt(), uint(calls.size() + 1)});
        return calls.last().id;
    }
    QStringList GetCapabilities() { return {u"actions"_s, u"body"_s}; }

signals:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};

class TestNotifications : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QProcess m_bus;
    FakeNotifications m_service;
    std::unique_ptr<QDBusConnection> m_serviceConnection;

    static RunEvent failedRun(int i, const QString &code)
    {
        RunEvent event;
        event.connectionId = u"prod"_s;
        event.connectionName = u"Skyvern Cloud"_s;
        event.run.workflowRunId = u"wr_%1"_s.arg(i);
        event.run.workflowTitle = u"Auto insurance quote"_s;
        event.run.status = RunStatus::Failed;
        event.run.statusText = u"failed"_s;
        event.run.failureReason = u"The <b>quote</b> page showed a CAPTCHA"_s;
        event.previous = RunStatus::Running;
        event.errorCodes = {code};
        return event;
    }

    bool registerService()
    {
        return m_serviceConnection->registerService(u"org.freedesktop.Notifications"_s);
    }

private slots:
    void initTestCase()
    {
        Translations::install(qApp, QLocale(QLocale::English)); // "20 runs", as the app says it
        const QString busDaemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
        if (busDaemon.isEmpty())
            QSKIP("dbus-daemon is needed (scripts/deps installs it)");
        QVERIFY(QDir(m_home.path()).mkpath(u"runtime"_s));
        QFile::setPermissions(
            m_home.filePath(u"runtime"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_home.filePath(u"runtime"_s).toUtf8());
        m_bus.start(
            busDaemon, {u"--session"_s, u"--nofork"_s, u"--nopidfile"_s, u"--print-address=1"_s});
        QVERIFY(m_bus.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY(!address.isEmpty());
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        // The service on a connection of its own, so calls to it go through the bus.
        m_serviceConnection = std::make_unique<QDBusConnection>(
            QDBusConnection::connectToBus(QString::fromUtf8(address), u"fake-service"_s));
        QVERIFY(m_serviceConnection->isConnected());
        QVERIFY(m_serviceConnection->registerObject(u"/org/freedesktop/Notifications"_s, &m_service,
            QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
        QVERIFY(registerService());
    }

    void cleanupTestCase()
    {
        if (m_bus.state() != QProcess::NotRunning) {
            m_bus.terminate();
            m_bus.waitForFinished(5000);
        }
    }

    void init() { m_service.calls.clear(); }

    void oneEndedRunIsToldWithItsWorkflowReasonCodeAndAnOpenAction()
    {
        NotificationCenter center;
        center.setDigestWindow(50);
        QVERIFY(center.isServiceAvailable());
        QSignalSpy open(&center, &NotificationCenter::openRequested);
        center.add(failedRun(1, u"CAPTCHA_DETECTED"_s));
        QTRY_COMPARE(m_service.calls.size(), 1);
        const FakeNotifications::Call call = m_service.calls.first();
        QCOMPARE(call.summary, u"Failed: Auto insurance quote"_s);
        QCOMPARE(call.body,
            u"Auto insurance quote on Skyvern Cloud\nThe &lt;b&gt;quote&lt;/b&gt; page showed a "
            "CAPTCHA\nCAPTCHA_DETECTED"_s);
        QCOMPARE(call.urgency, 2); // a failure is critical
        QVERIFY(call.actions.contains(u"open"_s));

        // Its action opens the run.
        QTest::qWait(200); // the reply with the id is in
        emit m_service.ActionInvoked(call.id, u"open"_s);
        QTRY_COMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toString(), u"prod"_s);
        QCOMPARE(open.first().at(1).toString(), u"wr_1"_s);
        // Another notification's action is not this one's.
        emit m_service.ActionInvoked(call.id + 100, u"open"_s);
        QTest::qWait(200);
        QCOMPARE(open.count(), 1);

        // A completed run is normal, not critical.
        RunEvent completed = failedRun(2, {});
        completed.run.status = RunStatus::Completed;
        completed.run.statusText = u"completed"_s;
        completed.run.failureReason.clear();
        completed.errorCodes.clear();
        center.add(completed);
        QTRY_COMPARE(m_service.calls.size(), 2);
        QCOMPARE(m_service.calls.last().urgency, 1);
        QCOMPARE(m_service.calls.last().body, u"Auto insurance quote on Skyvern Cloud"_s);
    }

    void aBurstOfTwentyFailuresIsOneDigest()
    {
        NotificationCenter center;
        center.setDigestWindow(300);
        for (int i = 0; i < 20; ++i)
            center.add(failedRun(i, i < 9 ? u"CAPTCHA_DETECTED"_s : u"LOGIN_FAILED_%1"_s.arg(i)));
        QTRY_COMPARE(m_service.calls.size(), 1);
        QTest::qWait(500);
        QCOMPARE(m_service.calls.size(), 1);
        QCOMPARE(m_service.calls.first().summary,
            u"20 runs failed on Skyvern Cloud, 9 with CAPTCHA_DETECTED"_s);
        QVERIFY(m_service.calls.first().body.contains(u"and 15 more"_s));
        QVERIFY(m_service.calls.first().actions.isEmpty()); // no one run to open
    }

    void withoutANotificationServiceNothingFailsAndTheWindowStillSays()
    {
        QVERIFY(m_serviceConnection->unregisterService(u"org.freedesktop.Notifications"_s));
        NotificationCenter center;
        center.setDigestWindow(50);
        QVERIFY(!center.isServiceAvailable());
        QSignalSpy told(&center, &NotificationCenter::told);
        center.add(failedRun(1, u"CAPTCHA_DETECTED"_s));
        QTRY_COMPARE(told.count(), 1);
        QCOMPARE(center.lastSummary(), u"Failed: Auto insurance quote"_s);
        // The Notify call is asynchronous: a blocking call on the same connection is answered
        // only after the bus has routed (and refused) it, so re-registering cannot catch it late.
        QVERIFY(QDBusConnection::sessionBus().interface()->isServiceRegistered(
            u"org.freedesktop.DBus"_s));
        QCOMPARE(m_service.calls.size(), 0);
        QVERIFY(registerService());
    }

    void aWatchedRunThatEndsIsToldAndItsActionSelectsIt()
    {
        LaunchOptions options;
        options.demo = true;
        options.demoTickMs = 100; // demo runs move on quickly
        options.settingsFile = m_home.filePath(u"watch.ini"_s);
        options.keychainService = u"RunwatchTest"_s;
        Application app(options);
        app.start();
        MainWindow *window = app.window();
        RunListModel *model = window->runListModel();
        const auto activeRun = [model]() -> const WorkflowRun * {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (isActiveStatus(model->runAt(row)->status))
                    return model->runAt(row);
            }
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && activeRun(), 60000);
        const WorkflowRun watched = *activeRun();
        // Watched from its row's menu, as a user does.
        window->selectRun(watched.workflowRunId);
        auto *table = window->findChild<QTableView *>(u"runTableView"_s);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier);
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = window->findChild<QMenu *>(u"runRowMenu"_s)) && menu->isVisible());
        QAction *watch = menu->findChild<QAction *>(u"watchRunAction"_s);
        QVERIFY(watch && watch->text().remove(u'&').startsWith(u"Watch"_s));
        watch->trigger();
        menu->close();
        QVERIFY(app.isWatched(watched));
        app.notifications()->setDigestWindow(50);
        // It ends on the server; the next poll finds it and it is told.
        QVERIFY(!watched.workflowTitle.isEmpty());
        // Its own notification, whatever else the demo's quick runs bring meanwhile.
        const auto told = [this, &watched]() -> std::optional<FakeNotifications::Call> {
            for (const FakeNotifications::Call &call : std::as_const(m_service.calls)) {
                if (call.summary.endsWith(u": "_s + watched.workflowTitle))
                    return call;
            }
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(told(), 120000);
        const FakeNotifications::Call call = *told();
        QVERIFY(!isActiveStatus(model->runAt(model->rowOfRun(watched.workflowRunId))->status));
        QVERIFY(!app.isWatched(watched)); // watched until it ended

        // Another run is shown; the notification's action brings the watched one back.
        window->selectRun(model->runAt(model->rowCount() - 1)->workflowRunId);
        auto *pane = window->findChild<RunDetailPane *>();
        QTRY_VERIFY(pane->runId() != watched.workflowRunId);
        QTest::qWait(200);
        emit m_service.ActionInvoked(call.id, u"open"_s);
        QTRY_COMPARE(pane->runId(), watched.workflowRunId);

        // The tray lists it, and pausing there for an hour quiets every notification.
        bool listed = false;
        for (QAction *action : app.tray()->menu()->actions())
            listed = listed || action->data().toString() == watched.workflowRunId;
        QVERIFY(listed);
        app.tray()->menu()->findChild<QAction *>(u"trayPauseAction"_s)->trigger();
        const QDateTime now = QDateTime::currentDateTime();
        QVERIFY(app.notificationPolicy().isQuiet(now.addSecs(3500)));
        QVERIFY(!app.notificationPolicy().isQuiet(now.addSecs(3700)));
        QVERIFY(app.tray()->toolTip().contains(u"paused until"_s));
    }

    void inQuietHoursAWatchedRunEndsUntold()
    {
        LaunchOptions options;
        options.demo = true;
        options.demoTickMs = 3600000; // runs end only when cancelled here
        options.settingsFile = m_home.filePath(u"quiet.ini"_s);
        options.keychainService = u"RunwatchTest"_s;
        Application app(options);
        app.start();
        RunListModel *model = app.window()->runListModel();
        const WorkflowRun *active = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 60000);
        for (int row = 0; row < model->rowCount() && !active; ++row) {
            if (isActiveStatus(model->runAt(row)->status))
                active = model->runAt(row);
        }
        QVERIFY(active);
        const WorkflowRun watched = *active;
        // Quiet from an hour ago to an hour from now (spanning midnight when it is late).
        NotificationPolicy policy = app.notificationPolicy();
        policy.quietHoursOn = true;
        policy.quietFrom = QTime::currentTime().addSecs(-3600);
        policy.quietUntil = QTime::currentTime().addSecs(3600);
        app.setNotificationPolicy(policy);
        app.watch(watched, true);
        app.notifications()->setDigestWindow(50);

        SkyvernClient server(app.demoServerUrl(), app.demoApiKey());
        bool cancelled = false;
        server.cancelRun(watched.workflowRunId, this,
            [&cancelled](const ApiResult<bool> &result) { cancelled = result.ok(); });
        QTRY_VERIFY(cancelled);
        // Its end is seen (the watch is over) and nothing is sent.
        QTRY_VERIFY_WITH_TIMEOUT(!app.isWatched(watched), 20000);
        QTest::qWait(300);
        QCOMPARE(m_service.calls.size(), 0);
        QVERIFY(app.notifications()->lastSummary().isEmpty());
    }
};

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
