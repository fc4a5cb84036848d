// The demo's HTTP request parser on its own, fed bytes by hand: framing, limits and refusals.

#include <QTest>

#include "demohttpparser.h"

namespace {
const QByteArray kOrigin = "http://127.0.0.1:8000";

DemoHttpParser parserWith(const QByteArray &bytes, const DemoHttpLimits &limits = {})
{
    DemoHttpParser parser(limits, kOrigin);
    parser.append(bytes);
    return parser;
}
} // namespace

class TestDemoHttpParser : public QObject
{
    Q_OBJECT

private slots:
    void readsARequestGivenAByteAtATime()
    {
        const QByteArray wire = "POST /v1/run/workflows?x=1 HTTP/1.1\r\nHost: h\r\n"
                                "X-Api-Key: k\r\nContent-Length: 2\r\n\r\n{}";
        DemoHttpParser parser({}, kOrigin);
        for (qsizetype i = 0; i < wire.size() - 1; ++i) {
            parser.append(wire.mid(i, 1));
            QCOMPARE(parser.advance(), DemoHttpParser::State::NeedMore);
        }
        parser.append(wire.right(1));
        QCOMPARE(parser.advance(), DemoHttpParser::State::Ready);
        const DemoHttpRequest request = parser.takeRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(
            request.url.toString(), QStringLiteral("http://127.0.0.1:8000/v1/run/workflows?x=1"));
        QCOMPARE(request.header("x-api-key"), QByteArray("k"));
        QCOMPARE(request.body, QByteArray("{}"));
        QVERIFY(parser.keepAlive());
        QVERIFY(!parser.hasPartialRequest());
    }

    void readsPipelinedRequestsInTurn()
    {
        DemoHttpParser parser = parserWith("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                                           "GET /b HTTP/1.0\r\n\r\n");
        QCOMPARE(parser.advance(), DemoHttpParser::State::Ready);
        QCOMPARE(parser.takeRequest().url.path(), QStringLiteral("/a"));
        QVERIFY(parser.keepAlive());
        QCOMPARE(parser.advance(), DemoHttpParser::State::Ready);
        QCOMPARE(parser.takeRequest().url.path(), QStringLiteral("/b"));
        QVERIFY(!parser.keepAlive()); // HTTP/1.0 closes unless asked not to
    }

    void joinsChunksAndDropsTrailers()
    {
        DemoHttpParser parser = parserWith("POST / HTTP/1.1\r\nHost: h\r\n"
                                           "Transfer-Encoding: chunked\r\n\r\n"
                                           "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: x\r\n\r\n");
        QCOMPARE(parser.advance(), DemoHttpParser::State::Ready);
        QCOMPARE(parser.takeRequest().body, QByteArray("abcde"));
    }

    void hostHeaderNeverReachesTheUrl()
    {
        DemoHttpParser parser = parserWith("GET http://evil.example/x?y=1 HTTP/1.1\r\n"
                                           "Host: evil.example\r\n\r\n");
        QCOMPARE(parser.advance(), DemoHttpParser::State::Ready);
        QCOMPARE(
            parser.takeRequest().url.toString(), QStringLiteral("http://127.0.0.1:8000/x?y=1"));
    }

    void refusesWhatIsNotAcceptable_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("status");
        QTest::newRow("a word") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\n\r\n") << 400;
        QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("no Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("two Hosts")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
        QTest::newRow("space before the colon")
            << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
        QTest::newRow("folded header")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  2\r\n\r\n") << 400;
        QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n") << 400;
        QTest::newRow("length and chunks")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << 400;
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                          "Content-Length: 4\r\n\r\n")
            << 400;
        QTest::newRow("signed length")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\n") << 400;
        QTest::newRow("gzip then chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
            << 501;
        QTest::newRow("chunked not last")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
            << 400;
        QTest::newRow("length over the limit")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n") << 413;
        QTest::newRow("length of 30 digits")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: "
                          "999999999999999999999999999999\r\n\r\n")
            << 413;
        QTest::newRow("chunk over the limit") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            "100001\r\n") << 413;
        QTest::newRow("chunk size not hex")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            << 400;
        QTest::newRow("chunk longer than said") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            "1\r\nabc\r\n") << 400;
        QTest::newRow("unknown expectation")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n") << 417;
        QTest::newRow("request line too long")
            << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n") << 414;
    }

    void refusesWhatIsNotAcceptable()
    {
        QFETCH(QByteArray, wire);
        QFETCH(int, status);
        DemoHttpParser parser = parserWith(wire);
        QCOMPARE(parser.advance(), DemoHttpParser::State::Failed);
        QCOMPARE(parser.failureStatus(), status);
        QVERIFY(!parser.failureMessage().isEmpty());
    }

    void headLimitsCountLinesAndBytes()
    {
        DemoHttpLimits limits;
        limits.maxHeaderLines = 3;
        limits.maxHeadBytes = 200;
        DemoHttpParser lines
            = parserWith("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits);
        QCOMPARE(lines.advance(), DemoHttpParser::State::Failed);
        QCOMPARE(lines.failureStatus(), 431);
        // Past the byte limit before the head even ends: refused without waiting for the rest.
        DemoHttpParser bytes
            = parserWith("GET / HTTP/1.1\r\nHost: a\r\nX: " + QByteArray(300, 'x'), limits);
        QCOMPARE(bytes.advance(), DemoHttpParser::State::Failed);
        QCOMPARE(bytes.failureStatus(), 431);
    }
};

QTEST_GUILESS_MAIN(TestDemoHttpParser)
#include "tst_demohttpparser.moc"
