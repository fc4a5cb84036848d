// runwatch-cli: Runwatch's run list for scripts (list, view, watch, cancel, retry, export).

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include "cliarguments.h"
#include "cliconnection.h"
#include "runscommand.h"

using namespace Qt::StringLiterals;

namespace {

int s_signalPipe[2] = {-1, -1};
bool s_verbose = false;

void onSignal(int)
{
    const char byte = 1;
    // Only write(2) here: it is async-signal-safe; the event loop does the rest.
    [[maybe_unused]] const auto written = ::write(s_signalPipe[0], &byte, 1);
}

// Standard error is for the one sentence that says why a command failed; Qt's and the
// libraries' warnings go there only with --verbose.
void logMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (!s_verbose && type != QtFatalMsg)
        return;
    const QByteArray line = qFormatLogMessage(type, context, message).toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
}

int fail(const QString &message, int status)
{
    // One line, whatever the sentence holds.
    const QByteArray line = (u"runwatch-cli: "_s + message.simplified() + u'\n').toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    return status;
}

} // namespace

int main(int argc, char *argv[])
{
    qInstallMessageHandler(logMessage);
    QCoreApplication app(argc, argv);
    // The same names as the window, so the same settings file is read.
    QCoreApplication::setOrganizationName(u"Runwatch"_s);
    QCoreApplication::setApplicationName(u"Runwatch"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(RUNWATCH_VERSION));

    QString text;
    QString error;
    const CliArguments arguments = CliArguments::parse(app.arguments(), &text, &error);
    if (!error.isEmpty())
        return fail(error, CliExit::kError);
    if (arguments.verb == CliArguments::Verb::None) {
        std::fputs(text.toUtf8().constData(), stdout);
        return CliExit::kOk;
    }
    s_verbose = arguments.verbose;
    if (s_verbose)
        QLoggingCategory::setFilterRules(u"runwatch.api.debug=true"_s);

    CliConnection connection(arguments.connection);
    std::unique_ptr<RunsCommand> command; // goes before the source it asks
    int status = CliExit::kOk;
    QString problem;
    const auto end = [&](int exitStatus, const QString &message) {
        status = exitStatus;
        problem = message;
        QCoreApplication::exit(exitStatus);
    };
    QObject::connect(&connection, &CliConnection::failed, &app,
        [&](const QString &message) { end(CliExit::kError, message); });
    QObject::connect(&connection, &CliConnection::ready, &app, [&] {
        command = std::make_unique<RunsCommand>(arguments, connection.source());
        QObject::connect(command.get(), &RunsCommand::finished, &app, end);
        command->start();
    });

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(s_signalPipe[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&] {
            char byte = 0;
            [[maybe_unused]] const auto read = ::read(s_signalPipe[1], &byte, 1);
            if (command)
                command->interrupt();
            status = CliExit::kInterrupted;
            problem.clear();
            QCoreApplication::exit(CliExit::kInterrupted);
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }

    connection.open();
    app.exec();
    if (!problem.isEmpty())
        return fail(problem, status);
    return status;
}
