#include "application.h"

#include <utility>

#include <QAbstractItemView>
#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrlQuery>
#include <QWindow>

#include "applog.h"
#include "artifactfetcher.h"
#include "backgroundlistpoller.h"
#include "connectiondialog.h"
#include "connectionmanager.h"
#include "credentialstore.h"
#include "demoserverthread.h"
#include "firstpaintreporter.h"
#include "historykeeper.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "notificationcenter.h"
#include "preferencesdialog.h"
#include "runhistory.h"
#include "runlistmodel.h"
#include "savedlistcontroller.h"
#include "skyvernclient.h"
#include "startuptrace.h"
#include "theme.h"
#include "traycontroller.h"
#include "watchedrunmodel.h"
#include "watchedrunpoller.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

namespace {
const auto kDemoId = "demo"_L1;
const auto kDemoPlatformId = "demo-platform"_L1;
const auto kCommandLineId = "command-line"_L1;

// The demo's connections and the command line's live for this session only.
bool isEphemeral(const QString &id)
{
    return id == kDemoId || id == kDemoPlatformId || id == kCommandLineId
        || id == QLatin1String(Application::kAllConnections);
}

std::unique_ptr<RunSource> makeSource(const ConnectionProfile &profile, const QString &secret)
{
    if (profile.kind == ConnectionProfile::Kind::WorkflowPlatform)
        return std::make_unique<WorkflowPlatformClient>(
            profile.baseUrl, secret, profile.workflowIds, profile.workflowNames);
    return std::make_unique<SkyvernClient>(profile.baseUrl, secret);
}
} // namespace

Application::Application(LaunchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(m_options.settingsFile)
    , m_credentials(new CredentialStore(m_options.keychainService, this))
    , m_notifications(new NotificationCenter(this))
    , m_tray(new TrayController(this))
{
    // Caches live next to a settings file given on the command line, else in the user's cache.
    QString cachePrefix = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/"_s;
    if (!m_options.settingsFile.isEmpty()) {
        const QFileInfo file(m_options.settingsFile);
        cachePrefix = file.dir().filePath(file.completeBaseName() + u"-"_s);
    }
    if (m_options.cacheFile.isEmpty())
        m_options.cacheFile = cachePrefix + u"runs.sqlite"_s;
    m_savedLists = new SavedListController(
        m_options.cacheFile, [this] { return savedListKey(m_current); }, this);
    m_connections = new ConnectionManager(&m_settings, m_credentials, &makeSource, this);
    QList<ConnectionProfile> profiles;
    m_firstConnection = firstConnection(&profiles);
    m_connections->setProfiles(profiles);
    // Read the list the window will open on while the window is being built.
    if (!m_firstConnection.isEmpty())
        m_savedLists->prefetch(keyOf(m_firstConnection, m_settings.scope(m_firstConnection),
            m_settings.filter(m_firstConnection)));
    StartupTrace::mark("settings read, saved list asked for");
    // The style before the window: widgets built under one style and re-polished under
    // another do their work twice.
    applyTheme(themeFromName(m_settings.theme()));
    m_window = std::make_unique<MainWindow>();
    StartupTrace::mark("MainWindow built");
    m_window->artifactFetcher()->setCacheDirectory(cachePrefix + u"artifacts"_s);
    m_savedLists->attach(m_window.get());
    // History's runs are kept beside the saved lists; the demo's live for the session only.
    m_historyKeeper = new HistoryKeeper(
        cachePrefix + u"history.sqlite"_s, [](const QString &id) { return !isEphemeral(id); },
        this);
    connect(m_historyKeeper, &HistoryKeeper::notice, m_window.get(), &MainWindow::showNotice);
    m_historyKeeper->attach(m_window->runHistory());
    StartupTrace::mark("history keeper attached");
    // The window holds requests of the shown source: it lets go before a source is deleted.
    connect(m_connections, &ConnectionManager::sourcesAboutToGo, this, [this] {
        if (m_window)
            m_window->setSource(nullptr);
    });
    connect(m_window->connectionAction(), &QAction::triggered, this, [this] {
        const ConnectionProfile shown = profile(m_current);
        // The demo's connections are made by the demo; edit a new one instead.
        openConnectionDialog(isEphemeral(shown.id) ? ConnectionProfile() : shown);
    });
    connect(m_window->newConnectionAction(), &QAction::triggered, this,
        [this] { openConnectionDialog(ConnectionProfile()); });
    connect(m_window->removeConnectionAction(), &QAction::triggered, this,
        &Application::removeCurrentProfile);
    connect(m_window.get(), &MainWindow::connectionChosen, this, &Application::showConnection);
    connect(m_window.get(), &MainWindow::themeChosen, this, &Application::setTheme);
    connect(m_window.get(), &MainWindow::preferencesRequested, this, &Application::openPreferences);
    connect(m_window.get(), &MainWindow::viewChanged, this, [this] {
        if (m_viewKey.isEmpty())
            return;
        m_settings.setView(m_viewKey, m_window->scope(), m_window->filter());
        m_settings.sync();
    });
    connect(m_credentials, &CredentialStore::keychainUnavailable, this,
        [this](const QString &reason) { m_window->showNotice(reason); });
    m_window->setRunLinkMaker([this](const WorkflowRun &run) { return linkTo(run); });
    // Notifications: watched runs (launched here, or asked for) and the policy's rules.
    m_policy = NotificationPolicy::fromJson(m_settings.notificationPolicy());
    m_watchedRuns = new WatchedRunModel(this);
    m_watchedPoller = new WatchedRunPoller(
        m_watchedRuns, [this](const QString &id) { return m_connections->source(id); }, this);
    const QStringList watched = m_settings.watchedRuns(); // newest first, as shown
    const QJsonObject notes = m_settings.watchedRunNotes();
    for (auto key = watched.crbegin(); key != watched.crend(); ++key) {
        const qsizetype slash = key->indexOf(u'/');
        WatchedRunModel::Entry entry;
        entry.connectionId = key->left(slash);
        entry.connectionName = profile(entry.connectionId).displayName();
        entry.run.workflowRunId = key->mid(slash + 1);
        const QJsonObject note = notes.value(*key).toObject();
        entry.run.workflowTitle = note.value("title"_L1).toString();
        entry.run.workflowPermanentId = note.value("workflow"_L1).toString();
        if (slash > 0 && !entry.run.workflowRunId.isEmpty())
            m_watchedRuns->watch(entry);
    }
    connect(m_watchedPoller, &WatchedRunPoller::runEnded, this,
        [this](const QString &connectionId, const WorkflowRun &run, RunStatus previous,
            const QStringList &errorCodes) {
            RunEvent event;
            event.connectionId = connectionId;
            event.run = run;
            event.previous = previous;
            event.errorCodes = errorCodes;
            onEnded(event);
        });
    connect(m_watchedPoller, &WatchedRunPoller::runGone, this,
        [this](const QString &connectionId, const QString &runId, const QString &message) {
            stopWatching(connectionId, runId);
            m_window->statusBar()->showMessage(
                tr("No longer watching %1: %2").arg(runId, message), 15000);
        });
    m_importantPoller = new BackgroundListPoller(
        [this](const QString &id) { return m_connections->source(id); }, this);
    connect(m_importantPoller, &BackgroundListPoller::runEnded, this,
        [this](const QString &connectionId, const WorkflowRun &run, RunStatus previous) {
            RunEvent event;
            event.connectionId = connectionId;
            event.run = run;
            event.previous = previous;
            onEnded(event);
        });
    connect(m_connections, &ConnectionManager::sourcesAboutToGo, m_importantPoller,
        &BackgroundListPoller::dropRequests);
    // Requests to a source end before it does.
    connect(m_connections, &ConnectionManager::sourcesAboutToGo, m_watchedPoller,
        &WatchedRunPoller::dropRequests);
    m_window->setWatchedRuns(m_watchedRuns);
    connect(m_window.get(), &MainWindow::watchedRunChosen, this,
        [this](const QString &connection, const QString &runId) {
            openLinks({RunLink {connection, runId}.toString()}, false);
        });
    connect(m_window.get(), &MainWindow::stopWatchingRequested, this, &Application::stopWatching);
    m_window->setWatchedTest([this](const WorkflowRun &run) { return isWatched(run); });
    connect(m_window.get(), &MainWindow::runStarted, this,
        [this](const WorkflowRun &run) { watch(run, true); });
    connect(m_window.get(), &MainWindow::watchRequested, this, &Application::watch);
    connect(m_window->runListModel(), &RunListModel::runEnded, this, &Application::onRunEnded);
    connect(m_notifications, &NotificationCenter::openRequested, this,
        [this](const QString &connection, const QString &runId) {
            openLinks({RunLink {connection, runId}.toString()}, true);
        });
    connect(m_notifications, &NotificationCenter::told, this,
        [this](const QString &summary) { m_window->statusBar()->showMessage(summary, 15000); });
    applyNotificationPolicy(); // read, not written: nothing to save at start
    // The tray: the state at a glance, and the window's close keeps Runwatch there if wanted.
    RunListModel *listed = m_window->runListModel();
    const auto countActive = [this, listed] { m_tray->setActiveRuns(listed->activeRunCount()); };
    connect(listed, &RunListModel::pageLoaded, this, countActive);
    connect(listed, &RunListModel::pageLoaded, this, &Application::refreshWatchedFromList);
    connect(listed, &RunListModel::refreshed, this, &Application::refreshWatchedFromList);
    connect(listed, &RunListModel::refreshed, this, countActive);
    connect(listed, &QAbstractItemModel::modelReset, this, countActive);
    connect(m_tray, &TrayController::openRequested, this, [this] {
        raiseWindow();
        m_tray->markSeen();
    });
    connect(m_tray, &TrayController::openRunRequested, this,
        [this](const QString &connection, const QString &runId) {
            openLinks({RunLink {connection, runId}.toString()}, true);
        });
    connect(m_tray, &TrayController::pauseRequested, this, [this](bool pause) {
        NotificationPolicy policy = m_policy;
        policy.pausedUntil = pause ? QDateTime::currentDateTime().addSecs(3600) : QDateTime();
        setNotificationPolicy(policy);
    });
    connect(m_tray, &TrayController::quitRequested, qApp, &QCoreApplication::quit);
    connect(m_window.get(), &MainWindow::quitRequested, qApp, &QCoreApplication::quit);
    connect(qGuiApp, &QGuiApplication::focusWindowChanged, this, [this](QWindow *window) {
        if (window && window == m_window->windowHandle())
            m_tray->markSeen(); // the user is looking
    });
    if (m_tray->showIcon())
        m_window->setCloseToTray([this] { return keepInTray(); });
    connect(this, &Application::connected, this, [this] {
        if (!m_connectedOnce) {
            for (const ConnectionProfile &known : m_connections->profiles())
                m_watchedRuns->setConnectionName(known.id, known.displayName());
            m_watchedPoller->pollNow(); // the keys are known now
        }
        m_connectedOnce = true;
        for (const RunLink &link : std::exchange(m_pendingLinks, {}))
            openLink(link);
    });
    // A logout may end the process without a close: save as a close would.
    connect(qGuiApp, &QGuiApplication::commitDataRequest, this, &Application::commitSession);
}

void Application::commitSession()
{
    m_savedLists->save();
    m_historyKeeper->flush();
    saveWindow();
}

Application::~Application()
{
    commitSession();
    // The window's model holds requests of the sources; close it first.
    m_window.reset();
}

void Application::saveWindow()
{
    if (!m_window)
        return;
    m_settings.setWindowGeometry(m_window->saveGeometry());
    m_settings.setWindowLayout(m_window->saveLayout());
    m_settings.sync();
}

void Application::start()
{
    m_window->setTheme(themeFromName(m_settings.theme())); // applied before the window was built
    StartupTrace::mark("theme applied");
    if (m_options.reportFirstPaint)
        new FirstPaintReporter(m_window->findChild<QAbstractItemView *>(u"runTableView"_s));
    m_window->restoreGeometry(m_settings.windowGeometry());
    m_window->restoreLayout(m_settings.windowLayout());
    if (m_options.minimized)
        m_window->showMinimized();
    else
        m_window->show();
    StartupTrace::mark("window shown");
    const QString current = m_firstConnection;
    if (current.isEmpty()) {
        startDemo();
        return;
    }
    if (current == kCommandLineId) {
        m_connections->addSessionConnection(profile(current), m_options.apiKey);
        updateSwitcher();
        showConnection(current);
        return;
    }
    updateSwitcher();
    restoreView(current);
    m_window->showStartupMessage(tr("Reading the saved keys…"));
    m_savedLists->show(savedListKey(current));
    // Each connection's secret comes from the keychain; show the list once what it needs is in.
    m_connections->readSecrets(this, [this, current] { showConnection(current); });
}

QString Application::firstConnection(QList<ConnectionProfile> *profiles) const
{
    if (m_options.serverUrl.isValid() && !m_options.demo) {
        ConnectionProfile profile;
        profile.id = kCommandLineId;
        profile.baseUrl = m_options.serverUrl;
        profile.allowInsecureHttp = m_options.allowInsecureHttp;
        *profiles = {profile};
        return profile.id;
    }
    *profiles = m_settings.profiles();
    if (m_options.demo || profiles->isEmpty())
        return {};
    const QString current = m_settings.currentProfileId();
    if (current == QLatin1String(kAllConnections))
        return current;
    for (const ConnectionProfile &profile : std::as_const(*profiles)) {
        if (profile.id == current)
            return current;
    }
    return profiles->constFirst().id;
}

void Application::startDemo()
{
    m_connections->setProfiles({});
    // Show the filters of last time while the server starts.
    restoreView(kDemoId);
    m_window->showStartupMessage(tr("Starting the demo server…"));
    m_demoServer = new DemoServerThread(this);
    connect(m_demoServer, &DemoServerThread::started, this, &Application::onDemoStarted);
    connect(m_demoServer, &DemoServerThread::failed, this, [this](const QString &reason) {
        m_window->showFatalError(tr("The demo server did not start: %1").arg(reason));
    });
    DemoServerOptions options;
    options.tickMs = m_options.demoTickMs;
    options.seed = m_options.demoSeed;
    options.spawnEveryMs = 20 * m_options.demoTickMs;
    m_demoServer->start(options);
}

void Application::onDemoStarted(const DemoEndpoints &endpoints)
{
    m_demoUrl = endpoints.skyvernUrl;
    m_demoKey = endpoints.apiKey;
    ConnectionProfile skyvern;
    skyvern.id = kDemoId;
    skyvern.name = tr("Demo Skyvern");
    skyvern.baseUrl = endpoints.skyvernUrl;
    m_connections->addSessionConnection(skyvern, endpoints.apiKey);
    if (!endpoints.platformUrl.isEmpty()) {
        ConnectionProfile platform;
        platform.id = kDemoPlatformId;
        platform.name = tr("Demo workflow platform");
        platform.kind = ConnectionProfile::Kind::WorkflowPlatform;
        platform.baseUrl = endpoints.platformUrl;
        platform.workflowIds = endpoints.platformWorkflows;
        // What a user would type in the connection dialog for the demo's workflows.
        const QHash<QString, QString> demoNames {{u"wf_invoice_sync"_s, tr("Invoice sync")},
            {u"wf_price_scan"_s, tr("Price scan")}, {u"wf_lead_router"_s, tr("Lead router")}};
        for (const QString &id : std::as_const(platform.workflowIds)) {
            if (demoNames.contains(id))
                platform.workflowNames.insert(id, demoNames.value(id));
        }
        m_connections->addSessionConnection(platform, endpoints.platformToken);
    }
    updateSwitcher();
    showConnection(kDemoId);
}

QList<ConnectionProfile> Application::profiles() const
{
    return m_connections->profiles();
}

ConnectionProfile Application::profile(const QString &id) const
{
    return m_connections->profile(id);
}

void Application::updateSwitcher()
{
    QList<ConnectionChoice> choices;
    const QList<ConnectionProfile> profiles = m_connections->profiles();
    for (const ConnectionProfile &profile : profiles)
        choices.append({profile.id, profile.displayName()});
    if (profiles.size() > 1)
        choices.append({QString::fromLatin1(kAllConnections), tr("All connections")});
    m_window->setConnections(choices, m_current);
    const ConnectionProfile shown = profile(m_current);
    m_window->removeConnectionAction()->setEnabled(shown.isValid() && !isEphemeral(shown.id));
}

void Application::restoreView(const QString &viewKey)
{
    m_viewKey = viewKey;
    m_window->setView(m_settings.scope(viewKey), m_settings.filter(viewKey));
}

void Application::showConnection(const QString &id)
{
    qCDebug(lcApp).noquote() << "showing connection" << id;
    m_savedLists->save(); // the rows shown now, before they make way
    RunSource *source = nullptr;
    if (id == QLatin1String(kAllConnections)) {
        QStringList missing;
        source = m_connections->mergeAll(&missing);
        if (!missing.isEmpty())
            m_window->showNotice(tr("Not shown, no key this session: %1. Pick the connection to "
                                    "enter it.")
                                     .arg(missing.join(u", "_s)));
    } else {
        const ConnectionProfile chosen = profile(id);
        if (!chosen.isValid())
            return;
        source = m_connections->source(chosen.id);
        if (!source) {
            m_current = id;
            updateSwitcher();
            m_window->showStartupMessage(
                tr("Enter the %1 for %2.").arg(chosen.secretName(), chosen.displayName()));
            openConnectionDialog(chosen,
                m_credentials->isKeychainAvailable() ? QString()
                                                     : m_credentials->unavailableReason());
            return;
        }
    }
    // Let go of the old source before restoring this connection's view, so no request of the
    // old one is made with the new filter.
    m_window->setSource(nullptr);
    restoreView(id);
    m_current = id;
    showHistoryOf(id);
    m_savedLists->show(savedListKey(id));
    m_window->setSource(source, profile(id).name);
    const bool savedProfilesOnly = !m_demoServer && !profile(kCommandLineId).isValid();
    if (!isEphemeral(id) || (id == QLatin1String(kAllConnections) && savedProfilesOnly)) {
        m_settings.setCurrentProfileId(id);
        m_settings.sync();
    }
    updateSwitcher();
    emit connected(source->displayName());
    updateImportantTargets(); // the one now shown is polled by its list
    StartupTrace::mark("connection shown");
}

void Application::showHistoryOf(const QString &id)
{
    // History keeps runs by connection id, which stays when a connection is renamed; a merged
    // list names each run's connection by its name.
    RunHistory *history = m_window->runHistory();
    if (id == QLatin1String(kAllConnections)) {
        QHash<QString, QString> idByName;
        QStringList ids;
        for (const ConnectionProfile &member : m_connections->profiles()) {
            idByName.insert(member.displayName(), member.id);
            ids.append(member.id);
        }
        history->setKeyOf(
            [idByName](const WorkflowRun &run) { return idByName.value(run.source); });
        history->setScope(ids);
    } else {
        history->setKeyOf([id](const WorkflowRun &) { return id; });
        history->setScope({id});
    }
}

QString Application::keyOf(const QString &id, const QString &scope, const RunFilter &filter) const
{
    // The demo's server is new each start: a list saved from it would be a list of nothing.
    const bool demoView = id == kDemoId || id == kDemoPlatformId
        || (id == QLatin1String(kAllConnections) && m_demoServer);
    if (demoView)
        return {};
    return SavedListController::keyFor(
        m_connections->profiles(), id, scope, filter, QString::fromLatin1(kAllConnections));
}

QString Application::savedListKey(const QString &id) const
{
    return m_window ? keyOf(id, m_window->scope(), m_window->filter()) : QString();
}

void Application::acceptProfile(const ConnectionProfile &edited, const QString &secret)
{
    m_connections->save(
        edited, secret, [this](const QString &problem) { m_window->showNotice(problem); });
    showConnection(edited.id);
}

void Application::removeCurrentProfile()
{
    const ConnectionProfile shown = profile(m_current);
    if (!shown.isValid() || isEphemeral(shown.id))
        return;
    const auto answer = QMessageBox::question(m_window.get(), tr("Remove connection"),
        tr("Remove the connection %1 and its saved %2?")
            .arg(shown.displayName(), shown.secretName()));
    if (answer != QMessageBox::Yes)
        return;
    m_connections->remove(shown.id);
    if (m_connections->profiles().isEmpty()) {
        m_current.clear();
        updateSwitcher();
        m_window->showStartupMessage(tr("No connections. Add one with Connections → New."));
        return;
    }
    showConnection(m_connections->profiles().constFirst().id);
}

void Application::openConnectionDialog(const ConnectionProfile &profile, const QString &note)
{
    auto *dialog = new ConnectionDialog(&makeSource, m_window.get());
    dialog->setObjectName(u"connectionDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProfile(profile, m_connections->secret(profile.id));
    if (!note.isEmpty())
        dialog->setKeyNote(note);
    else if (!m_credentials->isKeychainAvailable())
        dialog->setKeyNote(m_credentials->unavailableReason());
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { acceptProfile(dialog->profile(), dialog->apiKey()); });
    dialog->open();
}

void Application::openLinks(const QStringList &links, bool raise)
{
    if (raise)
        raiseWindow();
    for (const QString &text : links) {
        QString error;
        const std::optional<RunLink> link = RunLink::parse(text, &error);
        if (!link) {
            // Quoted short and on one line: the text may be anything a browser handed over.
            QString quoted = text.simplified();
            if (quoted.size() > 80)
                quoted = quoted.left(79) + u'…';
            m_window->showNotice(tr("Could not open the link “%1”: %2").arg(quoted, error));
            continue;
        }
        if (m_connectedOnce)
            openLink(*link);
        else
            m_pendingLinks.append(*link);
    }
}

void Application::openLink(const RunLink &link)
{
    const ConnectionProfile target = profile(link.connection);
    if (!target.isValid()) {
        m_window->showNotice(tr("The link to run %1 is for a connection this Runwatch does not "
                                "have (%2); nothing was opened.")
                                 .arg(link.runId, link.connection));
        return;
    }
    if (m_current != link.connection)
        showConnection(link.connection);
    if (m_current == link.connection)
        m_window->openRun(link.runId);
}

void Application::raiseWindow()
{
    m_window->show();
    m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    m_window->raise();
    m_window->activateWindow();
}

QString Application::connectionOf(const WorkflowRun &run) const
{
    if (m_current != QLatin1String(kAllConnections))
        return m_current;
    if (const MergedRunSource *merged = m_connections->merged()) {
        const QString id = merged->connectionOf(run.workflowRunId);
        if (!id.isEmpty())
            return id;
    }
    // A run the merged list no longer holds: its connection by the name it was shown with.
    for (const ConnectionProfile &candidate : m_connections->profiles()) {
        if (candidate.displayName() == run.source)
            return candidate.id;
    }
    return {};
}

QString Application::linkTo(const WorkflowRun &run) const
{
    const QString connection = connectionOf(run);
    if (connection.isEmpty() || run.workflowRunId.isEmpty())
        return {};
    const RunLink link {connection, run.workflowRunId};
    QString error;
    return RunLink::parse(link.toString(), &error) ? link.toString() : QString();
}

bool Application::isWatched(const WorkflowRun &run) const
{
    return m_watchedRuns->contains(connectionOf(run), run.workflowRunId);
}

void Application::watch(const WorkflowRun &run, bool watch)
{
    const QString connection = connectionOf(run);
    if (connection.isEmpty() || run.workflowRunId.isEmpty())
        return;
    if (watch) {
        WatchedRunModel::Entry entry;
        entry.connectionId = connection;
        entry.connectionName = profile(connection).displayName();
        entry.run = run;
        m_watchedRuns->watch(entry);
    } else {
        m_watchedRuns->unwatch(connection, run.workflowRunId);
    }
    saveWatched();
    if (!watch)
        return;
    // Named as the list names it (a launched run's answer has no title); the id as a last resort.
    const QString name
        = run.workflowTitle.isEmpty() ? listedTitle(run.workflowRunId) : run.workflowTitle;
    m_window->statusBar()->showMessage(tr("Watching “%1”: you are told when it ends.")
                                           .arg(name.isEmpty() ? run.workflowRunId : name),
        5000);
}

void Application::saveWatched()
{
    m_settings.setWatchedRuns(m_watchedRuns->keys());
    QJsonObject notes;
    for (int row = 0; row < m_watchedRuns->rowCount(); ++row) {
        const WatchedRunModel::Entry &entry = m_watchedRuns->entryAt(row);
        notes.insert(WatchedRunModel::keyOf(entry.connectionId, entry.run.workflowRunId),
            QJsonObject {{u"title"_s, entry.run.workflowTitle},
                {u"workflow"_s, entry.run.workflowPermanentId}});
    }
    m_settings.setWatchedRunNotes(notes);
    m_settings.sync();
    applyNotificationPolicy(); // whether to poll unseen may have changed
}

MainWindow::CloseChoice Application::keepInTray()
{
    using Choice = MainWindow::CloseChoice;
    const QString answer = m_settings.closeToTray();
    if (answer == "yes"_L1 || answer == "no"_L1)
        return answer == "yes"_L1 ? Choice::KeepInTray : Choice::Quit;
    QMessageBox question(QMessageBox::Question, tr("Keep Runwatch running?"),
        tr("Keep Runwatch in the tray when its window is closed? It goes on watching your runs "
           "and tells you when they end; quit it from the tray's menu."),
        QMessageBox::NoButton, m_window.get());
    QPushButton *keep = question.addButton(tr("Keep in the tray"), QMessageBox::AcceptRole);
    QPushButton *quit = question.addButton(tr("Quit"), QMessageBox::DestructiveRole);
    // Escape (or closing the question) changes nothing and keeps the window open.
    QPushButton *cancel = question.addButton(QMessageBox::Cancel);
    question.setEscapeButton(cancel);
    question.setDefaultButton(keep);
    question.exec();
    if (question.clickedButton() != keep && question.clickedButton() != quit)
        return Choice::Cancel;
    const bool kept = question.clickedButton() == keep;
    m_settings.setCloseToTray(kept ? u"yes"_s : u"no"_s); // asked once
    m_settings.sync();
    return kept ? Choice::KeepInTray : Choice::Quit;
}

void Application::setNotificationPolicy(const NotificationPolicy &policy)
{
    m_policy = policy;
    m_settings.setNotificationPolicy(policy.toJson());
    m_settings.sync();
    applyNotificationPolicy();
}

void Application::updateImportantTargets()
{
    QList<BackgroundListPoller::Target> targets;
    if (m_connectedOnce && m_current != QLatin1String(kAllConnections)) {
        for (const QString &id : std::as_const(m_policy.importantConnections)) {
            const ConnectionProfile important = profile(id);
            if (id == m_current || important.id.isEmpty())
                continue; // the list shown polls its own
            const QStringList scopes = important.kind == ConnectionProfile::Kind::WorkflowPlatform
                ? important.workflowIds
                : QStringList {QString()};
            targets.append({id, scopes});
        }
    }
    m_importantPoller->setTargets(targets);
}

void Application::applyNotificationPolicy()
{
    updateImportantTargets();
    m_tray->setPausedUntil(m_policy.pausedUntil);
    // Polled unseen only when something there could be told.
    m_window->setPollWhenHidden(m_watchedRuns->rowCount() > 0
        || !m_policy.importantConnections.isEmpty() || !m_policy.rules.isEmpty());
}

void Application::onRunEnded(const WorkflowRun &run, RunStatus previous)
{
    RunEvent event;
    event.connectionId = connectionOf(run);
    event.run = run;
    RunListModel *model = m_window->runListModel();
    if (event.run.workflowTitle.isEmpty())
        event.run.workflowTitle = listedTitle(run.workflowRunId);
    event.previous = previous;
    event.errorCodes = model->errorCodes(run.workflowRunId);
    onEnded(event);
}

void Application::onEnded(RunEvent event)
{
    // The list and the watched runs' poller may both see one run end: it is told once.
    const QString key = WatchedRunModel::keyOf(event.connectionId, event.run.workflowRunId);
    if (m_ended.contains(key))
        return;
    if (m_ended.size() > 10000)
        m_ended.clear(); // bounded; a run ends long before this many others do
    m_ended.insert(key);
    event.connectionName = profile(event.connectionId).displayName();
    if (event.tags.isEmpty()) // the list knows the tags of what it shows
        event.tags = m_window->runListModel()->tags(event.run.workflowRunId);
    event.watched = m_watchedRuns->contains(event.connectionId, event.run.workflowRunId);
    if (event.watched) {
        if (event.run.workflowTitle.isEmpty())
            event.run.workflowTitle
                = m_watchedRuns
                      ->entryAt(m_watchedRuns->rowOf(event.connectionId, event.run.workflowRunId))
                      .run.workflowTitle;
        m_watchedRuns->unwatch(event.connectionId, event.run.workflowRunId); // until it ends
        saveWatched();
    }
    const bool told = m_policy.shouldNotify(event, QDateTime::currentDateTime());
    if (told)
        m_notifications->add(event);
    m_tray->runEnded(event, told);
}

void Application::setTheme(Theme theme)
{
    applyTheme(theme);
    m_window->setTheme(theme);
    m_settings.setTheme(themeToName(theme));
    m_settings.sync();
}

void Application::openPreferences()
{
    if (auto *open = m_window->findChild<PreferencesDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    Preferences preferences;
    preferences.theme = themeFromName(m_settings.theme());
    const QString onClose = m_settings.closeToTray();
    preferences.onClose = onClose == "yes"_L1 ? Preferences::OnClose::KeepInTray
        : onClose == "no"_L1                  ? Preferences::OnClose::Quit
                                              : Preferences::OnClose::Ask;
    preferences.notifications = m_policy;
    QList<PreferencesDialog::Choice> connections;
    for (const ConnectionProfile &profile : m_connections->profiles()) {
        if (profile.id != QLatin1String(kAllConnections))
            connections.append({profile.id, profile.displayName()});
    }
    QList<PreferencesDialog::Choice> workflows;
    for (const Workflow &workflow : m_window->workflows())
        workflows.append({workflow.workflowPermanentId,
            workflow.title.isEmpty() ? workflow.workflowPermanentId : workflow.title});
    auto *dialog = new PreferencesDialog(
        preferences, connections, workflows, m_tray->isIconShown(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PreferencesDialog::testNotificationRequested, m_notifications,
        &NotificationCenter::sendTest);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Preferences chosen = dialog->preferences();
        if (chosen.theme != themeFromName(m_settings.theme()))
            setTheme(chosen.theme);
        m_settings.setCloseToTray(chosen.onClose == Preferences::OnClose::KeepInTray ? u"yes"_s
                : chosen.onClose == Preferences::OnClose::Quit                       ? u"no"_s
                                                                                     : QString());
        if (chosen.notifications.toJson() != m_policy.toJson())
            setNotificationPolicy(chosen.notifications);
        m_settings.sync();
    });
    dialog->open();
}

void Application::refreshWatchedFromList()
{
    RunListModel *listed = m_window->runListModel();
    for (int row = 0; row < m_watchedRuns->rowCount(); ++row) {
        const WatchedRunModel::Entry &entry = m_watchedRuns->entryAt(row);
        const int listedRow = listed->rowOfRun(entry.run.workflowRunId);
        if (listedRow < 0 || connectionOf(*listed->runAt(listedRow)) != entry.connectionId)
            continue;
        WorkflowRun run = *listed->runAt(listedRow);
        if (run.workflowTitle.isEmpty())
            run.workflowTitle = listedTitle(run.workflowRunId);
        const QString connectionId = entry.connectionId;
        m_watchedRuns->update(connectionId, run);
    }
}

QString Application::listedTitle(const QString &runId) const
{
    const RunListModel *listed = m_window->runListModel();
    const int row = listed->rowOfRun(runId);
    return row < 0 ? QString() : listed->index(row, RunListModel::WorkflowColumn).data().toString();
}

void Application::stopWatching(const QString &connectionId, const QString &runId)
{
    if (m_watchedRuns->unwatch(connectionId, runId))
        saveWatched();
}
