// Several connections in one list: pages merged newest first across a Skyvern server and the
// second platform, a failing connection reported on its own while the others keep working.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "mergedrunsource.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/testserver.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

class TestMergedRunSource : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    std::unique_ptr<SkyvernClient> skyvern() const
    {
        return std::make_unique<SkyvernClient>(m_server->server()->baseUrl(), u"test-key"_s);
    }
    std::unique_ptr<WorkflowPlatformClient> platform(const QString &token = u"demo-token"_s) const
    {
        return std::make_unique<WorkflowPlatformClient>(
            m_server->server()->platform()->baseUrl(), token, DemoPlatformServer::workflowIds());
    }

    ApiResult<RunPage> list(RunSource &source, int page, int pageSize)
    {
        RunQuery query;
        query.page = page;
        query.pageSize = pageSize;
        std::optional<ApiResult<RunPage>> result;
        source.listRuns(query, this, [&](const ApiResult<RunPage> &value) { result = value; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
        return result.value_or(ApiResult<RunPage>());
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 300);
        QVERIFY(m_server->isStarted());
    }

    void pagesKeepOrderByStartTimeAcrossConnections()
    {
        auto cloud = skyvern();
        auto other = platform();
        MergedRunSource merged(
            {{cloud.get(), u"Skyvern"_s, {}}, {other.get(), u"Ops platform"_s, u"wf_price_scan"_s},
                {other.get(), u"Ops platform"_s, u"wf_lead_router"_s}});
        QList<WorkflowRun> all;
        for (int page = 1; page <= 4; ++page) {
            const auto result = list(merged, page, 60);
            QVERIFY2(result.ok(), qPrintable(result.error.message));
            QCOMPARE(result.value.runs.size(), 60);
            QVERIFY(!result.value.isLastPage());
            all += result.value.runs;
        }
        QSet<QString> sources;
        QSet<QString> keys;
        for (int i = 0; i < all.size(); ++i) {
            sources.insert(all.at(i).source);
            QVERIFY(!keys.contains(all.at(i).source + all.at(i).workflowRunId));
            keys.insert(all.at(i).source + all.at(i).workflowRunId);
            if (i > 0)
                QVERIFY2(all.at(i).orderTime() <= all.at(i - 1).orderTime(),
                    qPrintable(QString::number(i)));
        }
        QCOMPARE(sources, (QSet<QString> {u"Skyvern"_s, u"Ops platform"_s}));

        // The same as merging each connection's own list by hand.
        QList<WorkflowRun> truth;
        RunQuery query;
        query.pageSize = 240;
        for (const auto &[source, scope] : {std::pair<RunSource *, QString> {cloud.get(), {}},
                 {other.get(), u"wf_price_scan"_s}, {other.get(), u"wf_lead_router"_s}}) {
            query.workflowPermanentId = scope;
            std::optional<ApiResult<RunPage>> result;
            source->listRuns(query, this, [&](const ApiResult<RunPage> &value) { result = value; });
            QTRY_VERIFY(result.has_value());
            truth += result->value.runs;
        }
        std::stable_sort(
            truth.begin(), truth.end(), [](const WorkflowRun &a, const WorkflowRun &b) {
                return a.orderTime() > b.orderTime();
            });
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i).orderTime(), truth.at(i).orderTime());
    }

    void eachRunKnowsItsConnectionEvenWhenTwoShareAName()
    {
        auto cloud = skyvern();
        auto other = platform();
        MergedRunSource merged({{cloud.get(), u"Production"_s, {}, u"cloud-id"_s},
            {other.get(), u"Production"_s, u"wf_price_scan"_s, u"ops-id"_s}});
        const auto result = list(merged, 1, 60);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        // What each connection lists on its own, by id.
        QSet<QString> cloudRuns;
        RunQuery query;
        query.pageSize = 60;
        std::optional<ApiResult<RunPage>> own;
        cloud->listRuns(query, this, [&](const ApiResult<RunPage> &value) { own = value; });
        QTRY_VERIFY(own.has_value());
        for (const WorkflowRun &run : own->value.runs)
            cloudRuns.insert(run.workflowRunId);
        QSet<QString> connections;
        for (const WorkflowRun &run : result.value.runs) {
            const QString id = merged.connectionOf(run.workflowRunId);
            QCOMPARE(id, cloudRuns.contains(run.workflowRunId) ? u"cloud-id"_s : u"ops-id"_s);
            connections.insert(id);
        }
        QCOMPARE(connections.size(), 2);
        QVERIFY(merged.connectionOf(u"wr_not_listed"_s).isEmpty());
    }

    void aFailingConnectionIsReportedWhileTheOthersWork()
    {
        auto cloud = skyvern();
        auto stale = platform(u"revoked-token"_s);
        MergedRunSource merged({{cloud.get(), u"Skyvern"_s, {}},
            {stale.get(), u"Ops platform"_s, u"wf_price_scan"_s}});
        const auto result = list(merged, 1, 50);
        QVERIFY(result.ok());
        QCOMPARE(result.value.runs.size(), 50);
        for (const WorkflowRun &run : result.value.runs)
            QCOMPARE(run.source, u"Skyvern"_s);
        QCOMPARE(result.value.partialErrors.size(), 1);
        const ApiError error = result.value.partialErrors.constFirst();
        QCOMPARE(error.source, u"Ops platform"_s);
        QCOMPARE(error.kind, ApiError::Kind::Auth);
        QVERIFY2(error.message.startsWith(u"Ops platform: "_s), qPrintable(error.message));
        QVERIFY(error.message.contains(u"token"_s));
    }

    void aFilterOneConnectionCannotApplyLeavesItOutWithoutAnError()
    {
        // An error code found on a Skyvern run, filtered on in the merged list: the platform
        // cannot filter by code, so it is left out and said to be, not reported as failing.
        auto cloud = skyvern();
        auto ops = platform();
        MergedRunSource merged(
            {{cloud.get(), u"Skyvern"_s, {}}, {ops.get(), u"Ops platform"_s, u"wf_price_scan"_s}});
        RunQuery query;
        query.pageSize = 50;
        query.filter.errorCode = u"MFA_REQUIRED"_s;
        std::optional<ApiResult<RunPage>> result;
        merged.listRuns(query, this, [&](const ApiResult<RunPage> &value) { result = value; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(result->ok());
        QVERIFY(result->value.partialErrors.isEmpty());
        QVERIFY(!result->value.runs.isEmpty());
        for (const WorkflowRun &run : result->value.runs)
            QCOMPARE(run.source, u"Skyvern"_s);
        QVERIFY2(result->value.notes.contains(
                     u"Ops platform is not shown: it cannot filter by error code."_s),
            qPrintable(result->value.notes.join(u" | "_s)));
    }

    void aStatusOnlyOneConnectionHasListsItsRunsAndLeavesTheOtherOut()
    {
        // Timed out is a Skyvern status the platform neither has nor filters by: the merged
        // list offers it, lists Skyvern's timed-out runs and says the platform is left out.
        auto cloud = skyvern();
        auto ops = platform();
        MergedRunSource merged(
            {{cloud.get(), u"Skyvern"_s, {}}, {ops.get(), u"Ops platform"_s, u"wf_price_scan"_s}});
        const SourceFeatures features = merged.features();
        QVERIFY(features.statuses.contains(RunStatus::TimedOut));
        QVERIFY(features.statuses.contains(RunStatus::Created));
        QCOMPARE(features.maxStatuses, 1); // the platform filters by one status at a time
        RunQuery query;
        query.pageSize = 20;
        query.filter.statuses = {RunStatus::TimedOut};
        std::optional<ApiResult<RunPage>> result;
        merged.listRuns(query, this, [&](const ApiResult<RunPage> &value) { result = value; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok(), qPrintable(result->error.message));
        QVERIFY(result->value.partialErrors.isEmpty());
        QVERIFY(!result->value.runs.isEmpty());
        for (const WorkflowRun &run : result->value.runs) {
            QCOMPARE(run.source, u"Skyvern"_s);
            QCOMPARE(run.status, RunStatus::TimedOut);
        }
        QVERIFY2(result->value.notes.contains(
                     u"Ops platform is not shown: it cannot filter by the status you picked."_s),
            qPrintable(result->value.notes.join(u" | "_s)));

        // A status both have lists both, each filtered by it.
        query.filter.statuses = {RunStatus::Failed};
        result.reset();
        merged.listRuns(query, this, [&](const ApiResult<RunPage> &value) { result = value; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok(), qPrintable(result->error.message));
        QVERIFY(result->value.notes.isEmpty());
        QSet<QString> sources;
        for (const WorkflowRun &run : result->value.runs) {
            sources.insert(run.source);
            QCOMPARE(run.status, RunStatus::Failed);
        }
        QCOMPARE(sources, (QSet<QString> {u"Skyvern"_s, u"Ops platform"_s}));
    }

    void whenEveryConnectionFailsThatIsAnError()
    {
        auto stale = platform(u"revoked-token"_s);
        MergedRunSource merged({{stale.get(), u"Ops platform"_s, u"wf_price_scan"_s}});
        const auto result = list(merged, 1, 50);
        QVERIFY(!result.ok());
        QVERIFY(result.error.message.contains(u"Ops platform"_s));
    }

    void answersComeLaterEvenFromWhatIsBuffered()
    {
        auto cloud = skyvern();
        auto other = platform();
        MergedRunSource merged({{cloud.get(), u"Skyvern"_s, {}},
            {other.get(), u"Ops platform"_s, u"wf_price_scan"_s}});
        // Once the platform's few runs are all handed out, the rest of the Skyvern member's
        // pages wait in its buffer: later pages can be made without asking anyone.
        for (int page = 1; page <= 30; ++page) {
            RunQuery query;
            query.page = page;
            query.pageSize = 25;
            bool answered = false;
            merged.listRuns(
                query, this, [&answered](const ApiResult<RunPage> &) { answered = true; });
            QVERIFY2(!answered, "answered from inside listRuns"); // the contract: later
            QTRY_VERIFY(answered);
        }
        // A model that asks for more from inside its own row signals (as the tester does)
        // stays consistent page after page.
        RunListModel model;
        model.setPageSize(20);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(&merged);
        QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
        for (int i = 0; i < 6; ++i) {
            model.fetchMore({});
            QTRY_VERIFY(!model.isLoading());
        }
        QVERIFY(model.rowCount() >= 100);
    }

    void theModelKeepsAFailingConnectionsRowsOnAPoll()
    {
        auto cloud = skyvern();
        auto other = platform();
        MergedRunSource merged({{cloud.get(), u"Skyvern"_s, {}},
            {other.get(), u"Ops platform"_s, u"wf_price_scan"_s}});
        RunListModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setSource(&merged);
        QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading() && model.rowCount() >= 100);
        int platformRows = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            platformRows += model.runAt(row)->source == "Ops platform"_L1;
        QVERIFY(platformRows > 0);
        QCOMPARE(model.index(0, RunListModel::SourceColumn).data().toString().isEmpty(), false);

        // The platform starts refusing the token: its rows stay, and the model says so.
        const int rowsBefore = model.rowCount();
        other->setToken(u"revoked-token"_s);
        model.refresh();
        QTRY_VERIFY(!model.isRefreshing() && !model.partialErrors().isEmpty());
        QCOMPARE(model.partialErrors().constFirst().source, u"Ops platform"_s);
        int platformRowsAfter = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            platformRowsAfter += model.runAt(row)->source == "Ops platform"_L1;
        QCOMPARE(platformRowsAfter, platformRows);
        QCOMPARE(model.rowCount(), rowsBefore);
        // Once it works again, so does the list.
        other->setToken(u"demo-token"_s);
        model.refresh();
        QTRY_VERIFY(!model.isRefreshing() && model.partialErrors().isEmpty());
    }

    void aDetailAskedThroughTheMergedListCanBeCanceled()
    {
        auto cloud = skyvern();
        auto other = platform();
        MergedRunSource merged(
            {{cloud.get(), u"Skyvern"_s, {}}, {other.get(), u"Ops"_s, u"wf_price_scan"_s}});
        const auto page = list(merged, 1, 20);
        QVERIFY2(page.ok(), qPrintable(page.error.message));
        QSet<QString> sources;
        for (const WorkflowRun &run : page.value.runs) {
            if (sources.contains(run.source))
                continue;
            sources.insert(run.source);
            // Canceled: never answered. Then one asked after it is answered, so the first
            // would have come by now.
            bool canceledAnswered = false;
            const RequestId canceled = merged.getRun(run.workflowRunId, this,
                [&](const ApiResult<RunDetail> &) { canceledAnswered = true; });
            merged.cancelRequest(canceled);
            std::optional<ApiResult<RunDetail>> later;
            merged.getRun(run.workflowRunId, this,
                [&](const ApiResult<RunDetail> &detail) { later = detail; });
            QTRY_VERIFY_WITH_TIMEOUT(later.has_value(), 20000);
            QVERIFY2(later->ok(), qPrintable(later->error.message));
            QCOMPARE(later->value.runId, run.workflowRunId);
            QVERIFY2(!canceledAnswered, qPrintable(run.source));
        }
        QCOMPARE(sources.size(), 2);
    }

    void cancelingADetailNeverCancelsAListInFlight()
    {
        // Ids of the merged list and of its members come from one counter: canceling one
        // request can never drop another that happens to share its number.
        auto cloud = skyvern();
        auto other = platform();
        MergedRunSource merged(
            {{cloud.get(), u"Skyvern"_s, {}}, {other.get(), u"Ops"_s, u"wf_price_scan"_s}});
        const auto page = list(merged, 1, 5);
        QVERIFY(page.ok());
        QSet<RequestId> ids;
        int listsAnswered = 0;
        for (int i = 0; i < 20; ++i) {
            RunQuery query;
            query.pageSize = 5;
            const RequestId listing = merged.listRuns(
                query, this, [&](const ApiResult<RunPage> &) { ++listsAnswered; });
            const RequestId detail = merged.getRun(
                page.value.runs.at(i % 5).workflowRunId, this, [](const ApiResult<RunDetail> &) {});
            QVERIFY(!ids.contains(listing));
            QVERIFY(!ids.contains(detail));
            QVERIFY(listing != detail);
            ids << listing << detail;
            merged.cancelRequest(detail);
        }
        QTRY_COMPARE_WITH_TIMEOUT(listsAnswered, 20, 20000);
    }

    void whatTheSourcesKeepPerRunShrinksWithTheList()
    {
        auto cloud = skyvern();
        auto other = platform();
        MergedRunSource merged(
            {{cloud.get(), u"Skyvern"_s, {}}, {other.get(), u"Ops"_s, u"wf_price_scan"_s}});
        RunListModel model;
        model.setPageSize(20);
        QSignalSpy loaded(&model, &RunListModel::pageLoaded);
        model.setSource(&merged);
        QTRY_COMPARE(loaded.size(), 1);
        for (int page = 2; page <= 5; ++page) {
            model.fetchMore({});
            QTRY_COMPARE(loaded.size(), page);
        }
        QCOMPARE(model.rowCount(), 100);
        QVERIFY(merged.knownRuns() >= 100);
        const qsizetype platformBefore = other->keptRuns();
        QVERIFY(platformBefore > 0);

        RunFilter canceled;
        canceled.statuses = {RunStatus::Canceled};
        model.setFilter(canceled);
        QTRY_COMPARE(loaded.size(), 6);
        // What is on screen, plus at most a page each connection fetched but did not hand out.
        QVERIFY2(merged.knownRuns() <= model.rowCount() + 2 * 20,
            qPrintable(u"%1 for %2 rows"_s.arg(merged.knownRuns()).arg(model.rowCount())));
        QVERIFY(other->keptRuns() < platformBefore);
        // Every row on screen still has its detail.
        for (int row = 0; row < model.rowCount(); ++row) {
            std::optional<ApiResult<RunDetail>> detail;
            merged.getRun(model.runAt(row)->workflowRunId, this,
                [&](const ApiResult<RunDetail> &value) { detail = value; });
            QTRY_VERIFY(detail.has_value());
            QVERIFY2(detail->ok(), qPrintable(detail->error.message));
        }
    }
};

QTEST_GUILESS_MAIN(TestMergedRunSource)
#include "tst_mergedrunsource.moc"
