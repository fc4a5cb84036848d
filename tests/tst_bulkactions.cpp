// Acting on many runs at once, against real demo servers on loopback: retrying fifty failed
// runs through injected faults starts each exactly once, cancelling everything running takes
// one request per hundred runs, a merged list sends each connection its own runs (and the
// platform without cancelling is told so), and the bar and the Jobs panel work by mouse and
// keyboard.

#include <memory>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "bulkjob.h"
#include "bulkjobmodel.h"
#include "demoplatformserver.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "translations.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

class TestBulkActions : public QObject
{
    Q_OBJECT

    /** Every run of these statuses the server has, newest first, read page by page. */
    static QList<WorkflowRun> runsWith(
        RunSource &source, const QList<RunStatus> &statuses, int pages = 100)
    {
        QList<WorkflowRun> runs;
        for (int page = 1; page <= pages; ++page) {
            RunQuery query;
            query.filter.statuses = statuses;
            query.pageSize = 100;
            query.page = page;
            std::optional<ApiResult<RunPage>> answer;
            QObject context;
            source.listRuns(
                query, &context, [&answer](const ApiResult<RunPage> &value) { answer = value; });
            if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000) || !answer->ok())
                return {};
            runs.append(answer->value.runs);
            if (answer->value.isLastPage())
                break;
        }
        return runs;
    }

    static BulkJob::Item itemOf(const WorkflowRun &run)
    {
        return BulkJob::itemOf(run, run.workflowTitle);
    }

private slots:
    void initTestCase() { Translations::install(qApp, QLocale(QLocale::English)); }

    void theDemoServerCancelsInBulkAsTheContractSays()
    {
        TestServer server;
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        const QList<WorkflowRun> running = runsWith(client, {RunStatus::Running}, 1);
        const QList<WorkflowRun> ended = runsWith(client, {RunStatus::Completed}, 1);
        QVERIFY(running.size() >= 2 && !ended.isEmpty());
        const QByteArray body = QJsonDocument(
            QJsonObject {{u"run_ids"_s,
                QJsonArray {running.at(0).workflowRunId, ended.at(0).workflowRunId,
                    u"wr_nope"_s}}}).toJson();
        const HttpAnswer answer
            = httpRequest("POST", server.url(u"/v1/runs/cancel"_s), server.key(), body);
        QCOMPARE(answer.status, 200);
        const QJsonObject result = QJsonDocument::fromJson(answer.body).object();
        QCOMPARE(result.value("cancelled"_L1).toArray(), QJsonArray {running.at(0).workflowRunId});
        QCOMPARE(result.value("failed"_L1).toArray(),
            (QJsonArray {ended.at(0).workflowRunId, u"wr_nope"_s}));
        // More than the contract allows, or not a list: a 422 naming the field.
        QJsonArray many;
        for (int i = 0; i < 101; ++i)
            many.append(u"wr_%1"_s.arg(i));
        for (const QJsonObject &bad :
            {QJsonObject {{u"run_ids"_s, many}}, QJsonObject {{u"run_ids"_s, u"wr_1"_s}},
                QJsonObject {}, QJsonObject {{u"run_ids"_s, QJsonArray {1}}}}) {
            const HttpAnswer refused = httpRequest("POST", server.url(u"/v1/runs/cancel"_s),
                server.key(), QJsonDocument(bad).toJson());
            QCOMPARE(refused.status, 422);
            const QJsonArray detail
                = QJsonDocument::fromJson(refused.body).object().value("detail"_L1).toArray();
            QVERIFY(!detail.isEmpty());
            QCOMPARE(
                detail.at(0).toObject().value("loc"_L1).toArray().at(1).toString(), u"run_ids"_s);
        }
        // Without the key, nothing.
        const HttpAnswer anonymous
            = httpRequest("POST", server.url(u"/v1/runs/cancel"_s), QByteArray(), body);
        QCOMPARE(anonymous.status, 403);
    }

    void retryingFiftyFailedRunsThroughFaultsStartsEachOnce()
    {
        TestServer server(3600000, 2000, 11);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        client.setTimeout(1500); // a stalled answer costs little
        // Two pages of 25 failed runs, as the user scrolled to them.
        QList<WorkflowRun> failed;
        for (int page = 1; page <= 2; ++page) {
            RunQuery query;
            query.filter.statuses = {RunStatus::Failed};
            query.pageSize = 25;
            query.page = page;
            std::optional<ApiResult<RunPage>> answer;
            client.listRuns(
                query, this, [&answer](const ApiResult<RunPage> &value) { answer = value; });
            QTRY_VERIFY(answer.has_value());
            QVERIFY(answer->ok());
            failed.append(answer->value.runs);
        }
        QCOMPARE(failed.size(), 50);
        QList<BulkJob::Item> items;
        for (const WorkflowRun &run : std::as_const(failed))
            items.append(itemOf(run));

        DemoFaultOptions faults;
        faults.rate = 0.2;
        faults.seed = 5;
        server.server()->setFaults(faults);
        BulkJobModel jobs;
        QAbstractItemModelTester tester(
            &jobs, QAbstractItemModelTester::FailureReportingMode::Fatal);
        auto *owned = new BulkJob(BulkJob::Kind::Retry, &client, items);
        jobs.addJob(owned); // the model starts it
        QTRY_VERIFY_WITH_TIMEOUT(owned->isFinished(), 180000);
        QVERIFY2(server.server()->faultsInjected() > 5, "the faults must have bitten");
        server.server()->setFaults({});

        // Each failed run has exactly one retry on the server, and the job names it.
        const QList<WorkflowRun> newest = runsWith(client, {}, 1);
        QHash<QString, QStringList> retriesOf;
        for (const WorkflowRun &run : newest) {
            if (!run.sourceRunId.isEmpty())
                retriesOf[run.sourceRunId].append(run.workflowRunId);
        }
        for (const BulkJob::Item &item : owned->items()) {
            QVERIFY2(
                item.state == BulkJob::State::Done, qPrintable(item.runId + u": "_s + item.result));
            QCOMPARE(retriesOf.value(item.runId), QStringList {item.newRunId});
        }
        QCOMPARE(retriesOf.size(), 50);
        QCOMPARE(owned->summary(), u"50 retried"_s);
        // The report has one line per run, with its new run.
        const QStringList lines = owned->report().trimmed().split(u'\n');
        QCOMPARE(lines.size(), 51);
        for (const BulkJob::Item &item : owned->items())
            QVERIFY(owned->report().contains(item.runId + u'\t'));
    }

    void aRefusedRetryStartsNothingAndSaysWhy()
    {
        TestServer server;
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        const QList<WorkflowRun> running = runsWith(client, {RunStatus::Running}, 1);
        QVERIFY(!running.isEmpty());
        // Listed as failed a moment ago, running now: the server refuses, nothing starts.
        BulkJob::Item item = itemOf(running.first());
        item.status = RunStatus::Failed;
        BulkJob job(BulkJob::Kind::Retry, &client, {item});
        job.start();
        QTRY_VERIFY(job.isFinished());
        QCOMPARE(job.items().first().state, BulkJob::State::Failed);
        QVERIFY2(job.items().first().result.contains(u"not retryable"_s),
            qPrintable(job.items().first().result));
        for (const WorkflowRun &run : runsWith(client, {}, 1))
            QVERIFY(run.sourceRunId != item.runId);
    }

    void cancellingEverythingRunningTakesOneRequestPerHundred()
    {
        TestServer server(3600000, 4000, 3);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        // More runs waiting than one request may name: 150 ended runs started again.
        QList<BulkJob::Item> toRetry;
        for (const WorkflowRun &run : runsWith(client, {RunStatus::Completed}, 2).mid(0, 150))
            toRetry.append(itemOf(run));
        BulkJob retries(BulkJob::Kind::Retry, &client, toRetry);
        retries.start();
        QTRY_VERIFY_WITH_TIMEOUT(retries.isFinished(), 60000);
        QCOMPARE(retries.count(BulkJob::State::Done), 150);
        const QList<WorkflowRun> active
            = runsWith(client, {RunStatus::Created, RunStatus::Running, RunStatus::Queued});
        QVERIFY2(active.size() > 150, qPrintable(QString::number(active.size())));
        QList<BulkJob::Item> items;
        for (const WorkflowRun &run : active)
            items.append(itemOf(run));
        // An ended run in the selection is left alone without asking the server.
        const QList<WorkflowRun> ended = runsWith(client, {RunStatus::Completed}, 1);
        items.append(itemOf(ended.first()));
        const int before = client.requestsIssued();
        BulkJob job(BulkJob::Kind::Cancel, &client, items);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.isFinished(), 30000);
        const int batches = int(active.size() + 99) / 100;
        QCOMPARE(job.requestsSent(), batches);
        QCOMPARE(client.requestsIssued() - before, batches);
        QCOMPARE(job.count(BulkJob::State::Done), active.size());
        QCOMPARE(job.items().last().state, BulkJob::State::Skipped);
        QVERIFY(job.items().last().result.startsWith(u"Not cancellable"_s));
        // Nothing runs any more, and each of those is cancelled on the server.
        QVERIFY(runsWith(client, {RunStatus::Created, RunStatus::Running, RunStatus::Queued})
                    .isEmpty());
        QCOMPARE(runsWith(client, {RunStatus::Canceled}).size() >= active.size(), true);
    }

    void aMergedListCancelsOnEachConnectionAndSaysWhatCannot()
    {
        TestServer first(3600000, 600, 21);
        TestServer second(3600000, 600, 22);
        QVERIFY(first.isStarted() && second.isStarted());
        SkyvernClient cloud(first.server()->baseUrl(), first.server()->apiKey());
        SkyvernClient selfHosted(second.server()->baseUrl(), second.server()->apiKey());
        QVERIFY(first.server()->platform());
        WorkflowPlatformClient platform(first.server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MergedRunSource merged({{&cloud, u"Cloud"_s, {}, u"cloud"_s},
            {&selfHosted, u"Self-hosted"_s, {}, u"self"_s},
            {&platform, u"Platform"_s, DemoPlatformServer::workflowIds().constFirst(), u"ops"_s}});
        // The runs as the merged list shows them (and so knows their connections).
        QList<WorkflowRun> listed = runsWith(merged, {RunStatus::Running}, 3);
        QHash<QString, int> perConnection;
        QList<BulkJob::Item> items;
        for (const WorkflowRun &run : std::as_const(listed)) {
            items.append(itemOf(run));
            ++perConnection[run.source];
        }
        QVERIFY(perConnection.value(u"Cloud"_s) > 0 && perConnection.value(u"Self-hosted"_s) > 0
            && perConnection.value(u"Platform"_s) > 0);
        const int cloudBefore = cloud.requestsIssued();
        const int selfBefore = selfHosted.requestsIssued();
        BulkJob job(BulkJob::Kind::Cancel, &merged, items);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.isFinished(), 30000);
        QCOMPARE(
            cloud.requestsIssued() - cloudBefore, (perConnection.value(u"Cloud"_s) + 99) / 100);
        QCOMPARE(selfHosted.requestsIssued() - selfBefore,
            (perConnection.value(u"Self-hosted"_s) + 99) / 100);
        for (const BulkJob::Item &item : job.items()) {
            if (item.connection == "Platform"_L1) {
                QCOMPARE(item.state, BulkJob::State::Failed);
                QVERIFY2(
                    item.result.contains(u"does not offer cancelling"_s), qPrintable(item.result));
            } else {
                QVERIFY2(item.state == BulkJob::State::Done, qPrintable(item.result));
            }
        }
        QVERIFY(job.summary().contains(u"failed"_s));
    }

    void theBarAndTheJobsPanelWorkByMouseAndKeyboard()
    {
        TestServer server;
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSource(&client);
        RunListModel *model = window.runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 20, 20000);
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        auto *bar = window.findChild<QWidget *>(u"bulkBar"_s);
        QVERIFY(table && bar);
        QVERIFY(!bar->isVisible());

        // A click and a Shift+click on ended runs: the bar says how many and offers a retry.
        QList<int> endedRows;
        for (int row = 0; row < model->rowCount() && endedRows.size() < 3; ++row) {
            if (!isActiveStatus(model->runAt(row)->status))
                endedRows.append(row);
        }
        QCOMPARE(endedRows.size(), 3);
        const auto rowCentre = [table](int row) {
            return table->visualRect(table->model()->index(row, RunListModel::WorkflowColumn))
                .center();
        };
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCentre(endedRows.at(0)));
        for (int row : {endedRows.at(1), endedRows.at(2)})
            QTest::mouseClick(
                table->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCentre(row));
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(bar->findChild<QLabel *>(u"bulkCountLabel"_s)->text(), u"3 runs selected"_s);
        auto *retry = bar->findChild<QPushButton *>(u"bulkRetryButton"_s);
        QVERIFY(retry->isVisible());
        QCOMPARE(retry->text(), u"Retry 3 runs…"_s);
        QVERIFY(!bar->findChild<QPushButton *>(u"bulkCompareButton"_s)->isEnabled());

        // Ctrl+C copies the three ids.
        QApplication::setActiveWindow(&window);
        table->setFocus();
        QTest::keySequence(table, QKeySequence::Copy);
        QStringList ids;
        for (int row : std::as_const(endedRows))
            ids.append(model->runAt(row)->workflowRunId);
        QCOMPARE(QApplication::clipboard()->text().split(u'\n'), ids);

        // Retry, confirmed: the Jobs panel opens and tells each run's new run.
        QTest::mouseClick(retry, Qt::LeftButton);
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = window.findChild<QMessageBox *>(u"bulkRetryQuestion"_s)));
        QVERIFY(question->text().contains(u"Retry 3 runs?"_s));
        QTest::mouseClick(
            question->findChild<QPushButton *>(u"confirmBulkRetryButton"_s), Qt::LeftButton);
        QTRY_VERIFY(window.jobsPanel()->isVisible());
        BulkJobModel *jobs = window.jobs();
        QAbstractItemModelTester tester(
            jobs, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(jobs->jobCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(jobs->jobAt(0)->isFinished(), 20000);
        QCOMPARE(jobs->index(0, BulkJobModel::ResultColumn).data().toString(), u"3 retried"_s);
        const QModelIndex job = jobs->index(0, 0);
        QCOMPARE(jobs->rowCount(job), 3);
        for (int row = 0; row < 3; ++row) {
            const QString result
                = jobs->index(row, BulkJobModel::ResultColumn, job).data().toString();
            QVERIFY2(result.startsWith(u"Retried as wr_"_s), qPrintable(result));
        }
        // The report goes to the clipboard from the panel's button.
        QTest::mouseClick(window.findChild<QPushButton *>(u"copyReportButton"_s), Qt::LeftButton);
        for (const QString &id : std::as_const(ids))
            QVERIFY(QApplication::clipboard()->text().contains(id + u'\t'));
        // The new runs are in the list after its refresh.
        const QString newRun = jobs->jobAt(0)->items().first().newRunId;
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOfRun(newRun) >= 0, 20000);

        // The same three again: the question says they were retried already, and Enter goes back.
        QTest::mouseClick(
            table->viewport(), Qt::LeftButton, {}, rowCentre(model->rowOfRun(ids.at(0))));
        for (int i : {1, 2})
            QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                rowCentre(model->rowOfRun(ids.at(i))));
        QTRY_COMPARE(retry->text(), u"Retry 3 runs…"_s);
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY((question = window.findChild<QMessageBox *>(u"bulkRetryQuestion"_s)));
        QVERIFY2(question->informativeText().contains(
                     u"Retried from this window already, and would run again: 3 runs."_s),
            qPrintable(question->informativeText()));
        QTest::keyClick(question, Qt::Key_Return);
        QTRY_VERIFY(!window.findChild<QMessageBox *>(u"bulkRetryQuestion"_s));
        QCOMPARE(jobs->jobCount(), 1);

        // Escape leaves one run selected and the bar goes.
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Escape);
        QTRY_VERIFY(!bar->isVisible());
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);

        // Ctrl+A selects every loaded run; the running ones can be cancelled from the bar.
        QTest::keySequence(table, QKeySequence::SelectAll);
        QTRY_VERIFY(bar->isVisible());
        auto *cancel = bar->findChild<QPushButton *>(u"bulkCancelButton"_s);
        QVERIFY(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY((question = window.findChild<QMessageBox *>(u"bulkCancelQuestion"_s)));
        // Keep running is the default: Enter changes nothing.
        QTest::keyClick(question, Qt::Key_Return);
        QTRY_VERIFY(!window.findChild<QMessageBox *>(u"bulkCancelQuestion"_s));
        QCOMPARE(jobs->jobCount(), 1);
        // Ctrl+J hides and shows the panel.
        QApplication::setActiveWindow(&window);
        table->setFocus();
        QTest::keySequence(table, QKeySequence(Qt::CTRL | Qt::Key_J));
        QTRY_VERIFY(!window.jobsPanel()->isVisible());
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestBulkActions)
#include "tst_bulkactions.moc"
