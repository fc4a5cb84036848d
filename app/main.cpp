// Runwatch: a desktop dashboard for Skyvern runs.

#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <QApplication>
#include <QLocale>

#include "application.h"
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
    // A server may send megabytes of text in one run; give such blocks back when they are freed
    // instead of letting the heap keep them for the rest of the day.
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    // glibc gives each thread that allocates a heap of its own (up to 8 per core), each
    // keeping freed memory; two are plenty for a window and a few workers.
    mallopt(M_ARENA_MAX, 2);
#endif
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
