#include "application.h"

#include <cstdio>

#include <QAbstractItemView>
#include <QAction>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include "artifactfetcher.h"
#include "connectiondialog.h"
#include "credentialstore.h"
#include "demoserverthread.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runcache.h"
#include "runlistmodel.h"
#include "serveraddress.h"
#include "skyvernclient.h"
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
// Which list a view of a connection shows, as the key its saved list goes by: the server and
// what is asked of it, not the profile's name. A renamed connection keeps its list, a
// connection pointed elsewhere does not.
QString savedListKey(const QList<ConnectionProfile> &profiles, const QString &id,
    const QString &scope, const RunFilter &filter)
{
    const auto identity = [](const ConnectionProfile &profile) {
        return u"%1 %2 %3"_s.arg(int(profile.kind))
            .arg(profile.baseUrl.toString(), profile.workflowIds.join(u','));
    };
    QStringList members;
    for (const ConnectionProfile &profile : profiles) {
        if (profile.id == id || id == QLatin1String(Application::kAllConnections))
            members.append(identity(profile));
    }
    if (members.isEmpty())
        return {};
    members.sort();
    // Saved form: a relative range ("last hour") names the same list all day.
    const QUrlQuery query = filter.toSavedQuery();
    const QString connection = id == QLatin1String(Application::kAllConnections)
        ? u"all: "_s + members.join(u"; "_s)
        : members.constFirst();
    return connection + u'\n' + scope + u'\n' + query.toString(QUrl::FullyEncoded);
}

/** Says on stdout when the run table first paints rows, and quits once that paint is done. */
class FirstPaintReporter final : public QObject
{
public:
    FirstPaintReporter(QAbstractItemView *view)
        : QObject(view)
        , m_view(view)
    {
        view->viewport()->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || m_reported || !m_view->model())
            return QObject::eventFilter(watched, event);
        const int rows = m_view->model()->rowCount();
        if (rows > 0) {
            m_reported = true;
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [rows] {
                std::printf("painted %d rows\n", rows);
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QAbstractItemView *m_view;
    bool m_reported = false;
};
} // namespace

LaunchOptions LaunchOptions::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Watch, filter and launch Skyvern runs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        u"demo"_s, QObject::tr("Start the built-in demo server and connect to it."));
    const QCommandLineOption server(u"server"_s,
        QObject::tr("Skyvern server to connect to; the API key is "
                    "read from RUNWATCH_API_KEY."),
        u"url"_s);
    const QCommandLineOption insecure(u"allow-insecure-http"_s,
        QObject::tr("Allow plain http to a host other than this "
                    "machine."));
    const QCommandLineOption tick(u"demo-tick-ms"_s,
        QObject::tr("How fast demo runs move on (milliseconds)."), u"ms"_s, u"1000"_s);
    const QCommandLineOption seed(
        u"demo-seed"_s, QObject::tr("Seed of the demo data."), u"n"_s, u"1"_s);
    const QCommandLineOption settings(
        u"settings"_s, QObject::tr("Use this settings file instead of the user's."), u"file"_s);
    QCommandLineOption firstPaint(u"report-first-paint"_s,
        QObject::tr("Print when the first rows are painted, then quit (for benchmarks)."));
    firstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demo, server, insecure, tick, seed, settings, firstPaint});
    parser.process(arguments);

    LaunchOptions options;
    options.demo = parser.isSet(demo);
    options.allowInsecureHttp = parser.isSet(insecure);
    options.demoTickMs = qBound(10, parser.value(tick).toInt(), 60000);
    options.demoSeed = parser.value(seed).toUInt();
    options.settingsFile = parser.value(settings);
    options.reportFirstPaint = parser.isSet(firstPaint);
    if (parser.isSet(server)) {
        options.serverUrl = ServerAddress::fromUserInput(parser.value(server));
        options.apiKey = qEnvironmentVariable("RUNWATCH_API_KEY");
        const QString problem
            = ServerAddress::problem(options.serverUrl, options.allowInsecureHttp);
        if (!problem.isEmpty() && error)
            *error = problem;
        else if (options.apiKey.isEmpty() && error)
            *error = QObject::tr("Set RUNWATCH_API_KEY to the server's API key.");
    }
    return options;
}

Application::Application(LaunchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(m_options.settingsFile)
    , m_credentials(new CredentialStore(m_options.keychainService, this))
    , m_saveTimer(new QTimer(this))
{
    // Caches live next to a settings file given on the command line, else in the user's cache.
    QString cachePrefix = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/"_s;
    if (!m_options.settingsFile.isEmpty()) {
        const QFileInfo file(m_options.settingsFile);
        cachePrefix = file.dir().filePath(file.completeBaseName() + u"-"_s);
    }
    if (m_options.cacheFile.isEmpty())
        m_options.cacheFile = cachePrefix + u"runs.sqlite"_s;
    m_runCache = std::make_unique<RunCache>(m_options.cacheFile); // opened when first used
    m_firstConnection = firstConnection(&m_profiles);
    prefetchSavedList();
    m_window = std::make_unique<MainWindow>();
    m_window->artifactFetcher()->setCacheDirectory(cachePrefix + u"artifacts"_s);
    // Lists are saved a little after they change, not on every poll.
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(3000);
    connect(m_saveTimer, &QTimer::timeout, this, &Application::saveList);
    connect(m_window->runListModel(), &RunListModel::pageLoaded, this, &Application::scheduleSave);
    connect(m_window->runListModel(), &RunListModel::refreshed, this,
        [this](int changed, int inserted, int removed) {
            if (changed + inserted + removed > 0)
                scheduleSave();
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
    connect(m_window.get(), &MainWindow::viewChanged, this, [this] {
        if (m_viewKey.isEmpty())
            return;
        m_settings.setView(m_viewKey, m_window->scope(), m_window->filter());
        m_settings.sync();
    });
    connect(m_credentials, &CredentialStore::keychainUnavailable, this,
        [this](const QString &reason) { m_window->showNotice(reason); });
}

Application::~Application()
{
    saveList();
    saveWindow();
    // The window's model holds requests of the sources; close it first.
    m_window.reset();
    m_merged.reset();
    m_sources.clear();
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
    if (m_options.reportFirstPaint)
        new FirstPaintReporter(m_window->findChild<QAbstractItemView *>(u"runTableView"_s));
    m_window->restoreGeometry(m_settings.windowGeometry());
    m_window->restoreLayout(m_settings.windowLayout());
    m_window->show();
    const QString current = m_firstConnection;
    if (current.isEmpty()) {
        startDemo();
        return;
    }
    if (current == kCommandLineId) {
        m_secrets.insert(current, m_options.apiKey);
        updateSwitcher();
        showConnection(current);
        return;
    }
    updateSwitcher();
    restoreView(current);
    m_window->showStartupMessage(tr("Reading the saved keys…"));
    showSavedList(current);
    // Each connection's secret comes from the keychain; show the list once what it needs is in.
    auto waiting = std::make_shared<int>(int(m_profiles.size()));
    for (const ConnectionProfile &saved : std::as_const(m_profiles)) {
        m_credentials->read(saved.id, this,
            [this, saved, current, waiting](const QString &secret, const QString &problem) {
                if (!secret.isEmpty())
                    m_secrets.insert(saved.id, secret);
                if (--*waiting > 0)
                    return;
                Q_UNUSED(problem);
                showConnection(current);
            });
    }
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

void Application::prefetchSavedList()
{
    // Read the list the window will open on while the window is being built: opening SQLite
    // and decoding the runs then cost the first paint nothing.
    const QString &id = m_firstConnection;
    if (id.isEmpty())
        return;
    m_prefetchKey = ::savedListKey(m_profiles, id, m_settings.scope(id), m_settings.filter(id));
    m_prefetch = QtConcurrent::run([path = m_options.cacheFile, key = m_prefetchKey] {
        RunCache cache(path);
        return cache.open(nullptr) ? cache.load(key) : std::nullopt;
    });
}

void Application::startDemo()
{
    m_profiles.clear();
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
    m_profiles.append(skyvern);
    m_secrets.insert(skyvern.id, endpoints.apiKey);
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
        m_profiles.append(platform);
        m_secrets.insert(platform.id, endpoints.platformToken);
    }
    updateSwitcher();
    showConnection(kDemoId);
}

ConnectionProfile Application::profile(const QString &id) const
{
    for (const ConnectionProfile &profile : m_profiles) {
        if (profile.id == id)
            return profile;
    }
    return {};
}

void Application::updateSwitcher()
{
    QList<ConnectionChoice> choices;
    for (const ConnectionProfile &profile : std::as_const(m_profiles))
        choices.append({profile.id, profile.displayName()});
    if (m_profiles.size() > 1)
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

RunSource *Application::sourceFor(const ConnectionProfile &profile)
{
    const auto existing = m_sources.find(profile.id);
    if (existing != m_sources.end())
        return existing->second.get();
    const QString secret = m_secrets.value(profile.id);
    if (secret.isEmpty())
        return nullptr;
    RunSource *source = makeSource(profile, secret).release();
    m_sources[profile.id].reset(source);
    return source;
}

void Application::showConnection(const QString &id)
{
    saveList(); // the rows shown now, before they make way
    RunSource *source = nullptr;
    if (id == QLatin1String(kAllConnections)) {
        QList<MergedRunSource::Member> members;
        QStringList missing;
        for (const ConnectionProfile &member : std::as_const(m_profiles)) {
            RunSource *memberSource = sourceFor(member);
            if (!memberSource) {
                missing.append(member.displayName());
                continue;
            }
            if (member.kind == ConnectionProfile::Kind::WorkflowPlatform) {
                for (const QString &workflow : member.workflowIds)
                    members.append({memberSource, member.displayName(), workflow});
            } else {
                members.append({memberSource, member.displayName(), {}});
            }
        }
        m_window->setSource(nullptr);
        m_merged = std::make_unique<MergedRunSource>(members);
        source = m_merged.get();
        if (!missing.isEmpty())
            m_window->showNotice(tr("Not shown, no key this session: %1. Pick the connection to "
                                    "enter it.")
                                     .arg(missing.join(u", "_s)));
    } else {
        const ConnectionProfile chosen = profile(id);
        if (!chosen.isValid())
            return;
        source = sourceFor(chosen);
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
    showSavedList(id);
    m_window->setSource(source, profile(id).name);
    const bool savedProfilesOnly = !m_demoServer && !profile(kCommandLineId).isValid();
    if (!isEphemeral(id) || (id == QLatin1String(kAllConnections) && savedProfilesOnly)) {
        m_settings.setCurrentProfileId(id);
        m_settings.sync();
    }
    updateSwitcher();
    emit connected(source->displayName());
}

QString Application::savedListKey(const QString &id) const
{
    return ::savedListKey(m_profiles, id, m_window->scope(), m_window->filter());
}

RunCache *Application::runCache()
{
    if (m_runCache && !m_runCache->isOpen()) {
        QString problem;
        if (!m_runCache->open(&problem)) {
            qWarning("%s", qPrintable(problem)); // only the head start at the next launch is lost
            m_runCache.reset();
        }
    }
    return m_runCache.get();
}

bool Application::isDemoView(const QString &id) const
{
    // The demo's server is new each start: a list saved from it would be a list of nothing.
    return id == kDemoId || id == kDemoPlatformId
        || (id == QLatin1String(kAllConnections) && m_demoServer);
}

void Application::showSavedList(const QString &id)
{
    if (!m_runCache || isDemoView(id))
        return;
    const QString key = savedListKey(id);
    if (m_window->runListModel()->isShowingSaved() && key == m_savedShownKey)
        return; // already on screen (shown while the keys were read)
    std::optional<SavedRuns> saved;
    if (m_prefetch.isValid() && key == m_prefetchKey)
        saved = m_prefetch.result();
    else if (RunCache *cache = runCache())
        saved = cache->load(key);
    m_prefetch = {};
    if (saved) {
        m_window->showSavedRuns(saved->runs, saved->savedAt);
        m_savedShownKey = key;
    }
}

void Application::scheduleSave()
{
    if (!m_runCache || isDemoView(m_current))
        return;
    m_saveKey = savedListKey(m_current);
    m_saveTimer->start();
}

void Application::saveList()
{
    m_saveTimer->stop();
    const QString key = std::exchange(m_saveKey, QString());
    if (!m_runCache || key.isEmpty() || !m_window)
        return;
    const RunListModel *model = m_window->runListModel();
    if (model->isShowingSaved() || model->rowCount() == 0)
        return;
    if (RunCache *cache = runCache())
        cache->save(key, model->newestRuns(RunCache::kMaxRunsPerView));
}

void Application::dropSources(const QString &id)
{
    m_window->setSource(nullptr);
    m_merged.reset();
    m_sources.erase(id);
}

void Application::acceptProfile(const ConnectionProfile &edited, const QString &secret)
{
    dropSources(edited.id);
    m_secrets.insert(edited.id, secret);
    const auto it = std::find_if(m_profiles.begin(), m_profiles.end(),
        [&edited](const ConnectionProfile &saved) { return saved.id == edited.id; });
    if (it == m_profiles.end())
        m_profiles.append(edited);
    else
        *it = edited;
    {
        m_settings.saveProfile(edited);
        m_settings.sync();
        m_credentials->write(edited.id, secret, this, [this](const QString &problem) {
            if (!problem.isEmpty())
                m_window->showNotice(problem);
        });
    }
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
    dropSources(shown.id);
    m_profiles.removeIf([&shown](const ConnectionProfile &p) { return p.id == shown.id; });
    m_secrets.remove(shown.id);
    m_settings.removeProfile(shown.id);
    m_settings.sync();
    m_credentials->remove(shown.id);
    if (m_profiles.isEmpty()) {
        m_current.clear();
        updateSwitcher();
        m_window->showStartupMessage(tr("No connections. Add one with Connections → New."));
        return;
    }
    showConnection(m_profiles.constFirst().id);
}

void Application::openConnectionDialog(const ConnectionProfile &profile, const QString &note)
{
    auto *dialog = new ConnectionDialog(&makeSource, m_window.get());
    dialog->setObjectName(u"connectionDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProfile(profile, m_secrets.value(profile.id));
    if (!note.isEmpty())
        dialog->setKeyNote(note);
    else if (!m_credentials->isKeychainAvailable())
        dialog->setKeyNote(m_credentials->unavailableReason());
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { acceptProfile(dialog->profile(), dialog->apiKey()); });
    dialog->open();
}
