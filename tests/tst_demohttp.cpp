// The demo server's HTTP front end under a hostile client, spoken to in raw bytes over a real
// socket: garbage, oversized heads and bodies, request smuggling, keep-alive and Connection:
// close, idle and half-closed connections, a forged Host header, and the second platform's
// answer to a status it does not know.

#include <optional>
#include <sys/socket.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "demoserver.h"
#include "support/testhttp.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kDeadlineMs = 15000;

/** One answer as it came over the wire. */
struct RawAnswer
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

/** A client socket that writes whatever it is told and reads answers back one at a time. */
class RawConnection
{
public:
    explicit RawConnection(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket,
            [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool waitConnected()
    {
        return QTest::qWaitFor(
            [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, kDeadlineMs);
    }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    /** Shuts the client's sending side, as `shutdown(SHUT_WR)` does; reading goes on. */
    void shutdownWrite()
    {
        m_socket.flush();
        ::shutdown(int(m_socket.socketDescriptor()), SHUT_WR);
    }
    /** The next complete answer, or nothing if none came before the deadline or the close. */
    std::optional<RawAnswer> next()
    {
        std::optional<RawAnswer> answer;
        [[maybe_unused]] const bool ended = QTest::qWaitFor(
            [this, &answer] {
                answer = take();
                return answer.has_value() || isClosed();
            },
            kDeadlineMs);
        if (!answer)
            answer = take();
        return answer;
    }
    bool waitClosed(int timeoutMs = kDeadlineMs)
    {
        return QTest::qWaitFor([this] { return isClosed(); }, timeoutMs);
    }
    bool isClosed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    /** Everything received and not yet taken as an answer. */
    QByteArray rest() const { return m_received; }

private:
    std::optional<RawAnswer> take()
    {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        const QList<QByteArray> lines = m_received.left(end).split('\n');
        RawAnswer answer;
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1."))
            return std::nullopt;
        answer.status = statusLine.at(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                answer.headers.append(
                    {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
        }
        const qsizetype length = answer.header("Content-Length").toLongLong();
        if (m_received.size() < end + 4 + length)
            return std::nullopt;
        answer.body = m_received.mid(end + 4, length);
        m_received.remove(0, end + 4 + length);
        return answer;
    }

    QTcpSocket m_socket;
    QByteArray m_received;
};

QByteArray get(const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
}

} // namespace

class TestDemoHttp : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<DemoServer> m_server;
    QByteArray m_keyHeader;

    quint16 port() const { return quint16(m_server->baseUrl().port()); }
    quint16 platformPort() const { return quint16(m_server->platform()->baseUrl().port()); }

private slots:
    void initTestCase()
    {
        DemoServerOptions options;
        options.databasePath = m_dir.filePath(u"demo.sqlite"_s);
        options.tickMs = 3600000;
        options.runCount = 300;
        options.apiKey = u"test-key"_s;
        // Short, so the idle tests need not wait half a minute; long enough that a busy machine
        // does not close a connection between two requests of the other tests.
        options.http.idleTimeoutMs = 2000;
        m_server = std::make_unique<DemoServer>(options);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_keyHeader = "x-api-key: test-key\r\n";
    }

    void garbageRequestLineGets400_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("a word") << QByteArray("HELLO\r\n\r\n");
        QTest::newRow("binary") << QByteArray(
            "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15);
        QTest::newRow("no version") << QByteArray("GET /v1/workflows/runs\r\n\r\n");
        QTest::newRow("space in the target")
            << QByteArray("GET /v1/work flows HTTP/1.1\r\nHost: x\r\n\r\n");
        QTest::newRow("header without a colon")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n");
    }

    void garbageRequestLineGets400()
    {
        QFETCH(QByteArray, request);
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send(request);
        const auto answer = connection.next();
        QVERIFY2(answer, connection.rest().constData());
        QCOMPARE(answer->status, 400);
        QVERIFY(connection.waitClosed());
    }

    void headersPastTheLimitGet431_data()
    {
        QTest::addColumn<int>("lines");
        QTest::addColumn<int>("lineLength");
        QTest::newRow("too many lines") << 150 << 10;
        QTest::newRow("too many bytes") << 10 << 4096;
    }

    void headersPastTheLimitGet431()
    {
        QFETCH(int, lines);
        QFETCH(int, lineLength);
        QByteArray headers = m_keyHeader;
        for (int i = 0; i < lines; ++i)
            headers += "X-Filler-" + QByteArray::number(i) + ": " + QByteArray(lineLength, 'a')
                + "\r\n";
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send(get("/v1/workflows/runs", headers));
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 431);
        QVERIFY(connection.waitClosed());
    }

    void bodyOverTheLimitGets413BeforeItIsSent()
    {
        // No key and no such path: the size alone decides, and no byte of the body is sent.
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send("POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/octet-stream\r\n"
                        "Content-Length: 1073741824\r\n\r\n");
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 413);
        QVERIFY(connection.waitClosed());
    }

    void chunkedBodyGrowingPastTheLimitGets413()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send("POST /v1/run/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\n" + m_keyHeader
            + "Transfer-Encoding: chunked\r\n\r\n");
        const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'x') + "\r\n";
        for (int i = 0; i < 17; ++i) // 1,114,112 bytes, and no last chunk
            connection.send(chunk);
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 413);
        QVERIFY(connection.waitClosed());
    }

    void chunkedBodyWithinTheLimitIsRead()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        const QByteArray body = "{\"workflow_id\": ";
        connection.send("POST /v1/run/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\n" + m_keyHeader
            + "Transfer-Encoding: chunked\r\n\r\n" + QByteArray::number(body.size(), 16) + "\r\n"
            + body + "\r\n0\r\n\r\n");
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 422); // the body arrived whole, and is not JSON
        QVERIFY(answer->body.contains("json_invalid"));
    }

    void bodyIsAskedForWhenTheClientExpects100Continue()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        const QByteArray body = "{\"workflow_id\": ";
        connection.send("POST /v1/run/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\n" + m_keyHeader
            + "Expect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n");
        auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 100);
        connection.send(body);
        answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 422);
    }

    void contentLengthWithTransferEncodingIsRefused()
    {
        // The classic smuggling shape: a front end that reads Content-Length sees one request,
        // one that reads the chunks sees two.
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send("POST /v1/runs/wr_missing/cancel HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + m_keyHeader + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + get("/v1/workflows", m_keyHeader));
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 400);
        QVERIFY(connection.waitClosed());
        QVERIFY2(!connection.next(), "the smuggled request must not be answered");
        QVERIFY(!connection.rest().contains("HTTP/1.1"));
    }

    void connectionCloseIsHonoured()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send(get("/v1/workflows", m_keyHeader + "Connection: close\r\n"));
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->header("Connection").toLower(), QByteArray("close"));
        QVERIFY(connection.waitClosed());
    }

    void keepAliveAnswersRequestsInTurnOnOneConnection()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send(get("/v1/workflows?page_size=1", m_keyHeader));
        auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(QJsonDocument::fromJson(answer->body).array().size(), 1);
        // Two more in one write, pipelined: answered in order, and the connection stays open.
        connection.send(get("/v1/workflows?page_size=2", m_keyHeader)
            + get("/v1/workflows/runs?page_size=3", m_keyHeader));
        answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(QJsonDocument::fromJson(answer->body).array().size(), 2);
        answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(QJsonDocument::fromJson(answer->body).array().size(), 3);
        QVERIFY(!connection.isClosed());
    }

    void idleConnectionIsClosed()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        QVERIFY(connection.waitClosed());
        QVERIFY(connection.rest().isEmpty()); // nothing was asked, so nothing is said
    }

    void requestLeftHalfSentGets408()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send("GET /v1/workflows HTTP/1.1\r\nHost: 12");
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 408);
        QVERIFY(connection.waitClosed());
    }

    void halfClosedClientStillGetsItsAnswer()
    {
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        // A large answer (every run), so it cannot all leave before the server sees the close.
        connection.send(get("/v1/workflows/runs?page_size=1000", m_keyHeader));
        connection.shutdownWrite();
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(QJsonDocument::fromJson(answer->body).array().size(), 300);
        QVERIFY(connection.waitClosed());
    }

    void artifactLinksNameTheServerNotTheHostHeader()
    {
        const HttpAnswer list = httpRequest("GET",
            QUrl(
                m_server->baseUrl().toString() + u"/v1/workflows/runs?status=failed&page_size=1"_s),
            "test-key");
        const QString runId = list.json().array().at(0)[u"workflow_run_id"_s].toString();
        QVERIFY(!runId.isEmpty());
        RawConnection connection(port());
        QVERIFY(connection.waitConnected());
        connection.send("GET /v1/runs/" + runId.toLatin1() + " HTTP/1.1\r\nHost: evil.example\r\n"
            + m_keyHeader + "\r\n");
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QVERIFY(!answer->body.contains("evil.example"));
        const QJsonObject run = QJsonDocument::fromJson(answer->body).object();
        const QString own = m_server->baseUrl().toString();
        QVERIFY(run[u"screenshot_urls"_s][0].toString().startsWith(own + u"/artifacts/"_s));
        QVERIFY(run[u"recording_url"_s].toString().startsWith(own + u"/artifacts/"_s));
        QVERIFY(run[u"app_url"_s].toString().startsWith(own + u"/runs/"_s));
    }

    void platformRejectsAStatusItDoesNotKnow_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("unknown") << QByteArray("status=exploded");
        QTest::newRow("Skyvern's word") << QByteArray("status=completed");
        QTest::newRow("empty") << QByteArray("status=");
        QTest::newRow("a good one, then an unknown one")
            << QByteArray("status=running&status=exploded");
        QTest::newRow("two good ones") << QByteArray("status=running&status=waiting");
    }

    void platformRejectsAStatusItDoesNotKnow()
    {
        QFETCH(QByteArray, query);
        RawConnection connection(platformPort());
        QVERIFY(connection.waitConnected());
        connection.send(get("/v1/workflows/wf_price_scan/runs?limit=5&" + query,
            "Authorization: Bearer demo-token\r\n"));
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 400);
        const QJsonObject envelope = QJsonDocument::fromJson(answer->body).object();
        QCOMPARE(envelope[u"code"_s].toInt(), 400);
        QVERIFY(envelope[u"data"_s].isNull());
        QVERIFY(envelope[u"message"_s].toString().contains(u"status"_s));
        QVERIFY(!envelope[u"requestId"_s].toString().isEmpty());
    }

    void platformAcceptsEachOfItsStatuses()
    {
        for (const char *status : {"running", "waiting", "success", "failure", "cancelled"}) {
            RawConnection connection(platformPort());
            QVERIFY(connection.waitConnected());
            connection.send(get("/v1/workflows/wf_price_scan/runs?status=" + QByteArray(status),
                "Authorization: Bearer demo-token\r\n"));
            const auto answer = connection.next();
            QVERIFY(answer);
            QCOMPARE(answer->status, 200);
            const QJsonArray items
                = QJsonDocument::fromJson(answer->body)[u"data"_s][u"items"_s].toArray();
            for (const QJsonValue &item : items)
                QCOMPARE(item[u"status"_s].toString(), QString::fromLatin1(status));
        }
    }

    void platformAnswersGarbageWith400Too()
    {
        RawConnection connection(platformPort());
        QVERIFY(connection.waitConnected());
        connection.send("HELLO\r\n\r\n");
        const auto answer = connection.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 400);
    }
};

QTEST_MAIN(TestDemoHttp)
#include "tst_demohttp.moc"
