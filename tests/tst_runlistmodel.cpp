// The run list model fed by the Skyvern client from the local server: paging by fetchMore,
// filters that replace rows only when the answer arrives, errors that keep the last good rows.

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include "runlistmodel.h"
#include "runsortproxymodel.h"
#include "skyvernclient.h"
#include "support/scriptedserver.h"
#include "support/testhttp.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

class TestRunListModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SkyvernClient> m_client;
    std::unique_ptr<RunListModel> m_model;

    QSet<QString> idsInModel() const
    {
        QSet<QString> ids;
        for (int row = 0; row < m_model->rowCount(); ++row)
            ids.insert(m_model->runAt(row)->workflowRunId);
        return ids;
    }

    QString workflowWithDefaults()
    {
        const HttpAnswer answer
            = httpRequest("GET", m_server->url(u"/v1/agents?page_size=100"_s), m_server->key());
        return answer.json().array().at(7)[u"workflow_permanent_id"_s].toString();
    }

    static QJsonObject listedRun(const QString &id, const QString &status, const QString &created)
    {
        return {{u"workflow_run_id"_s, id}, {u"workflow_id"_s, u"w_1"_s},
            {u"workflow_permanent_id"_s, u"wpid_1"_s}, {u"organization_id"_s, u"o_1"_s},
            {u"status"_s, status}, {u"created_at"_s, created}, {u"modified_at"_s, created}};
    }

    static QByteArray listOf(const QList<QJsonObject> &runs)
    {
        QJsonArray array;
        for (const QJsonObject &run : runs)
            array.append(run);
        return QJsonDocument(array).toJson(QJsonDocument::Compact);
    }

    QStringList idsInOrder() const
    {
        QStringList ids;
        for (int row = 0; row < m_model->rowCount(); ++row)
            ids.append(m_model->runAt(row)->workflowRunId);
        return ids;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 120);
        QVERIFY(m_server->isStarted());
    }

    void init()
    {
        m_client = std::make_unique<SkyvernClient>(m_server->server()->baseUrl(), u"test-key"_s);
        m_model = std::make_unique<RunListModel>();
        m_model->setPageSize(50);
    }

    void cleanup()
    {
        m_model.reset();
        m_client.reset();
    }

    void theSortingProxyPassesTheModelTesterAndSortsByRawValues()
    {
        RunSortProxyModel sorter;
        sorter.setSourceModel(m_model.get());
        QAbstractItemModelTester tester(
            &sorter, QAbstractItemModelTester::FailureReportingMode::Fatal);
        sorter.sort(RunListModel::CreatedColumn, Qt::AscendingOrder);
        m_model->setSource(m_client.get());
        QTRY_VERIFY(!m_model->isLoading() && m_model->rowCount() >= 50);
        m_model->fetchMore({});
        QTRY_VERIFY(!m_model->isLoading() && m_model->rowCount() >= 100);
        const int last = m_model->rowCount() - 1;
        qint64 previous = std::numeric_limits<qint64>::min();
        for (int row = 0; row < sorter.rowCount(); ++row) {
            const qint64 created = sorter.index(row, RunListModel::CreatedColumn)
                                       .data(RunListModel::SortRole)
                                       .toLongLong();
            QVERIFY(created >= previous);
            previous = created;
        }
        // The oldest loaded run is the last the server sent.
        QCOMPARE(sorter.index(0, 0).data(RunListModel::RunIdRole).toString(),
            m_model->runAt(last)->workflowRunId);
        sorter.showServerOrder();
        QCOMPARE(sorter.index(0, 0).data(RunListModel::RunIdRole).toString(),
            m_model->runAt(0)->workflowRunId);
        // Local narrowing: only loaded rows that match, at once, without a request.
        RunFilter local;
        local.statuses = {RunStatus::Failed};
        local.searchKey = m_model->runAt(0)->workflowTitle.left(4).toUpper();
        sorter.setLocalFilter(local);
        QVERIFY(sorter.rowCount() < m_model->rowCount());
        for (int row = 0; row < sorter.rowCount(); ++row) {
            const WorkflowRun *run = m_model->runAt(sorter.mapToSource(sorter.index(row, 0)).row());
            QCOMPARE(run->status, RunStatus::Failed);
            QVERIFY(run->workflowTitle.contains(local.searchKey, Qt::CaseInsensitive)
                || run->failureReason.contains(local.searchKey, Qt::CaseInsensitive));
        }
        QVERIFY(!m_model->isLoading());
        // What the row shows beside the run's fields narrows too: an error code looked up.
        int failedRow = -1;
        for (int row = 0; row < m_model->rowCount() && failedRow < 0; ++row) {
            if (m_model->runAt(row)->status == RunStatus::Failed)
                failedRow = row;
        }
        QVERIFY(failedRow >= 0);
        const QString failedId = m_model->runAt(failedRow)->workflowRunId;
        m_model->setErrorCodes(failedId, {u"ZZ_ONLY_HERE"_s});
        RunFilter byCode;
        byCode.searchKey = u"zz_only"_s;
        sorter.setLocalFilter(byCode);
        QCOMPARE(sorter.rowCount(), 1);
        QCOMPARE(sorter.index(0, 0).data(RunListModel::RunIdRole).toString(), failedId);
        sorter.setLocalFilter({});
        QCOMPARE(sorter.rowCount(), m_model->rowCount());
        // A filter change replaces the rows under the proxy.
        RunFilter filter;
        filter.statuses = {RunStatus::Completed};
        m_model->setFilter(filter);
        QTRY_VERIFY(!m_model->isLoading() && m_model->runAt(0)->status == RunStatus::Completed);
        QCOMPARE(sorter.rowCount(), m_model->rowCount());
    }

    void passesTheModelTesterWhileLoadingEveryPage()
    {
        QAbstractItemModelTester tester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_model->setSource(m_client.get());
        for (int i = 0; i < 10 && !m_model->isExhausted(); ++i) {
            QTRY_VERIFY(!m_model->isLoading());
            m_model->fetchMore({});
        }
        QTRY_VERIFY(m_model->isExhausted());
        QVERIFY(m_model->rowCount() >= 120);
        RunFilter filter;
        filter.statuses = {RunStatus::Failed};
        m_model->setFilter(filter);
        QTRY_VERIFY(!m_model->isLoading() && m_model->isExhausted()
            && m_model->runAt(0)->status == RunStatus::Failed);
        m_client->setApiKey(u"revoked"_s);
        m_model->reload();
        QTRY_VERIFY(m_model->lastError().isError());
    }

    void eachPageIsAskedForOnceEvenWhenFetchMoreComesFromInsideARowSignal()
    {
        // The tester, like a view, calls fetchMore from inside resets and inserts.
        QAbstractItemModelTester tester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        const int before = m_client->requestsIssued();
        m_model->setSource(m_client.get());
        QTRY_VERIFY_WITH_TIMEOUT(m_model->isExhausted(), 20000);
        // Every page once, and the short last one ends it; no page asked for twice.
        QCOMPARE(m_client->requestsIssued() - before, m_model->loadedPages());
    }

    void switchingAwayMidPagingLeavesNoAnswerToArriveLater()
    {
        QAbstractItemModelTester tester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Stop at the first page's arrival itself: polling for it could let a fast server
        // deliver every page before the check.
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        m_model->setSource(m_client.get());
        QVERIFY(loaded.wait(20000));
        QCOMPARE(m_model->loadedPages(), 1);
        QVERIFY(m_model->isLoading()); // the tester asked for page 2 at once
        const int issued = m_client->requestsIssued();
        m_model->setSource(nullptr);
        // Nothing asked of the source left behind, so no page of it can land on a later list.
        QCOMPARE(m_client->requestsIssued(), issued);
        QVERIFY(!m_model->isLoading());
        QCOMPARE(m_model->rowCount(), 0);
    }

    void savedRowsShowUntilTheFirstPageReplacesThem()
    {
        QAbstractItemModelTester tester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // What was on screen last time: three runs, one of them since gone from the server.
        m_model->setSource(m_client.get());
        QTRY_VERIFY(m_model->loadedPages() >= 1);
        QList<WorkflowRun> saved = m_model->newestRuns(3);
        saved[2].workflowRunId = u"wr_gone"_s;
        m_model->setSource(nullptr);

        m_model->showSaved(saved);
        QVERIFY(m_model->isShowingSaved());
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(!m_model->canFetchMore({})); // nothing to page until the server answers
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        m_model->setSource(m_client.get());
        QCOMPARE(m_model->rowCount(), 3); // kept while the first page is on its way
        QCOMPARE(m_model->rowOfRun(u"wr_gone"_s), 2);
        QTRY_VERIFY(!loaded.isEmpty());
        QVERIFY(!m_model->isShowingSaved());
        QVERIFY(m_model->rowCount() >= 50);
        QCOMPARE(m_model->rowOfRun(u"wr_gone"_s), -1);

        // Once the server has answered, a saved list has nothing to add.
        const int rows = m_model->rowCount();
        m_model->showSaved(saved);
        QVERIFY(!m_model->isShowingSaved());
        QCOMPARE(m_model->rowCount(), rows);
    }

    void savedRowsOfAnotherFilterAreNeverShownUnderANewOne()
    {
        QAbstractItemModelTester tester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_model->setSource(m_client.get());
        QTRY_VERIFY(m_model->loadedPages() >= 1);
        const QList<WorkflowRun> saved = m_model->newestRuns(10);
        m_model->setSource(nullptr);
        m_model->showSaved(saved);
        m_model->setSource(m_client.get());
        RunFilter filter;
        filter.statuses = {RunStatus::Failed};
        m_model->setFilter(filter);
        QCOMPARE(m_model->rowCount(), 0); // not the saved unfiltered rows under "failed"
        QTRY_VERIFY(m_model->loadedPages() >= 1 && !m_model->isLoading());
        for (int row = 0; row < m_model->rowCount(); ++row)
            QCOMPARE(m_model->runAt(row)->status, RunStatus::Failed);
    }

    void loadsTheFirstPageNewestFirst()
    {
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        m_model->setSource(m_client.get());
        QVERIFY(m_model->isLoading());
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(m_model->rowCount(), 50);
        QCOMPARE(m_model->columnCount(), int(RunListModel::ColumnCount));
        QVERIFY(!m_model->isLoading());
        QVERIFY(m_model->canFetchMore({}));
        const QModelIndex created = m_model->index(0, RunListModel::CreatedColumn);
        QVERIFY(created.data(RunListModel::SortRole).toLongLong()
            >= m_model->index(49, RunListModel::CreatedColumn)
                   .data(RunListModel::SortRole)
                   .toLongLong());
        QVERIFY(
            m_model->index(0, RunListModel::RunIdColumn).data().toString().startsWith(u"wr_"_s));
        QVERIFY(!m_model->index(0, RunListModel::StatusColumn).data().toString().isEmpty());
    }

    void fetchMoreAppendsPagesUntilAShortOne()
    {
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        m_model->setSource(m_client.get());
        QTRY_COMPARE(loaded.size(), 1);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->fetchMore({});
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 50);
        QCOMPARE(inserted.at(0).at(2).toInt(), 99);
        m_model->fetchMore({});
        QTRY_COMPARE(loaded.size(), 3);
        QCOMPARE(m_model->rowCount(), 120);
        QVERIFY(m_model->isExhausted());
        QVERIFY(!m_model->canFetchMore({}));
        QCOMPARE(loaded.last().at(2).toBool(), true);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(idsInModel().size(), 120);
    }

    void aNewFilterReplacesTheRowsWhenItsAnswerArrives()
    {
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        m_model->setSource(m_client.get());
        QTRY_COMPARE(loaded.size(), 1);
        RunFilter filter;
        filter.statuses = {RunStatus::Completed};
        m_model->setFilter(filter);
        QCOMPARE(m_model->rowCount(), 50); // the old rows stay while loading
        QTRY_COMPARE(loaded.size(), 2);
        QVERIFY(m_model->rowCount() > 0);
        for (int row = 0; row < m_model->rowCount(); ++row)
            QCOMPARE(m_model->runAt(row)->status, RunStatus::Completed);
    }

    void aNewerRequestSupersedesTheOlder()
    {
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        m_model->setSource(m_client.get());
        RunFilter failed;
        failed.statuses = {RunStatus::Failed};
        m_model->setFilter(failed);
        RunFilter completed;
        completed.statuses = {RunStatus::Completed};
        m_model->setFilter(completed);
        QTRY_COMPARE(loaded.size(), 1);
        // Ask once more and wait for that: a superseded answer would have come in between.
        m_model->reload();
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(loaded.size(), 2);
        for (int row = 0; row < m_model->rowCount(); ++row)
            QCOMPARE(m_model->runAt(row)->status, RunStatus::Completed);
    }

    void anErrorKeepsTheLastGoodRows()
    {
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        QSignalSpy failed(m_model.get(), &RunListModel::requestFailed);
        m_model->setSource(m_client.get());
        QTRY_COMPARE(loaded.size(), 1);
        const QSet<QString> before = idsInModel();
        m_client->setApiKey(u"revoked"_s);
        m_model->reload();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(m_model->lastError().kind, ApiError::Kind::Auth);
        QCOMPARE(idsInModel(), before);
        QVERIFY(!m_model->canFetchMore({}));
        m_client->setApiKey(u"test-key"_s);
        m_model->reload();
        QTRY_COMPARE(loaded.size(), 2);
        QVERIFY(!m_model->lastError().isError());
    }

    void runsShiftedByANewRunAreNotShownTwice()
    {
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        m_model->setSource(m_client.get());
        QTRY_COMPARE(loaded.size(), 1);
        const QString workflow = workflowWithDefaults();
        const HttpAnswer launched = httpRequest("POST", m_server->url(u"/v1/run/workflows"_s),
            m_server->key(), QJsonDocument(QJsonObject {{u"workflow_id"_s, workflow}}).toJson());
        QCOMPARE(launched.status, 200);
        m_model->fetchMore({});
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(m_model->rowCount(), 99); // one run of page 2 was already on page 1
        QCOMPARE(idsInModel().size(), 99);
    }

    void aRunThatStartsMatchingBelowTheNewestRowAppearsInItsPlace()
    {
        // Under a "failed" filter: wr_b (10:05) has failed, wr_a (10:00) is still running.
        // When wr_a fails, the poll lists it between the two rows already there.
        ScriptedServer server;
        const auto a = listedRun(u"wr_a"_s, u"failed"_s, u"2026-11-29T10:00:00Z"_s);
        const auto b = listedRun(u"wr_b"_s, u"failed"_s, u"2026-11-29T10:05:00Z"_s);
        const auto c = listedRun(u"wr_c"_s, u"failed"_s, u"2026-11-29T09:00:00Z"_s);
        const auto z = listedRun(u"wr_z"_s, u"failed"_s, u"2026-11-29T08:00:00Z"_s);
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{200, listOf({b, c}), {}, false}, {200, listOf({b, a, c, z}), {}, false}});
        SkyvernClient client(server.url(), u"k"_s);
        QAbstractItemModelTester tester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        RunFilter failed;
        failed.statuses = {RunStatus::Failed};
        m_model->setFilter(failed);
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        QSignalSpy refreshed(m_model.get(), &RunListModel::refreshed);
        m_model->setSource(&client);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(idsInOrder(), (QStringList {u"wr_b"_s, u"wr_c"_s}));
        m_model->refresh();
        QTRY_COMPARE(refreshed.size(), 1);
        QCOMPARE(idsInOrder(), (QStringList {u"wr_b"_s, u"wr_a"_s, u"wr_c"_s, u"wr_z"_s}));
        QCOMPARE(refreshed.at(0).at(1).toInt(), 2); // wr_a and wr_z inserted
        QCOMPARE(m_model->rowOfRun(u"wr_a"_s), 1);
        QCOMPARE(m_model->rowOfRun(u"wr_c"_s), 2);
    }

    void aRunEnteringThePolledSpanOfALongListGoesInItsPlace()
    {
        // Page 1 of a longer list; a run from inside it starts matching. The run pushed off
        // the end of page 1 stays: it is older than what the poll covered, not gone.
        ScriptedServer server;
        QList<QJsonObject> first;
        for (int minute = 59; minute >= 10; --minute) {
            const QString time = u"2026-11-29T10:%1:00Z"_s.arg(QString::number(minute));
            first.append(listedRun(u"wr_%1"_s.arg(minute), u"failed"_s, time));
        }
        QList<QJsonObject> poll = first;
        poll.insert(10, listedRun(u"wr_late"_s, u"failed"_s, u"2026-11-29T10:49:30Z"_s));
        poll.removeLast();
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{200, listOf(first), {}, false}, {200, listOf(poll), {}, false}});
        SkyvernClient client(server.url(), u"k"_s);
        QSignalSpy loaded(m_model.get(), &RunListModel::pageLoaded);
        QSignalSpy refreshed(m_model.get(), &RunListModel::refreshed);
        m_model->setSource(&client);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(m_model->rowCount(), 50);
        m_model->refresh();
        QTRY_COMPARE(refreshed.size(), 1);
        QCOMPARE(m_model->rowOfRun(u"wr_late"_s), 10);
        QCOMPARE(m_model->rowOfRun(u"wr_10"_s), 50);
        QCOMPARE(m_model->rowCount(), 51);
    }
};

QTEST_GUILESS_MAIN(TestRunListModel)
#include "tst_runlistmodel.moc"
