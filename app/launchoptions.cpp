#include "launchoptions.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QObject>

#include "serveraddress.h"

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
    const QCommandLineOption settings(
        u"settings"_s, QObject::tr("Use this settings file instead of the user's."), u"file"_s);
    const QCommandLineOption minimized(u"minimized"_s,
        QObject::tr("Start with the window minimised (to start with the session, say)."));
    QCommandLineOption firstPaint(u"report-first-paint"_s,
        QObject::tr("Print when the first rows are painted, then quit (for benchmarks)."));
    firstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demo, server, insecure, tick, seed, settings, minimized, firstPaint});
    parser.addPositionalArgument(u"link"_s,
        QObject::tr("runwatch://run/<connection>/<run id> links to open; a running Runwatch "
                    "opens them in its window."),
        u"[link...]"_s);
    parser.process(arguments);

    LaunchOptions options;
    options.demo = parser.isSet(demo);
    options.allowInsecureHttp = parser.isSet(insecure);
    options.demoTickMs = qBound(10, parser.value(tick).toInt(), 60000);
    options.demoSeed = parser.value(seed).toUInt();
    options.settingsFile = parser.value(settings);
    options.reportFirstPaint = parser.isSet(firstPaint);
    options.minimized = parser.isSet(minimized);
    // At most a handful, each cut at a length no link has: a paste of a whole page is refused
    // in the window with the link's own message.
    for (const QString &link : parser.positionalArguments().mid(0, 16))
        options.links.append(link.left(4 * 1024));
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

QString LaunchOptions::instanceKey() const
{
    // Another settings file is another setup; the demo and a server on the command line each
    // run beside a saved setup, never inside it.
    const QString mode = demo ? u"demo"_s : serverUrl.toString();
    const QString settings
        = settingsFile.isEmpty() ? QString() : QFileInfo(settingsFile).absoluteFilePath();
    return settings + u'|' + mode + u'|' + keychainService;
}
