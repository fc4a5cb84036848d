// History: the aggregation over stored runs (bars by status, failure rate, p50/p95, error codes,
// compute units) computed by hand beside it, the SQLite file that makes a second look work
// offline, the table models under QAbstractItemModelTester, and the view in the window against
// real demo servers on loopback: Skyvern, the workflow platform (compute units) and a merged
// list of both, with "Load older runs" and a bar clicked (and chosen by keys) into the list.

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "demoplatformserver.h"
#include "historychart.h"
#include "historyerrorcodemodel.h"
#include "historykeeper.h"
#include "historyview.h"
#include "historyworkflowmodel.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runformat.h"
#include "runhistory.h"
#include "runhistorystore.h"
#include "runlistmodel.h"
#include "runsortproxymodel.h"
#include "skyvernclient.h"
#include "support/testserver.h"
#include "support/windowdriver.h"
#include "translations.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;
using namespace WindowDriver;

namespace {
const QDateTime kMonday(QDate(2026, 11, 23), QTime(0, 0)); // local midnight

HistoryRun historyRun(const QString &id, const QDateTime &began, RunStatus status,
    const QString &workflow, qint64 durationMs = -1, const QStringList &codes = {},
    double computeUnits = -1)
{
    HistoryRun run;
    run.connection = u"c1"_s;
    run.runId = id;
    run.createdMs = began.toMSecsSinceEpoch();
    if (durationMs >= 0) {
        run.startedMs = run.createdMs + 1000;
        run.finishedMs = run.startedMs + durationMs;
    }
    run.status = status;
    run.workflowId = workflow;
    run.workflowTitle = u"Title of "_s + workflow;
    run.errorCodes = codes;
    run.computeUnits = computeUnits;
    return run;
}

/** Every run in the window's list, as loaded (the source model, not the filter). */
QList<WorkflowRun> loadedRuns(RunListModel *model)
{
    QList<WorkflowRun> runs;
    for (int row = 0; row < model->rowCount(); ++row)
        runs.append(*model->runAt(row));
    return runs;
}
} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /** A window on `source` whose History counts runs under `key` (the application's job). */
    static void pointHistory(MainWindow &window, const QString &key)
    {
        window.runHistory()->setKeyOf([key](const WorkflowRun &) { return key; });
        window.runHistory()->setScope({key});
    }

    static HistoryView *openHistory(MainWindow &window)
    {
        QApplication::setActiveWindow(&window);
        QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
        auto *view = window.findChild<HistoryView *>(u"historyView"_s);
        return view && view->isVisible() ? view : nullptr;
    }

private slots:
    void initTestCase() { Translations::install(qApp, QLocale(QLocale::English)); }

    void barsCountRunsByStatusAndFailureRate()
    {
        QList<HistoryRun> runs;
        // Monday: 3 completed, 1 failed, 1 running; Wednesday: 2 timed out, 1 canceled.
        runs << historyRun(u"r1"_s, kMonday.addSecs(3600), RunStatus::Completed, u"wa"_s)
             << historyRun(u"r2"_s, kMonday.addSecs(7200), RunStatus::Completed, u"wa"_s)
             << historyRun(u"r3"_s, kMonday.addSecs(80000), RunStatus::Completed, u"wb"_s)
             << historyRun(u"r4"_s, kMonday.addSecs(50), RunStatus::Failed, u"wb"_s)
             << historyRun(u"r5"_s, kMonday.addSecs(60), RunStatus::Running, u"wb"_s)
             << historyRun(u"r6"_s, kMonday.addDays(2), RunStatus::TimedOut, u"wa"_s)
             << historyRun(u"r7"_s, kMonday.addDays(2).addSecs(5), RunStatus::TimedOut, u"wa"_s)
             << historyRun(u"r8"_s, kMonday.addDays(2).addSecs(9), RunStatus::Canceled, u"wa"_s)
             // Outside the range on both sides: not counted.
             << historyRun(u"old"_s, kMonday.addSecs(-1), RunStatus::Failed, u"wa"_s)
             << historyRun(u"new"_s, kMonday.addDays(7), RunStatus::Failed, u"wa"_s);
        const HistorySummary summary
            = summarizeHistory(runs, kMonday, kMonday.addDays(7), HistoryBucketSize::Day);
        QCOMPARE(summary.buckets.size(), 7);
        QCOMPARE(summary.buckets.at(0).start, kMonday);
        QCOMPARE(summary.buckets.at(0).runs, 5);
        QCOMPARE(summary.buckets.at(0).count(RunStatus::Completed), 3);
        QCOMPARE(summary.buckets.at(0).count(RunStatus::Failed), 1);
        QCOMPARE(summary.buckets.at(0).finished, 4); // the running one is not finished yet
        QCOMPARE(summary.buckets.at(0).failureRate(), 0.25);
        QCOMPARE(summary.buckets.at(1).runs, 0);
        QCOMPARE(summary.buckets.at(1).failureRate(), -1.0);
        QCOMPARE(summary.buckets.at(2).runs, 3);
        // Timed out counts as failing, canceled does not.
        QCOMPARE(summary.buckets.at(2).failed, 2);
        QCOMPARE(summary.runs, 8);
        QCOMPARE(summary.finished, 7);
        QCOMPARE(summary.failed, 3);
        QCOMPARE(summary.maxBucketRuns, 5);
        // The statuses present, in the dashboard's order, each once.
        QCOMPARE(summary.statuses,
            QList<RunStatus>({RunStatus::Running, RunStatus::Failed, RunStatus::Canceled,
                RunStatus::TimedOut, RunStatus::Completed}));

        // By the hour over a day: 24 bars from the first hour.
        const HistorySummary hours
            = summarizeHistory(runs, kMonday, kMonday.addDays(1), HistoryBucketSize::Hour);
        QCOMPARE(hours.buckets.size(), 24);
        QCOMPARE(hours.buckets.at(0).runs, 2); // r4 and r5 in the first minute
        QCOMPARE(hours.buckets.at(1).runs, 1);
        QCOMPARE(hours.buckets.at(2).runs, 1);
        QCOMPARE(hours.buckets.at(22).runs, 1); // r3 at 22:13
        QCOMPARE(hours.buckets.at(22).start, kMonday.addSecs(22 * 3600));
        QCOMPARE(bucketSizeFor(kMonday, kMonday.addDays(1)), HistoryBucketSize::Hour);
        QCOMPARE(bucketSizeFor(kMonday, kMonday.addDays(7)), HistoryBucketSize::Day);
    }

    void workflowsHaveNearestRankPercentilesAndCodesTheirTrend()
    {
        QList<HistoryRun> runs;
        // Twenty finished runs of 1..20 s: p50 is the 10th (10 s), p95 the 19th (19 s).
        for (int i = 1; i <= 20; ++i)
            runs << historyRun(u"a%1"_s.arg(i), kMonday.addSecs(i * 600),
                i % 5 == 0 ? RunStatus::Failed : RunStatus::Completed, u"wa"_s, i * 1000,
                i % 5 == 0 ? QStringList {u"CAPTCHA"_s} : QStringList());
        // A workflow with one run still going: no duration known.
        runs << historyRun(u"b1"_s, kMonday.addSecs(30), RunStatus::Running, u"wb"_s);
        // Codes on two days; the most frequent first.
        runs << historyRun(u"c1"_s, kMonday.addDays(1), RunStatus::Failed, u"wc"_s, 500,
            {u"LOGIN"_s, u"CAPTCHA"_s});
        runs << historyRun(
            u"c2"_s, kMonday.addDays(1).addSecs(9), RunStatus::Failed, u"wc"_s, 700, {u"LOGIN"_s});
        const HistorySummary summary
            = summarizeHistory(runs, kMonday, kMonday.addDays(7), HistoryBucketSize::Day);
        QCOMPARE(summary.workflows.size(), 3);
        const WorkflowHistory &a = summary.workflows.at(0);
        QCOMPARE(a.workflowId, u"wa"_s);
        QCOMPARE(a.title, u"Title of wa"_s);
        QCOMPARE(a.runs, 20);
        QCOMPARE(a.failed, 4);
        QCOMPARE(a.failureRate(), 0.2);
        QCOMPARE(a.p50Ms, 10000);
        QCOMPARE(a.p95Ms, 19000);
        const auto wb = std::find_if(summary.workflows.cbegin(), summary.workflows.cend(),
            [](const WorkflowHistory &w) { return w.workflowId == u"wb"_s; });
        QCOMPARE(wb->p50Ms, -1);
        QCOMPARE(wb->failureRate(), -1.0);

        QCOMPARE(summary.errorCodes.size(), 2);
        QCOMPARE(summary.errorCodes.at(0).code, u"CAPTCHA"_s);
        QCOMPARE(summary.errorCodes.at(0).runs, 5);
        QCOMPARE(summary.errorCodes.at(0).perBucket, QList<int>({4, 1, 0, 0, 0, 0, 0}));
        QCOMPARE(summary.errorCodes.at(1).code, u"LOGIN"_s);
        QCOMPARE(summary.errorCodes.at(1).perBucket, QList<int>({0, 2, 0, 0, 0, 0, 0}));
        QCOMPARE(summary.errorCodes.at(1).lastSeen, kMonday.addDays(1).addSecs(9));
        QCOMPARE(summary.failedWithCodes, 6);
        // At most maxCodes codes.
        QCOMPARE(summarizeHistory(runs, kMonday, kMonday.addDays(7), HistoryBucketSize::Day, 1)
                     .errorCodes.size(),
            1);
    }

    void computeUnitsAddUpWhereReported()
    {
        const QList<HistoryRun> runs {
            historyRun(u"p1"_s, kMonday.addSecs(10), RunStatus::Completed, u"wf"_s, 100, {}, 2.5),
            historyRun(u"p2"_s, kMonday.addSecs(20), RunStatus::Failed, u"wf"_s, 100, {}, 0.25),
            historyRun(u"s1"_s, kMonday.addSecs(30), RunStatus::Completed, u"wf"_s)};
        const HistorySummary summary
            = summarizeHistory(runs, kMonday, kMonday.addDays(1), HistoryBucketSize::Hour);
        QCOMPARE(summary.withComputeUnits, 2);
        QCOMPARE(summary.computeUnits, 2.75);
        QCOMPARE(summary.buckets.at(0).computeUnits, 2.75);
        QCOMPARE(summary.workflows.at(0).computeUnits, 2.75);
    }

    void runHistoryKeepsLearnedCodesAndSaysWhatChanged()
    {
        RunHistory history;
        history.setKeyOf([](const WorkflowRun &run) { return run.source; });
        QSignalSpy wanted(&history, &RunHistory::storedWanted);
        history.setScope({u"one"_s, u"two"_s});
        QCOMPARE(wanted.count(), 2);
        QSignalSpy recorded(&history, &RunHistory::recorded);
        WorkflowRun run;
        run.workflowRunId = u"wr_1"_s;
        run.source = u"one"_s;
        run.status = RunStatus::Failed;
        run.createdAt = kMonday;
        history.record({run});
        QCOMPARE(recorded.count(), 1);
        history.recordErrorCodes(run, {u"LOGIN"_s});
        QCOMPARE(recorded.count(), 2);
        // A poll gives the run again without codes: nothing changed, the codes stay.
        history.record({run});
        QCOMPARE(recorded.count(), 2);
        QCOMPARE(history.runs().constFirst().errorCodes, QStringList {u"LOGIN"_s});
        // Stored runs don't replace what this session recorded.
        HistoryRun stale = HistoryRun::fromRun(u"one"_s, run);
        stale.status = RunStatus::Running;
        HistoryRun other = HistoryRun::fromRun(u"two"_s, run);
        other.runId = u"wr_2"_s;
        history.addStored(u"one"_s, {stale});
        history.addStored(u"two"_s, {other});
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.runs().size(), 2);
        for (const HistoryRun &each : history.runs()) {
            if (each.runId == u"wr_1"_s)
                QCOMPARE(each.status, RunStatus::Failed);
        }
        history.setScope({u"two"_s});
        QCOMPARE(history.size(), 1);
    }

    void theFileKeepsRunsBetweenStartsAndForgetsOldOnes()
    {
        const QString path = m_dir.filePath(u"history.sqlite"_s);
        QList<HistoryRun> runs;
        const QDateTime now = QDateTime::currentDateTime();
        for (int i = 0; i < 500; ++i)
            runs << historyRun(u"wr_%1"_s.arg(i), now.addSecs(-i * 60),
                i % 3 ? RunStatus::Completed : RunStatus::Partial, u"w%1"_s.arg(i % 4), i * 10,
                i % 7 ? QStringList() : QStringList {u"A"_s, u"B"_s}, i % 2 ? 1.5 : -1);
        HistoryRun ancient = historyRun(
            u"ancient"_s, now.addDays(-RunHistoryStore::kKeepDays - 1), RunStatus::Failed, u"w0"_s);
        {
            RunHistoryStore store(path);
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY(store.save(runs));
            QVERIFY(store.save({ancient}));
            HistoryRun other = runs.constFirst();
            other.connection = u"c2"_s;
            QVERIFY(store.save({other}));
        }
        RunHistoryStore again(path);
        QVERIFY(again.open(nullptr));
        QList<HistoryRun> loaded = again.load(u"c1"_s);
        QCOMPARE(loaded.size(), 500); // the ancient one is past what is kept
        std::sort(loaded.begin(), loaded.end(), [](const HistoryRun &a, const HistoryRun &b) {
            return a.runId.mid(3).toInt() < b.runId.mid(3).toInt();
        });
        for (int i = 0; i < 500; ++i)
            QCOMPARE(loaded.at(i), runs.at(i));
        QCOMPARE(again.prune(), 1);
        QCOMPARE(again.load(u"c2"_s).size(), 1);
        // Private to the user.
        QCOMPARE(
            QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void aDamagedFileIsSetAsideAndTheKeeperReadsOfflineOnAnotherStart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        {
            QFile garbage(path);
            QVERIFY(garbage.open(QIODevice::WriteOnly));
            garbage.write(QByteArray(8192, 'x'));
        }
        const auto kept = [](const QString &connection) { return connection != u"demo"_s; };
        WorkflowRun run;
        run.workflowRunId = u"wr_kept"_s;
        run.status = RunStatus::Completed;
        run.createdAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        {
            RunHistory history;
            HistoryKeeper keeper(path, kept);
            QSignalSpy notices(&keeper, &HistoryKeeper::notice);
            keeper.attach(&history);
            history.setKeyOf([](const WorkflowRun &) { return u"saved"_s; });
            history.setScope({u"saved"_s});
            QTRY_VERIFY(history.hasStored(u"saved"_s));
            QCOMPARE(notices.count(), 1);
            QVERIFY(notices.constFirst().constFirst().toString().contains(u"set aside"_s));
            history.record({run});
            // The demo's runs live for the session only.
            history.setKeyOf([](const WorkflowRun &) { return u"demo"_s; });
            WorkflowRun demo = run;
            demo.workflowRunId = u"wr_demo"_s;
            history.record({demo});
        }
        // No server at all: the runs come back from the file.
        RunHistory history;
        HistoryKeeper keeper(path, kept);
        keeper.attach(&history);
        history.setScope({u"saved"_s, u"demo"_s});
        QTRY_VERIFY(history.hasStored(u"saved"_s) && history.hasStored(u"demo"_s));
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.runs().constFirst().runId, u"wr_kept"_s);
    }

    void tableModelsPassTheTester()
    {
        QList<HistoryRun> runs;
        for (int i = 0; i < 40; ++i)
            runs << historyRun(u"r%1"_s.arg(i), kMonday.addSecs(i * 3000),
                i % 4 ? RunStatus::Completed : RunStatus::Failed, u"w%1"_s.arg(i % 5), i * 100,
                i % 4 ? QStringList() : QStringList {u"CODE_%1"_s.arg(i % 3)}, 0.5);
        const HistorySummary summary
            = summarizeHistory(runs, kMonday, kMonday.addDays(7), HistoryBucketSize::Day);
        HistoryWorkflowModel workflows;
        QAbstractItemModelTester workflowTester(
            &workflows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        workflows.setShowsComputeUnits(true);
        workflows.setWorkflows(summary.workflows);
        QCOMPARE(workflows.rowCount(), 5);
        QCOMPARE(workflows.index(0, HistoryWorkflowModel::RunsColumn).data().toString(), u"8"_s);
        QCOMPARE(workflows.index(0, HistoryWorkflowModel::ComputeUnitsColumn).data().toString(),
            u"4.0"_s);
        workflows.setWorkflows({});
        QCOMPARE(workflows.rowCount(), 0);
        HistoryErrorCodeModel codes;
        QAbstractItemModelTester codeTester(
            &codes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        codes.setErrorCodes(summary.errorCodes);
        QCOMPARE(codes.rowCount(), 3);
        const auto counts = codes.index(0, HistoryErrorCodeModel::TrendColumn)
                                .data(HistoryErrorCodeModel::CountsRole)
                                .value<QList<int>>();
        QCOMPARE(counts.size(), 7);
        QCOMPARE(std::accumulate(counts.cbegin(), counts.cend(), 0),
            codes.index(0, HistoryErrorCodeModel::RunsColumn)
                .data(HistoryErrorCodeModel::SortRole)
                .toInt());
    }

    void skyvernHistoryCountsTheListAndABarClickedShowsItsRuns()
    {
        TestServer server(3600000, 400);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        MainWindow window;
        pointHistory(window, u"sky"_s);
        showOn(window, &client);
        RunListModel *model = window.runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 50, 20000);

        HistoryView *view = openHistory(window);
        QVERIFY(view);
        auto *chart = window.findChild<HistoryChart *>(u"historyRunsChart"_s);
        QVERIFY(chart->isVisible());
        QVERIFY(chart->hasFocus());
        // Every run the list loaded is counted, by its status, on the day it began.
        const QList<WorkflowRun> loaded = loadedRuns(model);
        QTRY_COMPARE(view->summary().runs, int(loaded.size()));
        int failed = 0;
        for (const WorkflowRun &run : loaded)
            failed += run.status == RunStatus::Failed;
        int failedInBars = 0;
        for (const HistoryBucket &bucket : view->summary().buckets)
            failedInBars += bucket.count(RunStatus::Failed);
        QCOMPARE(failedInBars, failed);
        // No platform here: no compute units chart.
        QVERIFY(!window.findChild<HistoryChart *>(u"historyComputeChart"_s)->isVisible());

        // Load older runs reads the server back to the range's start, with progress.
        auto *load = window.findChild<QPushButton *>(u"historyBackfillButton"_s);
        QTest::mouseClick(load, Qt::LeftButton);
        QVERIFY(!load->isEnabled());
        QVERIFY(window.findChild<QProgressBar *>(u"historyBackfillProgressBar"_s)->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(load->isEnabled(), 30000);
        QTRY_VERIFY(view->summary().runs > 300);
        const auto *coverage = window.findChild<QLabel *>(u"historyCoverageLabel"_s);
        QVERIFY2(coverage->text().startsWith(u"Read "_s), qPrintable(coverage->text()));
        // 400 runs go back less than the week: the server has nothing older, and History
        // says so rather than offering to read what is missing.
        QVERIFY2(coverage->text().contains(u"none older than"_s), qPrintable(coverage->text()));
        QVERIFY(!coverage->text().contains(u"reads what is missing"_s));
        // Lists carry no error codes: the failed runs' details were asked for them.
        QVERIFY2(view->summary().failedWithCodes * 2 > view->summary().failed,
            qPrintable(
                u"%1 of %2"_s.arg(view->summary().failedWithCodes).arg(view->summary().failed)));
        auto *codes = window.findChild<QTableView *>(u"historyErrorCodeTableView"_s);
        QVERIFY(codes->model()->rowCount() >= 3);

        // Click the Failed part of the day with the most failures.
        int day = -1;
        for (int i = 0; i < view->summary().buckets.size(); ++i) {
            if (day < 0
                || view->summary().buckets.at(i).count(RunStatus::Failed)
                    > view->summary().buckets.at(day).count(RunStatus::Failed))
                day = i;
        }
        const HistoryBucket bucket = view->summary().buckets.at(day);
        const int expected = bucket.count(RunStatus::Failed);
        QVERIFY(expected > 0);
        const QRect segment = chart->segmentRect(day, RunStatus::Failed);
        QVERIFY(!segment.isEmpty());
        QTest::mouseClick(chart, Qt::LeftButton, {}, segment.center());
        // Back in the list, which shows that day's failed runs and only them.
        QTRY_VERIFY(!view->isVisible());
        QVERIFY(!window.historyAction()->isChecked());
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        QVERIFY(table->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), expected, 30000);
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex index = table->model()->index(row, 0);
            const QString id = index.data(RunListModel::RunIdRole).toString();
            const WorkflowRun *run = model->runAt(model->rowOfRun(id));
            QVERIFY(run);
            QCOMPARE(run->status, RunStatus::Failed);
            QVERIFY(run->orderTime() >= bucket.start && run->orderTime() < bucket.end);
        }
        auto *notice = window.findChild<QLabel *>(u"noticeLabel"_s);
        QVERIFY2(notice->text().startsWith(u"From History: the %1 Failed runs of"_s.arg(expected))
                || (expected == 1
                    && notice->text().startsWith(u"From History: the 1 Failed run"_s)),
            qPrintable(notice->text()));
        // Closing the notice shows every run again.
        QTest::mouseClick(window.findChild<QWidget *>(u"closeNoticeButton"_s), Qt::LeftButton);
        QTRY_VERIFY(table->model()->rowCount() > expected);

        // The most frequent error code, by Enter: the list filtered by it on the server.
        window.historyAction()->trigger();
        QTRY_VERIFY(view->isVisible());
        codes->setFocus();
        codes->setCurrentIndex(codes->model()->index(0, 0));
        const QString code = codes->model()->index(0, 0).data().toString();
        QTest::keyClick(codes, Qt::Key_Return);
        QTRY_VERIFY(!view->isVisible());
        QCOMPARE(window.filter().errorCode, code);
        window.setSource(nullptr);
    }

    void aBarIsChosenByKeysAndTheWorkflowTableLeadsToItsRuns()
    {
        TestServer server(3600000, 120);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        MainWindow window;
        pointHistory(window, u"sky"_s);
        showOn(window, &client);
        RunListModel *model = window.runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 50, 20000);
        HistoryView *view = openHistory(window);
        QVERIFY(view);
        // The last 24 hours, by the hour.
        auto *range = window.findChild<QComboBox *>(u"historyRangeComboBox"_s);
        range->setCurrentIndex(range->findData(1));
        QCOMPARE(view->summary().bucketSize, HistoryBucketSize::Hour);
        QCOMPARE(view->summary().buckets.size(), 24);
        auto *chart = window.findChild<HistoryChart *>(u"historyRunsChart"_s);
        chart->setFocus();
        // End: the newest bar; Up: its first status; Enter: that slice in the list.
        QTest::keyClick(chart, Qt::Key_End);
        int bar = chart->currentBucket();
        while (bar > 0 && view->summary().buckets.at(bar).runs == 0) {
            QTest::keyClick(chart, Qt::Key_Left);
            bar = chart->currentBucket();
        }
        QVERIFY(view->summary().buckets.at(bar).runs > 0);
        QTest::keyClick(chart, Qt::Key_Up);
        const RunStatus status = chart->currentStatus();
        QVERIFY(status != RunStatus::Unknown);
        const int expected = view->summary().buckets.at(bar).count(status);
        auto *current = window.findChild<QLabel *>(u"historyCurrentBarLabel"_s);
        QVERIFY2(current->text().contains(RunFormat::statusText(status, {})),
            qPrintable(current->text()));
        QTest::keyClick(chart, Qt::Key_Return);
        QTRY_VERIFY(!view->isVisible());
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), expected, 20000);

        // Ctrl+H again, then Enter on the busiest workflow: the list scoped to it.
        QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
        QTRY_VERIFY(view->isVisible());
        auto *workflows = window.findChild<QTableView *>(u"historyWorkflowTableView"_s);
        workflows->setFocus();
        workflows->setCurrentIndex(workflows->model()->index(0, 0));
        const QString workflowId
            = workflows->model()->index(0, 0).data(HistoryWorkflowModel::WorkflowIdRole).toString();
        QTest::keyClick(workflows, Qt::Key_Return);
        QTRY_VERIFY(!view->isVisible());
        QCOMPARE(window.scope(), workflowId);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), 20000);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->runAt(row)->workflowPermanentId, workflowId);
        // Escape in History goes back to the list too.
        QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
        QTRY_VERIFY(view->isVisible());
        QTest::keyClick(chart, Qt::Key_Escape);
        QTRY_VERIFY(!view->isVisible());
        window.setSource(nullptr);
    }

    void thePlatformShowsComputeUnitsAndAMergedListCountsBoth()
    {
        TestServer server(3600000, 200);
        QVERIFY(server.isStarted() && server.server()->platform());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        WorkflowPlatformClient platform(server.server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MainWindow window;
        RunListModel *model = window.runListModel();
        pointHistory(window, u"ops"_s);
        showOn(window, &platform);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 10 && !model->isLoading(), 20000);
        HistoryView *view = openHistory(window);
        QVERIFY(view);
        QTRY_VERIFY(view->summary().runs > 0);
        double units = 0;
        int withUnits = 0;
        const QDateTime start = view->rangeStart();
        for (const WorkflowRun &run : loadedRuns(model)) {
            if (run.computeUnits && run.orderTime() >= start) {
                units += *run.computeUnits;
                ++withUnits;
            }
        }
        QVERIFY(withUnits > 0);
        QTRY_COMPARE(view->summary().withComputeUnits, withUnits);
        QVERIFY(qAbs(view->summary().computeUnits - units) < 1e-6);
        auto *computeChart = window.findChild<HistoryChart *>(u"historyComputeChart"_s);
        QVERIFY(computeChart->isVisible());
        QVERIFY(window.findChild<QLabel *>(u"historyTotalsLabel"_s)
                    ->text()
                    .contains(u"compute units"_s));
        // It lists one workflow at a time: Load older runs reads each of them.
        auto *load = window.findChild<QPushButton *>(u"historyBackfillButton"_s);
        QTest::mouseClick(load, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(load->isEnabled(), 30000);
        const auto *coverage = window.findChild<QLabel *>(u"historyCoverageLabel"_s);
        QVERIFY2(coverage->text().startsWith(u"Read "_s), qPrintable(coverage->text()));
        QTRY_COMPARE(view->summary().workflows.size(), DemoPlatformServer::workflowIds().size());
        QVERIFY(window.findChild<QLabel *>(u"historyCodesNoteLabel"_s)
                    ->text()
                    .contains(u"no error codes"_s));
        // A bar's part leads to its runs of the workflow shown: the platform lists one at a
        // time, so the list keeps it.
        auto *chart = window.findChild<HistoryChart *>(u"historyRunsChart"_s);
        const QString shownWorkflow = window.scope();
        QVERIFY(!shownWorkflow.isEmpty());
        int bar = -1;
        int expected = 0;
        for (int i = 0; i < view->summary().buckets.size() && bar < 0; ++i) {
            const HistoryBucket &bucket = view->summary().buckets.at(i);
            expected = 0;
            for (const HistoryRun &run : window.runHistory()->runs()) {
                expected += run.status == RunStatus::Completed
                    && run.createdMs >= bucket.start.toMSecsSinceEpoch()
                    && run.createdMs < bucket.end.toMSecsSinceEpoch()
                    && run.workflowId == shownWorkflow;
            }
            if (expected > 0)
                bar = i;
        }
        QVERIFY(bar >= 0);
        QTest::mouseClick(
            chart, Qt::LeftButton, {}, chart->segmentRect(bar, RunStatus::Completed).center());
        QTRY_VERIFY(!view->isVisible());
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), expected, 20000);
        QCOMPARE(window.scope(), shownWorkflow);
        QVERIFY(!window.findChild<QLabel *>(u"errorLabel"_s)->isVisible());
        window.historyAction()->setChecked(true);
        QTRY_VERIFY(view->isVisible());
        // The platform cannot filter by error code: its codes are not a way into the list.
        QVERIFY(window.findChild<QTableView *>(u"historyErrorCodeTableView"_s)
                    ->toolTip()
                    .contains(u"cannot"_s));
        window.historyAction()->setChecked(false);

        // Both connections in one list: History counts each run under its own connection.
        MergedRunSource merged({{&client, u"Skyvern"_s, {}, u"cloud"_s},
            {&platform, u"Platform"_s, DemoPlatformServer::workflowIds().constFirst(), u"ops"_s}});
        window.runHistory()->setKeyOf([](const WorkflowRun &run) {
            return run.source == u"Skyvern"_s ? u"cloud"_s : u"ops"_s;
        });
        window.runHistory()->setScope({u"cloud"_s, u"ops"_s});
        window.setSource(&merged);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 20 && !model->isLoading(), 20000);
        window.historyAction()->setChecked(true);
        QTRY_VERIFY(view->isVisible());
        int skyvernRuns = 0;
        for (const HistoryRun &run : window.runHistory()->runs())
            skyvernRuns += run.connection == u"cloud"_s;
        QVERIFY(skyvernRuns > 0);
        QVERIFY(window.runHistory()->size() > skyvernRuns);
        // Every run the merged list loaded is there (with what the platform alone showed).
        QSet<QString> known;
        for (const HistoryRun &run : window.runHistory()->runs())
            known.insert(run.connection + u' ' + run.runId);
        for (const WorkflowRun &run : loadedRuns(model)) {
            const QString key
                = (run.source == u"Skyvern"_s ? u"cloud "_s : u"ops "_s) + run.workflowRunId;
            QVERIFY2(known.contains(key), qPrintable(key));
        }
        QCOMPARE(view->summary().runs,
            int(window.runHistory()->runs(view->rangeStart().toMSecsSinceEpoch()).size()));
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
