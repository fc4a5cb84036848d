// A soak against a misbehaving server: the real client and run list models through at least
// 10,000 requests with 20% of answers faulty (late, stalled, reset, 5xx, 429, broken or absurd
// JSON, duplicate ids). Nothing crashes, the event loop never stalls past 100 ms, every
// failure comes with a sentence, rows on screen survive failures, and memory ends flat.

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "demoserverthread.h"
#include "runlistmodel.h"
#include "skyvernclient.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kModels = 12;

// 10,000 by default; a sanitizer build runs several times slower and asks for fewer.
int requestCount()
{
    bool ok = false;
    const int count = qEnvironmentVariableIntValue("RUNWATCH_SOAK_REQUESTS", &ok);
    return ok && count > 0 ? count : 10000;
}

qint64 residentKilobytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * 4; // pages of 4 KiB
}

/** Drives one model: reload, page, poll and change filters, one request after another. */
class Driver : public QObject
{
public:
    Driver(const QUrl &url, const QString &key, int index)
        : m_client(url, key)
        , m_index(index)
    {
        m_client.setTimeout(700); // stalls end quickly
        m_model.setPageSize(20 + index);
        m_model.setSource(&m_client);
        connect(&m_model, &RunListModel::pageLoaded, this, &Driver::next);
        connect(&m_model, &RunListModel::refreshed, this, &Driver::next);
        connect(&m_model, &RunListModel::requestFailed, this, [this](const ApiError &error) {
            ++failures;
            if (error.message.trimmed().isEmpty())
                ++silentFailures;
            if (m_model.rowCount() < m_rowsBefore)
                ++lostRows; // a failure must never take rows away
            next();
        });
    }

    RunListModel *model() { return &m_model; }
    int failures = 0;
    int silentFailures = 0;
    int lostRows = 0;
    bool stopped = false;

private:
    void next()
    {
        if (stopped)
            return;
        m_rowsBefore = m_model.rowCount();
        // Let this answer settle before the next request, as a person's clicks would.
        QTimer::singleShot(0, this, [this] {
            if (stopped)
                return;
            switch (m_step++ % 5) {
            case 0:
                m_model.fetchMore({});
                if (m_model.isLoading())
                    return;
                [[fallthrough]];
            case 1:
                m_model.refresh();
                if (m_model.isRefreshing() || m_model.isLoading())
                    return;
                [[fallthrough]];
            case 2: {
                RunFilter filter;
                if ((m_step + m_index) % 3 == 0)
                    filter.statuses = {RunStatus::Failed, RunStatus::TimedOut};
                if ((m_step + m_index) % 4 == 0)
                    filter.searchKey = u"wr_1"_s;
                m_model.setFilter(filter);
                if (m_model.isLoading())
                    return;
                [[fallthrough]];
            }
            default:
                m_model.reload();
            }
        });
    }

    SkyvernClient m_client;
    RunListModel m_model;
    int m_index;
    int m_step = 0;
    int m_rowsBefore = 0;
};
} // namespace

class TestSoak : public QObject
{
    Q_OBJECT

private slots:
    void tenThousandRequestsAtTwentyPercentFaults()
    {
        DemoServerThread server;
        std::optional<DemoEndpoints> endpoints;
        connect(&server, &DemoServerThread::started, this,
            [&endpoints](const DemoEndpoints &started) { endpoints = started; });
        DemoServerOptions options;
        options.platform = false;
        options.runCount = 400;
        options.tickMs = 500;
        options.faults.rate = 0.2;
        server.start(options);
        QTRY_VERIFY_WITH_TIMEOUT(endpoints.has_value(), 30000);

        // The event loop's longest gap, measured by a 10 ms heartbeat.
        QElapsedTimer sinceBeat;
        qint64 longestGapMs = 0;
        QTimer heartbeat;
        heartbeat.setInterval(10);
        connect(&heartbeat, &QTimer::timeout, this,
            [&] { longestGapMs = qMax(longestGapMs, sinceBeat.restart()); });

        std::vector<std::unique_ptr<Driver>> drivers;
        for (int i = 0; i < kModels; ++i)
            drivers.push_back(
                std::make_unique<Driver>(endpoints->skyvernUrl, endpoints->apiKey, i));
        QAbstractItemModelTester tester(
            drivers.front()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        sinceBeat.start();
        heartbeat.start();

        const int kRequests = requestCount();
        QElapsedTimer clock;
        clock.start();
        qint64 warmKilobytes = 0;
        while (server.requestsHandled() < kRequests && clock.elapsed() < 600000) {
            QTest::qWait(50);
            if (!warmKilobytes && server.requestsHandled() >= kRequests / 4)
                warmKilobytes = residentKilobytes();
        }
        for (auto &driver : drivers)
            driver->stopped = true;
        heartbeat.stop();
        const qint64 endKilobytes = residentKilobytes();

        int failures = 0;
        int silent = 0;
        int lost = 0;
        for (const auto &driver : drivers) {
            failures += driver->failures;
            silent += driver->silentFailures;
            lost += driver->lostRows;
        }
        qInfo("%d requests in %.1f s, %d failures shown, longest event-loop gap %lld ms, "
              "memory %lld KiB at a quarter, %lld KiB at the end",
            server.requestsHandled(), clock.elapsed() / 1000.0, failures, longestGapMs,
            warmKilobytes, endKilobytes);
        QVERIFY2(server.requestsHandled() >= kRequests, "the soak ran out of time");
        QVERIFY(failures > kRequests / 20); // the faults did reach the models
        QCOMPARE(silent, 0);
        QCOMPARE(lost, 0);
        // Under a sanitizer every call is several times slower; the gap says nothing there.
        if (!qEnvironmentVariableIsSet("RUNWATCH_SANITIZE"))
            QVERIFY2(longestGapMs <= 100, qPrintable(u"%1 ms"_s.arg(longestGapMs)));
        // Flat: what the first quarter needed is what the whole run needs, within a margin.
        QVERIFY2(endKilobytes <= warmKilobytes * 5 / 4 + 20 * 1024,
            qPrintable(u"%1 KiB -> %2 KiB"_s.arg(warmKilobytes).arg(endKilobytes)));
    }
};

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
