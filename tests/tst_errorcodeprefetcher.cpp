// Error codes of failed runs looked up in the background, against the local server.

#include <QAbstractItemModelTester>
#include <QSet>
#include <QTest>

#include "errorcodeprefetcher.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

/** Passes everything to a real client and counts the detail requests it sees. */
class CountingSource final : public RunSource
{
public:
    explicit CountingSource(RunSource *inner)
        : m_inner(inner)
    { }

    QSet<RequestId> open;
    int started = 0;
    int canceled = 0;
    int mostAtOnce = 0;

    RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) override
    {
        return m_inner->listRuns(query, context, std::move(handler));
    }
    RequestId getRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override
    {
        auto id = std::make_shared<RequestId>(0);
        *id = m_inner->getRun(runId, context, [this, id, handler](const ApiResult<RunDetail> &r) {
            open.remove(*id);
            handler(r);
        });
        open.insert(*id);
        ++started;
        mostAtOnce = qMax(mostAtOnce, int(open.size()));
        return *id;
    }
    RequestId listWorkflows(QObject *context, Handler<QList<Workflow>> handler) override
    {
        return m_inner->listWorkflows(context, std::move(handler));
    }
    RequestId launchRun(
        const LaunchRequest &request, QObject *context, Handler<RunDetail> handler) override
    {
        return m_inner->launchRun(request, context, std::move(handler));
    }
    RequestId cancelRun(const QString &runId, QObject *context, Handler<bool> handler) override
    {
        return m_inner->cancelRun(runId, context, std::move(handler));
    }
    void cancelRequest(RequestId id) override
    {
        if (open.remove(id))
            ++canceled;
        m_inner->cancelRequest(id);
    }
    QString displayName() const override { return m_inner->displayName(); }
    SourceFeatures features() const override { return m_inner->features(); }

private:
    RunSource *m_inner;
};

class TestErrorCodePrefetcher : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    static QList<int> failedRows(const RunListModel &model, int from, int to)
    {
        QList<int> rows;
        for (int row = from; row < to && row < model.rowCount(); ++row) {
            const RunStatus status = model.runAt(row)->status;
            if (status == RunStatus::Failed || status == RunStatus::Terminated
                || status == RunStatus::TimedOut)
                rows.append(row);
        }
        return rows;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 600);
        QVERIFY(m_server->isStarted());
    }

    void fillsVisibleFailedRowsAFewAtATime()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        CountingSource source(&client);
        RunListModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ErrorCodePrefetcher prefetcher(&model);
        prefetcher.setSource(&source);
        model.setSource(&source);
        QTRY_VERIFY(model.loadedPages() > 0);
        QList<int> rows;
        for (int row = 0; row < model.rowCount(); ++row)
            rows.append(row);
        const QList<int> failed = failedRows(model, 0, model.rowCount());
        QVERIFY(failed.size() > ErrorCodePrefetcher::kMaxConcurrent);
        prefetcher.setVisibleRows(rows);
        QCOMPARE(prefetcher.inFlightCount(), ErrorCodePrefetcher::kMaxConcurrent);
        for (int row : failed)
            QTRY_VERIFY(model.hasErrorCodes(model.runAt(row)->workflowRunId));
        QCOMPARE(source.mostAtOnce, ErrorCodePrefetcher::kMaxConcurrent);
        QCOMPARE(source.started, int(failed.size())); // only runs that failed were asked about
        QVERIFY(!model.index(failed.first(), RunListModel::ErrorCodesColumn)
                     .data()
                     .toString()
                     .isEmpty());

        // What is known is not asked again.
        prefetcher.setVisibleRows(rows);
        QCOMPARE(prefetcher.inFlightCount(), 0);
        QCOMPARE(source.started, int(failed.size()));
    }

    void rowsThatScrollAwayOrAReplacedListCancelTheirRequests()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        CountingSource source(&client);
        RunListModel model;
        ErrorCodePrefetcher prefetcher(&model);
        prefetcher.setSource(&source);
        model.setSource(&source);
        QTRY_VERIFY(model.loadedPages() > 0);
        QList<int> top;
        for (int row = 0; row < 25; ++row)
            top.append(row);
        QVERIFY(failedRows(model, 0, 25).size() >= 1);
        prefetcher.setVisibleRows(top);
        const int asked = prefetcher.inFlightCount();
        QVERIFY(asked > 0);
        prefetcher.setVisibleRows({}); // scrolled to rows without failures
        QCOMPARE(source.canceled, asked);
        QCOMPARE(prefetcher.inFlightCount(), 0);

        prefetcher.setVisibleRows(top);
        QVERIFY(prefetcher.inFlightCount() > 0);
        const int before = source.canceled;
        RunFilter filter;
        filter.statuses = {RunStatus::Completed};
        model.setFilter(filter);
        QTRY_VERIFY(model.loadedPages() > 0 && !model.isLoading());
        QVERIFY(source.canceled > before); // the old list's lookups went with it
        QCOMPARE(prefetcher.inFlightCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestErrorCodePrefetcher)
#include "tst_errorcodeprefetcher.moc"
