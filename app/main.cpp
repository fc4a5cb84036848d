// Runwatch: a desktop dashboard for Skyvern runs.

#include <cstdio>
#include <cstring>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <QApplication>
#include <QTranslator>

#include "application.h"
#include "quitonsignal.h"

namespace {
/**
 * English plurals for sentences written with %n ("%n run(s) loaded"), until Runwatch ships
 * translation files: a real translation for the user's language takes precedence over it.
 */
class EnglishPlurals final : public QTranslator
{
public:
    using QTranslator::QTranslator;
    QString translate(const char *, const char *source, const char *, int n) const override
    {
        if (n < 0 || !source || !std::strstr(source, "(s)"))
            return {};
        return QString::fromUtf8(source).replace(
            QStringLiteral("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    }
    bool isEmpty() const override { return false; }
};

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
    const QCoreApplication console(argc, argv);
    describeApplication();
    return LaunchOptions::parse(QCoreApplication::arguments(), error);
}
} // namespace

int main(int argc, char *argv[])
{
    // A server may send megabytes of text in one run; give such blocks back when they are freed
    // instead of letting the heap keep them for the rest of the day.
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    QString error;
    const LaunchOptions options = parseCommandLine(argc, argv, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "runwatch: %s\n", qPrintable(error));
        return 2;
    }
    QApplication app(argc, argv);
    const QuitOnSignal quitOnSignal; // before anything worth saving exists
    describeApplication();
    QApplication::setDesktopFileName(QStringLiteral("org.runwatch.Runwatch"));
    EnglishPlurals plurals;
    QCoreApplication::installTranslator(&plurals);
    Application application(options);
    application.start();
    return QApplication::exec();
}
