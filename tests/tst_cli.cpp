// runwatch-cli run as a script would run it: a process with no display, against a demo server
// on loopback in this test (so the test's event loop keeps turning while the child runs).

#include <csignal>
#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "connectionprofile.h"
#include "demoserver.h"
#include "settings.h"
#include "skyvernclient.h"

using namespace Qt::StringLiterals;

namespace {
// Recognisable, so a leak of either into any output is found.
const QString kKey = u"sk-cli-test-KEY-3f9a1c7e"_s;
const QString kToken = u"tok-cli-test-TOKEN-8b2d4e6f"_s;

struct CliResult
{
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;
    QStringList errLines() const { return err.split(u'\n', Qt::SkipEmptyParts); }
};
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QTemporaryDir m_dataDir;
    std::unique_ptr<DemoServer> m_server;
    QStringList m_everything; // all the CLI printed, checked for the key at the end

    QProcessEnvironment environment(const QString &key = kKey) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // No display of any kind, and no session bus: as over SSH on a bare server.
        for (const char *name :
            {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
                "RUNWATCH_API_KEY", "SKYVERN_API_KEY", "QT_LOGGING_RULES"})
            environment.remove(QLatin1StringView(name));
        environment.insert(u"HOME"_s, m_home.path());
        environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        environment.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
        environment.insert(u"XDG_RUNTIME_DIR"_s, m_home.filePath(u"runtime"_s));
        if (!key.isEmpty())
            environment.insert(u"SKYVERN_API_KEY"_s, key);
        return environment;
    }

    /** Runs the CLI without blocking this thread's event loop (the server lives on it). */
    CliResult run(
        const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs = 60000)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(RUNWATCH_CLI_PATH), arguments);
        CliResult result;
        result.finished = finished.wait(timeoutMs);
        if (!result.finished) {
            process.kill();
            (void)finished.wait(5000);
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        m_everything << result.out << result.err;
        return result;
    }

    CliResult runOnServer(const QStringList &arguments)
    {
        return run(
            QStringList {u"--server"_s, m_server->baseUrl().toString()} + arguments, environment());
    }

    /** One page of the server's list, read with the api layer as the window reads it. */
    QList<WorkflowRun> serverRuns(const RunQuery &query)
    {
        SkyvernClient client(m_server->baseUrl(), kKey);
        QList<WorkflowRun> runs;
        bool done = false;
        client.listRuns(query, this, [&](const ApiResult<RunPage> &page) {
            if (page.ok())
                runs = page.value.runs;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 15000))
            qWarning("the server did not answer the list");
        return runs;
    }

    QString runWithStatus(RunStatus status, int skip = 0)
    {
        RunQuery query;
        query.filter.statuses = {status};
        query.pageSize = 50;
        const QList<WorkflowRun> runs = serverRuns(query);
        for (const WorkflowRun &run : runs) {
            if (run.status == status && skip-- == 0)
                return run.workflowRunId;
        }
        return {};
    }

    static QJsonArray jsonArray(const QString &text)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isArray())
            qWarning("not a JSON array: %s", qPrintable(text.left(500)));
        return document.array();
    }

    static void verifyOneErrorLine(const CliResult &result)
    {
        QVERIFY2(result.finished, "the CLI did not end");
        QVERIFY2(result.exitCode != 0, qPrintable(result.out));
        QCOMPARE(result.errLines().size(), 1);
        QVERIFY2(result.err.startsWith(u"runwatch-cli: "_s), qPrintable(result.err));
        const QChar last = result.err.at(result.err.size() - 2); // a whole sentence
        QVERIFY2(last == u'.' || last == u'?' || last == u')', qPrintable(result.err));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        DemoServerOptions options;
        options.databasePath = m_dataDir.filePath(u"demo.sqlite"_s);
        options.tickMs = 3600000; // runs stay where they are unless a test moves them
        options.runCount = 300;
        options.seed = 7;
        options.apiKey = kKey;
        options.platformToken = kToken;
        m_server = std::make_unique<DemoServer>(options);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        // The key (and the platform's token) were in every child's environment and on the
        // wire, yet never in anything printed: no output, no error, no verbose log.
        const QString all = m_everything.join(u'\n');
        QVERIFY(!all.isEmpty());
        QVERIFY(!all.contains(kKey));
        QVERIFY(!all.contains(kToken));
    }

    void helpAnswersWithoutADisplay()
    {
        const CliResult overview = run({u"--help"_s}, environment());
        QCOMPARE(overview.exitCode, 0);
        QVERIFY(overview.out.contains(u"runs watch"_s));
        QVERIFY(overview.out.contains(u"SKYVERN_API_KEY"_s));
        QVERIFY(overview.out.contains(u"130"_s));
        const CliResult list = run({u"runs"_s, u"list"_s, u"--help"_s}, environment());
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains(u"--error-code"_s), qPrintable(list.out));
        QVERIFY(list.out.contains(u"Exit status"_s));
        const CliResult version = run({u"--version"_s}, environment());
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(u"runwatch-cli "_s));
    }

    void mistakesOnTheCommandLineAreOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no verb") << QStringList {u"runs"_s} << u"needs a command"_s;
        QTest::newRow("unknown verb")
            << QStringList {u"runs"_s, u"frobnicate"_s} << u"frobnicate"_s;
        QTest::newRow("unknown option")
            << QStringList {u"runs"_s, u"list"_s, u"--no-such"_s} << u"no-such"_s;
        QTest::newRow("bad status")
            << QStringList {u"runs"_s, u"list"_s, u"--status"_s, u"exploded"_s} << u"exploded"_s;
        QTest::newRow("view without id") << QStringList {u"runs"_s, u"view"_s} << u"one run id"_s;
        QTest::newRow("export without format")
            << QStringList {u"runs"_s, u"export"_s} << u"--format"_s;
        QTest::newRow("two connections") << QStringList {u"--demo"_s, u"--server"_s,
            u"http://127.0.0.1:9"_s, u"runs"_s, u"list"_s}
                                         << u"choose one"_s;
    }

    void mistakesOnTheCommandLineAreOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult result = run(arguments, environment());
        verifyOneErrorLine(result);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    }

    void listsAsAnAlignedTable()
    {
        const CliResult result = runOnServer({u"runs"_s, u"list"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.err.isEmpty());
        const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 21); // the header and the default 20 runs
        QVERIFY(lines.first().startsWith(u"STATUS"_s));
        const qsizetype idColumn = lines.first().indexOf(u"RUN ID"_s);
        QVERIFY(idColumn > 0);
        RunQuery query;
        query.pageSize = 20;
        const QList<WorkflowRun> runs = serverRuns(query);
        QCOMPARE(runs.size(), 20);
        for (int i = 0; i < runs.size(); ++i) {
            // Aligned: every id starts in the header's column.
            QCOMPARE(lines.at(i + 1).mid(idColumn, runs.at(i).workflowRunId.size()),
                runs.at(i).workflowRunId);
            QVERIFY(lines.at(i + 1).startsWith(runStatusToWire(runs.at(i).status)));
        }
    }

    void listsAsJsonWhatTheServerLists()
    {
        const CliResult result = runOnServer({u"runs"_s, u"list"_s, u"--json"_s, u"--limit"_s,
            u"130"_s}); // more than one page of 100
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonArray listed = jsonArray(result.out);
        QCOMPARE(listed.size(), 130);
        RunQuery first;
        first.pageSize = 100;
        RunQuery second = first;
        second.page = 2;
        const QList<WorkflowRun> runs = serverRuns(first) + serverRuns(second);
        for (int i = 0; i < listed.size(); ++i) {
            const QJsonObject run = listed.at(i).toObject();
            QCOMPARE(run.value("workflow_run_id"_L1).toString(), runs.at(i).workflowRunId);
            QCOMPARE(run.value("status"_L1).toString(), runStatusToWire(runs.at(i).status));
            // The documented keys, as WorkflowRun::toJson writes them.
            QCOMPARE(run, runs.at(i).toJson());
        }
    }

    void listsTheFailedRunsAsked()
    {
        const CliResult result = runOnServer(
            {u"runs"_s, u"list"_s, u"--status"_s, u"failed"_s, u"--limit"_s, u"5"_s, u"--json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonArray listed = jsonArray(result.out);
        QCOMPARE(listed.size(), 5);
        RunQuery query;
        query.filter.statuses = {RunStatus::Failed};
        query.pageSize = 5;
        const QList<WorkflowRun> runs = serverRuns(query);
        QCOMPARE(runs.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(listed.at(i).toObject().value("workflow_run_id"_L1).toString(),
                runs.at(i).workflowRunId);
            QCOMPARE(listed.at(i).toObject().value("status"_L1).toString(), u"failed"_s);
        }
    }

    void viewsOneRunAsJson()
    {
        const QString id = runWithStatus(RunStatus::Failed);
        QVERIFY(!id.isEmpty());
        const CliResult json = runOnServer({u"runs"_s, u"view"_s, id, u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject run = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(run.value("run_id"_L1).toString(), id);
        QCOMPARE(run.value("status"_L1).toString(), u"failed"_s);
        QVERIFY(run.contains("failure_reason"_L1));
        const CliResult human = runOnServer({u"runs"_s, u"view"_s, id});
        QVERIFY2(human.exitCode == 0, qPrintable(human.err));
        QVERIFY(human.out.contains(u"Status"_s));
        QVERIFY(human.out.contains(id));
        // The detail names its workflow by id; the title comes from the workflow list.
        RunQuery query;
        query.filter.statuses = {RunStatus::Failed};
        query.pageSize = 50;
        QString title;
        for (const WorkflowRun &listed : serverRuns(query)) {
            if (listed.workflowRunId == id)
                title = listed.workflowTitle;
        }
        QVERIFY(!title.isEmpty());
        QVERIFY2(human.out.contains(title), qPrintable(human.out));
    }

    void viewOfAnUnknownRunIsOneLine()
    {
        const CliResult result = runOnServer({u"runs"_s, u"view"_s, u"wr_no_such_run"_s});
        verifyOneErrorLine(result);
        QCOMPARE(result.exitCode, 2);
    }

    void watchExitsWithHowTheRunEnded_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("completed") << int(RunStatus::Completed) << 0;
        QTest::newRow("failed") << int(RunStatus::Failed) << 1;
        QTest::newRow("canceled") << int(RunStatus::Canceled) << 1;
    }

    void watchExitsWithHowTheRunEnded()
    {
        QFETCH(int, status);
        QFETCH(int, exitCode);
        const QString id = runWithStatus(RunStatus(status));
        QVERIFY(!id.isEmpty());
        const CliResult result = runOnServer({u"runs"_s, u"watch"_s, id});
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY(result.out.contains(runStatusToWire(RunStatus(status))));
        QVERIFY(result.err.isEmpty() == (exitCode == 0) || !result.err.contains(u'\n'));
    }

    void ctrlCStopsAWatch()
    {
        const QString id = runWithStatus(RunStatus::Running);
        QVERIFY(!id.isEmpty());
        QProcess process;
        process.setProcessEnvironment(environment());
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(RUNWATCH_CLI_PATH),
            {u"--server"_s, m_server->baseUrl().toString(), u"runs"_s, u"watch"_s, id,
                u"--interval"_s, u"0.2"_s});
        // Its first line is out once it is watching (and handles signals).
        QTRY_VERIFY(process.canReadLine());
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        m_everything << QString::fromUtf8(process.readAllStandardOutput()) << err;
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void cancelsARunningRun()
    {
        const QString id = runWithStatus(RunStatus::Running, 1);
        QVERIFY(!id.isEmpty());
        const CliResult result = runOnServer({u"runs"_s, u"cancel"_s, id});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
        QVERIFY(result.out.contains(id));
        QVERIFY(result.out.contains(u"canceled"_s));
        QCOMPARE(m_server->storedRun(id)->status, u"canceled"_s);
    }

    void cancelOfACompletedRunSaysWhyNot()
    {
        const QString id = runWithStatus(RunStatus::Completed, 1);
        QVERIFY(!id.isEmpty());
        const CliResult result = runOnServer({u"runs"_s, u"cancel"_s, id});
        verifyOneErrorLine(result);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains(u"completed"_s), qPrintable(result.out));
        QCOMPARE(m_server->storedRun(id)->status, u"completed"_s);
    }

    void watchFollowsARunningRunToItsEnd()
    {
        const QString id = runWithStatus(RunStatus::Running);
        QVERIFY(!id.isEmpty());
        QProcess process;
        process.setProcessEnvironment(environment());
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(RUNWATCH_CLI_PATH),
            {u"--server"_s, m_server->baseUrl().toString(), u"runs"_s, u"watch"_s, id,
                u"--interval"_s, u"0.1"_s});
        QTRY_VERIFY(process.bytesAvailable() > 0 || !finished.isEmpty());
        for (int step = 0; step < 200 && finished.isEmpty(); ++step) {
            m_server->tick();
            QTest::qWait(50);
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        m_everything << out << QString::fromUtf8(process.readAllStandardError());
        const QString final = m_server->storedRun(id)->status;
        QVERIFY2(out.startsWith(QString()) && out.contains(u"running"_s), qPrintable(out));
        QVERIFY2(out.trimmed().section(u'\n', -1).contains(final), qPrintable(out));
        QCOMPARE(process.exitCode(), final == u"completed"_s ? 0 : 1);
    }

    void retryStartsExactlyOneNewRun()
    {
        const QString id = runWithStatus(RunStatus::Failed, 2);
        QVERIFY(!id.isEmpty());
        const CliResult result = runOnServer({u"runs"_s, u"retry"_s, id, u"--json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
        const QJsonArray outcomes = jsonArray(result.out);
        QCOMPARE(outcomes.size(), 1);
        const QJsonObject outcome = outcomes.first().toObject();
        QCOMPARE(outcome.value("run_id"_L1).toString(), id);
        QCOMPARE(outcome.value("outcome"_L1).toString(), u"retried"_s);
        const QString newRun = outcome.value("new_run_id"_L1).toString();
        QVERIFY(!newRun.isEmpty());
        QCOMPARE(m_server->storedRun(newRun)->retriedFrom, id);
        // Exactly one: no other run of the server was retried from it.
        RunQuery query;
        query.pageSize = 100;
        int retries = 0;
        for (query.page = 1; query.page <= 5; ++query.page) {
            for (const WorkflowRun &run : serverRuns(query))
                retries += run.sourceRunId == id ? 1 : 0;
        }
        QCOMPARE(retries, 1);
    }

    void exportsCsvToAFileAndJsonLinesToOutput()
    {
        const QString csv = m_home.filePath(u"runs.csv"_s);
        const CliResult file = runOnServer({u"runs"_s, u"export"_s, u"--format"_s, u"csv"_s,
            u"--output"_s, csv, u"--status"_s, u"failed"_s});
        QVERIFY2(file.exitCode == 0, qPrintable(file.err));
        QVERIFY(file.out.contains(u"Wrote "_s));
        const CliResult lines = runOnServer(
            {u"runs"_s, u"export"_s, u"--format"_s, u"jsonl"_s, u"--status"_s, u"failed"_s});
        QVERIFY2(lines.exitCode == 0, qPrintable(lines.err));
        const QStringList records = lines.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(records.size() > 5);
        QStringList ids;
        for (const QString &record : records) {
            const QJsonObject run = QJsonDocument::fromJson(record.toUtf8()).object();
            QCOMPARE(run.value("status"_L1).toString(), u"failed"_s);
            ids.append(run.value("workflow_run_id"_L1).toString());
        }
        // The CSV read by Python's own reader: the same runs, in the same order.
        QProcess python;
        python.start(u"python3"_s,
            {u"-c"_s,
                u"import csv,sys\n"
                "rows=list(csv.DictReader(open(sys.argv[1],encoding='utf-8-sig',newline='')))\n"
                "print('\\n'.join(r['workflow_run_id'] for r in rows))"_s,
                csv});
        QVERIFY(python.waitForFinished(30000)); // python talks to no server: blocking is fine
        QCOMPARE(python.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(python.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts),
            ids);
    }

    void aClosedPortIsOneLine()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        const CliResult result
            = run({u"--server"_s, u"http://127.0.0.1:%1"_s.arg(port), u"runs"_s, u"list"_s},
                environment());
        verifyOneErrorLine(result);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
    }

    void aFailingServerIsOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("list") << QStringList {u"runs"_s, u"list"_s};
        QTest::newRow("view") << QStringList {u"runs"_s, u"view"_s, u"wr_1"_s};
        QTest::newRow("export") << QStringList {u"runs"_s, u"export"_s, u"--format"_s, u"csv"_s};
        QTest::newRow("cancel") << QStringList {u"runs"_s, u"cancel"_s, u"wr_1"_s};
        QTest::newRow("verbose list") << QStringList {u"--verbose"_s, u"runs"_s, u"list"_s};
    }

    void aFailingServerIsOneLine()
    {
        QFETCH(QStringList, arguments);
        DemoFaultOptions faults;
        faults.rate = 1.0;
        faults.kinds = {DemoFault::ServerError};
        m_server->setFaults(faults);
        const CliResult result = runOnServer(arguments);
        m_server->setFaults({});
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        if (arguments.contains(u"--verbose"_s)) {
            // The log says what was asked, and still names no key; the last line is the error.
            QVERIFY2(result.err.contains(u"GET /v1/"_s), qPrintable(result.err));
            QVERIFY2(result.errLines().constLast().startsWith(u"runwatch-cli: "_s),
                qPrintable(result.err));
            return;
        }
        verifyOneErrorLine(result);
        QVERIFY(result.out.isEmpty());
    }

    void aWrongKeyIsOneLine()
    {
        const CliResult result
            = run({u"--server"_s, m_server->baseUrl().toString(), u"runs"_s, u"list"_s},
                environment(u"sk-wrong-key"_s));
        verifyOneErrorLine(result);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(!result.err.contains(u"sk-wrong-key"_s));
        const CliResult none
            = run({u"--server"_s, m_server->baseUrl().toString(), u"runs"_s, u"list"_s},
                environment(QString()));
        verifyOneErrorLine(none);
        QVERIFY(none.err.contains(u"SKYVERN_API_KEY"_s));
    }

    void usesASavedConnection()
    {
        const QString file = m_home.filePath(u"saved.ini"_s);
        {
            Settings settings(file);
            ConnectionProfile other;
            other.id = u"other"_s;
            other.name = u"Elsewhere"_s;
            other.baseUrl = QUrl(u"http://127.0.0.1:9"_s);
            ConnectionProfile local;
            local.id = u"local"_s;
            local.name = u"Local demo"_s;
            local.baseUrl = m_server->baseUrl();
            settings.setProfiles({other, local});
            settings.setCurrentProfileId(u"other"_s);
        }
        const CliResult named = run({u"--settings"_s, file, u"--connection"_s, u"local demo"_s,
                                        u"runs"_s, u"list"_s, u"--limit"_s, u"3"_s, u"--json"_s},
            environment());
        QVERIFY2(named.exitCode == 0, qPrintable(named.err));
        QCOMPARE(jsonArray(named.out).size(), 3);
        // Without a keychain and without SKYVERN_API_KEY: one line that says where to put it.
        const CliResult noKey
            = run({u"--settings"_s, file, u"--connection"_s, u"local"_s, u"--keychain-service"_s,
                      u"runwatch-cli-test"_s, u"runs"_s, u"list"_s},
                environment(QString()));
        verifyOneErrorLine(noKey);
        QCOMPARE(noKey.exitCode, 2);
        QVERIFY2(noKey.err.contains(u"SKYVERN_API_KEY"_s), qPrintable(noKey.err));
        const CliResult unknown
            = run({u"--settings"_s, file, u"--connection"_s, u"nowhere"_s, u"runs"_s, u"list"_s},
                environment());
        verifyOneErrorLine(unknown);
        QVERIFY(unknown.err.contains(u"Local demo"_s));
    }

    void listsTheWorkflowPlatform()
    {
        QVERIFY(m_server->platform());
        const CliResult result = run({u"--server"_s, m_server->platform()->baseUrl().toString(),
                                         u"--platform"_s, u"--workflow"_s, u"wf_price_scan"_s,
                                         u"runs"_s, u"list"_s, u"--limit"_s, u"7"_s, u"--json"_s},
            environment(kToken));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonArray runs = jsonArray(result.out);
        QCOMPARE(runs.size(), 7);
        for (const QJsonValue &run : runs)
            QCOMPARE(
                run.toObject().value("workflow_permanent_id"_L1).toString(), u"wf_price_scan"_s);
        // What the platform cannot do is said before anything is sent.
        const CliResult search = run(
            {u"--server"_s, m_server->platform()->baseUrl().toString(), u"--platform"_s,
                u"--workflow"_s, u"wf_price_scan"_s, u"runs"_s, u"list"_s, u"--search"_s, u"x"_s},
            environment(kToken));
        verifyOneErrorLine(search);
    }

    void theDemoRunsInTheProcess()
    {
        const CliResult result = run(
            {u"--demo"_s, u"runs"_s, u"list"_s, u"--limit"_s, u"3"_s}, environment(QString()));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(result.out.split(u'\n', Qt::SkipEmptyParts).size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
