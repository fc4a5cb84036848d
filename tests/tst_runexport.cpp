// Exporting the whole filtered run list: the writer's CSV quoting and JSON Lines, 20,000 demo
// runs with hostile failure reasons and workflow names exported through the real Skyvern client
// and read back with Python's csv module field for field, the same through the workflow
// platform and the merged list of every connection, a cancel or a failing server leaving no
// file behind, and the dialog driven by keys and clicks.

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "demoplatformserver.h"
#include "demosimulator.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runexportdialog.h"
#include "runexportjob.h"
#include "runexportwriter.h"
#include "runformat.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/testserver.h"
#include "translations.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

namespace {

/** A demo server whose seeded texts are hostile, with `runs` workflow runs. */
class HostileServer
{
public:
    explicit HostileServer(int runs)
    {
        DemoServerOptions options;
        options.databasePath = m_dir.filePath(u"demo.sqlite"_s);
        options.tickMs = 3600000; // runs hold still while they are exported
        options.runCount = runs;
        options.apiKey = u"test-key"_s;
        options.hostileText = true;
        m_server = std::make_unique<DemoServer>(options);
        QString error;
        m_started = m_server->start(&error);
        if (!m_started)
            qWarning("demo server did not start: %s", qPrintable(error));
    }
    bool isStarted() const { return m_started; }
    DemoServer *server() const { return m_server.get(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<DemoServer> m_server;
    bool m_started = false;
};

/** Reads a CSV file with Python's csv module: every record as a list of fields. */
QList<QStringList> readCsvWithPython(const QString &path, QString *error)
{
    QProcess python;
    python.start(u"python3"_s,
        {u"-c"_s,
            u"import csv, io, json, sys\n"
            "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
            "    text = f.read()\n"
            "if not text.startswith('\\ufeff'):\n"
            "    sys.exit('no byte order mark')\n"
            "rows = list(csv.reader(io.StringIO(text[1:], newline=''), strict=True))\n"
            "sys.stdout.buffer.write(json.dumps(rows).encode())\n"_s,
            path});
    if (!python.waitForFinished(120000) || python.exitCode() != 0) {
        *error = QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    QList<QStringList> rows;
    const QJsonArray array = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    for (const QJsonValue &row : array) {
        QStringList fields;
        for (const QJsonValue &field : row.toArray())
            fields.append(field.toString());
        rows.append(fields);
    }
    return rows;
}

/** Runs an export to the end (or failure) and says how it ended. */
struct ExportOutcome
{
    bool finished = false;
    int runs = 0;
    QString failure;
};

ExportOutcome runExport(RunExportJob &job, int timeoutMs = 240000)
{
    ExportOutcome outcome;
    bool done = false;
    QObject::connect(&job, &RunExportJob::finished, [&](int runs, const QString &) {
        outcome.finished = true;
        outcome.runs = runs;
        done = true;
    });
    QObject::connect(&job, &RunExportJob::failed, [&](const QString &message) {
        outcome.failure = message;
        done = true;
    });
    job.start();
    if (!QTest::qWaitFor([&done] { return done; }, timeoutMs))
        outcome.failure = u"timed out"_s;
    return outcome;
}

/** What a file's directory holds besides nothing: names of files left there. */
QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

/** Every run a source lists for a query, read page by page (what an export must hold). */
QList<WorkflowRun> everyRun(RunSource &source, RunQuery query, int pageSize = 100)
{
    QList<WorkflowRun> runs;
    query.pageSize = pageSize;
    for (query.page = 1; query.page < 1000; ++query.page) {
        std::optional<ApiResult<RunPage>> answer;
        QObject context;
        source.listRuns(
            query, &context, [&answer](const ApiResult<RunPage> &value) { answer = value; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 30000) || !answer->ok())
            return {};
        runs.append(answer->value.runs);
        if (answer->value.isLastPage())
            break;
    }
    return runs;
}

} // namespace

class TestRunExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        Translations::install(qApp, QLocale(QLocale::English));
        QStandardPaths::setTestModeEnabled(true);
    }

    // --- The writer ---------------------------------------------------------------------

    void csvFieldsAreQuotedAsRfc4180Says_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << u"Login failed"_s << u"Login failed"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
        QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("only a quote") << u"\""_s << u"\"\"\"\""_s;
        QTest::newRow("LF") << u"one\ntwo"_s << u"\"one\ntwo\""_s;
        QTest::newRow("CRLF") << u"one\r\ntwo"_s << u"\"one\r\ntwo\""_s;
        QTest::newRow("lone CR") << u"one\rtwo"_s << u"\"one\rtwo\""_s;
        QTest::newRow("spaces kept, unquoted") << u" padded "_s << u" padded "_s;
        QTest::newRow("semicolon and tab") << u"a;b\tc"_s << u"a;b\tc"_s;
        QTest::newRow("RTL") << u"שלום, עולם"_s << u"\"שלום, עולם\""_s;
        QTest::newRow("emoji") << u"🤖"_s << u"🤖"_s;
    }

    void csvFieldsAreQuotedAsRfc4180Says()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(RunExportWriter::csvField(text), field);
    }

    void formulasAreDefusedOnlyInTheColumnsAsShown_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("equals") << u"=1+1"_s << u"'=1+1"_s;
        QTest::newRow("plus") << u"+1"_s << u"'+1"_s;
        QTest::newRow("minus") << u"-1"_s << u"'-1"_s;
        QTest::newRow("at") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
        QTest::newRow("tab") << u"\tx"_s << u"'\tx"_s;
        QTest::newRow("inside") << u"a=b"_s << u"a=b"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void formulasAreDefusedOnlyInTheColumnsAsShown()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(RunExportWriter::defusedFormula(text), shown);
        WorkflowRun run;
        run.workflowRunId = u"wr_1"_s;
        run.failureReason = text;
        const RunExportWriter asShown(RunExportWriter::Format::Csv,
            RunExportWriter::Fields::AsShown,
            {{RunListModel::FailureReasonColumn, u"Failure reason"_s}});
        QByteArray line;
        asShown.appendRun(run, line);
        QCOMPARE(QString::fromUtf8(line), RunExportWriter::csvField(shown) + u"\r\n"_s);
        const RunExportWriter every;
        line.clear();
        every.appendRun(run, line);
        QVERIFY(QString::fromUtf8(line).contains(RunExportWriter::csvField(text)));
    }

    void csvStartsWithAByteOrderMarkAndAHeaderRow()
    {
        const RunExportWriter asShown(RunExportWriter::Format::Csv,
            RunExportWriter::Fields::AsShown,
            {{RunListModel::StatusColumn, u"Status"_s},
                {RunListModel::FailureReasonColumn, u"Failure, reason"_s}});
        QCOMPARE(asShown.header(), QByteArray("\xEF\xBB\xBFStatus,\"Failure, reason\"\r\n"));
        const QByteArray every = RunExportWriter().header();
        QVERIFY(every.startsWith("\xEF\xBB\xBFworkflow_run_id,workflow_id,"));
        QVERIFY(every.endsWith("is_simulation,is_dust_test\r\n"));
        // JSON Lines has no header: each line names its fields.
        QVERIFY(RunExportWriter(RunExportWriter::Format::JsonLines).header().isEmpty());
    }

    void everyFieldIsEveryKeyOfTheRunAndNothingElse()
    {
        WorkflowRun run;
        run.workflowRunId = u"wr_1"_s;
        QStringList wire = run.toJson().keys();
        QStringList names = RunExportWriter::everyFieldNames();
        QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), names.size());
        for (const QString &key : std::as_const(wire))
            QVERIFY2(names.contains(key), qPrintable(key));
        QCOMPARE(names.size(), wire.size() + 7);
    }

    void everyFieldIsWhatToJsonSaysWithKeysInColumnOrder()
    {
        WorkflowRun run;
        run.workflowRunId = u"wr_1"_s;
        run.workflowId = u"w_1"_s;
        run.workflowPermanentId = u"wpid_1"_s;
        run.organizationId = u"o_1"_s;
        run.status = RunStatus::TimedOut;
        run.createdAt = QDateTime(QDate(2026, 3, 4), QTime(9, 5, 1, 250), Qt::UTC);
        run.modifiedAt = run.createdAt.addSecs(90);
        run.queuedAt = run.createdAt.addSecs(1);
        run.startedAt = run.createdAt.addSecs(2);
        run.finishedAt = run.createdAt.addSecs(80);
        run.workflowTitle = u"Quote \"it\", \\ and \u0001 control"_s;
        run.triggerType = TriggerType::Scheduled;
        run.failureReason = u"line\nline\ttab"_s;
        run.failureCategory = QJsonArray {QJsonObject {{u"category"_s, u"TIMEOUT"_s}}};
        run.parentWorkflowRunId = u"wr_0"_s;
        run.sourceRunId = u""_s; // empty, not null: the wire says ""
        run.extraHttpHeaders.insert(u"X-Team"_s, u"ops"_s);
        run.proxyLocation = QJsonObject {{u"country"_s, u"DE"_s}};
        run.maxElapsedTimeMinutes = 240;
        run.aiFallback = false;
        run.runType = u"task_v2"_s;
        run.source = u"Cloud"_s;
        run.workflowVersion = 3;
        run.computeUnits = 1.25;
        run.isSimulation = true;
        QByteArray line;
        RunExportWriter(RunExportWriter::Format::JsonLines).appendRun(run, line);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject wire = run.toJson();
        for (auto it = wire.begin(); it != wire.end(); ++it)
            QVERIFY2(json.value(it.key()) == it.value(), qPrintable(it.key()));
        QCOMPARE(json.value("run_type"_L1).toString(), u"task_v2"_s);
        QCOMPARE(json.value("compute_units"_L1).toDouble(), 1.25);
        QCOMPARE(json.value("workflow_version"_L1).toInteger(), 3);
        QCOMPARE(json.value("is_simulation"_L1).toBool(), true);
        // Keys in the order of the CSV columns, not sorted.
        QVERIFY(line.startsWith("{\"workflow_run_id\":\"wr_1\",\"workflow_id\":"));
        // And the CSV cells are the same values as text.
        const QStringList cells = RunExportWriter().cells(run);
        const QStringList names = RunExportWriter::everyFieldNames();
        QCOMPARE(cells.at(names.indexOf(u"max_elapsed_time_minutes"_s)), u"240"_s);
        QCOMPARE(cells.at(names.indexOf(u"ai_fallback"_s)), u"false"_s);
        QCOMPARE(cells.at(names.indexOf(u"extra_http_headers"_s)), u"{\"X-Team\":\"ops\"}"_s);
        QCOMPARE(cells.at(names.indexOf(u"queued_at"_s)), wire.value("queued_at"_L1).toString());
        QCOMPARE(cells.at(names.indexOf(u"browser_session_id"_s)), QString());
    }

    void cellsAsShownReadAsTheTableWritesThem()
    {
        WorkflowRun run;
        run.workflowRunId = u"wr_42"_s;
        run.workflowPermanentId = u"wpid_1"_s;
        run.status = RunStatus::Failed;
        run.statusText = u"failed"_s;
        run.createdAt = QDateTime(QDate(2026, 3, 4), QTime(9, 5, 1), Qt::UTC);
        run.startedAt = run.createdAt.addSecs(2);
        run.finishedAt = run.startedAt.addSecs(42);
        run.failureReason = u"first line\nsecond line"_s;
        run.runType = u"task_v2"_s;
        run.source = u"Cloud"_s;
        const RunExportWriter writer(RunExportWriter::Format::Csv, RunExportWriter::Fields::AsShown,
            {{RunListModel::StatusColumn, u"Status"_s},
                {RunListModel::WorkflowColumn, u"Workflow"_s},
                {RunListModel::CreatedColumn, u"Created"_s},
                {RunListModel::DurationColumn, u"Duration"_s},
                {RunListModel::FailureReasonColumn, u"Failure reason"_s},
                {RunListModel::SourceColumn, u"Source"_s}, {RunListModel::TypeColumn, u"Type"_s},
                {RunListModel::RunIdColumn, u"Run ID"_s}});
        QCOMPARE(writer.cells(run),
            (QStringList {u"Failed"_s, u"wpid_1"_s,
                run.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), u"42 s"_s,
                u"first line\nsecond line"_s, u"Cloud"_s, u"Task v2"_s, u"wr_42"_s}));
    }

    void jsonLinesAreOneObjectPerLine()
    {
        WorkflowRun run;
        run.workflowRunId = u"wr_1"_s;
        run.status = RunStatus::Completed;
        run.failureReason = u"a\nb \"c\" שלום"_s;
        run.extraHttpHeaders.insert(u"X-A"_s, u"1"_s);
        const RunExportWriter writer(RunExportWriter::Format::JsonLines);
        QByteArray out;
        writer.appendRun(run, out);
        writer.appendRun(run, out);
        const QList<QByteArray> lines = out.split('\n');
        QCOMPARE(lines.size(), 3); // two lines and the empty rest after the last LF
        QVERIFY(lines.at(2).isEmpty());
        const QJsonObject json = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(json.value("failure_reason"_L1).toString(), run.failureReason);
        QCOMPARE(json.value("extra_http_headers"_L1).toObject().value("X-A"_L1).toString(), u"1"_s);
        QCOMPARE(json.value("run_type"_L1).toString(), u"workflow_run"_s);
        QVERIFY(json.value("source"_L1).isNull());
        QCOMPARE(json.keys().size(), RunExportWriter::everyFieldNames().size());
    }

    // --- The job, against real servers -------------------------------------------------

    void twentyThousandHostileRunsReadBackFieldForField()
    {
        HostileServer server(20000);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"runs.csv"_s);
        RunExportJob job(&client, RunQuery(), RunExportWriter(), path);
        QSignalSpy progress(&job, &RunExportJob::progressed);
        const ExportOutcome outcome = runExport(job);
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        QCOMPARE(outcome.runs, 20000);
        // A signal a page of 100, and the empty page after the last full one: Skyvern's lists
        // give no total, so only a short page says there is no more.
        QCOMPARE(progress.size(), 201);
        QCOMPARE(filesIn(dir.path()), QStringList {u"runs.csv"_s});

        QString error;
        const QList<QStringList> rows = readCsvWithPython(path, &error);
        QVERIFY2(!rows.isEmpty(), qPrintable(error));
        QCOMPARE(rows.size(), 20001);
        const QStringList header = rows.first();
        QCOMPARE(header, RunExportWriter::everyFieldNames());
        const auto column = [&header](const QString &name) { return header.indexOf(name); };

        // What the server holds: its workflows' names, and every run as stored.
        std::optional<ApiResult<QList<Workflow>>> workflows;
        client.listWorkflows(
            this, [&](const ApiResult<QList<Workflow>> &value) { workflows = value; });
        QTRY_VERIFY(workflows.has_value());
        QVERIFY(workflows->ok());
        QHash<QString, QString> titles;
        for (const Workflow &workflow : workflows->value)
            titles.insert(workflow.workflowPermanentId, workflow.title);
        const auto time
            = [](const QString &text) { return QDateTime::fromString(text, Qt::ISODateWithMs); };
        QSet<QString> ids;
        int hostile = 0;
        int big = 0;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &row = rows.at(i);
            QCOMPARE(row.size(), header.size());
            const QString id = row.at(column(u"workflow_run_id"_s));
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
            const std::optional<DemoRun> stored = server.server()->storedRun(id);
            QVERIFY2(stored.has_value(), qPrintable(id));
            QCOMPARE(row.at(column(u"status"_s)), stored->status);
            QCOMPARE(row.at(column(u"workflow_permanent_id"_s)), stored->workflowPermanentId);
            QCOMPARE(row.at(column(u"failure_reason"_s)), stored->failureReason);
            QCOMPARE(
                row.at(column(u"workflow_title"_s)), titles.value(stored->workflowPermanentId));
            QCOMPARE(time(row.at(column(u"created_at"_s))), stored->createdAt);
            QCOMPARE(time(row.at(column(u"started_at"_s))), stored->startedAt);
            QCOMPARE(time(row.at(column(u"finished_at"_s))), stored->finishedAt);
            QCOMPARE(row.at(column(u"run_type"_s)), u"workflow_run"_s);
            if (stored->failureReason.contains(u'"') || stored->failureReason.contains(u'\n'))
                ++hostile;
            if (stored->failureReason.size() >= 5 * 1024)
                ++big;
        }
        QCOMPARE(ids.size(), 20000);
        QVERIFY2(hostile > 1000 && big > 100,
            qPrintable(u"%1 hostile, %2 of 5 KB"_s.arg(hostile).arg(big)));
        // Every kind of hostile text went through, right-to-left included.
        for (int kind = 0; kind < 7; ++kind) {
            const QString text = DemoSimulator::hostileText(kind);
            const bool found
                = std::any_of(rows.cbegin() + 1, rows.cend(), [&](const QStringList &row) {
                      return row.at(column(u"failure_reason"_s)) == text;
                  });
            QVERIFY2(found, qPrintable(text.left(40)));
        }

        // The same runs as JSON Lines: one object a line, every reason intact.
        const QString lines = dir.filePath(u"runs.jsonl"_s);
        RunExportJob json(
            &client, RunQuery(), RunExportWriter(RunExportWriter::Format::JsonLines), lines);
        const ExportOutcome jsonOutcome = runExport(json);
        QVERIFY2(jsonOutcome.finished, qPrintable(jsonOutcome.failure));
        QFile file(lines);
        QVERIFY(file.open(QIODevice::ReadOnly));
        int count = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine();
            QVERIFY(line.endsWith('\n'));
            QJsonParseError parseError;
            const QJsonObject object = QJsonDocument::fromJson(line, &parseError).object();
            QVERIFY2(
                parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
            const QString id = object.value("workflow_run_id"_L1).toString();
            QVERIFY(ids.contains(id));
            const QJsonValue reason = object.value("failure_reason"_L1);
            QCOMPARE(reason.isNull() ? QString() : reason.toString(),
                server.server()->storedRun(id)->failureReason);
            ++count;
        }
        QCOMPARE(count, 20000);
    }

    void thePlatformsRunsExportWithTheirOwnFields()
    {
        TestServer server(3600000, 50);
        QVERIFY(server.isStarted());
        DemoPlatformServer *platform = server.server()->platform();
        const QString name = DemoSimulator::hostileText(1) + DemoSimulator::hostileText(2);
        WorkflowPlatformClient client(platform->baseUrl(), platform->token(),
            DemoPlatformServer::workflowIds(), {{u"wf_price_scan"_s, name}});
        RunQuery query;
        query.workflowPermanentId = u"wf_price_scan"_s;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"platform.csv"_s);
        RunExportJob job(&client, query, RunExportWriter(), path);
        const ExportOutcome outcome = runExport(job);
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));

        // The platform's own answers, read raw: every item of every page.
        QNetworkAccessManager network;
        QHash<QString, QJsonObject> items;
        for (int offset = 0;; offset += 100) {
            QNetworkRequest request(QUrl(platform->baseUrl().toString()
                + u"/v1/workflows/wf_price_scan/runs?limit=100&offset=%1"_s.arg(offset)));
            request.setRawHeader("Authorization", "Bearer " + platform->token().toUtf8());
            QNetworkReply *reply = network.get(request);
            QTRY_VERIFY(reply->isFinished());
            const QJsonObject data
                = QJsonDocument::fromJson(reply->readAll()).object().value("data"_L1).toObject();
            reply->deleteLater();
            const QJsonArray page = data.value("items"_L1).toArray();
            for (const QJsonValue &item : page)
                items.insert(item.toObject().value("id"_L1).toString(), item.toObject());
            if (!data.value("hasMore"_L1).toBool())
                break;
        }
        QCOMPARE(items.size(), 400);
        QCOMPARE(outcome.runs, 400);

        QString error;
        const QList<QStringList> rows = readCsvWithPython(path, &error);
        QVERIFY2(!rows.isEmpty(), qPrintable(error));
        QCOMPARE(rows.size(), 401);
        const QStringList header = rows.first();
        const auto cell = [&header](const QStringList &row, const QString &field) {
            return row.at(header.indexOf(field));
        };
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &row = rows.at(i);
            const QJsonObject item = items.value(cell(row, u"workflow_run_id"_s));
            QVERIFY(!item.isEmpty());
            QCOMPARE(cell(row, u"status"_s), item.value("status"_L1).toString());
            QCOMPARE(cell(row, u"workflow_permanent_id"_s), u"wf_price_scan"_s);
            QCOMPARE(cell(row, u"workflow_title"_s), name);
            QCOMPARE(cell(row, u"triggered_by"_s), item.value("triggeredBy"_L1).toString());
            QCOMPARE(QDateTime::fromString(cell(row, u"started_at"_s), Qt::ISODateWithMs),
                QDateTime::fromString(item.value("startedAt"_L1).toString(), Qt::ISODateWithMs));
            QCOMPARE(cell(row, u"workflow_version"_s),
                QString::number(item.value("workflowVersion"_L1).toInteger()));
        }
    }

    void theMergedListExportsEveryConnectionAsShown()
    {
        HostileServer server(1500);
        QVERIFY(server.isStarted());
        SkyvernClient cloud(server.server()->baseUrl(), u"test-key"_s);
        DemoPlatformServer *platform = server.server()->platform();
        WorkflowPlatformClient ops(
            platform->baseUrl(), platform->token(), DemoPlatformServer::workflowIds());
        const QString cloudName = u"Cloud, \"main\""_s;
        MergedRunSource merged({{&cloud, cloudName, {}}, {&ops, u"Ops"_s, u"wf_price_scan"_s},
            {&ops, u"Ops"_s, u"wf_lead_router"_s}});
        RunListModel list;
        QAbstractItemModelTester tester(
            &list, QAbstractItemModelTester::FailureReportingMode::Fatal);
        list.setSource(&merged);
        QTRY_VERIFY(list.rowCount() > 0);

        QList<RunExportWriter::Column> columns;
        for (int column :
            {RunListModel::StatusColumn, RunListModel::SourceColumn, RunListModel::WorkflowColumn,
                RunListModel::RunIdColumn, RunListModel::FailureReasonColumn})
            columns.append({column, list.headerData(column, Qt::Horizontal).toString()});
        RunExportWriter writer(
            RunExportWriter::Format::Csv, RunExportWriter::Fields::AsShown, columns);
        writer.setList(&list);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"all.csv"_s);
        RunExportJob job(&merged, RunQuery(), writer, path);
        const ExportOutcome outcome = runExport(job);
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));

        // Each connection's own list, read through its own client.
        QHash<QString, WorkflowRun> truth;
        for (WorkflowRun run : everyRun(cloud, RunQuery())) {
            run.source = cloudName;
            truth.insert(run.source + u'\n' + run.workflowRunId, run);
        }
        for (const QString &scope : {u"wf_price_scan"_s, u"wf_lead_router"_s}) {
            RunQuery query;
            query.workflowPermanentId = scope;
            for (WorkflowRun run : everyRun(ops, query)) {
                run.source = u"Ops"_s;
                truth.insert(run.source + u'\n' + run.workflowRunId, run);
            }
        }
        QCOMPARE(truth.size(), 1500 + 800);
        QCOMPARE(outcome.runs, truth.size());

        QString error;
        const QList<QStringList> rows = readCsvWithPython(path, &error);
        QVERIFY2(!rows.isEmpty(), qPrintable(error));
        QCOMPARE(rows.first(),
            (QStringList {
                u"Status"_s, u"Source"_s, u"Workflow"_s, u"Run ID"_s, u"Failure reason"_s}));
        QCOMPARE(rows.size(), truth.size() + 1);
        QSet<QString> seen;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &row = rows.at(i);
            const QString key = row.at(1) + u'\n' + row.at(3);
            QVERIFY2(truth.contains(key) && !seen.contains(key), qPrintable(key));
            seen.insert(key);
            const WorkflowRun &run = truth[key];
            QCOMPARE(row.at(0), RunFormat::statusText(run.status, run.statusText));
            QCOMPARE(row.at(2), RunExportWriter::defusedFormula(list.workflowTitleOf(run)));
            QCOMPARE(row.at(4), RunExportWriter::defusedFormula(run.failureReason));
        }
        QCOMPARE(seen.size(), truth.size());
    }

    void runsPushedDownWhileExportingAreWrittenOnce()
    {
        QTemporaryDir data;
        DemoServerOptions options;
        options.databasePath = data.filePath(u"demo.sqlite"_s);
        options.tickMs = 3600000;
        options.runCount = 1500;
        options.spawnEveryMs = 15; // new runs keep arriving at the top while pages are read
        options.apiKey = u"test-key"_s;
        DemoServer server(options);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        SkyvernClient client(server.baseUrl(), u"test-key"_s);
        QSet<QString> before;
        for (const WorkflowRun &run : everyRun(client, RunQuery(), 500))
            before.insert(run.workflowRunId);
        QVERIFY(before.size() >= 1500);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"moving.jsonl"_s);
        RunExportJob job(
            &client, RunQuery(), RunExportWriter(RunExportWriter::Format::JsonLines), path);
        job.setPageSize(50);
        const ExportOutcome outcome = runExport(job);
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QSet<QString> written;
        int lines = 0;
        while (!file.atEnd()) {
            const QString id = QJsonDocument::fromJson(file.readLine())
                                   .object()
                                   .value("workflow_run_id"_L1)
                                   .toString();
            written.insert(id);
            ++lines;
        }
        QCOMPARE(written.size(), lines); // no run twice
        QCOMPARE(lines, outcome.runs);
        for (const QString &id : std::as_const(before))
            QVERIFY2(written.contains(id), qPrintable(id)); // none lost
        QVERIFY2(written.size() > before.size(), "new runs must have arrived meanwhile");
    }

    void cancellingLeavesNoFileBehind()
    {
        TestServer server(3600000, 3000);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"runs.csv"_s);
        RunExportJob job(&client, RunQuery(), RunExportWriter(), path);
        QSignalSpy canceled(&job, &RunExportJob::canceled);
        QSignalSpy finished(&job, &RunExportJob::finished);
        connect(&job, &RunExportJob::progressed, &job, [&job](int, int pages) {
            if (pages == 3)
                job.cancel();
        });
        job.start();
        QTRY_COMPARE(canceled.size(), 1);
        QVERIFY(!job.isRunning());
        QTest::qWait(200); // an answer on its way must not bring anything back
        QCOMPARE(finished.size(), 0);
        QCOMPARE(filesIn(dir.path()), QStringList());

        // Dropped half way (the window closed): nothing left either.
        auto *dropped = new RunExportJob(&client, RunQuery(), RunExportWriter(), path);
        QSignalSpy progress(dropped, &RunExportJob::progressed);
        dropped->start();
        QTRY_VERIFY(progress.size() >= 2);
        // Written so far, but not under its name (on Linux not under any: an O_TMPFILE).
        QVERIFY(!QFile::exists(path));
        delete dropped;
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    void aServerFailingMidwayLeavesTheOldFileAndSaysWhy()
    {
        TestServer server(3600000, 3000);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        client.setRetryPolicy(2, 50);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"runs.csv"_s);
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the export of yesterday\n");
        }
        RunExportJob job(&client, RunQuery(), RunExportWriter(), path);
        QSignalSpy waiting(&job, &RunExportJob::waiting);
        connect(&job, &RunExportJob::progressed, &job, [&server](int, int pages) {
            if (pages == 2) {
                DemoFaultOptions faults;
                faults.rate = 1;
                faults.kinds = {DemoFault::Unavailable}; // 503: asked again, then given up
                server.server()->setFaults(faults);
            }
        });
        const ExportOutcome outcome = runExport(job, 60000);
        QVERIFY(!outcome.finished);
        QVERIFY2(
            outcome.failure.startsWith(u"The export stopped at page 3 and nothing was saved: "_s),
            qPrintable(outcome.failure));
        QVERIFY2(outcome.failure.contains(u"503"_s), qPrintable(outcome.failure));
        QVERIFY(!waiting.isEmpty()); // the retry was told of while it waited
        QCOMPARE(filesIn(dir.path()), QStringList {u"runs.csv"_s});
        QFile old(path);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the export of yesterday\n"));
        server.server()->setFaults({});

        // Nobody listening at all: the first page fails, and there is still only the old file.
        SkyvernClient nowhere(QUrl(u"http://127.0.0.1:1"_s), u"test-key"_s);
        nowhere.setRetryPolicy(1, 10);
        RunExportJob refused(&nowhere, RunQuery(), RunExportWriter(), path);
        const ExportOutcome refusedOutcome = runExport(refused, 60000);
        QVERIFY2(refusedOutcome.failure.startsWith(u"The export stopped at page 1"_s),
            qPrintable(refusedOutcome.failure));
        QCOMPARE(filesIn(dir.path()), QStringList {u"runs.csv"_s});
    }

    void anAbsurdExportStopsAtTheCapAndSaysSo()
    {
        TestServer server(3600000, 500);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        QTemporaryDir dir;
        RunExportJob job(&client, RunQuery(), RunExportWriter(), dir.filePath(u"a.csv"_s));
        job.setMaxRuns(250);
        const ExportOutcome outcome = runExport(job);
        QVERIFY(!outcome.finished);
        QCOMPARE(outcome.failure,
            u"More than 250 runs match; narrow the filter and export again. Nothing was saved."_s);
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    void aFileThatCannotBeWrittenSaysSo()
    {
        TestServer server(3600000, 50);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        RunExportJob job(
            &client, RunQuery(), RunExportWriter(), u"/nonexistent-folder-of-runwatch/runs.csv"_s);
        const ExportOutcome outcome = runExport(job);
        QVERIFY(!outcome.finished);
        QVERIFY2(outcome.failure.startsWith(
                     u"/nonexistent-folder-of-runwatch/runs.csv cannot be written"_s),
            qPrintable(outcome.failure));
    }

    // --- The dialog ----------------------------------------------------------------------

    void theDialogExportsByKeysAndClicks()
    {
        TestServer server(3600000, 300);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        window.show();
        window.setSource(&client);
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        QTRY_VERIFY(table->model()->rowCount() > 0);
        QVERIFY(table->model()->rowCount() < 300); // only a page is loaded
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
        QPointer<RunExportDialog> dialog = window.findChild<RunExportDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->path().endsWith(u".csv"_s));

        // JSON Lines by the keyboard: the file's ending follows.
        auto *format = dialog->findChild<QComboBox *>(u"exportFormatComboBox"_s);
        format->setFocus();
        QTest::keyClick(format, Qt::Key_Down);
        QCOMPARE(format->currentIndex(), 1);
        QVERIFY(dialog->path().endsWith(u".jsonl"_s));
        auto *columns = dialog->findChild<QComboBox *>(u"exportColumnsComboBox"_s);
        QCOMPARE(columns->currentIndex(), 0); // as shown

        QTemporaryDir dir;
        const QString path = dir.filePath(u"all.jsonl"_s);
        auto *edit = dialog->findChild<QLineEdit *>(u"exportPathLineEdit"_s);
        edit->selectAll();
        QTest::keyClicks(edit, path);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000); // closed (and gone) once the file is in place
        QCOMPARE(window.statusBar()->currentMessage(),
            u"Exported 300 runs to %1."_s.arg(QDir::toNativeSeparators(path)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 301);
        // As shown: the visible columns' headers, in the list's order.
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QVERIFY2(first.contains("Status"_L1) && first.contains("Failure reason"_L1)
                && !first.contains("Run ID"_L1),
            lines.first().constData());
    }

    void cancellingInTheDialogKeepsItOpenAndSavesNothing()
    {
        DemoFaultOptions slow;
        slow.rate = 1;
        slow.kinds = {DemoFault::Latency}; // every page takes a while
        TestServer server(3600000, 2000, 7, slow);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        QTemporaryDir dir;
        RunExportDialog dialog(&client, RunQuery(), {}, nullptr);
        dialog.setPath(dir.filePath(u"runs"_s)); // the ending comes from the format
        dialog.show();
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QVERIFY(dialog.isExporting());
        QCOMPARE(dialog.path(), QDir::toNativeSeparators(dir.filePath(u"runs.csv"_s)));
        auto *status = dialog.findChild<QLabel *>(u"exportStatusLabel"_s);
        QVERIFY(dialog.findChild<QProgressBar *>(u"exportProgressBar"_s)->isVisible());
        QVERIFY(!dialog.findChild<QComboBox *>(u"exportFormatComboBox"_s)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"written"_s), 20000);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"exportCancelButton"_s), Qt::LeftButton);
        QVERIFY(!dialog.isExporting());
        QVERIFY(dialog.isVisible()); // the first Cancel stops the export, not the dialog
        QCOMPARE(status->text(), u"Export cancelled; nothing was saved."_s);
        QVERIFY(dialog.findChild<QPushButton *>(u"exportButton"_s)->isEnabled());
        QCOMPARE(filesIn(dir.path()), QStringList());
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
    }
};

QTEST_MAIN(TestRunExport)
#include "tst_runexport.moc"
