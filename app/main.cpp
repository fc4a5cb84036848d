// Runwatch: a desktop dashboard for Skyvern runs.

#include <cstdio>

#include <QApplication>
#include <QLocale>

#include "application.h"
#include "heaptuning.h"
#include "quitonsignal.h"
#include "singleinstance.h"
#include "startuptrace.h"
#include "themedicon.h"
#include "translations.h"

namespace {
void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Runwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("Runwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RUNWATCH_VERSION));
}

/**
 * Reads the command line before there is a display: --help, --version and a mistyped option
 * are answered (and the process ends) without a window system, so scripts on headless machines
 * get their answer instead of an abort.
 */
LaunchOptions parseCommandLine(int argc, char *argv[], QString *error)
{
    QCoreApplication console(argc, argv);
    describeApplication();
    Translations::install(&console, QLocale());
    return LaunchOptions::parse(QCoreApplication::arguments(), error);
}
} // namespace

int main(int argc, char *argv[])
{
    StartupTrace::begin();
    HeapTuning::apply();
    QString error;
    const LaunchOptions options = parseCommandLine(argc, argv, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "runwatch: %s\n", qPrintable(error));
        return 2;
    }
    StartupTrace::mark("command line read");
    QApplication app(argc, argv);
    StartupTrace::mark("QApplication");
    const QuitOnSignal quitOnSignal; // before anything worth saving exists
    describeApplication();
    QApplication::setDesktopFileName(QStringLiteral("org.runwatch.Runwatch"));
    QApplication::setWindowIcon(ThemedIcon::application());
    Translations::install(&app, QLocale());
    StartupTrace::mark("icon and translations");
    // One window per setup: a second start (a runwatch:// link clicked in a browser, say) hands
    // its links to the running Runwatch and ends.
    SingleInstance instance(options.instanceKey());
    if (instance.claim(options.links) == SingleInstance::Role::HandedOver)
        return 0;
    StartupTrace::mark("single instance claimed");
    Application application(options);
    QObject::connect(&instance, &SingleInstance::messageReceived, &application,
        [&application](const QStringList &links) { application.openLinks(links, true); });
    StartupTrace::mark("Application built");
    application.start();
    StartupTrace::mark("Application started");
    application.openLinks(options.links, false);
    return QApplication::exec();
}
