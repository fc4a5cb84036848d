// Runwatch: a desktop dashboard for Skyvern runs.

#include <cstdio>

#include <QApplication>

#include "application.h"

int main(int argc, char *argv[])
{
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
