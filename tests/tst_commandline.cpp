// The runwatch binary's command line, run as a script on a machine without a display would.

#include <csignal>

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCommandLine : public QObject
{
    Q_OBJECT

    /** Runs runwatch with these arguments and no display of any kind. */
    static bool runHeadless(const QStringList &arguments, QProcess *process)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            environment.remove(QLatin1StringView(name));
        process->setProcessEnvironment(environment);
        process->start(QStringLiteral(RUNWATCH_PATH), arguments);
        return process->waitForFinished(30000);
    }

private slots:
    void answersWithoutADisplay_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << QStringList {u"--help"_s} << u"--demo"_s;
        QTest::newRow("-h") << QStringList {u"-h"_s} << u"--server"_s;
        QTest::newRow("--version")
            << QStringList {u"--version"_s} << QStringLiteral(RUNWATCH_VERSION);
        QTest::newRow("help after an option")
            << QStringList {u"--demo"_s, u"--help"_s} << u"--settings"_s;
    }

    void answersWithoutADisplay()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QProcess process;
        QVERIFY(runHeadless(arguments, &process));
        const QString output = QString::fromUtf8(process.readAllStandardOutput());
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, qPrintable(errors));
        QVERIFY2(output.contains(expected), qPrintable(output + errors));
    }

    void anUnknownOptionIsNamedWithoutADisplay()
    {
        QProcess process;
        QVERIFY(runHeadless({u"--no-such-option"_s}, &process));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY(process.exitCode() != 0);
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(errors.contains(u"no-such-option"_s), qPrintable(errors));
    }

    // A mistake on the command line is said on the terminal in the user's language, before
    // there is any window to say it in.
    void aMistakeIsSaidInTheUsersLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("expected");
        QTest::newRow("English") << u"C"_s << u"Set RUNWATCH_API_KEY"_s;
        QTest::newRow("German") << u"de_DE.UTF-8"_s << u"Setzen Sie RUNWATCH_API_KEY"_s;
    }

    void aMistakeIsSaidInTheUsersLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, expected);
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY",
                 "RUNWATCH_API_KEY", "LC_ALL", "LC_MESSAGES", "LANGUAGE"})
            environment.remove(QLatin1StringView(name));
        environment.insert(u"LANG"_s, language);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(RUNWATCH_PATH), {u"--server"_s, u"http://127.0.0.1:9"_s});
        QVERIFY(process.waitForFinished(30000));
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY(process.exitCode() != 0);
        QVERIFY2(errors.contains(expected), qPrintable(errors));
    }

    void theFirstPaintLoadsNoImagePluginAndSaysWhereTheTimeWent()
    {
        // Start-up builds only what the first frame shows: a PNG read on the way (a style's
        // standard icon) would load every image plugin there is; SVG icons are drawn by our
        // own engine. The checkpoints say where the time went (the benchmark prints them).
        QTemporaryDir dir;
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"HOME"_s, dir.path());
        environment.insert(u"QT_DEBUG_PLUGINS"_s, u"1"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(RUNWATCH_PATH),
            {u"--demo"_s, u"--settings"_s, dir.filePath(u"runwatch.ini"_s),
                u"--report-first-paint"_s});
        QVERIFY(process.waitForFinished(60000));
        const QString output = QString::fromUtf8(process.readAllStandardOutput());
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(output.contains(u"painted"_s), qPrintable(output + errors));
        QVERIFY2(errors.contains(u"platforms/libqoffscreen.so\" loaded library"_s),
            "the plugin log is read");
        for (const QString &kind : {u"/imageformats/"_s, u"/iconengines/"_s}) {
            for (const QString &line : errors.split(u'\n')) {
                QVERIFY2(!(line.contains(kind) && line.contains(u"loaded library"_s)
                             && !line.contains(u"unloaded"_s)),
                    qPrintable(line));
            }
        }
        for (const QString &step :
            {u"MainWindow built"_s, u"window shown"_s, u"first paint with rows"_s}) {
            QVERIFY2(
                output.contains(u"checkpoint "_s) && output.contains(step), qPrintable(output));
        }
    }

    void aTerminatedWindowSavesLikeAClosedOne()
    {
        // A logout or `kill` sends SIGTERM: the window's place and layout are saved as when it
        // is closed, instead of lost.
        QTemporaryDir dir;
        const QString settings = dir.filePath(u"runwatch.ini"_s);
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"HOME"_s, dir.path());
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(RUNWATCH_PATH), {u"--demo"_s, u"--settings"_s, settings});
        QVERIFY(process.waitForStarted());
        // Ready once the process catches SIGTERM (bit 15 of its caught-signal mask).
        const auto catchesTerm = [&process] {
            QFile status(u"/proc/%1/status"_s.arg(process.processId()));
            if (!status.open(QIODevice::ReadOnly))
                return false;
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("SigCgt:"))
                    return ((line.mid(7).trimmed().toULongLong(nullptr, 16) >> (SIGTERM - 1)) & 1)
                        != 0;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(catchesTerm(), 30000);
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QSettings saved(settings, QSettings::IniFormat);
        QVERIFY2(!saved.value(u"window/geometry"_s).toByteArray().isEmpty(),
            qPrintable(QString::fromLocal8Bit(process.readAllStandardError())));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
