// The whole application across restarts: the view and window come back as they were left,
// a new connection is saved without its key, and without a keychain the key is asked again.
// runwatch:// links open their run (or say why not), and a second start hands its link to the
// first, checked with the real binary as the second process.

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "application.h"
#include "connectiondialog.h"
#include "mainwindow.h"
#include "rundetailpane.h"
#include "runlink.h"
#include "runlistmodel.h"
#include "runrowmenu.h"
#include "settings.h"
#include "singleinstance.h"
#include "skyvernclient.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

class TestApplication : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;

    LaunchOptions options(const char *settingsName, bool demo) const
    {
        LaunchOptions options;
        options.demo = demo;
        options.demoTickMs = 3600000;
        options.settingsFile = m_dir.filePath(QString::fromLatin1(settingsName));
        options.keychainService = u"RunwatchTest"_s;
        return options;
    }

    QString serverName() const
    {
        const QUrl url = m_server->server()->baseUrl();
        return url.host() + u':' + QString::number(url.port());
    }

    template<typename T>
    static T *child(QWidget *parent, const QString &name)
    {
        T *widget = parent->findChild<T *>(name);
        [&] { QVERIFY2(widget, qPrintable(name)); }();
        return widget;
    }

    static void waitForRows(Application &app)
    {
        RunListModel *model = app.window()->runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), 60000);
    }

    static ConnectionDialog *openDialog(Application &app)
    {
        ConnectionDialog *dialog = nullptr;
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(
                (dialog = app.window()->findChild<ConnectionDialog *>(u"connectionDialog"_s)),
                30000);
            QTRY_VERIFY(dialog->isVisible());
        }();
        return dialog;
    }

    static void fillAndConnect(ConnectionDialog *dialog, const QString &address, const QString &key)
    {
        auto *custom = child<QRadioButton>(dialog, u"customRadioButton"_s);
        QTest::mouseClick(custom, Qt::LeftButton, {}, QPoint(8, custom->height() / 2));
        auto *server = child<QLineEdit>(dialog, u"serverLineEdit"_s);
        server->selectAll();
        QTest::keyClicks(server, address);
        auto *apiKey = child<QLineEdit>(dialog, u"apiKeyLineEdit"_s);
        apiKey->selectAll();
        QTest::keyClicks(apiKey, key);
        auto *buttons = child<QDialogButtonBox>(dialog, u"buttonBox"_s);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        // A bare machine: no keychain service answers.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_dir.filePath(u"no-bus"_s).toUtf8());
        m_server = std::make_unique<TestServer>(3600000, 200);
        QVERIFY(m_server->isStarted());
    }

    void minimizedStartsMinimisedAndStillLoadsTheList()
    {
        QString error;
        LaunchOptions parsed
            = LaunchOptions::parse({u"runwatch"_s, u"--demo"_s, u"--minimized"_s}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(parsed.minimized);
        LaunchOptions minimized = options("minimized.ini", true);
        minimized.minimized = parsed.minimized;
        Application app(minimized);
        app.start();
        QVERIFY(app.window()->isMinimized());
        waitForRows(app); // the first page is loaded all the same
    }

    void runwatchLinksOpenTheirRunAndBadOnesSaySoAndOpenNothing()
    {
        Application app(options("links.ini", true));
        app.start();
        waitForRows(app);
        MainWindow *window = app.window();
        RunListModel *model = window->runListModel();
        auto *pane = window->findChild<RunDetailPane *>();
        auto *notice = child<QLabel>(window, u"noticeLabel"_s);

        // A listed run: selected at once, the window to the front.
        const QString listed = model->runAt(3)->workflowRunId;
        app.openLinks({u"runwatch://run/demo/"_s + listed}, true);
        QTRY_COMPARE(pane->runId(), listed);

        // The row menu copies the link that does the same.
        auto *table = child<QTableView>(window, u"runTableView"_s);
        const QModelIndex row = table->currentIndex();
        const QPoint position = table->visualRect(row).center();
        QContextMenuEvent event(
            QContextMenuEvent::Mouse, position, table->viewport()->mapToGlobal(position));
        QApplication::sendEvent(table->viewport(), &event);
        RunRowMenu *menu = nullptr;
        QTRY_VERIFY((menu = window->findChild<RunRowMenu *>()) && menu->isVisible());
        auto *copy = menu->findChild<QAction *>(u"copyRunwatchLinkAction"_s);
        QVERIFY(copy && copy->isVisible());
        copy->trigger();
        menu->close();
        QString error;
        const std::optional<RunLink> copied
            = RunLink::parse(QApplication::clipboard()->text(), &error);
        QVERIFY2(copied, qPrintable(error));
        QCOMPARE(copied->connection, u"demo"_s);
        QCOMPARE(copied->runId, listed);

        // From another connection: switched to, and the run selected in its first page as it
        // comes, without narrowing the list.
        app.showConnection(u"demo-platform"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 20000);
        app.openLinks({u"runwatch://run/demo/"_s + listed}, false);
        QCOMPARE(app.currentConnection(), u"demo"_s);
        QTRY_COMPARE_WITH_TIMEOUT(pane->runId(), listed, 20000);
        QVERIFY(window->filter().searchKey.isEmpty());
        QVERIFY(!notice->isVisible() || !notice->text().contains(listed));

        // A run far down the list: the server's search finds it, and it is selected.
        SkyvernClient demo(app.demoServerUrl(), app.demoApiKey());
        RunQuery query;
        query.page = 4;
        std::optional<RunPage> page;
        demo.listRuns(query, this, [&page](const ApiResult<RunPage> &result) {
            if (result.ok())
                page = result.value;
        });
        QTRY_VERIFY(page && !page->runs.isEmpty());
        const QString old = page->runs.first().workflowRunId;
        QVERIFY(model->rowOfRun(old) < 0);
        app.openLinks({u"runwatch://run/demo/"_s + old}, false);
        QTRY_COMPARE_WITH_TIMEOUT(pane->runId(), old, 20000);
        QCOMPARE(window->filter().searchKey, old);

        // A connection this Runwatch does not have: said, nothing opened.
        app.openLinks({u"runwatch://run/elsewhere/wr_1"_s}, false);
        QVERIFY(notice->isVisible() && notice->text().contains(u"elsewhere"_s));
        QCOMPARE(pane->runId(), old);
        QCOMPARE(app.currentConnection(), u"demo"_s);

        // Links that are not links: each says why, none opens anything.
        const QStringList bad {u"https://example.com/run/demo/wr_1"_s, u"runwatch://run/demo"_s,
            u"runwatch://run/demo/wr_1/more"_s, u"runwatch://run/demo/wr 1"_s,
            u"runwatch://run/demo/wr_1?open=all"_s, u"runwatch://jobs/demo/wr_1"_s,
            u"runwatch://run/demo/"_s + QString(10 * 1024, u'a')};
        QStringList reasons;
        for (const QString &link : bad) {
            app.openLinks({link}, false);
            QVERIFY2(notice->text().startsWith(u"Could not open the link"_s),
                qPrintable(notice->text()));
            QVERIFY(notice->text().size() < 400); // quoted short, whatever was pasted
            reasons.append(notice->text());
            QCOMPARE(pane->runId(), old);
        }
        QVERIFY(reasons.last().contains(u"longer than any Runwatch link"_s));
        QVERIFY(reasons.first().contains(u"not a Runwatch link"_s));
        app.openLinks({QString(5000, u'a')}, false);
        QVERIFY(notice->text().contains(u"not a Runwatch link"_s));
    }

    void aSecondStartHandsItsLinkToTheFirstAndEnds()
    {
        // This test plays the running Runwatch; the real binary is the second start.
        const QString settings = m_dir.filePath(u"single.ini"_s);
        const QStringList arguments {u"--demo"_s, u"--settings"_s, settings};
        QString error;
        const LaunchOptions parsed
            = LaunchOptions::parse(QStringList {u"runwatch"_s} + arguments, &error);
        QVERIFY(error.isEmpty());
        auto first = std::make_unique<SingleInstance>(parsed.instanceKey());
        QCOMPARE(first->claim({}), SingleInstance::Role::First);
        QSignalSpy received(first.get(), &SingleInstance::messageReceived);

        const QString link = u"runwatch://run/demo/wr_123"_s;
        QProcess second;
        second.start(QStringLiteral(RUNWATCH_PATH), arguments + QStringList {link});
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 20000);
        QCOMPARE(received.first().first().toStringList(), QStringList {link});
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20000);
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);

        // Another setup (another settings file) is not handed over to it.
        SingleInstance other(LaunchOptions::parse(
            {u"runwatch"_s, u"--demo"_s, u"--settings"_s, m_dir.filePath(u"other.ini"_s)}, &error)
                                 .instanceKey());
        QVERIFY(other.basePath() != first->basePath());
        QCOMPARE(other.claim({}), SingleInstance::Role::First);

        // The first gone, the next start is the first.
        first.reset();
        SingleInstance next(parsed.instanceKey());
        QCOMPARE(next.claim({}), SingleInstance::Role::First);
    }

    void theFilterScopeAndWindowSurviveARestart()
    {
        QString scope;
        {
            Application app(options("restart.ini", true));
            app.start();
            waitForRows(app);
            MainWindow *window = app.window();
            window->resize(1100, 720);
            auto *search = child<QLineEdit>(window, u"searchLineEdit"_s);
            QTest::keyClicks(search, u"login"_s);
            QMenu *statusMenu = child<QToolButton>(window, u"statusToolButton"_s)->menu();
            statusMenu->findChild<QAction *>(u"status_failed"_s)->trigger();
            auto *scopeBox = child<QComboBox>(window, u"scopeComboBox"_s);
            QTRY_VERIFY_WITH_TIMEOUT(scopeBox->count() > 2, 30000);
            // Found by typing part of its name (a workflow with failed logins).
            QTest::mouseClick(scopeBox->lineEdit(), Qt::LeftButton);
            QTest::keyClick(scopeBox->lineEdit(), Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(scopeBox->lineEdit(), u"vendor portal"_s);
            QWidget *completions = scopeBox->completer()->popup();
            QTRY_VERIFY(completions->isVisible());
            QTest::keyClick(completions, Qt::Key_Down);
            QTest::keyClick(completions, Qt::Key_Return);
            QTRY_VERIFY(!window->scope().isEmpty());
            scope = window->scope();
            QTRY_COMPARE(window->runListModel()->filter().searchKey, u"login"_s);
        }
        Application app(options("restart.ini", true));
        app.start();
        MainWindow *window = app.window();
        QCOMPARE(child<QLineEdit>(window, u"searchLineEdit"_s)->text(), u"login"_s);
        QVERIFY(window->findChild<QToolButton *>(u"chip_status_failed"_s));
        QVERIFY(window->findChild<QToolButton *>(u"chip_search"_s));
        QCOMPARE(window->scope(), scope);
        QCOMPARE(window->size(), QSize(1100, 720));
        // With a workflow scoped (date range shown) it still fits half of a 1920 screen.
        QVERIFY2(window->minimumSizeHint().width() <= 960,
            qPrintable(QString::number(window->minimumSizeHint().width())));
        waitForRows(app);
        RunListModel *model = window->runListModel();
        QCOMPARE(model->filter().statuses, QList<RunStatus> {RunStatus::Failed});
        QCOMPARE(model->scope(), scope);
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->runAt(row)->status, RunStatus::Failed);
            QCOMPARE(model->runAt(row)->workflowPermanentId, scope);
        }
    }

    void aLogoutSavesTheWindowAsACloseWould()
    {
        const LaunchOptions launch = options("logout.ini", true);
        Application app(launch);
        app.start();
        waitForRows(app);
        app.window()->resize(1010, 690);
        QCoreApplication::processEvents();
        // The session manager asks through commitDataRequest; Runwatch answers it (the
        // disconnect finds the connection, as the signal's argument cannot be made here).
        QVERIFY(QObject::disconnect(
            qGuiApp, &QGuiApplication::commitDataRequest, &app, &Application::commitSession));
        QVERIFY(Settings(launch.settingsFile).windowGeometry().isEmpty());
        app.commitSession();
        // Read as the next start would, while this one still runs (a logout may never close it).
        QWidget restored;
        QVERIFY(restored.restoreGeometry(Settings(launch.settingsFile).windowGeometry()));
        QCOMPARE(restored.size(), QSize(1010, 690));
    }

    void theLastListIsPaintedAtOnceOnTheNextStartEvenWithTheServerDown()
    {
        auto server = std::make_unique<TestServer>(3600000, 120);
        QVERIFY(server->isStarted());
        LaunchOptions launch = options("cached.ini", false);
        launch.serverUrl = server->server()->baseUrl();
        launch.apiKey = u"test-key"_s;
        QStringList shown;
        {
            Application app(launch);
            app.start();
            waitForRows(app);
            const RunListModel *model = app.window()->runListModel();
            for (int row = 0; row < model->rowCount(); ++row)
                shown.append(model->runAt(row)->workflowRunId);
        }
        server.reset(); // nothing answers on that port any more

        Application app(launch);
        app.start();
        // Before any event is processed: the rows are there, and say where they come from.
        RunListModel *model = app.window()->runListModel();
        QVERIFY(model->isShowingSaved());
        QStringList painted;
        for (int row = 0; row < model->rowCount(); ++row)
            painted.append(model->runAt(row)->workflowRunId);
        QCOMPARE(painted, shown);
        auto *status = child<QLabel>(app.window(), u"statusLabel"_s);
        // English plurals come from the app's translator, which this test does not install.
        QVERIFY2(status->text().startsWith(u"%1 run"_s.arg(shown.size()))
                && status->text().contains(u" as saved at "_s),
            qPrintable(status->text()));
        // The server is down: that is said, and the saved rows stay.
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"could not update"_s), 30000);
        QVERIFY(child<QLabel>(app.window(), u"errorLabel"_s)->isVisible());
        QCOMPARE(model->rowCount(), shown.size());

        // Another server never gets this one's list.
        LaunchOptions elsewhere = launch;
        elsewhere.serverUrl.setPort(launch.serverUrl.port() + 1);
        Application other(elsewhere);
        other.start();
        QCOMPARE(other.window()->runListModel()->rowCount(), 0);
        QVERIFY(!other.window()->runListModel()->isShowingSaved());
    }

    void aNewConnectionIsSavedWithoutItsKey()
    {
        const QString settingsFile = m_dir.filePath(u"connect.ini"_s);
        {
            Application app(options("connect.ini", true));
            app.start();
            waitForRows(app);
            app.window()->connectionAction()->trigger();
            ConnectionDialog *dialog = openDialog(app);
            QVERIFY(child<QLabel>(dialog, u"keyNoteLabel"_s)->isVisible());
            fillAndConnect(dialog, m_server->server()->baseUrl().toString(), u"test-key"_s);
            QTRY_VERIFY(!dialog->isVisible() || dialog->result() == QDialog::Accepted);
            QTRY_VERIFY(app.window()->windowTitle().contains(serverName()));
            waitForRows(app);
            QTRY_VERIFY(
                child<QLabel>(app.window(), u"statusLabel"_s)->text().contains(serverName()));
            // Said in plain words where it stays, not in the status bar's passing messages.
            auto *notice = child<QLabel>(app.window(), u"noticeLabel"_s);
            QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 30000);
            QVERIFY2(notice->text().contains(u"No keychain service is running"_s),
                qPrintable(notice->text()));
            QVERIFY(notice->text().contains(u"this session only"_s));
            QVERIFY2(!notice->text().contains(u"dbus"_s, Qt::CaseInsensitive),
                qPrintable(notice->text()));
        }
        QFile file(settingsFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains(m_server->server()->baseUrl().toString().toUtf8()));
        QVERIFY2(!saved.contains("test-key"), saved.constData());
    }

    void withoutAKeychainTheNextStartAsksForTheKeyAgain()
    {
        Application app(options("connect.ini", false));
        app.start();
        // Last session's list is on screen while the key is asked for.
        QVERIFY(app.window()->runListModel()->isShowingSaved());
        QVERIFY(app.window()->runListModel()->rowCount() > 0);
        ConnectionDialog *dialog = openDialog(app);
        auto *note = child<QLabel>(dialog, u"keyNoteLabel"_s);
        QVERIFY2(note->text().contains(u"No keychain service"_s), qPrintable(note->text()));
        QCOMPARE(child<QLineEdit>(dialog, u"serverLineEdit"_s)->text(),
            m_server->server()->baseUrl().toString());
        QVERIFY(child<QLineEdit>(dialog, u"apiKeyLineEdit"_s)->text().isEmpty());
        QTest::keyClicks(child<QLineEdit>(dialog, u"apiKeyLineEdit"_s), u"test-key"_s);
        auto *buttons = child<QDialogButtonBox>(dialog, u"buttonBox"_s);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        waitForRows(app);
        QVERIFY(app.window()->windowTitle().contains(serverName()));
    }

    void theDemoHasOneConnectionPerPlatformAndCtrlNumberSwitches()
    {
        Application app(options("platforms.ini", true));
        app.start();
        waitForRows(app);
        MainWindow *window = app.window();
        auto *switcher = child<QComboBox>(window, u"connectionComboBox"_s);
        QCOMPARE(switcher->count(), 3);
        QVERIFY(switcher->itemText(2).startsWith(u"All connections"_s));
        QVERIFY(child<QLineEdit>(window, u"searchLineEdit"_s)->isVisible());

        // Ctrl+2: the second platform. Its list is per workflow and has no search.
        QTest::keyClick(window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(app.currentConnection(), u"demo-platform"_s);
        waitForRows(app);
        RunListModel *model = window->runListModel();
        QVERIFY(!child<QLineEdit>(window, u"searchLineEdit"_s)->isVisible());
        QVERIFY(!child<QLineEdit>(window, u"errorCodeLineEdit"_s)->isVisible());
        auto *scope = child<QComboBox>(window, u"scopeComboBox"_s);
        // The platform lists no workflows; the connection names them.
        QTRY_COMPARE(scope->currentText(), u"Invoice sync"_s);
        QCOMPARE(
            model->index(0, RunListModel::WorkflowColumn).data().toString(), u"Invoice sync"_s);
        QCOMPARE(scope->findData(QString()), -1); // no "All workflows" for this platform
        QCOMPARE(model->scope(), u"wf_invoice_sync"_s);
        QSet<RunStatus> statuses;
        for (int row = 0; row < model->rowCount(); ++row) {
            const WorkflowRun *run = model->runAt(row);
            QCOMPARE(run->workflowPermanentId, u"wf_invoice_sync"_s);
            QVERIFY(run->status != RunStatus::Unknown);
            statuses.insert(run->status);
        }
        QVERIFY(statuses.contains(RunStatus::Completed));
        auto *table = child<QTableView>(window, u"runTableView"_s);
        QVERIFY(table->horizontalHeader()->isSectionHidden(RunListModel::CreatedColumn));
        QVERIFY(!table->horizontalHeader()->isSectionHidden(RunListModel::StartedColumn));
        QVERIFY(!window->launchAction()->isEnabled());
        QVERIFY(!window->launchAction()->isVisible()); // hidden where the platform cannot launch

        // One status at a time: picking another replaces the first.
        QMenu *statusMenu = child<QToolButton>(window, u"statusToolButton"_s)->menu();
        QVERIFY(!statusMenu->findChild<QAction *>(u"status_paused"_s)->isVisible());
        statusMenu->findChild<QAction *>(u"status_failed"_s)->trigger();
        statusMenu->findChild<QAction *>(u"status_completed"_s)->trigger();
        QTRY_COMPARE(model->filter().statuses, QList<RunStatus> {RunStatus::Completed});
        waitForRows(app);
        QCOMPARE(model->runAt(0)->statusText, u"success"_s);

        // Ctrl+3: everything, newest first, with a source column.
        QTest::keyClick(window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(app.currentConnection(), u"all"_s);
        QTRY_VERIFY(!model->isLoading() && model->rowCount() >= 50);
        QVERIFY(!table->horizontalHeader()->isSectionHidden(RunListModel::SourceColumn));
        QSet<QString> sources;
        for (int row = 0; row < model->rowCount(); ++row) {
            sources.insert(model->runAt(row)->source);
            if (row > 0)
                QVERIFY(model->runAt(row)->orderTime() <= model->runAt(row - 1)->orderTime());
        }
        QCOMPARE(sources.size(), 2);

        // Ctrl+1: back to Skyvern, with its search box and columns.
        QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
        waitForRows(app);
        QVERIFY(child<QLineEdit>(window, u"searchLineEdit"_s)->isVisible());
        QVERIFY(table->horizontalHeader()->isSectionHidden(RunListModel::SourceColumn));
        QVERIFY(!table->horizontalHeader()->isSectionHidden(RunListModel::CreatedColumn));
        QVERIFY(model->runAt(0)->workflowRunId.startsWith(u"wr_"_s));
    }

    void afterCtrlNumberTheArrowKeysMoveInTheList()
    {
        // Focus in the Skyvern run's Timeline (which the platform's pane has not), or on the
        // detail tabs (which stay), then Ctrl+2: the keys move in the platform's list at once.
        Application app(options("focus.ini", true));
        app.start();
        waitForRows(app);
        MainWindow *window = app.window();
        QApplication::setActiveWindow(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        auto *table = child<QTableView>(window, u"runTableView"_s);
        for (const QString &where : {u"timelineTreeView"_s, u"tabBar"_s}) {
            QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
            waitForRows(app);
            table->setFocus();
            QTest::keyClick(table, Qt::Key_Down);
            QTest::keyClick(window, Qt::Key_T, Qt::AltModifier);
            auto *timeline = child<QWidget>(window, u"timelineTreeView"_s);
            QTRY_VERIFY(timeline->isVisible());
            QWidget *focused = where == u"tabBar"_s
                ? child<QTabWidget>(window, u"detailTabWidget"_s)->tabBar()
                : timeline;
            focused->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(focused->hasFocus());

            QTest::keyClick(window, Qt::Key_2, Qt::ControlModifier);
            QCOMPARE(app.currentConnection(), u"demo-platform"_s);
            waitForRows(app);
            QTRY_VERIFY(!timeline->isVisible());
            QVERIFY2(table->hasFocus(),
                qPrintable(where + u": "_s
                    + (QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                   : u"nothing"_s)));
            const int before = table->currentIndex().row();
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
            QCOMPARE(table->currentIndex().row(), before + 1);
        }
    }

    void aConnectionWithAWrongTokenFailsAloneInTheMergedList()
    {
        Application app(options("wrongtoken.ini", true));
        app.start();
        waitForRows(app);
        QUrl platformUrl;
        for (const ConnectionProfile &profile : app.profiles()) {
            if (profile.kind == ConnectionProfile::Kind::WorkflowPlatform)
                platformUrl = profile.baseUrl;
        }
        QVERIFY(platformUrl.isValid());
        app.window()->newConnectionAction()->trigger();
        ConnectionDialog *dialog = openDialog(app);
        auto *kind = child<QComboBox>(dialog, u"kindComboBox"_s);
        kind->setCurrentIndex(1);
        QVERIFY(!child<QRadioButton>(dialog, u"cloudRadioButton"_s)->isVisible());
        QTest::keyClicks(child<QLineEdit>(dialog, u"workflowIdsLineEdit"_s), u"wf_price_scan"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"Stale ops"_s);
        fillAndConnect(dialog, platformUrl.toString(), u"stale-token"_s);
        auto *error = child<QLabel>(app.window(), u"errorLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
        QVERIFY2(error->text().contains(u"refused the token"_s), qPrintable(error->text()));

        auto *switcher = child<QComboBox>(app.window(), u"connectionComboBox"_s);
        QCOMPARE(switcher->count(), 4);
        // Focus comes back from the closed dialog (a window manager does this on a desktop).
        app.window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(app.window()));
        QTest::keyClick(app.window(), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(app.currentConnection(), u"all"_s);
        RunListModel *model = app.window()->runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() >= 50, 20000);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"Stale ops: "_s), qPrintable(error->text()));
        QVERIFY(error->text().contains(u"other connections' runs are shown"_s));
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->runAt(row)->source != u"Stale ops"_s);
    }
};

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
