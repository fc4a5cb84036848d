// runwatch-demo-server: a local server that speaks Skyvern's run API, for demos and tests.

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QSocketNotifier>

#include "demoserver.h"

using namespace Qt::StringLiterals;

namespace {

int s_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only write(2) here: it is async-signal-safe; the event loop does the rest.
    [[maybe_unused]] const auto written = ::write(s_signalPipe[0], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    // Screenshots are drawn with fonts, which need a GUI application but no display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"runwatch-demo-server"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local server that answers Skyvern's run API with seeded, live demo data."_s);
    parser.addHelpOption();
    const QCommandLineOption port(
        u"port"_s, u"Port on 127.0.0.1 (0: any free port)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption db(
        u"db"_s, u"SQLite file to keep state in (default: temporary)."_s, u"file"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed of the generated data."_s, u"n"_s, u"1"_s);
    const QCommandLineOption apiKey(
        u"api-key"_s, u"The x-api-key clients must send."_s, u"key"_s, u"demo-key"_s);
    const QCommandLineOption tick(
        u"tick-ms"_s, u"Milliseconds between steps of active runs."_s, u"ms"_s, u"1000"_s);
    const QCommandLineOption spawn(
        u"spawn-ms"_s, u"Start a scheduled run this often (0: never)."_s, u"ms"_s, u"0"_s);
    const QCommandLineOption runs(
        u"runs"_s, u"How many workflow runs to seed."_s, u"n"_s, u"2000"_s);
    const QCommandLineOption platformPort(u"platform-port"_s,
        u"Port of the second platform's API (limit/offset runs, bearer token; 0: any)."_s,
        u"port"_s, u"0"_s);
    const QCommandLineOption platformToken(u"platform-token"_s,
        u"The bearer token the second platform's clients must send."_s, u"token"_s,
        u"demo-token"_s);
    const QCommandLineOption noPlatform(u"no-platform"_s, u"Do not start the second platform."_s);
    const QCommandLineOption faults(u"faults"_s,
        u"Share of API answers that misbehave, 0 to 1 (default 0)."_s, u"rate"_s, u"0"_s);
    const QCommandLineOption faultKinds(u"fault-kinds"_s,
        u"Which faults: latency, stall, reset, 500, 502, 503, 429, malformed, truncated, "
        "wrong-type, absurd, duplicate-ids, launch-reset (default: all but launch-reset)."_s,
        u"list"_s);
    const QCommandLineOption dropLaunches(u"drop-launch-answers"_s,
        u"Create launched runs but drop the connection before answering."_s);
    const QCommandLineOption hugeEvidence(
        u"huge-evidence"_s, u"Give every run a timeline of 2,000 actions and 10,000 artifacts."_s);
    const QCommandLineOption brokenEvidence(u"broken-evidence"_s,
        u"Serve each run's first action screenshot as something that is not an image, and its "
        "recording cut short."_s);
    const QCommandLineOption hostileText(u"hostile-text"_s,
        u"Seed failure reasons and workflow names with quotes, commas, line breaks, "
        "right-to-left text, formulas and 5 KB of text (for trying exports)."_s);
    parser.addOptions({port, db, seed, apiKey, tick, spawn, runs, platformPort, platformToken,
        noPlatform, faults, faultKinds, dropLaunches, hugeEvidence, brokenEvidence, hostileText});
    parser.process(app);

    DemoServerOptions options;
    bool ok = true;
    const auto number = [&parser, &ok](const QCommandLineOption &option, int min, int max) {
        bool valid = false;
        const int value = parser.value(option).toInt(&valid);
        if (!valid || value < min || value > max) {
            std::fprintf(stderr, "--%s must be a number from %d to %d\n",
                qPrintable(option.names().constFirst()), min, max);
            ok = false;
        }
        return value;
    };
    options.port = quint16(number(port, 0, 65535));
    options.seed = quint32(number(seed, 0, 2147483647));
    options.faults.seed = options.seed;
    options.tickMs = number(tick, 1, 3600000);
    options.spawnEveryMs = number(spawn, 0, 3600000);
    options.runCount = number(runs, 0, 1000000);
    options.databasePath = parser.value(db);
    options.apiKey = parser.value(apiKey);
    options.platform = !parser.isSet(noPlatform);
    bool rateOk = false;
    options.faults.rate = parser.value(faults).toDouble(&rateOk);
    if (!rateOk || options.faults.rate < 0 || options.faults.rate > 1) {
        std::fprintf(stderr, "--faults must be a number from 0 to 1\n");
        ok = false;
    }
    QString unknownFault;
    if (parser.isSet(faultKinds)
        && !DemoFaultInjector::parseKinds(
            parser.value(faultKinds), &options.faults.kinds, &unknownFault)) {
        const QString known = DemoFaultInjector::kindNames().join(u", "_s);
        if (unknownFault.isEmpty())
            std::fprintf(
                stderr, "--fault-kinds names no fault; the faults are: %s\n", qPrintable(known));
        else
            std::fprintf(stderr, "--fault-kinds: unknown fault \"%s\"; the faults are: %s\n",
                qPrintable(unknownFault), qPrintable(known));
        ok = false;
    }
    options.faults.dropLaunchAnswers = parser.isSet(dropLaunches);
    options.faults.hugeEvidence = parser.isSet(hugeEvidence);
    options.faults.brokenEvidence = parser.isSet(brokenEvidence);
    options.hostileText = parser.isSet(hostileText);
    options.platformPort = quint16(number(platformPort, 0, 65535));
    options.platformToken = parser.value(platformToken);
    if (!ok)
        return 2;
    if (options.apiKey.isEmpty() || options.platformToken.isEmpty()) {
        std::fprintf(stderr, "--api-key and --platform-token must not be empty\n");
        return 2;
    }

    DemoServer server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "runwatch-demo-server: %s\n", qPrintable(error));
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(s_signalPipe[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
            char byte = 0;
            [[maybe_unused]] const auto read = ::read(s_signalPipe[1], &byte, 1);
            QCoreApplication::quit();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }

    std::printf("Runwatch demo server listening on %s\nAPI key: %s\n",
        qPrintable(server.baseUrl().toString()), qPrintable(options.apiKey));
    if (server.platform())
        std::printf("Second platform listening on %s (workflows %s)\nBearer token: %s\n",
            qPrintable(server.platform()->baseUrl().toString()),
            qPrintable(DemoPlatformServer::workflowIds().join(u", "_s)),
            qPrintable(options.platformToken));
    std::fflush(stdout);
    const int status = app.exec();
    std::printf("Runwatch demo server stopped.\n");
    return status;
}
