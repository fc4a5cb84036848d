#include "application.h"

#include <QCommandLineParser>
#include <QStatusBar>

#include "connectiondialog.h"
#include "credentialstore.h"
#include "demoserverthread.h"
#include "mainwindow.h"
#include "serveraddress.h"
#include "skyvernclient.h"

using namespace Qt::StringLiterals;

namespace {
const auto kDemoViewKey = "demo"_L1;

std::unique_ptr<RunSource> makeSource(const ConnectionProfile &profile, const QString &apiKey)
{
    return std::make_unique<SkyvernClient>(profile.baseUrl, apiKey);
}
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
    parser.addOptions({demo, server, insecure, tick, seed, settings});
    parser.process(arguments);

    LaunchOptions options;
    options.demo = parser.isSet(demo);
    options.allowInsecureHttp = parser.isSet(insecure);
    options.demoTickMs = qBound(10, parser.value(tick).toInt(), 60000);
    options.demoSeed = parser.value(seed).toUInt();
    options.settingsFile = parser.value(settings);
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
    , m_window(std::make_unique<MainWindow>())
{
    connect(m_window->connectionAction(), &QAction::triggered, this,
        [this] { openConnectionDialog(); });
    connect(m_window.get(), &MainWindow::viewChanged, this, [this] {
        if (m_viewKey.isEmpty())
            return;
        m_settings.setView(m_viewKey, m_window->scope(), m_window->filter());
        m_settings.sync();
    });
    connect(m_credentials, &CredentialStore::keychainUnavailable, this,
        [this](const QString &reason) { m_window->statusBar()->showMessage(reason, 20000); });
}

Application::~Application()
{
    saveWindow();
    // The window's model holds requests of the source; close it first.
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
    m_window->restoreGeometry(m_settings.windowGeometry());
    m_window->restoreLayout(m_settings.windowLayout());
    m_window->show();
    if (m_options.serverUrl.isValid() && !m_options.demo) {
        ConnectionProfile profile;
        profile.id = u"command-line"_s;
        profile.baseUrl = m_options.serverUrl;
        profile.allowInsecureHttp = m_options.allowInsecureHttp;
        connectTo(profile, m_options.apiKey, m_options.serverUrl.toString());
        return;
    }
    const ConnectionProfile saved = m_settings.currentProfile();
    if (m_options.demo || !saved.isValid()) {
        startDemo();
        return;
    }
    restoreView(saved.id);
    m_window->showStartupMessage(tr("Reading the API key for %1…").arg(saved.displayName()));
    m_credentials->read(saved.id, this, [this, saved](const QString &key, const QString &problem) {
        if (!key.isEmpty()) {
            connectTo(saved, key, saved.id);
            return;
        }
        m_profile = saved;
        m_window->showStartupMessage(tr("Enter the API key for %1.").arg(saved.displayName()));
        openConnectionDialog(problem);
    });
}

void Application::restoreView(const QString &viewKey)
{
    m_viewKey = viewKey;
    m_window->setView(m_settings.scope(viewKey), m_settings.filter(viewKey));
}

void Application::startDemo()
{
    // Show the filters of last time while the server starts.
    restoreView(kDemoViewKey);
    m_window->showStartupMessage(tr("Starting the demo server…"));
    m_demoServer = new DemoServerThread(this);
    connect(m_demoServer, &DemoServerThread::started, this,
        [this](const QUrl &baseUrl, const QString &apiKey) {
            m_demoUrl = baseUrl;
            m_demoKey = apiKey;
            ConnectionProfile profile;
            profile.id = kDemoViewKey;
            profile.name = tr("Demo server");
            profile.baseUrl = baseUrl;
            connectTo(profile, apiKey, kDemoViewKey);
        });
    connect(m_demoServer, &DemoServerThread::failed, this, [this](const QString &reason) {
        m_window->showFatalError(tr("The demo server did not start: %1").arg(reason));
    });
    DemoServerOptions options;
    options.tickMs = m_options.demoTickMs;
    options.seed = m_options.demoSeed;
    options.spawnEveryMs = 20 * m_options.demoTickMs;
    m_demoServer->start(options);
}

void Application::connectTo(
    const ConnectionProfile &profile, const QString &apiKey, const QString &viewKey)
{
    std::unique_ptr<RunSource> source = makeSource(profile, apiKey);
    // Let go of the old source before restoring this connection's view, so no request of the
    // old one is made with the new filter.
    m_window->setSource(nullptr);
    restoreView(viewKey);
    m_window->setSource(source.get());
    m_source = std::move(source);
    m_profile = profile;
    m_apiKey = apiKey;
    emit connected(m_source->displayName());
}

void Application::openConnectionDialog(const QString &note)
{
    auto *dialog = new ConnectionDialog(&makeSource, m_window.get());
    dialog->setObjectName(u"connectionDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The demo server is not a connection to save; start from Skyvern Cloud instead.
    const bool editingDemo = m_profile.id == kDemoViewKey;
    dialog->setProfile(
        editingDemo ? m_settings.currentProfile() : m_profile, editingDemo ? QString() : m_apiKey);
    if (!note.isEmpty())
        dialog->setKeyNote(note);
    else if (!m_credentials->isKeychainAvailable())
        dialog->setKeyNote(m_credentials->unavailableReason());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ConnectionProfile profile = dialog->profile();
        const QString key = dialog->apiKey();
        m_settings.saveProfile(profile);
        m_settings.sync();
        m_credentials->write(profile.id, key, this, [this](const QString &problem) {
            if (!problem.isEmpty())
                m_window->statusBar()->showMessage(problem, 20000);
        });
        connectTo(profile, key, profile.id);
    });
    dialog->open();
}
