// The runwatch binary's command line, run as a script on a machine without a display would.

#include <QProcess>
#include <QProcessEnvironment>
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
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
