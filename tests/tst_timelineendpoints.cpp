// A run's timeline, artifacts and retry, end to end over loopback HTTP: the demo server derives
// them from each run's simulated state, the Skyvern client reads them, the second platform
// refuses them clearly, and a merged list forwards them to the run's own connection.

#include <functional>

#include <QFile>
#include <QImage>
#include <QTest>

#include "artifactfetcher.h"
#include "mergedrunsource.h"
#include "skyvernclient.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "workflowplatformclient.h"

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

/** Calls `visit` for every block entry of a timeline, depth first, with its path. */
void forEachBlock(const QList<TimelineEntry> &entries,
    const std::function<void(const TimelineEntry &, const QList<int> &)> &visit,
    QList<int> path = {})
{
    for (int i = 0; i < entries.size(); ++i) {
        const QList<int> here = path + QList<int> {i};
        if (entries.at(i).kind == TimelineEntry::Kind::Block)
            visit(entries.at(i), here);
        forEachBlock(entries.at(i).children, visit, here);
    }
}

QByteArray demoRecording()
{
    QFile file(u":/demo/demo-recording.webm"_s);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool isWebm(const QByteArray &bytes)
{
    return bytes.startsWith(QByteArray::fromHex("1a45dfa3")); // the EBML header
}

DemoFaultOptions evidence(bool huge, bool broken)
{
    DemoFaultOptions faults;
    faults.hugeEvidence = huge;
    faults.brokenEvidence = broken;
    return faults;
}

} // namespace

class TestTimelineEndpoints : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_demo;

    std::unique_ptr<SkyvernClient> client(const TestServer &server) const
    {
        return std::make_unique<SkyvernClient>(server.server()->baseUrl(), u"test-key"_s);
    }

    template<typename T, typename Call>
    ApiResult<T> ask(Call call)
    {
        Capture<T> capture;
        call(capture.handler());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(capture.result.has_value(), 20000); }();
        return capture.result.value_or(ApiResult<T>());
    }

    QList<WorkflowRun> runsWith(RunSource &source, RunStatus status)
    {
        RunQuery query;
        query.pageSize = 100;
        query.filter.statuses = {status};
        const auto page = ask<RunPage>(
            [&](RunSource::RunPageHandler handler) { source.listRuns(query, this, handler); });
        return page.value.runs;
    }

    ApiResult<RunTimeline> timelineOf(RunSource &source, const QString &runId)
    {
        return ask<RunTimeline>([&](RunSource::Handler<RunTimeline> handler) {
            source.getTimeline(runId, this, handler);
        });
    }

    ApiResult<RunArtifacts> artifactsOf(
        RunSource &source, const QString &runId, const QStringList &types = {})
    {
        return ask<RunArtifacts>([&](RunSource::Handler<RunArtifacts> handler) {
            source.listArtifacts(runId, types, this, handler);
        });
    }

    ApiResult<QByteArray> contentOf(
        RunSource &source, const QString &runId, const QString &artifactId)
    {
        return ask<QByteArray>([&](RunSource::Handler<QByteArray> handler) {
            source.getArtifactContent(runId, artifactId, this, handler);
        });
    }

    ApiResult<RunDetail> retry(RunSource &source, const QString &runId)
    {
        return ask<RunDetail>(
            [&](RunSource::Handler<RunDetail> handler) { source.retryRun(runId, this, handler); });
    }

private slots:
    void initTestCase()
    {
        m_demo = std::make_unique<TestServer>(3600000, 300);
        QVERIFY(m_demo->isStarted());
    }

    void aFailedRunEndsInTheFailedActionWithTheRunsFailure()
    {
        const auto skyvern = client(*m_demo);
        const QList<WorkflowRun> failed = runsWith(*skyvern, RunStatus::Failed);
        QVERIFY(failed.size() >= 3);
        for (const WorkflowRun &run : failed.mid(0, 3)) {
            const auto detail = ask<RunDetail>([&](RunSource::Handler<RunDetail> handler) {
                skyvern->getRun(run.workflowRunId, this, handler);
            });
            QVERIFY2(detail.ok(), qPrintable(detail.error.message));
            const auto timeline = timelineOf(*skyvern, run.workflowRunId);
            QVERIFY2(timeline.ok(), qPrintable(timeline.error.message));
            QVERIFY(timeline.value.notes.isEmpty());

            const TimelinePosition failure = timeline.value.failurePosition();
            QVERIFY(failure.isValid());
            QCOMPARE(failure, timeline.value.latestAction()); // nothing happened after it
            const TimelineAction *action = timeline.value.actionAt(failure);
            QCOMPARE(action->status, ActionStatus::Failed);
            const TimelineBlock &block = timeline.value.entryAt(failure.entryPath)->block;
            QCOMPARE(block.status, RunStatus::Failed);
            QVERIFY(!detail.value.failureReason.isEmpty());
            QCOMPARE(block.failureReason, detail.value.failureReason);
            QStringList runCodes;
            for (const RunError &runError : detail.value.errors)
                runCodes.append(runError.errorCode);
            QStringList actionCodes;
            for (const RunError &actionError : action->errors)
                actionCodes.append(actionError.errorCode);
            QVERIFY(!runCodes.isEmpty());
            QCOMPARE(actionCodes, runCodes);
            QCOMPARE(block.errorCodes, runCodes);
            QCOMPARE(timeline.value.entries.last().thought.answer, detail.value.failureReason);

            // Every finished action has its screenshot, tied to its step and block.
            const auto artifacts = artifactsOf(*skyvern, run.workflowRunId);
            QVERIFY2(artifacts.ok(), qPrintable(artifacts.error.message));
            int failedActions = 0;
            int screenshots = 0;
            forEachBlock(
                timeline.value.entries, [&](const TimelineEntry &entry, const QList<int> &) {
                    for (const TimelineAction &each : entry.block.actions) {
                        failedActions += each.status == ActionStatus::Failed ? 1 : 0;
                        const auto shot = artifacts.value.find(each.screenshotArtifactId);
                        QVERIFY2(shot, qPrintable(each.actionId));
                        QCOMPARE(shot->artifactType, u"screenshot_action"_s);
                        QCOMPARE(shot->stepId, each.stepId);
                        QCOMPARE(shot->workflowRunBlockId, entry.block.workflowRunBlockId);
                        ++screenshots;
                    }
                });
            QCOMPARE(failedActions, 1);
            QCOMPARE(screenshots, int(timeline.value.actionCount()));
            QVERIFY(screenshots >= 2);
        }
    }

    void aCompletedRunLooksLikeFinishedWork()
    {
        const auto skyvern = client(*m_demo);
        const QList<WorkflowRun> completed = runsWith(*skyvern, RunStatus::Completed);
        QVERIFY(completed.size() >= 5);
        for (const WorkflowRun &run : completed.mid(0, 5)) {
            const auto timeline = timelineOf(*skyvern, run.workflowRunId);
            QVERIFY2(timeline.ok(), qPrintable(timeline.error.message));
            int blocks = 0;
            int thoughts = 0;
            for (const TimelineEntry &entry : timeline.value.entries) {
                thoughts += entry.kind == TimelineEntry::Kind::Thought ? 1 : 0;
                if (entry.kind != TimelineEntry::Kind::Block)
                    continue;
                ++blocks;
                QCOMPARE(entry.block.status, RunStatus::Completed);
                QVERIFY2(entry.block.actions.size() >= 2 && entry.block.actions.size() <= 8,
                    qPrintable(QString::number(entry.block.actions.size())));
                for (const TimelineAction &action : entry.block.actions) {
                    QCOMPARE(action.status, ActionStatus::Completed);
                    QVERIFY(!action.reasoning.isEmpty());
                    QVERIFY(!action.intention.isEmpty());
                    QVERIFY(action.finishedAt > action.startedAt);
                }
            }
            QVERIFY2(blocks >= 2 && blocks <= 4, qPrintable(QString::number(blocks)));
            QVERIFY(thoughts >= 1);
            QVERIFY(!timeline.value.failurePosition().isValid());
            const TimelineAction *last = timeline.value.actionAt(timeline.value.latestAction());
            QCOMPARE(last->actionType, u"complete"_s);

            const auto finals
                = artifactsOf(*skyvern, run.workflowRunId, {u"screenshot_final"_s, u"recording"_s});
            QVERIFY2(finals.ok(), qPrintable(finals.error.message));
            QStringList types;
            for (const Artifact &artifact : finals.value.artifacts)
                types.append(artifact.artifactType);
            types.sort();
            QCOMPARE(types, (QStringList {u"recording"_s, u"screenshot_final"_s}));
        }
    }

    void aRunningRunEndsInAnActionInProgress()
    {
        TestServer server(3600000, 40);
        QVERIFY(server.isStarted());
        const auto skyvern = client(server);
        const QList<WorkflowRun> running = runsWith(*skyvern, RunStatus::Running);
        QVERIFY(!running.isEmpty());
        const QString runId = running.first().workflowRunId;
        const auto before = timelineOf(*skyvern, runId);
        QVERIFY2(before.ok(), qPrintable(before.error.message));
        const TimelinePosition now = before.value.latestAction();
        QVERIFY(before.value.actionAt(now)->isInProgress());
        QCOMPARE(before.value.entryAt(now.entryPath)->block.status, RunStatus::Running);
        QVERIFY(!before.value.failurePosition().isValid());
        QStringList done;
        forEachBlock(before.value.entries, [&done](const TimelineEntry &entry, const QList<int> &) {
            for (const TimelineAction &action : entry.block.actions) {
                if (!action.isInProgress())
                    done.append(action.actionId);
            }
        });
        QVERIFY(!done.isEmpty());

        // One step later, what was done is still there as it was, and more is under way.
        server.server()->tick();
        const auto after = timelineOf(*skyvern, runId);
        QVERIFY2(after.ok(), qPrintable(after.error.message));
        QStringList doneAfter;
        forEachBlock(
            after.value.entries, [&doneAfter](const TimelineEntry &entry, const QList<int> &) {
                for (const TimelineAction &action : entry.block.actions) {
                    if (!action.isInProgress())
                        doneAfter.append(action.actionId);
                }
            });
        QVERIFY(doneAfter.size() > done.size());
        QCOMPARE(doneAfter.mid(0, done.size()), done);
        QVERIFY(after.value.actionAt(after.value.latestAction())->isInProgress());
    }

    void aRunStillQueuedHasDoneNothingYet()
    {
        TestServer server(3600000, 40);
        QVERIFY(server.isStarted());
        const auto skyvern = client(server);
        const QList<WorkflowRun> queued = runsWith(*skyvern, RunStatus::Queued);
        QVERIFY(!queued.isEmpty());
        const auto timeline = timelineOf(*skyvern, queued.first().workflowRunId);
        QVERIFY2(timeline.ok(), qPrintable(timeline.error.message));
        QCOMPARE(timeline.value.entryCount(), 0);
        const auto artifacts = artifactsOf(*skyvern, queued.first().workflowRunId);
        QVERIFY2(artifacts.ok(), qPrintable(artifacts.error.message));
        QVERIFY(artifacts.value.artifacts.isEmpty());
    }

    void artifactContentIsAScreenshotOrTheRecording()
    {
        const auto skyvern = client(*m_demo);
        const QString runId = runsWith(*skyvern, RunStatus::Failed).value(0).workflowRunId;
        const auto artifacts = artifactsOf(*skyvern, runId);
        QVERIFY2(artifacts.ok(), qPrintable(artifacts.error.message));
        std::optional<Artifact> shot;
        std::optional<Artifact> recording;
        for (const Artifact &artifact : artifacts.value.artifacts) {
            if (!shot && artifact.artifactType == "screenshot_action"_L1)
                shot = artifact;
            if (artifact.isRecording())
                recording = artifact;
        }
        QVERIFY(shot && recording);

        const auto png = contentOf(*skyvern, runId, shot->artifactId);
        QVERIFY2(png.ok(), qPrintable(png.error.message));
        QVERIFY(png.value.startsWith("\x89PNG"));
        QCOMPARE(QImage::fromData(png.value).size(), QSize(1024, 640));

        const auto webm = contentOf(*skyvern, runId, recording->artifactId);
        QVERIFY2(webm.ok(), qPrintable(webm.error.message));
        QVERIFY(isWebm(webm.value));
        QCOMPARE(webm.value, demoRecording());
        QVERIFY(webm.value.size() > 10000);

        // The pre-signed link gives the same bytes without the key.
        QVERIFY(!shot->directUrl().isEmpty());
        ArtifactFetcher fetcher;
        QByteArray fetched;
        QString fetchError;
        bool called = false;
        fetcher.fetch(shot->directUrl(), this, [&](const QByteArray &data, const QString &error) {
            fetched = data;
            fetchError = error;
            called = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(called, 20000);
        QVERIFY2(fetchError.isEmpty(), qPrintable(fetchError));
        QCOMPARE(fetched, png.value);
        // The API route wants the key.
        const QUrl content = m_demo->url(u"/v1/artifacts/%1/content"_s.arg(shot->artifactId));
        QCOMPARE(httpRequest("GET", content, {}).status, 403);
        QCOMPARE(httpRequest("GET", content, m_demo->key()).status, 200);
    }

    void aRetryStartsTheSameWorkflowWithTheSameParameters()
    {
        const auto skyvern = client(*m_demo);
        const QString runId = runsWith(*skyvern, RunStatus::Failed).value(1).workflowRunId;
        const auto original = m_demo->server()->storedRun(runId);
        QVERIFY(original);
        QVERIFY(!original->parameters.isEmpty());

        const auto result = retry(*skyvern, runId);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        const QString newId = result.value.runId;
        QVERIFY(newId.startsWith("wr_"_L1));
        QVERIFY(newId != runId);
        QCOMPARE(result.value.status, RunStatus::Created);
        QCOMPARE(result.value.runRequest.value("parameters"_L1).toObject(), original->parameters);

        const auto stored = m_demo->server()->storedRun(newId);
        QVERIFY(stored);
        QCOMPARE(stored->workflowPermanentId, original->workflowPermanentId);
        QCOMPARE(stored->parameters, original->parameters);
        QCOMPARE(stored->proxyLocation, original->proxyLocation);
        QCOMPARE(stored->extraHttpHeaders, original->extraHttpHeaders);
        QCOMPARE(m_demo->server()->storedRun(runId)->status, u"failed"_s); // left as it was

        // The simulator runs it like a launched run.
        m_demo->server()->tick();
        QCOMPARE(m_demo->server()->storedRun(newId)->status, u"queued"_s);
        m_demo->server()->tick();
        QCOMPARE(m_demo->server()->storedRun(newId)->status, u"running"_s);

        // The server also answers the route's /v1/agents name.
        const HttpAnswer agents = httpRequest(
            "POST", m_demo->url(u"/v1/agents/runs/%1/retry"_s.arg(runId)), m_demo->key());
        QCOMPARE(agents.status, 200);
        QVERIFY(agents.json().object().value("run_id"_L1).toString() != newId);
    }

    void aRunStillGoingCannotBeRetried()
    {
        TestServer server(3600000, 40);
        QVERIFY(server.isStarted());
        const auto skyvern = client(server);
        const QString runId = runsWith(*skyvern, RunStatus::Running).value(0).workflowRunId;
        const auto result = retry(*skyvern, runId);
        QCOMPARE(result.error.kind, ApiError::Kind::Validation);
        QCOMPARE(result.error.httpStatus, 400);
        QVERIFY2(
            result.error.message.contains(u"not retryable"_s), qPrintable(result.error.message));
    }

    void unknownIdsAreNotFound_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("named");
        QTest::newRow("timeline") << u"timeline"_s << u"has no run wr_404"_s;
        QTest::newRow("artifacts") << u"artifacts"_s << u"has no run wr_404"_s;
        QTest::newRow("content") << u"content"_s << u"has no artifact a_wr_404_s1a1"_s;
        QTest::newRow("retry") << u"retry"_s << u"has no workflow run wr_404"_s;
    }

    void unknownIdsAreNotFound()
    {
        QFETCH(QString, call);
        QFETCH(QString, named);
        const auto skyvern = client(*m_demo);
        const QString runId = u"wr_404"_s;
        ApiError error;
        if (call == "timeline"_L1)
            error = timelineOf(*skyvern, runId).error;
        else if (call == "artifacts"_L1)
            error = artifactsOf(*skyvern, runId).error;
        else if (call == "content"_L1)
            error = contentOf(*skyvern, runId, u"a_wr_404_s1a1"_s).error;
        else
            error = retry(*skyvern, runId).error;
        QCOMPARE(error.kind, ApiError::Kind::NotFound);
        QCOMPARE(error.httpStatus, 404);
        QVERIFY2(error.message.contains(named), qPrintable(error.message));
        QVERIFY2(error.message.startsWith(skyvern->displayName()), qPrintable(error.message));
    }

    void theSecondPlatformRefusesClearly()
    {
        WorkflowPlatformClient platform(m_demo->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        const SourceFeatures features = platform.features();
        QVERIFY(!features.timeline);
        QVERIFY(!features.artifacts);
        QVERIFY(!features.retry);

        const auto timeline = timelineOf(platform, u"run_1"_s);
        QCOMPARE(timeline.error.kind, ApiError::Kind::BadInput);
        QVERIFY2(timeline.error.message.contains(u"does not offer run timelines"_s),
            qPrintable(timeline.error.message));
        const auto artifacts = artifactsOf(platform, u"run_1"_s);
        QVERIFY2(artifacts.error.message.contains(u"does not offer the screenshots"_s),
            qPrintable(artifacts.error.message));
        const auto content = contentOf(platform, u"run_1"_s, u"a_1"_s);
        QCOMPARE(content.error.kind, ApiError::Kind::BadInput);
        const auto retried = retry(platform, u"run_1"_s);
        QVERIFY2(retried.error.message.contains(u"does not offer retrying runs"_s),
            qPrintable(retried.error.message));

        // A refusal comes later, never inside the call, and a cancel drops it like a request.
        bool first = false;
        const RequestId id = platform.getTimeline(
            u"run_1"_s, this, [&first](const ApiResult<RunTimeline> &) { first = true; });
        QVERIFY(!first);
        platform.cancelRequest(id);
        const auto later = timelineOf(platform, u"run_2"_s);
        QVERIFY(later.error.isError());
        QVERIFY(!first);
    }

    void aMergedListAsksTheRunsOwnConnection()
    {
        const auto cloud = client(*m_demo);
        WorkflowPlatformClient platform(m_demo->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MergedRunSource merged(
            {{cloud.get(), u"Skyvern"_s, {}}, {&platform, u"Ops platform"_s, u"wf_price_scan"_s}});
        RunQuery query;
        query.pageSize = 200;
        const auto page = ask<RunPage>(
            [&](RunSource::RunPageHandler handler) { merged.listRuns(query, this, handler); });
        QVERIFY2(page.ok(), qPrintable(page.error.message));
        QString skyvernRun;
        QString platformRun;
        for (const WorkflowRun &run : page.value.runs) {
            if (run.source == "Skyvern"_L1 && run.status == RunStatus::Failed
                && skyvernRun.isEmpty())
                skyvernRun = run.workflowRunId;
            if (run.source == "Ops platform"_L1 && platformRun.isEmpty())
                platformRun = run.workflowRunId;
        }
        QVERIFY(!skyvernRun.isEmpty());
        QVERIFY(!platformRun.isEmpty());

        // Either connection has timelines, so the list does; each run says what its own has.
        QVERIFY(merged.features().timeline);
        QVERIFY(merged.featuresOf(skyvernRun).timeline);
        QVERIFY(merged.featuresOf(skyvernRun).retry);
        QVERIFY(!merged.featuresOf(platformRun).timeline);
        QVERIFY(!merged.featuresOf(platformRun).artifacts);
        QVERIFY(!merged.featuresOf(platformRun).retry);

        const auto direct = timelineOf(*cloud, skyvernRun);
        const auto forwarded = timelineOf(merged, skyvernRun);
        QVERIFY2(forwarded.ok(), qPrintable(forwarded.error.message));
        QCOMPARE(forwarded.value.toJson(), direct.value.toJson());
        QVERIFY(forwarded.value.failurePosition().isValid());
        const auto refused = timelineOf(merged, platformRun);
        QVERIFY2(refused.error.message.contains(u"does not offer run timelines"_s),
            qPrintable(refused.error.message));
        const auto unknown = timelineOf(merged, u"wr_nowhere"_s);
        QVERIFY2(unknown.error.message.contains(u"not in the loaded lists"_s),
            qPrintable(unknown.error.message));

        const auto artifacts = artifactsOf(merged, skyvernRun, {u"screenshot_action"_s});
        QVERIFY2(artifacts.ok(), qPrintable(artifacts.error.message));
        QCOMPARE(int(artifacts.value.artifacts.size()), int(direct.value.actionCount()));
        const auto png
            = contentOf(merged, skyvernRun, artifacts.value.artifacts.first().artifactId);
        QVERIFY2(png.ok(), qPrintable(png.error.message));
        QVERIFY(png.value.startsWith("\x89PNG"));

        // A retried run is on the same connection, and known there before any list shows it.
        const auto retried = retry(merged, skyvernRun);
        QVERIFY2(retried.ok(), qPrintable(retried.error.message));
        QVERIFY(m_demo->server()->storedRun(retried.value.runId));
        const auto detail = ask<RunDetail>([&](RunSource::Handler<RunDetail> handler) {
            merged.getRun(retried.value.runId, this, handler);
        });
        QVERIFY2(detail.ok(), qPrintable(detail.error.message));
        QCOMPARE(detail.value.runId, retried.value.runId);
        QVERIFY(merged.featuresOf(retried.value.runId).timeline);

        // A forwarded call cancels through the list.
        bool canceled = false;
        const RequestId id = merged.getTimeline(
            skyvernRun, this, [&canceled](const ApiResult<RunTimeline> &) { canceled = true; });
        merged.cancelRequest(id);
        QVERIFY(timelineOf(merged, skyvernRun).ok());
        QVERIFY(!canceled);
    }

    void hugeTimelinesAndArtifactListsAreReadWhole()
    {
        TestServer server(3600000, 60, 7, evidence(true, false));
        QVERIFY(server.isStarted());
        const auto skyvern = client(server);
        for (RunStatus status : {RunStatus::Failed, RunStatus::Completed}) {
            const QString runId = runsWith(*skyvern, status).value(0).workflowRunId;
            QVERIFY(!runId.isEmpty());
            const auto timeline = timelineOf(*skyvern, runId);
            QVERIFY2(timeline.ok(), qPrintable(timeline.error.message));
            QCOMPARE(timeline.value.actionCount(), 2000);
            QVERIFY2(timeline.value.notes.isEmpty(), qPrintable(timeline.value.notes.join(u' ')));
            QCOMPARE(timeline.value.failurePosition().isValid(), status == RunStatus::Failed);
            const auto artifacts = artifactsOf(*skyvern, runId);
            QVERIFY2(artifacts.ok(), qPrintable(artifacts.error.message));
            QCOMPARE(artifacts.value.artifacts.size(), 10000);
            QVERIFY2(artifacts.value.notes.isEmpty(), qPrintable(artifacts.value.notes.join(u' ')));
        }
    }

    void brokenArtifactsAreServedAsTheyAre()
    {
        TestServer server(3600000, 60, 7, evidence(false, true));
        QVERIFY(server.isStarted());
        const auto skyvern = client(server);
        const QString runId = runsWith(*skyvern, RunStatus::Completed).value(0).workflowRunId;
        const auto timeline = timelineOf(*skyvern, runId);
        QVERIFY2(timeline.ok(), qPrintable(timeline.error.message));
        QList<QString> shots;
        forEachBlock(
            timeline.value.entries, [&shots](const TimelineEntry &entry, const QList<int> &) {
                for (const TimelineAction &action : entry.block.actions)
                    shots.append(action.screenshotArtifactId);
            });
        QVERIFY(shots.size() >= 2);

        // The first action's screenshot is some storage error page, answered with 200.
        const auto broken = contentOf(*skyvern, runId, shots.first());
        QVERIFY2(broken.ok(), qPrintable(broken.error.message));
        QVERIFY(!broken.value.isEmpty());
        QVERIFY(QImage::fromData(broken.value).isNull());
        const auto fine = contentOf(*skyvern, runId, shots.at(1));
        QVERIFY(!QImage::fromData(fine.value).isNull());

        const auto recordings = artifactsOf(*skyvern, runId, {u"recording"_s});
        QCOMPARE(recordings.value.artifacts.size(), 1);
        const auto cut = contentOf(*skyvern, runId, recordings.value.artifacts.first().artifactId);
        QVERIFY2(cut.ok(), qPrintable(cut.error.message));
        QVERIFY(isWebm(cut.value));
        QVERIFY(cut.value.size() < demoRecording().size());
        QVERIFY(demoRecording().startsWith(cut.value));
    }
};

QTEST_MAIN(TestTimelineEndpoints)
#include "tst_timelineendpoints.moc"
