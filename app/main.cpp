// Runwatch: a desktop dashboard for Skyvern runs.

#include <cstdio>
#include <malloc.h>

#include <QApplication>

#include "application.h"

int main(int argc, char *argv[])
{
    // A server may send megabytes of text in one run; give such blocks back when they are freed
    // instead of letting the heap keep them for the rest of the day.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Runwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("Runwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RUNWATCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("runwatch"));

    QString error;
    const LaunchOptions options = LaunchOptions::parse(QCoreApplication::arguments(), &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "runwatch: %s\n", qPrintable(error));
        return 2;
    }
    Application application(options);
    application.start();
    return QApplication::exec();
}
