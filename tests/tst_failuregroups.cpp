// Failures of the loaded run list grouped by cause: by error code, then by failure category or
// normalised reason, following the list as pages load, polls change rows and codes arrive.

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include "errorcodeprefetcher.h"
#include "failuregroupmodel.h"
#include "mergedrunsource.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/scriptedserver.h"
#include "support/testserver.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

namespace {

/** A run as Skyvern lists it; `minute` orders them (higher: newer). */
QJsonObject skyvernRun(const QString &id, const QString &status, int minute,
    const QString &reason = {}, const QString &category = {}, const QString &workflow = u"1"_s)
{
    const QString time = u"2026-11-29T10:%1:00Z"_s.arg(minute, 2, 10, QChar(u'0'));
    QJsonObject run {{u"workflow_run_id"_s, id}, {u"workflow_id"_s, QString(u"w_"_s + workflow)},
        {u"workflow_permanent_id"_s, QString(u"wpid_"_s + workflow)},
        {u"organization_id"_s, u"o_1"_s}, {u"status"_s, status}, {u"created_at"_s, time},
        {u"started_at"_s, time}, {u"modified_at"_s, time},
        {u"workflow_title"_s, QString(u"Workflow "_s + workflow)}};
    if (!reason.isEmpty())
        run.insert(u"failure_reason"_s, reason);
    if (!category.isEmpty())
        run.insert(u"failure_category"_s,
            QJsonArray {QJsonObject {{u"category"_s, category}, {u"confidence_float"_s, 0.8},
                {u"reasoning"_s, u"The page did not answer in time."_s}}});
    return run;
}

QByteArray listOf(const QList<QJsonObject> &runs)
{
    QJsonArray array;
    for (const QJsonObject &run : runs)
        array.append(run);
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<WorkflowRun> decoded(const QList<QJsonObject> &runs)
{
    QList<WorkflowRun> result;
    for (const QJsonObject &json : runs) {
        QString error;
        const auto run = WorkflowRun::fromJson(json, u"run"_s, &error);
        if (!run)
            qFatal("fixture run not decoded: %s", qPrintable(error));
        result.append(*run);
    }
    return result;
}

/** The group with this text under `parent`, or an invalid index. */
QModelIndex group(
    const QAbstractItemModel &model, const QString &text, const QModelIndex &parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, FailureGroupModel::GroupColumn, parent);
        if (index.data().toString() == text)
            return index;
    }
    return {};
}

int runs(const QModelIndex &group)
{
    return group.siblingAtColumn(FailureGroupModel::RunsColumn).data().toInt();
}

QStringList keys(const QModelIndex &group)
{
    return group.data(FailureGroupModel::RunKeysRole).toStringList();
}

const QString kNoCode = u"No error code"_s;
const QString kNoReason = u"No failure reason"_s;
const QString kTimedOut = u"Timed out after … s on …"_s;

} // namespace

class TestFailureGroups : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    /** The runs of the fixture list: two reasons differing in numbers and links, a category,
     * a failure without either, and runs that did not fail. */
    static QList<QJsonObject> mixedRuns()
    {
        return {skyvernRun(u"wr_8"_s, u"running"_s, 58),
            skyvernRun(u"wr_7"_s, u"failed"_s, 57, u"Timed out after 31 s on https://a/b"_s),
            skyvernRun(u"wr_6"_s, u"completed"_s, 56),
            skyvernRun(u"wr_5"_s, u"terminated"_s, 55, u"Stopped"_s, u"TIMEOUT"_s, u"2"_s),
            skyvernRun(
                u"wr_4"_s, u"failed"_s, 54, u"Timed out after 45 s on https://c"_s, {}, u"2"_s),
            skyvernRun(u"wr_3"_s, u"timed_out"_s, 53, {}, u"TIMEOUT"_s),
            skyvernRun(u"wr_2"_s, u"canceled"_s, 52), skyvernRun(u"wr_1"_s, u"failed"_s, 51)};
    }

    /** Checks what must hold for any list: the groups hold exactly its failed runs. */
    static void verifyCountsMatchTheList(const FailureGroupModel &groups, const RunListModel &list)
    {
        QSet<QString> failed;
        for (int row = 0; row < list.rowCount(); ++row) {
            if (isFailedStatus(list.runAt(row)->status))
                failed.insert(RunListModel::rowKey(*list.runAt(row)));
        }
        QSet<QString> grouped;
        int total = 0;
        for (int row = 0; row < groups.rowCount(); ++row) {
            const QModelIndex top = groups.index(row, 0);
            int children = 0;
            QSet<QString> childKeys;
            for (int child = 0; child < groups.rowCount(top); ++child) {
                const QModelIndex index = groups.index(child, 0, top);
                QCOMPARE(keys(index).size(), runs(index));
                children += runs(index);
                for (const QString &key : keys(index))
                    childKeys.insert(key);
                if (child > 0)
                    QVERIFY(runs(groups.index(child - 1, 0, top)) >= runs(index));
            }
            QCOMPARE(children, runs(top));
            const QStringList topKeys = keys(top);
            QCOMPARE(QSet<QString>(topKeys.begin(), topKeys.end()), childKeys);
            grouped.unite(childKeys);
            total += runs(top);
            if (row > 0)
                QVERIFY(runs(groups.index(row - 1, 0)) >= runs(top));
        }
        QCOMPARE(total, int(failed.size()));
        QCOMPARE(groups.failureCount(), int(failed.size()));
        QCOMPARE(grouped, failed);
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 300);
        QVERIFY(m_server->isStarted());
    }

    void normalisesWhatDiffersBetweenRuns_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("numbers and links")
            << u"Timed out after 31 s on https://a/b."_s << u"Timed out after … s on …."_s;
        QTest::newRow("run and task ids") << u"Run wr_339208817 stopped in tsk_v2_abc and wr_xyz"_s
                                          << u"Run … stopped in … and …"_s;
        QTest::newRow("quoted text") << u"Element \"Submit order\" not found on 'Checkout'"_s
                                     << u"Element … not found on …"_s;
        QTest::newRow("typographic quotes")
            << u"Button “Pay now” is disabled"_s << u"Button … is disabled"_s;
        QTest::newRow("apostrophes stay") << u"The page didn't load"_s << u"The page didn't load"_s;
        QTest::newRow("uuid") << u"Session 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b expired"_s
                              << u"Session … expired"_s;
        QTest::newRow("hex without digits")
            << u"Checksum deadbeefcafe differs"_s << u"Checksum … differs"_s;
        QTest::newRow("decimals and times")
            << u"Took 1,234.5 ms at 10:05:00"_s << u"Took … ms at …"_s;
        QTest::newRow("whitespace") << u"  Login\n\tfailed   twice "_s << u"Login failed twice"_s;
        QTest::newRow("nothing") << QString() << QString();
    }

    void normalisesWhatDiffersBetweenRuns()
    {
        QFETCH(QString, reason);
        QFETCH(QString, normalised);
        QCOMPARE(normalizedFailureReason(reason), normalised);
    }

    void twoReasonsDifferingInNumbersAndLinksReadTheSame()
    {
        QCOMPARE(normalizedFailureReason(u"Timed out after 31 s on https://a/b"_s),
            normalizedFailureReason(u"Timed out after 45 s on https://c"_s));
        QCOMPARE(normalizedFailureReason(u"Timed out after 31 s on https://a/b"_s), kTimedOut);
        QVERIFY(normalizedFailureReason(u"Timed out after 31 s"_s)
            != normalizedFailureReason(u"Could not log in after 31 s"_s));
    }

    void aLongReasonIsCutWhereTwoRunsStillAgree()
    {
        const QString words = u"The checkout page kept showing a spinner "_s.repeated(8);
        const QString first = normalizedFailureReason(words + u"then 404"_s);
        QVERIFY(first.size() <= kMaxNormalizedReason);
        QVERIFY(first.endsWith(u'…'));
        QCOMPARE(normalizedFailureReason(words + u"and then something else"_s), first);
    }

    void groupsByCodeThenByCategoryOrReason()
    {
        RunListModel list;
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(&list);
        QCOMPARE(groups.rowCount(), 0);
        QCOMPARE(groups.coverageText(), u"No runs loaded"_s);

        QSignalSpy changed(&groups, &FailureGroupModel::groupsChanged);
        list.showSaved(decoded(mixedRuns()));
        QCOMPARE(changed.size(), 1);
        verifyCountsMatchTheList(groups, list);

        // Nothing known of codes yet: every failure is under "No error code".
        QCOMPARE(groups.rowCount(), 1);
        const QModelIndex noCode = group(groups, kNoCode);
        QCOMPARE(runs(noCode), 5);
        QCOMPARE(noCode.data(FailureGroupModel::ErrorCodeRole).toString(), QString());
        QCOMPARE(groups.rowCount(noCode), 3);
        // Most runs first; of two as many, the one seen last.
        QCOMPARE(groups.index(0, 0, noCode).data().toString(), kTimedOut);
        QCOMPARE(groups.index(1, 0, noCode).data().toString(), u"TIMEOUT"_s);
        QCOMPARE(groups.index(2, 0, noCode).data().toString(), kNoReason);
        const QModelIndex timedOut = group(groups, kTimedOut, noCode);
        QCOMPARE(runs(timedOut), 2);
        QCOMPARE(keys(timedOut), (QStringList {u"wr_7"_s, u"wr_4"_s})); // in list order
        QCOMPARE(keys(group(groups, u"TIMEOUT"_s, noCode)), (QStringList {u"wr_5"_s, u"wr_3"_s}));
        QCOMPARE(keys(group(groups, kNoReason, noCode)), QStringList {u"wr_1"_s});

        // Seen from the first to the last run of the group, as the run list shows times.
        const QModelIndex first = timedOut.siblingAtColumn(FailureGroupModel::FirstSeenColumn);
        const QModelIndex last = timedOut.siblingAtColumn(FailureGroupModel::LastSeenColumn);
        const WorkflowRun *wr4 = list.runAt(list.rowOfRun(u"wr_4"_s));
        const WorkflowRun *wr7 = list.runAt(list.rowOfRun(u"wr_7"_s));
        QCOMPARE(first.data(FailureGroupModel::SortRole).toLongLong(),
            wr4->createdAt.toMSecsSinceEpoch());
        QCOMPARE(last.data(FailureGroupModel::SortRole).toLongLong(),
            wr7->createdAt.toMSecsSinceEpoch());
        QCOMPARE(first.data().toString(),
            list.index(list.rowOfRun(u"wr_4"_s), RunListModel::CreatedColumn).data().toString());
        // Two workflows, named in the tip as the list names them.
        const QModelIndex workflows = timedOut.siblingAtColumn(FailureGroupModel::WorkflowsColumn);
        QCOMPARE(workflows.data().toInt(), 2);
        QCOMPARE(workflows.data(Qt::ToolTipRole).toString(), u"Workflow 1\nWorkflow 2"_s);
        QCOMPARE(noCode.siblingAtColumn(FailureGroupModel::WorkflowsColumn).data().toInt(), 2);

        QCOMPARE(groups.coverageText(),
            u"5 failure(s) in the 8 newest runs loaded (error codes known for 0)"_s);
    }

    void errorCodesArrivingMoveRunsToTheirCode()
    {
        RunListModel list;
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(&list);
        list.showSaved(decoded(mixedRuns()));
        QSignalSpy resets(&groups, &FailureGroupModel::modelReset);
        QSignalSpy inserted(&groups, &FailureGroupModel::rowsInserted);

        // A run with two codes counts under its first.
        list.setErrorCodes(u"wr_7"_s, {u"NAVIGATION_TIMEOUT"_s, u"ELEMENT_NOT_FOUND"_s});
        const QModelIndex code = group(groups, u"NAVIGATION_TIMEOUT"_s);
        QVERIFY(code.isValid());
        QVERIFY(!group(groups, u"ELEMENT_NOT_FOUND"_s).isValid());
        QCOMPARE(runs(code), 1);
        QCOMPARE(code.data(FailureGroupModel::ErrorCodeRole).toString(), u"NAVIGATION_TIMEOUT"_s);
        const QModelIndex child = group(groups, kTimedOut, code);
        QCOMPARE(keys(child), QStringList {u"wr_7"_s});
        QCOMPARE(child.data(FailureGroupModel::ErrorCodeRole).toString(), u"NAVIGATION_TIMEOUT"_s);
        QCOMPARE(runs(group(groups, kNoCode)), 4);
        QCOMPARE(keys(group(groups, kTimedOut, group(groups, kNoCode))), QStringList {u"wr_4"_s});
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1); // the new code, with its one child

        // A second run of that code and reason joins the group; the code rises above the rest
        // only by count.
        list.setErrorCodes(u"wr_4"_s, {u"NAVIGATION_TIMEOUT"_s});
        QCOMPARE(runs(group(groups, u"NAVIGATION_TIMEOUT"_s)), 2);
        QVERIFY(!group(groups, kTimedOut, group(groups, kNoCode)).isValid()); // emptied: gone
        QCOMPARE(runs(group(groups, kNoCode)), 3);
        // A detail that lists no codes leaves the run where it was, but it counts as known.
        list.setErrorCodes(u"wr_1"_s, {});
        QCOMPARE(runs(group(groups, kNoCode)), 3);
        QCOMPARE(groups.failuresWithKnownCodes(), 3);
        QCOMPARE(resets.size(), 0);
        verifyCountsMatchTheList(groups, list);
    }

    void followsPollsThatFailRunsAndDropThem()
    {
        // The first answer: a running run, two failures of different causes. The poll: the
        // running run failed (a reason like wr_a's, other numbers), wr_b is gone.
        ScriptedServer server;
        const auto running = skyvernRun(u"wr_r"_s, u"running"_s, 30);
        auto failedNow = running;
        failedNow[u"status"_s] = u"failed"_s;
        failedNow[u"modified_at"_s] = u"2026-11-29T10:40:00Z"_s;
        failedNow[u"failure_reason"_s] = u"Could not find 'Buy' on page 7"_s;
        const auto a = skyvernRun(u"wr_a"_s, u"failed"_s, 20, u"Could not find 'Pay' on page 2"_s);
        const auto b = skyvernRun(u"wr_b"_s, u"failed"_s, 10, u"Login rejected"_s);
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{200, listOf({running, a, b}), {}, false}, {200, listOf({failedNow, a}), {}, false}});
        SkyvernClient client(server.url(), u"k"_s);
        RunListModel list;
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(&list);
        QSignalSpy loaded(&list, &RunListModel::pageLoaded);
        list.setSource(&client);
        QTRY_COMPARE(loaded.size(), 1);
        const QString notFound = u"Could not find … on page …"_s;
        QCOMPARE(runs(group(groups, kNoCode)), 2);
        QCOMPARE(runs(group(groups, notFound, group(groups, kNoCode))), 1);
        QCOMPARE(groups.coverageText(), u"2 failure(s) in all 3 runs (error codes known for 0)"_s);

        // A running row ticking changes nothing here.
        QSignalSpy changed(&groups, &FailureGroupModel::groupsChanged);
        QSignalSpy dataChanged(&groups, &FailureGroupModel::dataChanged);
        QSignalSpy layout(&groups, &FailureGroupModel::layoutChanged);
        QSignalSpy resets(&groups, &FailureGroupModel::modelReset);
        QSignalSpy removed(&groups, &FailureGroupModel::rowsRemoved);
        QSignalSpy ticked(&list, &RunListModel::dataChanged);
        list.tickActiveDurations();
        QCOMPARE(ticked.size(), 1);
        QCOMPARE(changed.size() + dataChanged.size() + layout.size() + resets.size(), 0);

        QSignalSpy refreshed(&list, &RunListModel::refreshed);
        list.refresh();
        QTRY_COMPARE(refreshed.size(), 1);
        const QModelIndex noCode = group(groups, kNoCode);
        QCOMPARE(runs(noCode), 2);
        QCOMPARE(groups.rowCount(noCode), 1); // "Login rejected" left with its only run
        QVERIFY(!group(groups, u"Login rejected"_s, noCode).isValid());
        QCOMPARE(keys(group(groups, notFound, noCode)), (QStringList {u"wr_r"_s, u"wr_a"_s}));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(resets.size(), 0);
        QVERIFY(changed.size() >= 1);
        verifyCountsMatchTheList(groups, list);
    }

    void theDemoServersFailuresAreAllGroupedAsTheirCodesArrive()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        RunListModel list;
        list.setPageSize(100);
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(&list);
        list.setSource(&client);
        for (int i = 0; i < 10 && !list.isExhausted(); ++i) {
            QTRY_VERIFY(!list.isLoading() && list.loadedPages() > 0);
            list.fetchMore({});
        }
        QTRY_VERIFY(list.isExhausted() && !list.isLoading());
        QCOMPARE(list.rowCount(), 300);
        verifyCountsMatchTheList(groups, list);
        QVERIFY(groups.failureCount() > 0);
        // The demo's timed-out runs carry the TIMEOUT category.
        int timedOut = 0;
        for (int row = 0; row < list.rowCount(); ++row)
            timedOut += list.runAt(row)->status == RunStatus::TimedOut;
        QVERIFY(runs(group(groups, u"TIMEOUT"_s, group(groups, kNoCode))) >= timedOut);

        // Codes fetched from run details move every failure under its first code.
        ErrorCodePrefetcher prefetcher(&list);
        prefetcher.setSource(&client);
        QList<int> rows;
        for (int row = 0; row < list.rowCount(); ++row)
            rows.append(row);
        prefetcher.setVisibleRows(rows);
        QTRY_VERIFY_WITH_TIMEOUT(groups.failuresWithKnownCodes() == groups.failureCount(), 30000);
        verifyCountsMatchTheList(groups, list);
        QVERIFY(groups.rowCount() > 1);
        for (int row = 0; row < groups.rowCount(); ++row) {
            const QModelIndex top = groups.index(row, 0);
            const QString code = top.data(FailureGroupModel::ErrorCodeRole).toString();
            for (const QString &key : keys(top))
                QCOMPARE(list.errorCodes(key).value(0), code);
        }
        QVERIFY(groups.coverageText().startsWith(
            u"%1 failure(s) in all 300 runs"_s.arg(groups.failureCount())));
        QVERIFY(!groups.coverageText().contains(u"known"_s));
    }

    void aSecondPlatformsFailuresGroupUnderNoCodeAndNoReason()
    {
        // Its runs carry no reason, no title and no codes.
        WorkflowPlatformClient client(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        RunListModel list;
        list.setPageSize(100);
        list.setScope(u"wf_price_scan"_s);
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(&list);
        list.setSource(&client);
        QTRY_VERIFY(list.loadedPages() == 1 && !list.isLoading());
        verifyCountsMatchTheList(groups, list);
        QVERIFY(groups.failureCount() > 0);
        QCOMPARE(groups.rowCount(), 1);
        const QModelIndex noCode = group(groups, kNoCode);
        QCOMPARE(groups.rowCount(noCode), 1);
        const QModelIndex noReason = group(groups, kNoReason, noCode);
        QCOMPARE(runs(noReason), groups.failureCount());
        QCOMPARE(noReason.siblingAtColumn(FailureGroupModel::WorkflowsColumn).data().toInt(), 1);
        QVERIFY(!noReason.siblingAtColumn(FailureGroupModel::WorkflowsColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
    }

    void aMergedListTellsApartRunsOfTwoConnectionsWithOneId()
    {
        ScriptedServer prodServer;
        ScriptedServer stagingServer;
        prodServer.setAnswer(u"/v1/workflows/runs"_s,
            {200, listOf({skyvernRun(u"wr_1"_s, u"failed"_s, 20, u"Quota of 100 reached"_s)}), {},
                false});
        stagingServer.setAnswer(u"/v1/workflows/runs"_s,
            {200,
                listOf({skyvernRun(u"wr_1"_s, u"failed"_s, 10, u"Quota of 250 reached"_s),
                    skyvernRun(u"wr_2"_s, u"completed"_s, 5)}),
                {}, false});
        SkyvernClient prod(prodServer.url(), u"k"_s);
        SkyvernClient staging(stagingServer.url(), u"k"_s);
        MergedRunSource merged({{&prod, u"Prod"_s, {}}, {&staging, u"Staging"_s, {}}});
        RunListModel list;
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(&list);
        list.setSource(&merged);
        QTRY_VERIFY(list.loadedPages() == 1 && !list.isLoading());
        QCOMPARE(list.rowCount(), 3);
        const QModelIndex quota = group(groups, u"Quota of … reached"_s, group(groups, kNoCode));
        QCOMPARE(runs(quota), 2);
        QCOMPARE(keys(quota), (QStringList {u"Prod\nwr_1"_s, u"Staging\nwr_1"_s}));
        QCOMPARE(keys(quota),
            (QStringList {
                RunListModel::rowKey(*list.runAt(0)), RunListModel::rowKey(*list.runAt(1))}));
        verifyCountsMatchTheList(groups, list);
    }

    void staysConsistentWhileCodesArriveAndChangeInAnyOrder()
    {
        QRandomGenerator random(11);
        const QStringList statuses {
            u"failed"_s, u"terminated"_s, u"timed_out"_s, u"completed"_s, u"running"_s};
        const QStringList reasons {u"Timed out after %1 s"_s, u"Could not find 'Pay %1'"_s,
            u"Login rejected for user%1"_s, QString()};
        QList<QJsonObject> fixture;
        for (int i = 0; i < 200; ++i) {
            const QString reason = reasons.at(random.bounded(int(reasons.size())));
            fixture.append(skyvernRun(u"wr_%1"_s.arg(1000 - i),
                statuses.at(random.bounded(int(statuses.size()))), 59 - i % 60,
                reason.isEmpty() ? reason : reason.arg(random.bounded(500)),
                random.bounded(4) == 0 ? u"TIMEOUT"_s : QString(),
                QString::number(random.bounded(5))));
        }
        RunListModel list;
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(&list);
        list.showSaved(decoded(fixture));
        verifyCountsMatchTheList(groups, list);
        QSignalSpy resets(&groups, &FailureGroupModel::modelReset);
        const QStringList codes {u"E_TIMEOUT"_s, u"E_LOGIN"_s, u"E_MISSING"_s, u"E_QUOTA"_s};
        for (int i = 0; i < 400; ++i) {
            const QString runId = list.runAt(random.bounded(list.rowCount()))->workflowRunId;
            QStringList given;
            for (int n = random.bounded(3); n > 0; --n)
                given.append(codes.at(random.bounded(int(codes.size()))));
            list.setErrorCodes(runId, given);
        }
        verifyCountsMatchTheList(groups, list);
        QCOMPARE(resets.size(), 0);
        for (int row = 0; row < groups.rowCount(); ++row) {
            const QModelIndex top = groups.index(row, 0);
            for (const QString &key : keys(top))
                QCOMPARE(list.errorCodes(key).value(0),
                    top.data(FailureGroupModel::ErrorCodeRole).toString());
        }
    }

    void aListThatIsDestroyedLeavesNoGroups()
    {
        auto list = std::make_unique<RunListModel>();
        FailureGroupModel groups;
        QAbstractItemModelTester tester(
            &groups, QAbstractItemModelTester::FailureReportingMode::Fatal);
        groups.setRunList(list.get());
        list->showSaved(decoded(mixedRuns()));
        QCOMPARE(groups.failureCount(), 5);
        QSignalSpy changed(&groups, &FailureGroupModel::groupsChanged);
        list.reset();
        QCOMPARE(groups.rowCount(), 0);
        QCOMPARE(groups.failureCount(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(groups.coverageText(), u"No runs loaded"_s);
    }
};

QTEST_GUILESS_MAIN(TestFailureGroups)
#include "tst_failuregroups.moc"
