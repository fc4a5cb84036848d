// The local run server, spoken to over real HTTP: Skyvern's contract for run lists, filters,
// paging, validation, auth, run details, launching, cancelling and artifacts.

#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

#include "support/testhttp.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

class TestDemoServer : public QObject
{
    Q_OBJECT

private:
    QJsonArray runs(const QString &pathAndQuery)
    {
        const HttpAnswer answer = httpRequest("GET", m_server->url(pathAndQuery), m_server->key());
        if (answer.status != 200)
            qWarning("GET %s -> %d %s", qPrintable(pathAndQuery), answer.status,
                answer.body.left(300).constData());
        return answer.json().array();
    }
    static QSet<QString> ids(const QJsonArray &array)
    {
        QSet<QString> result;
        for (const QJsonValue &run : array)
            result.insert(run[u"workflow_run_id"_s].toString());
        return result;
    }
    QJsonObject detail(const QString &runId)
    {
        return httpRequest("GET", m_server->url(u"/v1/runs/"_s + runId), m_server->key())
            .json()
            .object();
    }
    QString workflowId(int index)
    {
        const HttpAnswer answer
            = httpRequest("GET", m_server->url(u"/v1/agents?page_size=100"_s), m_server->key());
        return answer.json().array().at(index)[u"workflow_permanent_id"_s].toString();
    }
    QJsonObject launch(const QJsonObject &body, int *status = nullptr)
    {
        const HttpAnswer answer = httpRequest("POST", m_server->url(u"/v1/run/workflows"_s),
            m_server->key(), QJsonDocument(body).toJson());
        if (status)
            *status = answer.status;
        return answer.json().object();
    }

    std::unique_ptr<TestServer> m_server;

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->isStarted());
    }

    void listsNewestFirstWithTheContractFields()
    {
        const QJsonArray page = runs(u"/v1/workflows/runs?page_size=50"_s);
        QCOMPARE(page.size(), 50);
        QString previous = u"9999"_s;
        for (const QJsonValue &value : page) {
            const QJsonObject run = value.toObject();
            for (const char *field : {"workflow_run_id", "workflow_id", "workflow_permanent_id",
                     "organization_id", "status", "created_at", "modified_at"})
                QVERIFY2(run.value(QLatin1StringView(field)).isString(), field);
            QVERIFY(run[u"workflow_run_id"_s].toString().startsWith(u"wr_"_s));
            QVERIFY(run[u"workflow_permanent_id"_s].toString().startsWith(u"wpid_"_s));
            QVERIFY(run[u"workflow_id"_s].toString().startsWith(u"w_"_s));
            const QString created = run[u"created_at"_s].toString();
            QVERIFY2(created <= previous, "runs must come newest first");
            previous = created;
        }
    }

    void defaultPageIsTenRuns() { QCOMPARE(runs(u"/v1/workflows/runs"_s).size(), 10); }

    void agentsNamesAnswerLikeWorkflowsNames()
    {
        QCOMPARE(
            runs(u"/v1/agents/runs?page_size=20"_s), runs(u"/v1/workflows/runs?page_size=20"_s));
        const QString wpid = workflowId(0);
        QCOMPARE(runs(u"/v1/agents/%1/runs?page_size=20"_s.arg(wpid)),
            runs(u"/v1/workflows/%1/runs?page_size=20"_s.arg(wpid)));
        QCOMPARE(runs(u"/api/v1/workflows/runs?page_size=5"_s),
            runs(u"/v1/workflows/runs?page_size=5"_s));
    }

    void seededDataCoversEveryStatusAndTrigger()
    {
        const QJsonArray all = runs(u"/v1/workflows/runs?page_size=100000"_s);
        QVERIFY(all.size() >= 2000);
        QSet<QString> statuses, triggers, workflows;
        int children = 0;
        for (const QJsonValue &run : all) {
            statuses.insert(run[u"status"_s].toString());
            triggers.insert(run[u"trigger_type"_s].toString());
            workflows.insert(run[u"workflow_permanent_id"_s].toString());
            children += run[u"parent_workflow_run_id"_s].isString();
        }
        for (const char *status : {"queued", "running", "failed", "terminated", "canceled",
                 "timed_out", "completed", "paused"})
            QVERIFY2(statuses.contains(QLatin1StringView(status)), status);
        for (const char *trigger : {"manual", "mcp", "api", "scheduled", "webhook"})
            QVERIFY2(triggers.contains(QLatin1StringView(trigger)), trigger);
        QVERIFY(workflows.size() >= 8);
        QVERIFY(children > 0);
    }

    void sameSeedGivesSameRuns()
    {
        TestServer other(3600000, 300, 99);
        TestServer again(3600000, 300, 99);
        const auto list = [](TestServer &server) {
            return httpRequest(
                "GET", server.url(u"/v1/workflows/runs?page_size=300"_s), server.key())
                .json()
                .array();
        };
        QJsonArray first = list(other), second = list(again);
        QCOMPARE(first.size(), 300);
        QCOMPARE(ids(first), ids(second));
    }

    void statusFilterKeepsOnlyThoseStatuses()
    {
        const QJsonArray page
            = runs(u"/v1/workflows/runs?page_size=500&status=failed&status=timed_out"_s);
        QVERIFY(page.size() > 50);
        QSet<QString> seen;
        for (const QJsonValue &run : page)
            seen.insert(run[u"status"_s].toString());
        QCOMPARE(seen, (QSet<QString> {u"failed"_s, u"timed_out"_s}));
    }

    void searchMatchesRunIdCaseInsensitively()
    {
        const QString id = runs(u"/v1/workflows/runs?page=3&page_size=10"_s)
                               .at(4)[u"workflow_run_id"_s]
                               .toString();
        const QJsonArray found = runs(u"/v1/workflows/runs?search_key="_s + id.toUpper());
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0)[u"workflow_run_id"_s].toString(), id);
    }

    void searchMatchesHeadersAndParameterValues()
    {
        const QJsonArray tenant = runs(u"/v1/workflows/runs?page_size=5000&search_key=globex-eu"_s);
        QVERIFY(!tenant.isEmpty());
        for (const QJsonValue &run : tenant) {
            const QJsonObject headers = run[u"extra_http_headers"_s].toObject();
            const bool inHeaders = headers.value(u"X-Tenant"_s).toString() == "globex-eu"_L1;
            if (!inHeaders) {
                const QJsonObject request
                    = detail(run[u"workflow_run_id"_s].toString())[u"run_request"_s].toObject();
                QVERIFY(QJsonDocument(request[u"parameters"_s].toObject())
                            .toJson()
                            .toLower()
                            .contains("globex"));
            }
        }
        // A parameter value only: ZIP codes are nowhere else.
        const QJsonArray zip = runs(u"/v1/workflows/runs?page_size=5000&search_key=94107"_s);
        QVERIFY(!zip.isEmpty());
        const QJsonObject parameters
            = detail(zip.at(0)[u"workflow_run_id"_s].toString())[u"run_request"_s][u"parameters"_s]
                  .toObject();
        QCOMPARE(parameters[u"zip_code"_s].toString(), u"94107"_s);
    }

    void searchMatchesParameterKeysOfTheWorkflow()
    {
        const QJsonArray found
            = runs(u"/v1/workflows/runs?page_size=5000&search_key=VEHICLE_YEAR"_s);
        QVERIFY(!found.isEmpty());
        for (const QJsonValue &run : found)
            QCOMPARE(run[u"workflow_title"_s].toString(), u"Auto insurance quote"_s);
    }

    void searchTreatsWildcardsLiterally()
    {
        QCOMPARE(runs(u"/v1/workflows/runs?search_key=%25"_s).size(), 0);
        QVERIFY(!runs(u"/v1/workflows/runs?search_key=vehicle"_s).isEmpty());
        QCOMPARE(runs(u"/v1/workflows/runs?search_key=v_hicle"_s).size(), 0);
    }

    void errorCodeIsAnExactMatchOnTheRunsErrors()
    {
        const QJsonArray found
            = runs(u"/v1/workflows/runs?page_size=5000&error_code=LOGIN_FAILED"_s);
        QVERIFY(found.size() > 5);
        for (int i = 0; i < 5; ++i) {
            const QJsonArray errors
                = detail(found.at(i)[u"workflow_run_id"_s].toString())[u"errors"_s].toArray();
            const bool has = std::any_of(errors.begin(), errors.end(), [](const QJsonValue &e) {
                return e[u"error_code"_s].toString() == "LOGIN_FAILED"_L1;
            });
            QVERIFY(has);
        }
        QCOMPARE(runs(u"/v1/workflows/runs?error_code=LOGIN"_s).size(), 0);
        QCOMPARE(runs(u"/v1/workflows/runs?error_code=login_failed"_s).size(), 0);
    }

    void filtersCombineWithAnd()
    {
        const auto all = [this](const QString &query) {
            return ids(runs(u"/v1/workflows/runs?page_size=100000&"_s + query));
        };
        const QSet<QString> failed = all(u"status=failed"_s);
        const QSet<QString> captcha = all(u"error_code=CAPTCHA_DETECTED"_s);
        const QSet<QString> tenant = all(u"search_key=acme"_s);
        const QSet<QString> both = all(u"status=failed&error_code=CAPTCHA_DETECTED"_s);
        const QSet<QString> three
            = all(u"status=failed&error_code=CAPTCHA_DETECTED&search_key=acme"_s);
        QVERIFY(!both.isEmpty());
        QCOMPARE(both, QSet<QString>(failed).intersect(captcha));
        QCOMPARE(three, QSet<QString>(both).intersect(tenant));
        QVERIFY(all(u"status=completed&error_code=CAPTCHA_DETECTED"_s).isEmpty());
    }

    void byWorkflowListsOnlyThatWorkflowWithoutChildRuns()
    {
        const QString wpid = workflowId(0);
        const QJsonArray page = runs(u"/v1/workflows/%1/runs?page_size=5000"_s.arg(wpid));
        QVERIFY(page.size() > 50);
        for (const QJsonValue &run : page) {
            QCOMPARE(run[u"workflow_permanent_id"_s].toString(), wpid);
            QVERIFY(run[u"parent_workflow_run_id"_s].isNull());
        }
        const QJsonArray withChildren
            = runs(u"/v1/workflows/%1/runs?page_size=5000&include_child_runs=true"_s.arg(wpid));
        QVERIFY(withChildren.size() >= page.size());
        QVERIFY(runs(u"/v1/workflows/wpid_nothing/runs"_s).isEmpty());
    }

    void createdRangeIsInclusiveStartExclusiveEnd()
    {
        const QString wpid = workflowId(0);
        const QJsonArray page = runs(u"/v1/workflows/%1/runs?page_size=30"_s.arg(wpid));
        const QString newest = page.at(5)[u"created_at"_s].toString();
        const QString older = page.at(25)[u"created_at"_s].toString();
        QUrlQuery query;
        query.addQueryItem(u"page_size"_s, u"100"_s);
        query.addQueryItem(u"created_at_start"_s, older);
        query.addQueryItem(u"created_at_end"_s, newest);
        const QJsonArray range
            = runs(u"/v1/workflows/%1/runs?"_s.arg(wpid) + query.toString(QUrl::FullyEncoded));
        QCOMPARE(range.size(), 20); // index 6..25 of the first page
        QCOMPARE(range.first()[u"workflow_run_id"_s], page.at(6)[u"workflow_run_id"_s]);
        QCOMPARE(range.last()[u"workflow_run_id"_s], page.at(25)[u"workflow_run_id"_s]);
    }

    void pagesAreConsecutiveAndTheLastIsShort()
    {
        const QJsonArray all = runs(u"/v1/workflows/runs?page_size=100000"_s);
        const int total = int(all.size());
        const int pageSize = 7;
        const QJsonArray second = runs(u"/v1/workflows/runs?page=2&page_size=7"_s);
        QCOMPARE(second.size(), pageSize);
        QCOMPARE(second.at(0), all.at(7));
        const int lastPage = (total + pageSize - 1) / pageSize;
        const QJsonArray last = runs(u"/v1/workflows/runs?page=%1&page_size=7"_s.arg(lastPage));
        QCOMPARE(last.size(), total - (lastPage - 1) * pageSize);
        QCOMPARE(last.last(), all.last());
        QCOMPARE(runs(u"/v1/workflows/runs?page=%1&page_size=7"_s.arg(lastPage + 1)).size(), 0);
        QCOMPARE(runs(u"/v1/workflows/runs?page=999999999&page_size=100"_s).size(), 0);
    }

    void badQueryValuesGet422NamingTheField_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("type");
        QTest::newRow("page zero") << u"page=0"_s << u"page"_s << u"greater_than_equal"_s;
        QTest::newRow("page not a number") << u"page=abc"_s << u"page"_s << u"int_parsing"_s;
        QTest::newRow("page size zero")
            << u"page_size=0"_s << u"page_size"_s << u"greater_than_equal"_s;
        QTest::newRow("negative page size")
            << u"page_size=-3"_s << u"page_size"_s << u"greater_than_equal"_s;
        QTest::newRow("unknown status") << u"status=exploded"_s << u"status"_s << u"enum"_s;
        QTest::newRow("search too long")
            << u"search_key="_s + QString(501, u'x') << u"search_key"_s << u"string_too_long"_s;
        QTest::newRow("error code too long")
            << u"error_code="_s + QString(501, u'E') << u"error_code"_s << u"string_too_long"_s;
    }

    void badQueryValuesGet422NamingTheField()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        QFETCH(QString, type);
        const HttpAnswer answer
            = httpRequest("GET", m_server->url(u"/v1/workflows/runs?"_s + query), m_server->key());
        QCOMPARE(answer.status, 422);
        const QJsonObject first = answer.json()[u"detail"_s].toArray().at(0).toObject();
        QCOMPARE(first[u"loc"_s].toArray().at(0).toString(), u"query"_s);
        QCOMPARE(first[u"loc"_s].toArray().at(1).toString(), field);
        QCOMPARE(first[u"type"_s].toString(), type);
        QVERIFY(!first[u"msg"_s].toString().isEmpty());
    }

    void searchOfExactly500CharactersIsAccepted()
    {
        const HttpAnswer answer = httpRequest("GET",
            m_server->url(u"/v1/workflows/runs?search_key="_s + QString(500, u'x')),
            m_server->key());
        QCOMPARE(answer.status, 200);
    }

    void badCreatedRangeGets422()
    {
        const HttpAnswer answer = httpRequest("GET",
            m_server->url(u"/v1/workflows/%1/runs?created_at_start=yesterday"_s.arg(workflowId(1))),
            m_server->key());
        QCOMPARE(answer.status, 422);
        QCOMPARE(answer.json()[u"detail"_s][0][u"loc"_s][1].toString(), u"created_at_start"_s);
    }

    void missingOrWrongKeyGets403()
    {
        for (const QByteArray &key : {QByteArray(), QByteArray("wrong-key")}) {
            const HttpAnswer answer
                = httpRequest("GET", m_server->url(u"/v1/workflows/runs"_s), key);
            QCOMPARE(answer.status, 403);
            QVERIFY(answer.json()[u"detail"_s].isString());
        }
        QCOMPARE(httpRequest("GET", m_server->url(u"/v1/runs/wr_1"_s), {}).status, 403);
        QCOMPARE(httpRequest("POST", m_server->url(u"/v1/run/workflows"_s), {}, "{}").status, 403);
    }

    void workflowRunDetailHasTimingsErrorsAndArtifacts()
    {
        const QJsonArray failed = runs(u"/v1/workflows/runs?status=failed&page_size=1"_s);
        const QJsonObject run = detail(failed.at(0)[u"workflow_run_id"_s].toString());
        QCOMPARE(run[u"run_type"_s].toString(), u"workflow_run"_s);
        QCOMPARE(run[u"status"_s].toString(), u"failed"_s);
        QVERIFY(!run[u"failure_reason"_s].toString().isEmpty());
        QVERIFY(!run[u"errors"_s].toArray().isEmpty());
        QVERIFY(!run[u"errors"_s][0][u"error_code"_s].toString().isEmpty());
        const QJsonArray shots = run[u"screenshot_urls"_s].toArray();
        QVERIFY(!shots.isEmpty() && shots.size() <= 3);
        // Newest first: the highest step number comes first.
        if (shots.size() > 1)
            QVERIFY(shots.at(0).toString() > shots.at(1).toString());
        QVERIFY(run[u"recording_url"_s].toString().startsWith(u"http://127.0.0.1"_s));
        QVERIFY(run[u"app_url"_s].toString().endsWith(run[u"run_id"_s].toString()));
        QVERIFY(run[u"step_count"_s].toInt() >= 1);
        QVERIFY(run[u"started_at"_s].isString() && run[u"finished_at"_s].isString());
        QVERIFY(run[u"run_request"_s][u"workflow_id"_s].toString().startsWith(u"wpid_"_s));
    }

    void artifactsAreServedWithoutAKey()
    {
        const QJsonArray done = runs(u"/v1/workflows/runs?status=completed&page_size=1"_s);
        const QJsonObject run = detail(done.at(0)[u"workflow_run_id"_s].toString());
        const HttpAnswer shot
            = httpRequest("GET", QUrl(run[u"screenshot_urls"_s][0].toString()), {});
        QCOMPARE(shot.status, 200);
        QCOMPARE(shot.contentType, QByteArray("image/png"));
        const QImage image = QImage::fromData(shot.body, "PNG");
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 640);
        const HttpAnswer recording
            = httpRequest("GET", QUrl(run[u"recording_url"_s].toString()), {});
        QCOMPARE(recording.status, 200);
        QVERIFY(recording.body.startsWith("\xff\xd8")); // a JPEG frame
        QCOMPARE(
            httpRequest("GET", m_server->url(u"/artifacts/wr_nope/screenshots/1.png"_s), {}).status,
            404);
    }

    void taskRunDetailIsAnsweredToo()
    {
        // Task ids are not listed; find one through the store the server seeded.
        const HttpAnswer missing
            = httpRequest("GET", m_server->url(u"/v1/runs/tsk_v2_0"_s), m_server->key());
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.json()[u"detail"_s].isString());
    }

    void launchedRunIsListedAndReachesAFinalState()
    {
        const QString wpid = workflowId(7); // Hacker News top posts: count, include_comments
        int status = 0;
        const QJsonObject created = launch(
            {{u"workflow_id"_s, wpid}, {u"title"_s, u"Nightly check"_s},
                {u"parameters"_s, QJsonObject {{u"count"_s, 5}}},
                {u"max_elapsed_time_minutes"_s, 30}, {u"proxy_location"_s, u"RESIDENTIAL_GB"_s},
                {u"run_metadata"_s, QJsonObject {{u"ticket"_s, u"OPS-1"_s}}}},
            &status);
        QCOMPARE(status, 200);
        const QString runId = created[u"run_id"_s].toString();
        QVERIFY(runId.startsWith(u"wr_"_s));
        QCOMPARE(created[u"status"_s].toString(), u"created"_s);
        QCOMPARE(created[u"run_type"_s].toString(), u"workflow_run"_s);
        QCOMPARE(created[u"run_request"_s][u"title"_s].toString(), u"Nightly check"_s);
        QCOMPARE(runs(u"/v1/workflows/runs?page_size=1"_s).at(0)[u"workflow_run_id"_s].toString(),
            runId);

        QStringList seen {u"created"_s};
        for (int tick = 0; tick < 30
             && !QStringList {u"completed"_s, u"failed"_s, u"timed_out"_s, u"terminated"_s}
                     .contains(seen.last());
             ++tick) {
            m_server->server()->tick();
            const QString now = detail(runId)[u"status"_s].toString();
            if (now != seen.last())
                seen.append(now);
        }
        QCOMPARE(seen.mid(0, 3), (QStringList {u"created"_s, u"queued"_s, u"running"_s}));
        QVERIFY2(seen.size() == 4, qPrintable(seen.join(u", "_s)));
        const QJsonObject finished = detail(runId);
        QVERIFY(finished[u"finished_at"_s].isString());
        QVERIFY(!finished[u"screenshot_urls"_s].toArray().isEmpty());
        if (seen.last() == "failed"_L1)
            QVERIFY(!finished[u"errors"_s].toArray().isEmpty());
    }

    void launchAcceptsEveryProxyShape_data()
    {
        QTest::addColumn<QJsonValue>("proxy");
        QTest::newRow("enum") << QJsonValue(u"RESIDENTIAL_JP"_s);
        QTest::newRow("custom url")
            << QJsonValue(QJsonObject {{u"url"_s, u"http://user:secret@proxy.example:8080"_s}});
        QTest::newRow("geo target") << QJsonValue(QJsonObject {
            {u"country"_s, u"US"_s}, {u"subdivision"_s, u"CA"_s}, {u"city"_s, u"San Francisco"_s}});
        QTest::newRow("none") << QJsonValue();
    }

    void launchAcceptsEveryProxyShape()
    {
        QFETCH(QJsonValue, proxy);
        int status = 0;
        const QJsonObject created
            = launch({{u"agent_id"_s, workflowId(7)}, {u"proxy_location"_s, proxy}}, &status);
        QCOMPARE(status, 200);
        // A custom proxy's password never comes back.
        QVERIFY(!QJsonDocument(created).toJson().contains("secret"));
    }

    void badLaunchesGet422NamingTheField_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no workflow") << QJsonObject {{u"title"_s, u"x"_s}} << u"workflow_id"_s;
        QTest::newRow("timeout zero")
            << QJsonObject {{u"max_elapsed_time_minutes"_s, 0}} << u"max_elapsed_time_minutes"_s;
        QTest::newRow("timeout too long")
            << QJsonObject {{u"max_elapsed_time_minutes"_s, 481}} << u"max_elapsed_time_minutes"_s;
        QTest::newRow("unknown proxy")
            << QJsonObject {{u"proxy_location"_s, u"MARS"_s}} << u"proxy_location"_s;
        QTest::newRow("proxy url without host")
            << QJsonObject {{u"proxy_location"_s, QJsonObject {{u"url"_s, u"not a url"_s}}}}
            << u"proxy_location"_s;
        QTest::newRow("parameter of the wrong type")
            << QJsonObject {{u"parameters"_s, QJsonObject {{u"count"_s, u"five"_s}}}}
            << u"parameters"_s;
        QTest::newRow("unknown parameter")
            << QJsonObject {{u"parameters"_s, QJsonObject {{u"colour"_s, u"red"_s}}}}
            << u"parameters"_s;
        QTest::newRow("run_with not agent or code")
            << QJsonObject {{u"run_with"_s, u"magic"_s}} << u"run_with"_s;
    }

    void badLaunchesGet422NamingTheField()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        if (!body.contains(u"title"_s))
            body.insert(u"workflow_id"_s, workflowId(7));
        int status = 0;
        const QJsonObject answer = launch(body, &status);
        QCOMPARE(status, 422);
        QCOMPARE(answer[u"detail"_s][0][u"loc"_s][1].toString(), field);
    }

    void launchOfAnUnknownWorkflowGets404()
    {
        int status = 0;
        const QJsonObject answer = launch({{u"workflow_id"_s, u"wpid_missing"_s}}, &status);
        QCOMPARE(status, 404);
        QVERIFY(answer[u"detail"_s].toString().contains(u"wpid_missing"_s));
    }

    void malformedLaunchBodyGets422()
    {
        const HttpAnswer answer = httpRequest(
            "POST", m_server->url(u"/v1/run/workflows"_s), m_server->key(), "{\"workflow_id\": ");
        QCOMPARE(answer.status, 422);
        QCOMPARE(answer.json()[u"detail"_s][0][u"type"_s].toString(), u"json_invalid"_s);
    }

    void cancelStopsAnActiveRun()
    {
        const QString runId = launch({{u"workflow_id"_s, workflowId(7)}})[u"run_id"_s].toString();
        m_server->server()->tick();
        const HttpAnswer answer = httpRequest(
            "POST", m_server->url(u"/v1/runs/%1/cancel"_s.arg(runId)), m_server->key(), "{}");
        QCOMPARE(answer.status, 200);
        const QJsonObject run = detail(runId);
        QCOMPARE(run[u"status"_s].toString(), u"canceled"_s);
        QVERIFY(run[u"finished_at"_s].isString());
        m_server->server()->tick();
        QCOMPARE(detail(runId)[u"status"_s].toString(), u"canceled"_s);
        QCOMPARE(httpRequest(
                     "POST", m_server->url(u"/v1/runs/wr_missing/cancel"_s), m_server->key(), "{}")
                     .status,
            404);
    }

    void workflowListCarriesParameterDefinitions()
    {
        const HttpAnswer answer
            = httpRequest("GET", m_server->url(u"/v1/agents?page_size=100"_s), m_server->key());
        QCOMPARE(answer.status, 200);
        const QJsonArray workflows = answer.json().array();
        QVERIFY(workflows.size() >= 8);
        QSet<QString> types;
        for (const QJsonValue &workflow : workflows) {
            for (const QJsonValue &parameter :
                workflow[u"workflow_definition"_s][u"parameters"_s].toArray())
                types.insert(parameter[u"workflow_parameter_type"_s].toString());
        }
        for (const char *type :
            {"string", "integer", "float", "boolean", "json", "file_url", "credential_id"})
            QVERIFY2(types.contains(QLatin1StringView(type)), type);
        QCOMPARE(httpRequest("GET", m_server->url(u"/v1/workflows"_s), m_server->key())
                     .json()
                     .array()
                     .size(),
            10);
    }

    void unknownPathsGet404AndWrongMethods405()
    {
        QCOMPARE(httpRequest("GET", m_server->url(u"/v1/nothing"_s), m_server->key()).status, 404);
        QCOMPARE(
            httpRequest("DELETE", m_server->url(u"/v1/workflows/runs"_s), m_server->key()).status,
            405);
    }
};

QTEST_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
