// Tags on runs end to end: the demo server's batch endpoint, the Skyvern client reading it,
// the Tags column filled for the runs on screen, a merged list asking each connection for its
// own, and the second platform (which has no tags) leaving the column out.

#include <memory>

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QTableView>
#include <QTest>

#include "demoplatformserver.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

class TestRunTags : public QObject
{
    Q_OBJECT

    TestServer m_server;

    QList<WorkflowRun> firstPage(RunSource &source)
    {
        RunQuery query;
        query.pageSize = 50;
        std::optional<ApiResult<RunPage>> page;
        source.listRuns(query, this, [&page](const ApiResult<RunPage> &value) { page = value; });
        [&] { QTRY_VERIFY(page.has_value() && page->ok()); }();
        return page ? page->value.runs : QList<WorkflowRun>();
    }

private slots:
    void initTestCase() { QVERIFY(m_server.isStarted()); }

    void theClientReadsEveryAskedRunsTagsAndTheyStayPut()
    {
        SkyvernClient client(m_server.server()->baseUrl(), m_server.server()->apiKey());
        const QList<WorkflowRun> runs = firstPage(client);
        QStringList ids;
        for (const WorkflowRun &run : runs)
            ids.append(run.workflowRunId);
        ids.append(u"wr_not_a_run"_s);
        std::optional<ApiResult<RunTags>> first;
        client.getRunTags(ids, this, [&first](const ApiResult<RunTags> &value) { first = value; });
        QTRY_VERIFY(first.has_value());
        QVERIFY2(first->ok(), qPrintable(first->error.message));
        // Every known run is answered (none: an empty list); the unknown one is left out.
        QCOMPARE(first->value.byRun.size(), runs.size());
        QVERIFY(!first->value.byRun.contains(u"wr_not_a_run"_s));
        int tagged = 0;
        QSet<QString> groups;
        for (const QList<RunTag> &tags : first->value.byRun) {
            tagged += tags.isEmpty() ? 0 : 1;
            for (const RunTag &tag : tags) {
                QVERIFY(!tag.value.isEmpty());
                groups.insert(tag.key);
            }
        }
        QVERIFY(tagged > runs.size() / 2); // operators tag most runs
        QVERIFY(groups.contains(u"env"_s) && groups.contains(u"customer"_s));
        // Asked again: the same tags.
        std::optional<ApiResult<RunTags>> again;
        client.getRunTags(ids, this, [&again](const ApiResult<RunTags> &value) { again = value; });
        QTRY_VERIFY(again.has_value() && again->ok());
        QCOMPARE(again->value.byRun, first->value.byRun);

        // Nothing asked is refused by the server, and said so.
        std::optional<ApiResult<RunTags>> none;
        client.getRunTags({}, this, [&none](const ApiResult<RunTags> &value) { none = value; });
        QTRY_VERIFY(none.has_value());
        QVERIFY(!none->ok());
    }

    void malformedAnswersGiveASentenceAndBadEntriesAreSkipped()
    {
        QString error;
        QVERIFY(!RunTags::fromJson("{\"run_tags\": []}", &error));
        QVERIFY(error.contains(u"run_tags"_s));
        QVERIFY(!RunTags::fromJson("not json", &error));
        const auto read = RunTags::fromJson(
            R"({"run_tags": {"wr_1": [{"key": "env", "value": "prod"}, {"key": 5, "value": "x"},
               {"value": ""}, "text", {"key": null, "value": "nightly"}], "wr_2": []}})",
            &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->byRun.value(u"wr_1"_s),
            (QList<RunTag> {{u"env"_s, u"prod"_s}, {{}, u"nightly"_s}}));
        QCOMPARE(read->byRun.value(u"wr_1"_s).first().text(), u"env:prod"_s);
        QVERIFY(read->byRun.contains(u"wr_2"_s) && read->byRun.value(u"wr_2"_s).isEmpty());
    }

    void theTagsColumnFillsForTheRunsOnScreenInEveryList()
    {
        SkyvernClient client(m_server.server()->baseUrl(), m_server.server()->apiKey());
        MainWindow window;
        window.resize(1600, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSource(&client);
        RunListModel *model = window.runListModel();
        auto tester = std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        // A header right-click away, as the user shows it.
        QHeaderView *header = table->horizontalHeader();
        QVERIFY(header->isSectionHidden(RunListModel::TagsColumn));
        header->setSectionHidden(RunListModel::TagsColumn, false);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 20000);
        // The first row's tags arrive and read as the server has them.
        const QString firstRun = model->runAt(0)->workflowRunId;
        QTRY_VERIFY(model->hasTags(firstRun));
        std::optional<ApiResult<RunTags>> truth;
        client.getRunTags({firstRun}, this, [&truth](const ApiResult<RunTags> &v) { truth = v; });
        QTRY_VERIFY(truth.has_value() && truth->ok());
        QStringList texts;
        for (const RunTag &tag : truth->value.byRun.value(firstRun))
            texts.append(tag.text());
        QCOMPARE(model->index(0, RunListModel::TagsColumn).data().toString(), texts.join(u", "_s));

        // Merged with the second platform: each connection's runs asked of it; the
        // platform's runs have none to ask for, and the list still shows the column.
        QVERIFY(m_server.server()->platform());
        WorkflowPlatformClient platform(m_server.server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MergedRunSource merged({{&client, u"Skyvern"_s, {}, u"cloud"_s},
            {&platform, u"Platform"_s, DemoPlatformServer::workflowIds().constFirst(), u"ops"_s}});
        window.setSource(&merged);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 20000);
        QVERIFY(!table->horizontalHeader()->isSectionHidden(RunListModel::TagsColumn));
        const auto firstOf = [model](const QString &source) {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->runAt(row)->source == source)
                    return model->runAt(row)->workflowRunId;
            }
            return QString();
        };
        QVERIFY(!firstOf(u"Skyvern"_s).isEmpty() && !firstOf(u"Platform"_s).isEmpty());
        QTRY_VERIFY(model->hasTags(firstOf(u"Skyvern"_s)));
        QVERIFY(!model->hasTags(firstOf(u"Platform"_s))); // not asked of a source without tags

        // The platform alone has no tags: the column goes.
        window.setSource(&platform);
        QTRY_VERIFY(table->horizontalHeader()->isSectionHidden(RunListModel::TagsColumn));
        // Back on Skyvern, the column the user chose is there again.
        window.setSource(&client);
        QTRY_VERIFY(!table->horizontalHeader()->isSectionHidden(RunListModel::TagsColumn));
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestRunTags)
#include "tst_runtags.moc"
