#include "application.h"

#include <QAbstractItemView>
#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrlQuery>

#include "artifactfetcher.h"
#include "connectiondialog.h"
#include "credentialstore.h"
#include "demoserverthread.h"
#include "firstpaintreporter.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runlistmodel.h"
#include "savedlistcontroller.h"
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
} // namespace

Application::Application(LaunchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(m_options.settingsFile)
    , m_credentials(new CredentialStore(m_options.keychainService, this))
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
    m_firstConnection = firstConnection(&m_profiles);
    // Read the list the window will open on while the window is being built.
    if (!m_firstConnection.isEmpty())
        m_savedLists->prefetch(keyOf(m_firstConnection, m_settings.scope(m_firstConnection),
            m_settings.filter(m_firstConnection)));
    m_window = std::make_unique<MainWindow>();
    m_window->artifactFetcher()->setCacheDirectory(cachePrefix + u"artifacts"_s);
    m_savedLists->attach(m_window.get());
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
    m_savedLists->save();
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
    m_savedLists->show(savedListKey(current));
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
    m_savedLists->save(); // the rows shown now, before they make way
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
    m_savedLists->show(savedListKey(id));
    m_window->setSource(source, profile(id).name);
    const bool savedProfilesOnly = !m_demoServer && !profile(kCommandLineId).isValid();
    if (!isEphemeral(id) || (id == QLatin1String(kAllConnections) && savedProfilesOnly)) {
        m_settings.setCurrentProfileId(id);
        m_settings.sync();
    }
    updateSwitcher();
    emit connected(source->displayName());
}

QString Application::keyOf(const QString &id, const QString &scope, const RunFilter &filter) const
{
    // The demo's server is new each start: a list saved from it would be a list of nothing.
    const bool demoView = id == kDemoId || id == kDemoPlatformId
        || (id == QLatin1String(kAllConnections) && m_demoServer);
    if (demoView)
        return {};
    return SavedListController::keyFor(
        m_profiles, id, scope, filter, QString::fromLatin1(kAllConnections));
}

QString Application::savedListKey(const QString &id) const
{
    return m_window ? keyOf(id, m_window->scope(), m_window->filter()) : QString();
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
