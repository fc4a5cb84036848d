// The runwatch-demo-server executable as a user starts it: flags, the address it prints,
// answering curl-like requests, and a clean exit on SIGTERM.

#include <csignal>

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "support/testhttp.h"

using namespace Qt::StringLiterals;

class TestDemoServerProcess : public QObject
{
    Q_OBJECT

private slots:
    void printsItsAddressAnswersAndStopsOnSigterm()
    {
        QTemporaryDir dir;
        QProcess server;
        server.start(QStringLiteral(DEMO_SERVER_PATH),
            {u"--port"_s, u"0"_s, u"--api-key"_s, u"k-123"_s, u"--seed"_s, u"3"_s, u"--runs"_s,
                u"50"_s, u"--tick-ms"_s, u"50"_s, u"--db"_s, dir.filePath(u"state.sqlite"_s)});
        QVERIFY(server.waitForStarted());
        QByteArray output;
        QRegularExpressionMatch match;
        const QRegularExpression address(u"listening on (http://127\\.0\\.0\\.1:\\d+)"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            (output += server.readAllStandardOutput(),
                match = address.match(QString::fromUtf8(output)), match.hasMatch()),
            20000);
        QVERIFY(output.contains("k-123"));
        const QUrl base(match.captured(1));
        const HttpAnswer answer = httpRequest(
            "GET", QUrl(base.toString() + u"/v1/workflows/runs?page_size=100"_s), "k-123");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json().array().size(), 50);
        QVERIFY(QFile::exists(dir.filePath(u"state.sqlite"_s)));

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }

    void rejectsANonsensePort()
    {
        QProcess server;
        server.start(QStringLiteral(DEMO_SERVER_PATH), {u"--port"_s, u"eighty"_s});
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 2);
        QVERIFY(server.readAllStandardError().contains("--port must be a number"));
    }

    void rejectsABadFaultKindNamingTheGoodOnes_data()
    {
        QTest::addColumn<QString>("kinds");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("unknown") << u"bogus"_s << QByteArray("\"bogus\"");
        QTest::newRow("one good, one unknown") << u"latency, stal"_s << QByteArray("\"stal\"");
        QTest::newRow("empty") << QString() << QByteArray("names no fault");
        QTest::newRow("only commas") << u" , "_s << QByteArray("names no fault");
    }

    void rejectsABadFaultKindNamingTheGoodOnes()
    {
        QFETCH(QString, kinds);
        QFETCH(QByteArray, named);
        QProcess server;
        server.start(QStringLiteral(DEMO_SERVER_PATH),
            {u"--port"_s, u"0"_s, u"--no-platform"_s, u"--runs"_s, u"10"_s, u"--faults"_s, u"0.5"_s,
                u"--fault-kinds"_s, kinds});
        QVERIFY(server.waitForStarted());
        if (!server.waitForFinished(10000)) {
            server.kill();
            server.waitForFinished();
            QFAIL("the server started instead of refusing the fault kinds");
        }
        QCOMPARE(server.exitCode(), 2);
        const QByteArray error = server.readAllStandardError();
        QVERIFY2(error.contains("--fault-kinds"), error.constData());
        QVERIFY2(error.contains(named), error.constData());
        for (const char *good : {"latency", "stall", "reset", "500", "502", "503", "429",
                 "malformed", "truncated", "wrong-type", "absurd", "duplicate-ids", "launch-reset"})
            QVERIFY2(error.contains(good), good);
    }
};

QTEST_GUILESS_MAIN(TestDemoServerProcess)
#include "tst_demoserverprocess.moc"
