#include "application.h"

#include <QCommandLineParser>
#include <QHostAddress>

#include "demoserverthread.h"
#include "mainwindow.h"
#include "serveraddress.h"
#include "skyvernclient.h"

using namespace Qt::StringLiterals;

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
    parser.addOptions({demo, server, insecure, tick, seed});
    parser.process(arguments);

    LaunchOptions options;
    options.demo = parser.isSet(demo);
    options.allowInsecureHttp = parser.isSet(insecure);
    options.demoTickMs = qBound(10, parser.value(tick).toInt(), 60000);
    options.demoSeed = parser.value(seed).toUInt();
    if (parser.isSet(server)) {
        options.serverUrl = QUrl(parser.value(server), QUrl::StrictMode);
        options.apiKey = qEnvironmentVariable("RUNWATCH_API_KEY");
        const QString problem = ServerAddress::problem(options.serverUrl, options.allowInsecureHttp);
        if (!problem.isEmpty() && error)
            *error = problem;
        else if (options.apiKey.isEmpty() && error)
            *error = QObject::tr("Set RUNWATCH_API_KEY to the server's API key.");
    } else if (!options.demo) {
        options.demo = true; // with nothing else to connect to, show the demo
    }
    return options;
}

Application::Application(LaunchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_window(std::make_unique<MainWindow>())
{ }

Application::~Application()
{
    // The window's model holds requests of the client; close it first.
    m_window.reset();
}

void Application::start()
{
    m_window->show();
    if (!m_options.demo) {
        connectTo(m_options.serverUrl, m_options.apiKey);
        return;
    }
    m_window->showStartupMessage(tr("Starting the demo server…"));
    m_demoServer = new DemoServerThread(this);
    connect(m_demoServer, &DemoServerThread::started, this,
        [this](const QUrl &baseUrl, const QString &apiKey) { connectTo(baseUrl, apiKey); });
    connect(m_demoServer, &DemoServerThread::failed, this, [this](const QString &reason) {
        m_window->showFatalError(tr("The demo server did not start: %1").arg(reason));
    });
    DemoServerOptions options;
    options.tickMs = m_options.demoTickMs;
    options.seed = m_options.demoSeed;
    options.spawnEveryMs = 20 * m_options.demoTickMs;
    m_demoServer->start(options);
}

void Application::connectTo(const QUrl &baseUrl, const QString &apiKey)
{
    m_client = new SkyvernClient(baseUrl, apiKey, this);
    m_window->setSource(m_client);
}
