// The second platform's client against the local server's platform listener and scripted
// servers: limit/offset paging with hasMore, status mapping, envelope errors, the bearer token.

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "mergedrunsource.h"
#include "platformrunpage.h"
#include "runformat.h"
#include "support/scriptedserver.h"
#include "support/testserver.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

namespace {
template<typename T>
std::optional<ApiResult<T>> waitFor(std::function<RequestId(RunSource::Handler<T>)> call)
{
    std::optional<ApiResult<T>> result;
    call([&result](const ApiResult<T> &value) { result = value; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
    return result;
}
} // namespace

class TestWorkflowPlatformClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    std::unique_ptr<WorkflowPlatformClient> client(const QString &token = u"demo-token"_s) const
    {
        return std::make_unique<WorkflowPlatformClient>(
            m_server->server()->platform()->baseUrl(), token, DemoPlatformServer::workflowIds());
    }

    ApiResult<RunPage> list(RunSource &source, const RunQuery &query)
    {
        return waitFor<RunPage>([&](RunSource::Handler<RunPage> handler) {
            return source.listRuns(query, this, handler);
        }).value_or(ApiResult<RunPage>());
    }

    static RunQuery pageOf(const QString &workflowId, int page, int pageSize)
    {
        RunQuery query;
        query.workflowPermanentId = workflowId;
        query.page = page;
        query.pageSize = pageSize;
        return query;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 50);
        QVERIFY(m_server->isStarted());
        QVERIFY(m_server->server()->platform());
    }

    void pagesUntilTheServerSaysThereIsNoMore()
    {
        auto platform = client();
        QSet<QString> ids;
        QDateTime previous;
        int pages = 0;
        for (int page = 1; page <= 10; ++page) {
            const auto result = list(*platform, pageOf(u"wf_price_scan"_s, page, 100));
            QVERIFY2(result.ok(), qPrintable(result.error.message));
            ++pages;
            for (const WorkflowRun &run : result.value.runs) {
                QVERIFY(!ids.contains(run.workflowRunId));
                ids.insert(run.workflowRunId);
                QCOMPARE(run.workflowPermanentId, u"wf_price_scan"_s);
                if (previous.isValid())
                    QVERIFY(run.startedAt <= previous); // newest first
                previous = run.startedAt;
            }
            QVERIFY(result.value.hasMore.has_value());
            if (result.value.isLastPage())
                break;
        }
        QCOMPARE(pages, 4); // 400 runs, 100 a page, the fourth says hasMore: false
        QCOMPARE(ids.size(), 400);
    }

    void aPageOverTheLimitIsReadInChunks()
    {
        auto platform = client();
        const auto result = list(*platform, pageOf(u"wf_invoice_sync"_s, 1, 250));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.value.runs.size(), 250);
        QVERIFY(!result.value.isLastPage());
        const auto second = list(*platform, pageOf(u"wf_invoice_sync"_s, 2, 250));
        QCOMPARE(second.value.runs.size(), 150);
        QVERIFY(second.value.isLastPage());
    }

    void statusesMap_data()
    {
        QTest::addColumn<QString>("wire");
        QTest::addColumn<RunStatus>("status");
        QTest::newRow("running") << u"running"_s << RunStatus::Running;
        QTest::newRow("waiting") << u"waiting"_s << RunStatus::Queued;
        QTest::newRow("success") << u"success"_s << RunStatus::Completed;
        QTest::newRow("failure") << u"failure"_s << RunStatus::Failed;
        QTest::newRow("cancelled") << u"cancelled"_s << RunStatus::Canceled;
        QTest::newRow("partial") << u"partial"_s << RunStatus::Partial;
        QTest::newRow("unknown") << u"exploded"_s << RunStatus::Unknown;
    }

    void statusesMap()
    {
        QFETCH(QString, wire);
        QFETCH(RunStatus, status);
        QCOMPARE(platformStatusFromWire(wire), status);
        if (status != RunStatus::Unknown)
            QCOMPARE(platformStatusToWire(status), wire);
    }

    void aStatusFilterIsTheServersAndTheOriginalStatusIsKept()
    {
        auto platform = client();
        RunQuery query = pageOf(u"wf_lead_router"_s, 1, 100);
        query.filter.statuses = {RunStatus::Failed};
        const auto result = list(*platform, query);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(!result.value.runs.isEmpty());
        for (const WorkflowRun &run : result.value.runs) {
            QCOMPARE(run.status, RunStatus::Failed);
            QCOMPARE(run.statusText, u"failure"_s);
        }
        const QUrl url = platform->runListUrl(u"wf_lead_router"_s, RunStatus::Failed, 100, 0);
        QCOMPARE(QUrlQuery(url).queryItemValue(u"status"_s), u"failure"_s);
    }

    void anErrorInsideA200EnvelopeIsAnError()
    {
        auto platform = client();
        const auto result
            = list(*platform, pageOf(DemoPlatformServer::maintenanceWorkflowId(), 1, 20));
        QVERIFY(!result.ok());
        QCOMPARE(result.error.httpStatus, 503);
        QVERIFY2(result.error.message.contains(u"maintenance"_s), qPrintable(result.error.message));
        QVERIFY(result.error.message.contains(u"Request id: req-"_s));
        QVERIFY(!result.error.requestId.isEmpty());
    }

    void anUnknownWorkflowIsNotFoundWithTheRequestId()
    {
        auto platform = client();
        const auto result = list(*platform, pageOf(u"wf_nope"_s, 1, 20));
        QCOMPARE(result.error.kind, ApiError::Kind::NotFound);
        QVERIFY(result.error.message.contains(u"wf_nope"_s));
        QVERIFY2(
            result.error.message.contains(u"Request id: req-"_s), qPrintable(result.error.message));
    }

    void aWrongTokenSaysToCheckTheToken()
    {
        auto platform = client(u"stale-token"_s);
        const auto result = list(*platform, pageOf(u"wf_price_scan"_s, 1, 20));
        QCOMPARE(result.error.kind, ApiError::Kind::Auth);
        QVERIFY2(result.error.message.contains(u"refused the token"_s),
            qPrintable(result.error.message));
        QVERIFY(!result.error.message.contains(u"stale-token"_s));
    }

    void filtersItCannotApplyAreRefusedBeforeSending_data()
    {
        QTest::addColumn<RunQuery>("query");
        RunQuery noScope = pageOf(QString(), 1, 20);
        RunQuery search = pageOf(u"wf_price_scan"_s, 1, 20);
        search.filter.searchKey = u"invoice"_s;
        RunQuery twoStatuses = pageOf(u"wf_price_scan"_s, 1, 20);
        twoStatuses.filter.statuses = {RunStatus::Failed, RunStatus::Completed};
        RunQuery paused = pageOf(u"wf_price_scan"_s, 1, 20);
        paused.filter.statuses = {RunStatus::Paused};
        QTest::newRow("no workflow") << noScope;
        QTest::newRow("search") << search;
        QTest::newRow("two statuses") << twoStatuses;
        QTest::newRow("a status it lacks") << paused;
    }

    void filtersItCannotApplyAreRefusedBeforeSending()
    {
        QFETCH(RunQuery, query);
        ScriptedServer server;
        WorkflowPlatformClient platform(server.url(), u"t"_s, {u"wf_price_scan"_s});
        const auto result = list(platform, query);
        QCOMPARE(result.error.kind, ApiError::Kind::BadInput);
        QVERIFY(!result.error.message.isEmpty());
        QCOMPARE(server.requestCount(), 0);
    }

    void aWrongTypeNamesTheField()
    {
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/wf_a/runs"_s,
            {200, "{\"code\":200,\"data\":{\"hasMore\":false,\"items\":[{\"id\":5}]}}", {}, false});
        WorkflowPlatformClient platform(server.url(), u"t"_s, {u"wf_a"_s});
        const auto result = list(platform, pageOf(u"wf_a"_s, 1, 20));
        QCOMPARE(result.error.kind, ApiError::Kind::Decode);
        QVERIFY2(
            result.error.message.contains(u"data.items[0].id"_s), qPrintable(result.error.message));
    }

    void envelopeIntegersOutOfRangeAreRefusedNotNarrowed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        // 4294967496 is 200 + 2^32: narrowed to an int it would read as success.
        QTest::newRow("code") << QByteArray("{\"code\":4294967496,\"data\":{\"hasMore\":false,"
                                            "\"items\":[]}}")
                              << u"code"_s;
        QTest::newRow("limit") << QByteArray("{\"code\":200,\"data\":{\"hasMore\":false,"
                                             "\"limit\":4294967316,\"items\":[]}}")
                               << u"data.limit"_s;
        QTest::newRow("negative offset") << QByteArray(
            "{\"code\":200,\"data\":{\"hasMore\":false,\"offset\":-5,"
            "\"items\":[]}}") << u"data.offset"_s;
    }

    void envelopeIntegersOutOfRangeAreRefusedNotNarrowed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/wf_a/runs"_s, {200, body, {}, false});
        WorkflowPlatformClient platform(server.url(), u"t"_s, {u"wf_a"_s});
        const auto result = list(platform, pageOf(u"wf_a"_s, 1, 20));
        QCOMPARE(result.error.kind, ApiError::Kind::Decode);
        QVERIFY2(result.error.message.contains(field + u": "_s)
                && result.error.message.contains(u"out of range"_s),
            qPrintable(result.error.message));
    }

    void aGatewayErrorIsRetriedAndSaidSoHereAndInTheMergedList()
    {
        ScriptedServer server;
        server.setAnswers(u"/v1/workflows/wf_a/runs"_s,
            {{503, "{}", {}, false},
                {200, "{\"code\":200,\"data\":{\"hasMore\":false,\"items\":[]}}", {}, false}});
        WorkflowPlatformClient platform(server.url(), u"t"_s, {u"wf_a"_s});
        platform.setRetryPolicy(3, 10);
        MergedRunSource merged({{&platform, u"Invoices"_s, u"wf_a"_s}});
        QSignalSpy retrying(&platform, &RunSource::retrying);
        QSignalSpy mergedRetrying(&merged, &RunSource::retrying);
        RunQuery query;
        query.pageSize = 20;
        const auto result = waitFor<RunPage>([&](RunSource::Handler<RunPage> handler) {
            return merged.listRuns(query, this, handler);
        });
        QVERIFY2(result->ok(), qPrintable(result->error.message));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying.at(0).at(0).value<ApiError>().httpStatus, 503);
        QCOMPARE(mergedRetrying.size(), 1);
        QVERIFY(mergedRetrying.at(0).at(0).value<ApiError>().message.startsWith(u"Invoices: "_s));
    }

    void partialAndUnknownStatusesKeepTheirRuns()
    {
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/wf_a/runs"_s,
            {200,
                "{\"code\":200,\"data\":{\"hasMore\":false,\"items\":["
                "{\"id\":\"r1\",\"status\":\"partial\",\"startedAt\":\"2026-11-29T10:00:00Z\"},"
                "{\"id\":\"r2\",\"status\":\"paused_budget\"},"
                "{\"id\":\"r3\",\"status\":\"failure\"}]}}",
                {}, false});
        WorkflowPlatformClient platform(server.url(), u"t"_s, {u"wf_a"_s});
        const auto result = list(platform, pageOf(u"wf_a"_s, 1, 20));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.value.runs.size(), 3);
        const WorkflowRun &partial = result.value.runs.at(0);
        QCOMPARE(partial.status, RunStatus::Partial);
        QCOMPARE(RunFormat::statusText(partial.status, partial.statusText), u"Partial"_s);
        const WorkflowRun &unknown = result.value.runs.at(1);
        QCOMPARE(unknown.status, RunStatus::Unknown);
        QCOMPARE(unknown.statusText, u"paused_budget"_s);
        QVERIFY(
            RunFormat::statusText(unknown.status, unknown.statusText).contains(u"paused_budget"_s));
        // A failed filter counts partial runs with the failures, and only them.
        RunFilter failed;
        failed.statuses = {RunStatus::Failed};
        QVERIFY(failed.matchesStatus(partial));
        QVERIFY(failed.matchesStatus(result.value.runs.at(2)));
        QVERIFY(!failed.matchesStatus(unknown));
    }

    void theTokenGoesOnlyToItsServer()
    {
        ScriptedServer elsewhere;
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/wf_a/runs"_s,
            {302, "{}", {{"Location", elsewhere.url(u"/v1/workflows/wf_a/runs"_s).toEncoded()}},
                false});
        WorkflowPlatformClient platform(server.url(), u"secret-token"_s, {u"wf_a"_s});
        const auto result = list(platform, pageOf(u"wf_a"_s, 1, 20));
        QVERIFY(!result.ok());
        QCOMPARE(server.seen("authorization"), QList<QByteArray> {"Bearer secret-token"});
        QVERIFY(elsewhere.seen("authorization").isEmpty());
    }

    void aListedRunHasItsDetailFromTheList()
    {
        auto platform = client();
        const auto page = list(*platform, pageOf(u"wf_price_scan"_s, 1, 20));
        QVERIFY(page.ok());
        const WorkflowRun first = page.value.runs.constFirst();
        const auto detail = waitFor<RunDetail>([&](RunSource::Handler<RunDetail> handler) {
            return platform->getRun(first.workflowRunId, this, handler);
        });
        QVERIFY(detail->ok());
        QCOMPARE(detail->value.runId, first.workflowRunId);
        QCOMPARE(detail->value.listing.value(u"id"_s).toString(), first.workflowRunId);
        QVERIFY(detail->value.listing.contains(u"totalCu"_s));
        QVERIFY(!platform->features().details);
        QVERIFY(!platform->features().launch);
        QCOMPARE(platform->features().defaultScope, u"wf_invoice_sync"_s);
    }
};

QTEST_GUILESS_MAIN(TestWorkflowPlatformClient)
#include "tst_workflowplatformclient.moc"
