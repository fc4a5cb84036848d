// The Skyvern client against real loopback servers: decoding, every kind of failure turned
// into a sentence, cancellation, and the API key kept to its own server.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "skyvernclient.h"
#include "support/scriptedserver.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

namespace {

template<typename T>
struct Capture
{
    std::optional<ApiResult<T>> result;
    std::function<void(const ApiResult<T> &)> handler()
    {
        return [this](const ApiResult<T> &value) { result = value; };
    }
};

} // namespace

class TestSkyvernClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_demo;

    static QByteArray listItem(const QByteArray &id)
    {
        return "{\"workflow_run_id\":\"" + id
            + "\",\"workflow_id\":\"w_1\",\"workflow_permanent_id\":\"wpid_1\","
              "\"organization_id\":\"o_1\",\"status\":\"failed\","
              "\"created_at\":\"2026-11-29T10:00:00Z\",\"modified_at\":\"2026-11-29T10:00:00Z\"}";
    }

    ApiResult<RunPage> listFrom(SkyvernClient &client, const RunQuery &query = {})
    {
        Capture<RunPage> capture;
        client.listRuns(query, this, capture.handler());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(capture.result.has_value(), 20000); }();
        return capture.result.value_or(ApiResult<RunPage>());
    }

    ApiResult<RunPage> listFromScripted(const ScriptedServer::Answer &answer, int timeoutMs = 5000)
    {
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/runs"_s, answer);
        SkyvernClient client(server.url(), u"k"_s);
        client.setTimeout(timeoutMs);
        client.setRetryPolicy(1, 0); // the sentence of one failure, not of the last retry
        return listFrom(client);
    }

private slots:
    void initTestCase()
    {
        m_demo = std::make_unique<TestServer>(3600000, 400);
        QVERIFY(m_demo->isStarted());
    }

    void requestsCanBeLoggedAndTheKeyNeverIs()
    {
        // QT_LOGGING_RULES="runwatch.api.debug=true" is how an operator asks; the same rule here.
        static QStringList lines;
        lines.clear();
        QLoggingCategory::setFilterRules(u"runwatch.api.debug=true"_s);
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &context, const QString &message) {
                lines.append(QString::fromLatin1(context.category) + u' ' + message);
            });
        const QString key = u"test-key"_s;
        SkyvernClient client(m_demo->server()->baseUrl(), key);
        RunQuery query;
        query.pageSize = 5;
        const bool listed = listFrom(client, query).ok();
        SkyvernClient refused(m_demo->server()->baseUrl(), u"wrong-secret-key"_s);
        refused.setRetryPolicy(1, 0);
        const bool refusedOk = listFrom(refused, query).ok();
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(listed && !refusedOk);
        const QString all = lines.join(u'\n');
        QVERIFY2(all.contains(u"runwatch.api"_s) && all.contains(u"GET /v1/workflows/runs"_s)
                && all.contains(u"HTTP 200"_s) && all.contains(u"HTTP 403"_s),
            qPrintable(all));
        QVERIFY2(!all.contains(key) && !all.contains(u"wrong-secret-key"_s), qPrintable(all));
    }

    void listsAPageOfRuns()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"test-key"_s);
        RunQuery query;
        query.pageSize = 25;
        const auto result = listFrom(client, query);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.value.runs.size(), 25);
        QVERIFY(!result.value.isLastPage());
        QVERIFY(result.value.runs.first().createdAt >= result.value.runs.last().createdAt);
    }

    void sendsTheFiltersAsTheServersQueryParameters()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"test-key"_s);
        RunQuery query;
        query.pageSize = 500;
        query.filter.statuses = {RunStatus::Failed, RunStatus::Terminated};
        query.filter.errorCode = u"CAPTCHA_DETECTED"_s;
        const auto result = listFrom(client, query);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(!result.value.runs.isEmpty());
        for (const WorkflowRun &run : result.value.runs)
            QVERIFY(run.status == RunStatus::Failed || run.status == RunStatus::Terminated);
        const QUrl url = client.runListUrl(query);
        QCOMPARE(url.query(),
            u"page=1&page_size=500&status=failed&status=terminated"
            "&error_code=CAPTCHA_DETECTED"_s);
    }

    void searchTextReachesTheServerLiterally_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("percent") << u"50% off %20"_s;
        QTest::newRow("plus") << u"c++ a+b"_s;
        QTest::newRow("delimiters") << u"a&b=c #d ?e"_s;
        QTest::newRow("unicode") << u"東京 שלום é"_s;
    }

    void searchTextReachesTheServerLiterally()
    {
        QFETCH(QString, text);
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/runs"_s, {200, "[]", {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        RunQuery query;
        query.filter.searchKey = text;
        query.filter.errorCode = text;
        QVERIFY(listFrom(client, query).ok());
        QCOMPARE(server.urls().size(), 1);
        // Decode as a form-reading server does: '+' is a space, then percent escapes.
        const QUrlQuery received(
            server.urls().constFirst().query(QUrl::FullyEncoded).replace(u'+', u"%20"_s));
        QCOMPARE(received.queryItemValue(u"search_key"_s, QUrl::FullyDecoded), text);
        QCOMPARE(received.queryItemValue(u"error_code"_s, QUrl::FullyDecoded), text);
    }

    void aShortPageIsTheLast()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"test-key"_s);
        RunQuery query;
        query.pageSize = 300;
        query.page = 2;
        const auto result = listFrom(client, query);
        QVERIFY(result.ok());
        QCOMPARE(result.value.runs.size(), 100);
        QVERIFY(result.value.isLastPage());
    }

    void aWrongKeyAsksTheUserToCheckIt()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"not-the-key"_s);
        const auto result = listFrom(client);
        QCOMPARE(result.error.kind, ApiError::Kind::Auth);
        QCOMPARE(result.error.httpStatus, 403);
        QVERIFY(result.error.message.contains(u"API key"_s));
        QVERIFY(result.error.message.contains(u"Could not validate credentials"_s));
    }

    void aSearchOver500CharactersIsRefusedBeforeSending()
    {
        ScriptedServer server;
        SkyvernClient client(server.url(), u"k"_s);
        RunQuery query;
        query.filter.searchKey = QString(501, u'a');
        const auto result = listFrom(client, query);
        QCOMPARE(result.error.kind, ApiError::Kind::BadInput);
        QVERIFY(result.error.message.contains(u"501"_s));
        QCOMPARE(server.requestCount(), 0);
    }

    void failuresBecomeSentences_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("422 with fields")
            << 422
            << QByteArray(
                   R"x({"detail":[{"loc":["query","page"],"msg":"Input should be greater than or equal to 1","type":"greater_than_equal"}]})x")
            << QByteArray() << int(ApiError::Kind::Validation)
            << u"page: Input should be greater than or equal to 1"_s;
        QTest::newRow("422 with a string detail")
            << 422 << QByteArray(R"x({"detail":"bad filter"})x") << QByteArray()
            << int(ApiError::Kind::Validation) << u"bad filter"_s;
        QTest::newRow("429 with Retry-After")
            << 429 << QByteArray("{}") << QByteArray("7") << int(ApiError::Kind::RateLimited)
            << u"try again in 7 s"_s;
        QTest::newRow("500 with error field")
            << 500 << QByteArray(R"x({"error":"database is down"})x") << QByteArray()
            << int(ApiError::Kind::Server) << u"database is down"_s;
        QTest::newRow("503 empty body")
            << 503 << QByteArray() << QByteArray() << int(ApiError::Kind::Server) << u"HTTP 503"_s;
        QTest::newRow("404 empty body")
            << 404 << QByteArray() << QByteArray() << int(ApiError::Kind::NotFound) << u"404"_s;
        QTest::newRow("malformed JSON")
            << 200 << QByteArray("[{\"workflow_run_id\": ") << QByteArray()
            << int(ApiError::Kind::Decode) << u"not valid JSON"_s;
        QTest::newRow("wrong type")
            << 200 << QByteArray(R"x([{"workflow_run_id": 5}])x") << QByteArray()
            << int(ApiError::Kind::Decode) << u"[0].workflow_run_id: expected a string"_s;
        QTest::newRow("object instead of array")
            << 200 << QByteArray("{}") << QByteArray() << int(ApiError::Kind::Decode)
            << u"expected a JSON array"_s;
    }

    void failuresBecomeSentences()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, retryAfter);
        QFETCH(int, kind);
        QFETCH(QString, mentions);
        ScriptedServer::Answer answer {status, body, {}, false};
        if (!retryAfter.isEmpty())
            answer.headers.append({"Retry-After", retryAfter});
        const auto result = listFromScripted(answer);
        QCOMPARE(int(result.error.kind), kind);
        QVERIFY2(result.error.message.contains(mentions), qPrintable(result.error.message));
        QVERIFY(result.error.message.endsWith(u'.'));
    }

    void aServerThatNeverAnswersTimesOut()
    {
        const auto result = listFromScripted({200, {}, {}, true}, 300);
        QCOMPARE(result.error.kind, ApiError::Kind::Timeout);
        QVERIFY(result.error.message.contains(u"did not answer within 0.3 seconds"_s));
    }

    void aRefusedConnectionSaysSo()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        SkyvernClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), u"k"_s);
        const auto result = listFrom(client);
        QCOMPARE(result.error.kind, ApiError::Kind::Network);
        QVERIFY(result.error.message.contains(u"refused"_s));
    }

    void aDroppedConnectionSaysSo()
    {
        QTcpServer dropper;
        QVERIFY(dropper.listen(QHostAddress::LocalHost, 0));
        connect(&dropper, &QTcpServer::newConnection, this, [&dropper] {
            QTcpSocket *socket = dropper.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n[{\"workflow_");
                socket->flush();
                socket->abort();
            });
        });
        SkyvernClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(dropper.serverPort())), u"k"_s);
        const auto result = listFrom(client);
        QVERIFY(result.error.isError());
        QVERIFY(result.error.kind == ApiError::Kind::Network
            || result.error.kind == ApiError::Kind::Decode);
        QVERIFY(!result.error.message.isEmpty());
    }

    void aGatewayErrorIsTriedAgainAndTheUserIsToldMeanwhile()
    {
        ScriptedServer server;
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{503, "{}", {}, false}, {502, "{}", {}, false}, {200, "[]", {}, false}});
        SkyvernClient client(server.url(), u"k"_s);
        client.setRetryPolicy(3, 20);
        QSignalSpy retrying(&client, &RunSource::retrying);
        const auto result = listFrom(client);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(retrying.count(), 2);
        const auto error = retrying.at(0).at(0).value<ApiError>();
        QCOMPARE(error.httpStatus, 503);
        const int delay = retrying.at(1).at(1).toInt();
        QVERIFY2(delay >= 20 && delay <= 40, qPrintable(QString::number(delay))); // jittered
    }

    void retryAfterSetsTheWait()
    {
        ScriptedServer server;
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{429, "{}", {{"Retry-After", "1"}}, false}, {200, "[]", {}, false}});
        SkyvernClient client(server.url(), u"k"_s);
        QSignalSpy retrying(&client, &RunSource::retrying);
        QVERIFY(listFrom(client).ok());
        QCOMPARE(retrying.count(), 1);
        QCOMPARE(retrying.at(0).at(1).toInt(), 1000);
    }

    void aLongRetryAfterIsTheUsersToWaitFor_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("seconds") << QByteArray("600");
        // RFC 9110's IMF-fixdate, which servers send as often as seconds; always in GMT.
        const QDateTime inTenMinutes = QDateTime::currentDateTimeUtc().addSecs(600);
        QTest::newRow("HTTP date")
            << QLocale::c().toString(inTenMinutes, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    }

    void aLongRetryAfterIsTheUsersToWaitFor()
    {
        QFETCH(QByteArray, retryAfter);
        ScriptedServer server;
        server.setAnswer(
            u"/v1/workflows/runs"_s, {429, "{}", {{"Retry-After", retryAfter}}, false});
        SkyvernClient client(server.url(), u"k"_s);
        const auto result = listFrom(client);
        QCOMPARE(result.error.kind, ApiError::Kind::RateLimited);
        // A date is read against the clock, so a second or two may pass before it is.
        QVERIFY2(result.error.retryAfterSeconds >= 590 && result.error.retryAfterSeconds <= 600,
            qPrintable(QString::number(result.error.retryAfterSeconds)));
        QVERIFY2(
            result.error.message.contains(u"try again in"_s), qPrintable(result.error.message));
        QCOMPARE(server.requestCount(), 1);
    }

    void aServerDrippingItsAnswerIsCutOffAtTheDeadline()
    {
        // Headers at once, then a byte every 100 ms: never idle long enough for the idle
        // timeout, so only a deadline on the whole request ends it.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTimer drip;
        QList<QPointer<QTcpSocket>> sockets;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = server.nextPendingConnection();
            sockets.append(socket);
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 100000\r\n\r\n[");
        });
        connect(&drip, &QTimer::timeout, this, [&] {
            for (const auto &socket : std::as_const(sockets)) {
                if (socket)
                    socket->write(" ");
            }
        });
        drip.start(100);
        SkyvernClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())), u"k"_s);
        client.setTimeout(500);
        client.setRetryPolicy(1, 0);
        const auto result = listFrom(client);
        QCOMPARE(result.error.kind, ApiError::Kind::Timeout);
        QVERIFY2(result.error.message.contains(u"did not finish answering"_s),
            qPrintable(result.error.message));
    }

    void anAnswerOverTheSizeCapIsRefusedWithASentence_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("announced by Content-Length") << true;
        QTest::newRow("found while reading") << false;
    }

    void anAnswerOverTheSizeCapIsRefusedWithASentence()
    {
        QFETCH(bool, announced);
        const QByteArray huge = "[" + QByteArray(2 * 1024 * 1024, ' ') + "]";
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = server.nextPendingConnection();
            // Answer once the request is read: closing on unread bytes would reset the line.
            connect(socket, &QTcpSocket::readyRead, socket, [socket, announced, &huge] {
                socket->readAll();
                QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
                head += announced
                    ? "Content-Length: " + QByteArray::number(huge.size()) + "\r\n\r\n"
                    : QByteArray("Connection: close\r\n\r\n");
                socket->write(head + huge);
                if (!announced)
                    socket->disconnectFromHost();
            });
        });
        SkyvernClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())), u"k"_s);
        client.setMaxBodyBytes(1024 * 1024);
        const auto result = listFrom(client);
        QVERIFY(!result.ok());
        QVERIFY2(
            result.error.message.contains(u"larger than 1 MB"_s), qPrintable(result.error.message));
    }

    void aRedirectLoopOnTheSameServerEndsQuickly()
    {
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/runs"_s,
            {302, "{}", {{"Location", server.url(u"/v1/workflows/runs"_s).toEncoded()}}, false});
        SkyvernClient client(server.url(), u"k"_s);
        const auto result = listFrom(client);
        QVERIFY(!result.ok());
        // The key went with each hop: a handful at most, not fifty.
        QVERIFY2(server.requestCount() <= ApiTransport::kMaxRedirects + 1,
            qPrintable(QString::number(server.requestCount())));
    }

    void oneMalformedRunIsSkippedAndNamedNotThePage()
    {
        const QByteArray body = "[" + listItem("wr_1")
            + ",{\"workflow_run_id\":\"wr_2\",\"status\":7}," + listItem("wr_3") + "]";
        const auto result = listFromScripted({200, body, {}, false});
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.value.runs.size(), 2);
        QCOMPARE(result.value.runs.at(1).workflowRunId, u"wr_3"_s);
        QCOMPARE(result.value.notes.size(), 1);
        QVERIFY2(result.value.notes.constFirst().contains(u"[1].workflow_id"_s),
            qPrintable(result.value.notes.constFirst()));
    }

    void aPageFarLargerThanAskedIsCutToWhatWasAsked()
    {
        QByteArray body = "[";
        for (int i = 0; i < 5000; ++i)
            body += (i ? "," : "") + listItem("wr_" + QByteArray::number(i));
        body += "]";
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/runs"_s, {200, body, {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        RunQuery query;
        query.pageSize = 200;
        const auto result = listFrom(client, query);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.value.runs.size(), 200);
        QCOMPARE(result.value.runs.constLast().workflowRunId, u"wr_199"_s);
        QVERIFY2(result.value.notes.join(u' ').contains(u"5000 runs for a page of 200"_s),
            qPrintable(result.value.notes.join(u' ')));
    }

    void notFoundIsNotTriedAgain()
    {
        ScriptedServer server;
        SkyvernClient client(server.url(), u"k"_s);
        QCOMPARE(listFrom(client).error.kind, ApiError::Kind::NotFound);
        QCOMPARE(server.requestCount(), 1);
    }

    void aLaunchIsNeverRetried()
    {
        ScriptedServer server;
        server.setAnswer(u"/v1/run/workflows"_s, {503, "{}", {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        client.setRetryPolicy(3, 10);
        LaunchRequest request;
        request.workflowId = u"wpid_1"_s;
        std::optional<ApiResult<RunDetail>> result;
        client.launchRun(request, this, [&](const ApiResult<RunDetail> &value) { result = value; });
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error.kind, ApiError::Kind::Server);
        // The answer is handed over only once no retry is planned: nothing more can follow.
        QCOMPARE(client.requestsIssued(), 1);
        QCOMPARE(server.requestCount(), 1);
    }

    void aLaunchWhoseAnswerIsLostIsFoundNotRepeated()
    {
        DemoFaultOptions faults;
        faults.dropLaunchAnswers = true;
        TestServer server(3600000, 100, 7, faults);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        RunQuery all;
        all.pageSize = 1000;
        const int before = int(listFrom(client, all).value.runs.size());
        // A workflow whose parameters all have defaults, so the launch is valid as it is.
        std::optional<ApiResult<QList<Workflow>>> workflows;
        client.listWorkflows(
            this, [&](const ApiResult<QList<Workflow>> &value) { workflows = value; });
        QTRY_VERIFY(workflows.has_value());
        QString workflow;
        for (const Workflow &candidate : workflows->value) {
            if (candidate.title == "Hacker News top posts"_L1)
                workflow = candidate.workflowPermanentId;
        }
        QVERIFY(!workflow.isEmpty());

        LaunchRequest request;
        request.workflowId = workflow;
        request.title = u"Lost answer"_s;
        std::optional<ApiResult<RunDetail>> result;
        client.launchRun(request, this, [&](const ApiResult<RunDetail> &value) { result = value; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok(), qPrintable(result->error.message));
        QVERIFY2(result->note.contains(u"not launched twice"_s), qPrintable(result->note));
        QCOMPARE(result->value.runRequest.value(u"title"_s).toString(), u"Lost answer"_s);
        QCOMPARE(server.server()->faultsInjected(), 1);
        // Exactly one run more: found, not sent again.
        QCOMPARE(int(listFrom(client, all).value.runs.size()), before + 1);
    }

    void aLaunchLostOnTheWaySaysItDidNotStart()
    {
        ScriptedServer server;
        server.setAnswer(u"/v1/run/workflows"_s, {200, {}, {}, true}); // never answers
        server.setAnswer(u"/v1/workflows/wpid_1/runs"_s, {200, "[]", {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        client.setTimeout(300);
        LaunchRequest request;
        request.workflowId = u"wpid_1"_s;
        std::optional<ApiResult<RunDetail>> result;
        client.launchRun(request, this, [&](const ApiResult<RunDetail> &value) { result = value; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->ok());
        QVERIFY2(result->error.message.contains(u"it did not start"_s),
            qPrintable(result->error.message));
        QCOMPARE(server.urls().count(server.url(u"/v1/run/workflows"_s)), 1);
    }

    void theKeyNeverReachesALogOrAnErrorMessage()
    {
        static QStringList messages;
        messages.clear();
        const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &,
                                         const QString &message) { messages.append(message); });
        // Everything the client side would say; the test's own server logs what it received.
        QLoggingCategory::setFilterRules(u"*.debug=true\nqt.httpserver*=false"_s);
        const QString key = u"sk-super-secret-4711"_s;
        ScriptedServer elsewhere;
        ScriptedServer server;
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{403, "{\"detail\":\"Could not validate credentials\"}", {}, false},
                {302, "{}", {{"Location", elsewhere.url(u"/x"_s).toEncoded()}}, false},
                {200, {}, {}, true}});
        SkyvernClient client(server.url(), key);
        client.setTimeout(300);
        client.setRetryPolicy(1, 0);
        QStringList sentences;
        for (int i = 0; i < 3; ++i)
            sentences.append(listFrom(client).error.message);
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        for (const QString &sentence : std::as_const(sentences)) {
            QVERIFY(!sentence.isEmpty());
            QVERIFY2(!sentence.contains(key), qPrintable(sentence));
        }
        for (const QString &message : std::as_const(messages))
            QVERIFY2(!message.contains(key), qPrintable(message));
        QVERIFY(elsewhere.seen("x-api-key").isEmpty());
    }

    void aCanceledRequestNeverCallsBack()
    {
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/runs"_s, {200, {}, {}, true});
        SkyvernClient client(server.url(), u"k"_s);
        bool called = false;
        const RequestId id
            = client.listRuns({}, this, [&called](const ApiResult<RunPage> &) { called = true; });
        QTRY_COMPARE(server.requestCount(), 1);
        client.cancelRequest(id);
        // Another request through the same client, answered: the canceled one had its chance.
        server.setAnswer(u"/v1/workflows"_s, {200, "[]", {}, false});
        std::optional<ApiResult<QList<Workflow>>> later;
        client.listWorkflows(
            this, [&later](const ApiResult<QList<Workflow>> &value) { later = value; });
        QTRY_VERIFY(later.has_value());
        QVERIFY(!called);
    }

    void theKeyIsNotFollowedToAnotherServer()
    {
        ScriptedServer elsewhere;
        elsewhere.setAnswer(u"/v1/workflows/runs"_s, {200, "[]", {}, false});
        ScriptedServer origin;
        origin.setAnswer(u"/v1/workflows/runs"_s,
            {302, {}, {{"Location", elsewhere.url(u"/v1/workflows/runs"_s).toString().toUtf8()}},
                false});
        SkyvernClient client(origin.url(), u"secret-key"_s);
        const auto result = listFrom(client);
        QVERIFY(result.error.isError());
        QVERIFY(result.error.message.contains(u"redirected"_s));
        QCOMPARE(origin.seen("x-api-key"), QList<QByteArray> {"secret-key"});
        QVERIFY(elsewhere.seen("x-api-key").isEmpty());
    }

    void getsARunWithItsErrors()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"test-key"_s);
        RunQuery query;
        query.filter.statuses = {RunStatus::Failed};
        query.pageSize = 1;
        const QString runId = listFrom(client, query).value.runs.value(0).workflowRunId;
        QVERIFY(!runId.isEmpty());
        Capture<RunDetail> capture;
        client.getRun(runId, this, capture.handler());
        QTRY_VERIFY(capture.result.has_value());
        QVERIFY2(capture.result->ok(), qPrintable(capture.result->error.message));
        QCOMPARE(capture.result->value.runId, runId);
        QVERIFY(!capture.result->value.errors.isEmpty());
        QVERIFY(!capture.result->value.screenshotUrls.isEmpty());
    }

    void theCurlCommandSendsTheRunAgainWithTheKeyAsAVariable()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"test-key"_s);
        RunQuery query;
        query.pageSize = 50;
        const QList<WorkflowRun> runs = listFrom(client, query).value.runs;
        // A run with a text parameter, to fill with what a shell would otherwise run.
        RunDetail detail;
        QString key;
        for (const WorkflowRun &run : runs) {
            Capture<RunDetail> capture;
            client.getRun(run.workflowRunId, this, capture.handler());
            QTRY_VERIFY(capture.result.has_value());
            const QJsonObject parameters
                = capture.result->value.runRequest.value("parameters"_L1).toObject();
            for (auto it = parameters.begin(); it != parameters.end() && key.isEmpty(); ++it) {
                if (it.value().isString())
                    key = it.key();
            }
            if (!key.isEmpty()) {
                detail = capture.result->value;
                break;
            }
        }
        QVERIFY(!key.isEmpty());
        const QTemporaryDir dir;
        const QString marker = dir.filePath(u"ran"_s);
        const QString hostile = u"it's $(touch %1) `touch %1` \"q\" \\ ünïcode"_s.arg(marker);
        QJsonObject parameters = detail.runRequest.value("parameters"_L1).toObject();
        parameters.insert(key, hostile);
        detail.runRequest.insert(u"parameters"_s, parameters);

        const QString command = client.launchCommand(detail);
        QVERIFY2(command.startsWith(u"curl -X POST '"_s + m_demo->server()->baseUrl().toString()),
            qPrintable(command));
        QVERIFY(command.contains(u"$SKYVERN_API_KEY"_s));
        QVERIFY(!command.contains(u"test-key"_s));

        // Pasted into a shell with the key in the variable, it starts the run again.
        QProcess shell;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SKYVERN_API_KEY"_s, u"test-key"_s);
        shell.setProcessEnvironment(environment);
        shell.start(u"bash"_s, {u"-c"_s, command + u" --silent --show-error"_s});
        // The server answers on this thread: wait with the event loop running.
        QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, 30000);
        QCOMPARE(shell.exitCode(), 0);
        const QJsonObject answer = QJsonDocument::fromJson(shell.readAllStandardOutput()).object();
        const QString newId = answer.value("run_id"_L1).toString();
        QVERIFY2(!newId.isEmpty(), qPrintable(QString::fromUtf8(shell.readAllStandardError())));
        const auto stored = m_demo->server()->storedRun(newId);
        QVERIFY(stored);
        QCOMPARE(stored->parameters.value(key).toString(), hostile); // byte for byte
        QVERIFY(!QFile::exists(marker)); // and nothing in it was run
        // A run without its request (a platform's, say) has no command to offer.
        QVERIFY(client.launchCommand(RunDetail()).isEmpty());
    }

    void launchesAndCancelsARun()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"test-key"_s);
        Capture<QList<Workflow>> workflows;
        client.listWorkflows(this, workflows.handler());
        QTRY_VERIFY(workflows.result.has_value());
        QVERIFY(workflows.result->ok());
        QVERIFY(workflows.result->value.size() >= 8);
        const Workflow &workflow = workflows.result->value.at(7);

        Capture<RunDetail> launched;
        LaunchRequest request;
        request.workflowId = workflow.workflowPermanentId;
        client.launchRun(request, this, launched.handler());
        QTRY_VERIFY(launched.result.has_value());
        QVERIFY2(launched.result->ok(), qPrintable(launched.result->error.message));
        QCOMPARE(launched.result->value.status, RunStatus::Created);

        Capture<bool> canceled;
        client.cancelRun(launched.result->value.runId, this, canceled.handler());
        QTRY_VERIFY(canceled.result.has_value());
        QVERIFY(canceled.result->ok());

        Capture<RunDetail> after;
        client.getRun(launched.result->value.runId, this, after.handler());
        QTRY_VERIFY(after.result.has_value());
        QCOMPARE(after.result->value.status, RunStatus::Canceled);
    }

    void aRejectedLaunchCarriesTheFieldMessages()
    {
        SkyvernClient client(m_demo->server()->baseUrl(), u"test-key"_s);
        Capture<RunDetail> launched;
        LaunchRequest request;
        request.workflowId = u"wpid_x"_s;
        request.timeoutMinutes = 9000; // not validated here, so the server's 422 comes back
        client.launchRun(request, this, launched.handler());
        QTRY_VERIFY(launched.result.has_value());
        QCOMPARE(launched.result->error.kind, ApiError::Kind::Validation);
        QCOMPARE(launched.result->error.fieldMessages.size(), 1);
        QVERIFY(launched.result->error.fieldMessages.first().startsWith(
            u"max_elapsed_time_minutes: "_s));
    }
};

QTEST_MAIN(TestSkyvernClient)
#include "tst_skyvernclient.moc"
