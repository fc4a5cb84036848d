#include "launchoptions.h"

#include <QCommandLineParser>
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
