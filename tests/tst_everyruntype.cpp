// Every run type in one list, against the demo server's `GET /v1/runs`: the contract's filters
// (run type, tags with AND across groups and OR within one, paging limits), the client choosing
// that endpoint only for tags and types and falling back once for a server without it, tag
// terms refused before sending, and the filter bar's Tags field and Type menu driving the list.

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include "demoplatformserver.h"
#include "failuregroupmodel.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runfilterbar.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/scriptedserver.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "translations.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

class TestEveryRunType : public QObject
{
    Q_OBJECT

    TestServer m_server;

    static ApiResult<RunPage> listOnce(RunSource &source, const RunFilter &filter, int page = 1)
    {
        RunQuery query;
        query.filter = filter;
        query.pageSize = 100;
        query.page = page;
        std::optional<ApiResult<RunPage>> answer;
        QObject context;
        source.listRuns(
            query, &context, [&answer](const ApiResult<RunPage> &value) { answer = value; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000))
            return {};
        return *answer;
    }

    /** The tags of runs as the server has them, "key:value" or "label". */
    static QHash<QString, QStringList> tagsOf(RunSource &source, const QList<WorkflowRun> &runs)
    {
        QHash<QString, QStringList> texts;
        QStringList ids;
        for (const WorkflowRun &run : runs)
            ids.append(run.workflowRunId);
        for (qsizetype first = 0; first < ids.size(); first += RunSource::kMaxTagRuns) {
            std::optional<ApiResult<RunTags>> answer;
            QObject context;
            source.getRunTags(ids.mid(first, RunSource::kMaxTagRuns), &context,
                [&answer](const ApiResult<RunTags> &value) { answer = value; });
            if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000) || !answer->ok())
                return {};
            for (auto it = answer->value.byRun.cbegin(); it != answer->value.byRun.cend(); ++it) {
                for (const RunTag &tag : it.value())
                    texts[it.key()].append(tag.text());
            }
        }
        return texts;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.isStarted());
        Translations::install(qApp, QLocale(QLocale::English));
    }

    void theDemoListsEveryRunTypeAsTheContractSays()
    {
        const HttpAnswer all
            = httpRequest("GET", m_server.url(u"/v1/runs?page_size=100&page=1"_s), m_server.key());
        QCOMPARE(all.status, 200);
        QSet<QString> types;
        const QJsonArray items = all.json().array();
        QCOMPARE(items.size(), 100);
        for (const QJsonValue &item : items) {
            const QJsonObject run = item.toObject();
            for (const char *field :
                {"task_run_id", "run_id", "task_run_type", "status", "created_at"})
                QVERIFY2(run.contains(QLatin1String(field)), field);
            types.insert(run.value("task_run_type"_L1).toString());
        }
        // Tasks of several kinds among the workflow runs, newest first.
        const HttpAnswer tasks = httpRequest("GET",
            m_server.url(u"/v1/runs?page_size=100&run_type=task_v2&run_type=openai_cua"_s),
            m_server.key());
        QCOMPARE(tasks.status, 200);
        QSet<QString> taskTypes;
        for (const QJsonValue &item : tasks.json().array())
            taskTypes.insert(item.toObject().value("task_run_type"_L1).toString());
        QCOMPARE(taskTypes, (QSet<QString> {u"task_v2"_s, u"openai_cua"_s}));
        // What the contract refuses: a page past 100, a short search, an unknown type.
        for (const QString &bad : {u"/v1/runs?page_size=101"_s, u"/v1/runs?search_key=ab"_s,
                 u"/v1/runs?run_type=robot"_s, u"/v1/runs?page=0"_s}) {
            const HttpAnswer refused = httpRequest("GET", m_server.url(bad), m_server.key());
            QCOMPARE(refused.status, 422);
        }
        QCOMPARE(httpRequest("GET", m_server.url(u"/v1/runs"_s), QByteArray()).status, 403);
    }

    void tagsAreAndAcrossGroupsAndOrWithinOne()
    {
        SkyvernClient client(m_server.server()->baseUrl(), m_server.server()->apiKey());
        RunFilter prod;
        prod.tags = {u"env:prod"_s};
        const ApiResult<RunPage> page = listOnce(client, prod);
        QVERIFY2(page.ok(), qPrintable(page.error.message));
        QVERIFY(client.runListUrl({{}, prod, 1, 100}).path().endsWith(u"/v1/runs"_s));
        QVERIFY(page.value.runs.size() > 10);
        const QHash<QString, QStringList> tags = tagsOf(client, page.value.runs);
        for (const WorkflowRun &run : page.value.runs)
            QVERIFY2(tags.value(run.workflowRunId).contains(u"env:prod"_s),
                qPrintable(run.workflowRunId));

        // OR within a group: prod or staging; AND with another group: and one customer.
        RunFilter either;
        either.tags = {u"env:prod"_s, u"env:staging"_s, u"customer:acme"_s};
        const ApiResult<RunPage> mixed = listOnce(client, either);
        QVERIFY(mixed.ok());
        QVERIFY(!mixed.value.runs.isEmpty());
        const QHash<QString, QStringList> mixedTags = tagsOf(client, mixed.value.runs);
        bool sawStaging = false;
        for (const WorkflowRun &run : mixed.value.runs) {
            const QStringList own = mixedTags.value(run.workflowRunId);
            QVERIFY(own.contains(u"env:prod"_s) || own.contains(u"env:staging"_s));
            QVERIFY(own.contains(u"customer:acme"_s));
            sawStaging = sawStaging || own.contains(u"env:staging"_s);
        }
        QVERIFY(sawStaging);
    }

    void badTagTermsAreRefusedBeforeSending()
    {
        SkyvernClient client(m_server.server()->baseUrl(), m_server.server()->apiKey());
        for (const QString &term :
            {u"env:"_s, u":prod"_s, u"a:b:c"_s, QString(101, u'x'), u"en*v"_s}) {
            const int before = client.requestsIssued();
            RunFilter filter;
            filter.tags = {term};
            const ApiResult<RunPage> page = listOnce(client, filter);
            QCOMPARE(page.error.kind, ApiError::Kind::BadInput);
            QVERIFY(!page.error.message.isEmpty());
            QCOMPARE(client.requestsIssued(), before);
        }
        RunFilter both;
        both.tags = {u"env:prod"_s};
        both.errorCode = u"LOGIN_FAILED"_s;
        QCOMPARE(listOnce(client, both).error.kind, ApiError::Kind::BadInput);
    }

    void anOlderServerFallsBackToWorkflowRunsOnceAndSaysSo()
    {
        ScriptedServer server;
        const HttpAnswer real
            = httpRequest("GET", m_server.url(u"/v1/workflows/runs?page_size=5"_s), m_server.key());
        server.setAnswer(u"/v1/workflows/runs"_s, {200, real.body, {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        RunFilter tagged;
        tagged.tags = {u"env:prod"_s};
        const ApiResult<RunPage> first = listOnce(client, tagged);
        QVERIFY2(first.ok(), qPrintable(first.error.message));
        QCOMPARE(first.value.runs.size(), 5);
        QVERIFY(first.value.notes.join(u' ').contains(u"does not list every run type"_s));
        QCOMPARE(server.urls().size(), 2);
        QCOMPARE(server.urls().at(0).path(), u"/v1/runs"_s);
        QVERIFY(!server.urls().at(1).query().contains(u"tags"_s));
        // Asked again: straight to the workflow runs.
        const ApiResult<RunPage> second = listOnce(client, tagged);
        QVERIFY(second.ok());
        QCOMPARE(server.urls().size(), 3);
        QCOMPARE(server.urls().at(2).path(), u"/v1/workflows/runs"_s);
    }

    void theFilterBarsTagsAndTypesDriveTheList()
    {
        SkyvernClient client(m_server.server()->baseUrl(), m_server.server()->apiKey());
        MainWindow window;
        window.resize(1500, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSource(&client);
        RunListModel *model = window.runListModel();
        QAbstractItemModelTester tester(
            model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), 20000);

        // env:prod typed and Enter: the list is the server's answer for that tag.
        auto *tags = window.findChild<QLineEdit *>(u"tagsLineEdit"_s);
        QVERIFY(tags && tags->isVisible());
        QTest::mouseClick(tags, Qt::LeftButton);
        QTest::keyClicks(tags, u"env:prod"_s);
        QTest::keyClick(tags, Qt::Key_Return);
        RunFilter prod;
        prod.tags = {u"env:prod"_s};
        const QList<WorkflowRun> truth = listOnce(client, prod).value.runs;
        QTRY_VERIFY_WITH_TIMEOUT(model->filter().tags == QStringList {u"env:prod"_s}
                && !model->isLoading() && model->rowCount() > 0,
            20000);
        QCOMPARE(model->runAt(0)->workflowRunId, truth.first().workflowRunId);
        // Items of /v1/runs carry no failure reason: a failed run on screen gets its detail's.
        int failedRow = -1;
        for (int row = 0; row < 10 && failedRow < 0; ++row)
            failedRow = isFailedStatus(model->runAt(row)->status) ? row : -1;
        QVERIFY(failedRow >= 0);
        QVERIFY(model->runAt(failedRow)->failureReason.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            model->index(failedRow, RunListModel::FailureReasonColumn).data().toString().size() > 5,
            20000);
        // The failure groups read the learned reason too: the run leaves "No failure reason".
        const QString failedId = model->runAt(failedRow)->workflowRunId;
        FailureGroupModel *groups = window.failureGroups();
        const auto causeOf = [groups, &failedId] {
            for (int top = 0; top < groups->rowCount(); ++top) {
                const QModelIndex code = groups->index(top, 0);
                for (int row = 0; row < groups->rowCount(code); ++row) {
                    const QModelIndex cause = groups->index(row, 0, code);
                    if (cause.data(FailureGroupModel::RunKeysRole)
                            .toStringList()
                            .contains(failedId))
                        return cause.data().toString();
                }
            }
            return QString();
        };
        QTRY_VERIFY(!causeOf().isEmpty() && causeOf() != u"No failure reason"_s);
        QVERIFY(window.findChild<QToolButton *>(u"chip_tag_0"_s));

        // Task v2 ticked in the Type menu: only those, with the Type column shown.
        auto *type = window.findChild<QToolButton *>(u"runTypeToolButton"_s);
        QVERIFY(type && type->isVisible());
        type->menu()->findChild<QAction *>(u"runType_task_v2"_s)->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(model->filter().runTypes == QStringList {u"task_v2"_s}
                && !model->isLoading() && model->rowCount() > 0,
            20000);
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->runAt(row)->runType, u"task_v2"_s);
            QCOMPARE(model->index(row, RunListModel::TypeColumn).data().toString(), u"Task v2"_s);
        }
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        QVERIFY(!table->horizontalHeader()->isSectionHidden(RunListModel::TypeColumn));

        // A tag term that cannot be sent: the list says why and keeps its rows.
        const int rows = model->rowCount();
        tags->clear();
        QTest::keyClicks(tags, u"env:"_s);
        // Half typed, it is not applied: only Enter (or leaving the field) applies tags.
        QTest::qWait(RunFilterBar::kSearchDebounceMs * 2);
        QCOMPARE(model->filter().tags, QStringList {u"env:prod"_s});
        QTest::keyClick(tags, Qt::Key_Return);
        QTRY_VERIFY(model->lastError().isError());
        QVERIFY(model->lastError().message.contains(u"env:"_s));
        QCOMPARE(model->rowCount(), rows);

        // The second platform filters by neither: both are hidden there, and in a merged list.
        WorkflowPlatformClient platform(m_server.server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        window.setSource(&platform);
        QTRY_VERIFY(!tags->isVisible() && !type->isVisible());
        QVERIFY(window.runListModel()->filter().tags.isEmpty());
        MergedRunSource merged({{&client, u"Skyvern"_s, {}, u"cloud"_s},
            {&platform, u"Platform"_s, DemoPlatformServer::workflowIds().constFirst(), u"ops"_s}});
        window.setSource(&merged);
        QTRY_VERIFY(!tags->isVisible() && !type->isVisible());
        window.setSource(&client);
        QTRY_VERIFY(tags->isVisible() && type->isVisible());
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestEveryRunType)
#include "tst_everyruntype.moc"
