// Decoding a run's timeline and artifact list: the contract's shape read whole and put in time
// order, and what a broken server sends (unreadable entries, absurd values, deep nesting, huge
// answers) left out or cut with a note instead of failing the answer.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

#include "artifact.h"
#include "runtimeline.h"

using namespace Qt::StringLiterals;

namespace {

QString at(int second)
{
    return u"2026-11-29T10:00:%1"_s.arg(second, 2, 10, QChar(u'0'));
}

QJsonObject action(
    const QString &type, const QString &status, int second, const QString &stepId = u"stp_1"_s)
{
    return {{u"action_type"_s, type}, {u"status"_s, status},
        {u"action_id"_s, u"act_%1"_s.arg(second)}, {u"step_id"_s, stepId},
        {u"reasoning"_s, u"The page shows a login form; I will type the username."_s},
        {u"intention"_s, u"Enter the username"_s}, {u"element_id"_s, u"AAAB"_s},
        {u"screenshot_artifact_id"_s, u"a_%1"_s.arg(second)}, {u"created_at"_s, at(second)},
        {u"started_at"_s, at(second)}, {u"finished_at"_s, at(second + 1)}};
}

QJsonObject block(const QString &id, const QString &status, int second, const QJsonArray &actions)
{
    return {{u"workflow_run_block_id"_s, id}, {u"workflow_run_id"_s, u"wr_1"_s},
        {u"organization_id"_s, u"o_1"_s}, {u"block_type"_s, u"login"_s}, {u"label"_s, u"sign_in"_s},
        {u"status"_s, status}, {u"actions"_s, actions}, {u"created_at"_s, at(second)},
        {u"modified_at"_s, at(second + 5)}};
}

QJsonObject blockEntry(const QJsonObject &block, const QJsonArray &children = {})
{
    return {{u"type"_s, u"block"_s}, {u"block"_s, block}, {u"children"_s, children},
        {u"created_at"_s, block.value("created_at"_L1)},
        {u"modified_at"_s, block.value("modified_at"_L1)}};
}

QJsonObject thoughtEntry(int second)
{
    const QJsonObject thought {{u"thought_id"_s, u"ot_1"_s}, {u"task_id"_s, u"tsk_1"_s},
        {u"organization_id"_s, u"o_1"_s}, {u"thought"_s, u"First I sign in."_s},
        {u"thought_type"_s, u"plan"_s}, {u"created_at"_s, at(second)},
        {u"modified_at"_s, at(second)}};
    return {{u"type"_s, u"thought"_s}, {u"thought"_s, thought}, {u"created_at"_s, at(second)},
        {u"modified_at"_s, at(second)}};
}

QByteArray body(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

/** A timeline with one good block beside `broken`, so only the broken part can go missing. */
std::optional<RunTimeline> withOneBroken(const QJsonObject &broken, QString *error)
{
    const QJsonObject good = blockEntry(
        block(u"wrb_good"_s, u"completed"_s, 10, {action(u"click"_s, u"completed"_s, 10)}));
    return RunTimeline::fromJson(body({good, broken}), error);
}

QJsonObject artifact(const QString &id, const QString &type)
{
    return {{u"artifact_id"_s, id}, {u"artifact_type"_s, type},
        {u"uri"_s, u"s3://bucket/%1.png"_s.arg(id)}, {u"organization_id"_s, u"o_1"_s},
        {u"step_id"_s, u"stp_1"_s}, {u"workflow_run_block_id"_s, u"wrb_1"_s},
        {u"signed_url"_s, u"https://cdn.example/%1?sig=x"_s.arg(id)}, {u"created_at"_s, at(1)},
        {u"modified_at"_s, at(1)}};
}

} // namespace

class TestRunTimeline : public QObject
{
    Q_OBJECT

private slots:
    void readsTheContractShapeOldestFirst()
    {
        // Skyvern answers newest first at every level.
        QJsonObject failing = action(u"click"_s, u"failed"_s, 30, u"stp_2"_s);
        failing.insert(u"errors"_s,
            QJsonArray {QJsonObject {{u"error_code"_s, u"LOGIN_FAILED"_s},
                {u"reasoning"_s, u"The form did not accept it"_s}, {u"confidence_float"_s, 0.9}}});
        failing.insert(u"option"_s, QJsonObject {{u"label"_s, u"Monthly"_s}, {u"value"_s, u"m"_s}});
        failing.insert(u"step_order"_s, 1);
        failing.insert(u"action_order"_s, 0);
        QJsonObject failedBlock = block(u"wrb_2"_s, u"failed"_s, 30, {failing});
        failedBlock.insert(u"failure_reason"_s, u"Could not log in"_s);
        failedBlock.insert(u"error_codes"_s, QJsonArray {u"LOGIN_FAILED"_s});
        failedBlock.insert(u"duration"_s, 4.5);
        const QJsonObject child = blockEntry(block(u"wrb_child"_s, u"completed"_s, 22,
            {action(u"input_text"_s, u"completed"_s, 23), action(u"wait"_s, u"completed"_s, 22)}));
        const QJsonArray wire {blockEntry(failedBlock),
            blockEntry(block(u"wrb_1"_s, u"completed"_s, 20,
                           {action(u"click"_s, u"completed"_s, 21),
                               action(u"input_text"_s, u"completed"_s, 20)}),
                {child}),
            thoughtEntry(5)};

        QString error;
        const auto timeline = RunTimeline::fromJson(body(wire), &error);
        QVERIFY2(timeline, qPrintable(error));
        QVERIFY2(timeline->notes.isEmpty(), qPrintable(timeline->notes.join(u' ')));
        QCOMPARE(timeline->entries.size(), 3);
        QCOMPARE(timeline->entryCount(), 4);
        QCOMPARE(timeline->actionCount(), 5);
        QCOMPARE(timeline->entries.at(0).kind, TimelineEntry::Kind::Thought);
        QCOMPARE(timeline->entries.at(0).thought.thought, u"First I sign in."_s);
        QCOMPARE(timeline->entries.at(0).title(), u"First I sign in."_s);

        const TimelineEntry &first = timeline->entries.at(1);
        QCOMPARE(first.kind, TimelineEntry::Kind::Block);
        QCOMPARE(first.block.workflowRunBlockId, u"wrb_1"_s);
        QCOMPARE(first.block.actions.at(0).actionType, u"input_text"_s);
        QCOMPARE(first.block.actions.at(1).actionType, u"click"_s);
        QCOMPARE(first.children.size(), 1);
        QCOMPARE(first.children.at(0).block.actions.at(0).actionType, u"wait"_s);
        QCOMPARE(first.title(), u"sign_in"_s);

        const TimelineBlock &failed = timeline->entries.at(2).block;
        QCOMPARE(failed.status, RunStatus::Failed);
        QCOMPARE(failed.failureReason, u"Could not log in"_s);
        QCOMPARE(failed.errorCodes, QStringList {u"LOGIN_FAILED"_s});
        QCOMPARE(failed.durationSeconds.value_or(-1), 4.5);
        const TimelineAction &act = failed.actions.at(0);
        QCOMPARE(act.status, ActionStatus::Failed);
        QCOMPARE(act.reasoning, u"The page shows a login form; I will type the username."_s);
        QCOMPARE(act.intention, u"Enter the username"_s);
        QCOMPARE(act.elementId, u"AAAB"_s);
        QCOMPARE(act.stepId, u"stp_2"_s);
        QCOMPARE(act.screenshotArtifactId, u"a_30"_s);
        QCOMPARE(act.optionLabel, u"Monthly"_s);
        QCOMPARE(act.stepOrder.value_or(-1), 1);
        QCOMPARE(act.errors.size(), 1);
        QCOMPARE(act.errors.at(0).errorCode, u"LOGIN_FAILED"_s);
        QCOMPARE(act.durationSeconds().value_or(-1), 1.0);

        const TimelinePosition failure = timeline->failurePosition();
        QCOMPARE(failure.entryPath, QList<int> {2});
        QCOMPARE(failure.action, 0);
        QCOMPARE(timeline->actionAt(failure)->actionId, u"act_30"_s);
        QCOMPARE(timeline->latestAction(), failure);
    }

    void aTimelineWithNothingFailedHasNoFailure()
    {
        QString error;
        const auto timeline
            = RunTimeline::fromJson(body({blockEntry(block(u"wrb_1"_s, u"completed"_s, 1,
                                        {action(u"click"_s, u"completed"_s, 1),
                                            action(u"complete"_s, u"completed"_s, 3)}))}),
                &error);
        QVERIFY2(timeline, qPrintable(error));
        QVERIFY(!timeline->failurePosition().isValid());
        QCOMPARE(timeline->actionAt(timeline->latestAction())->actionType, u"complete"_s);
    }

    void aFailedBlockWithoutActionsIsTheFailure()
    {
        QString error;
        const auto timeline
            = RunTimeline::fromJson(body({blockEntry(block(u"wrb_1"_s, u"completed"_s, 1,
                                              {action(u"click"_s, u"completed"_s, 1)})),
                                        blockEntry(block(u"wrb_2"_s, u"terminated"_s, 9, {}))}),
                &error);
        QVERIFY2(timeline, qPrintable(error));
        const TimelinePosition failure = timeline->failurePosition();
        QCOMPARE(failure.entryPath, QList<int> {1});
        QCOMPARE(failure.action, -1);
        QCOMPARE(timeline->entryAt(failure.entryPath)->block.workflowRunBlockId, u"wrb_2"_s);
    }

    void anInProgressActionIsPendingWithAStartAndNoFinish()
    {
        QJsonObject running = action(u"click"_s, u"pending"_s, 12);
        running.remove(u"finished_at"_s);
        QString error;
        const auto timeline
            = RunTimeline::fromJson(body({blockEntry(block(u"wrb_1"_s, u"running"_s, 1,
                                        {action(u"input_text"_s, u"completed"_s, 1), running}))}),
                &error);
        QVERIFY2(timeline, qPrintable(error));
        const TimelineAction *latest = timeline->actionAt(timeline->latestAction());
        QVERIFY(latest);
        QVERIFY(latest->isInProgress());
        QCOMPARE(timeline->entries.at(0).block.status, RunStatus::Running);
    }

    void unreadablePartsAreLeftOutWithANote_data()
    {
        QTest::addColumn<QJsonObject>("broken");
        QTest::addColumn<QString>("named"); // in the note
        QTest::addColumn<int>("entries");
        QTest::addColumn<int>("actions");

        const QJsonObject good
            = block(u"wrb_x"_s, u"completed"_s, 40, {action(u"click"_s, u"completed"_s, 40)});
        QJsonObject noType = blockEntry(good);
        noType.remove(u"type"_s);
        QTest::newRow("entry without type") << noType << u"[1].type"_s << 1 << 1;
        QJsonObject noId = good;
        noId.remove(u"workflow_run_block_id"_s);
        QTest::newRow("block without id")
            << blockEntry(noId) << u"[1].block.workflow_run_block_id"_s << 1 << 1;
        QJsonObject wrongBlock = blockEntry(good);
        wrongBlock.insert(u"block"_s, u"oops"_s);
        QTest::newRow("block not an object") << wrongBlock << u"[1].block"_s << 1 << 1;
        QJsonObject badTime = blockEntry(good);
        badTime.insert(u"created_at"_s, u"yesterday"_s);
        QTest::newRow("entry time not a date") << badTime << u"[1].created_at"_s << 1 << 1;
        QJsonObject badAction = action(u"click"_s, u"completed"_s, 41);
        badAction.insert(u"action_type"_s, 7);
        QTest::newRow("action type a number") << blockEntry(block(
            u"wrb_y"_s, u"completed"_s, 40, {badAction, action(u"wait"_s, u"completed"_s, 42)}))
                                              << u"[1].block.actions[0].action_type"_s << 2 << 2;
        QTest::newRow("action not an object")
            << blockEntry(block(u"wrb_y"_s, u"completed"_s, 40, {QJsonArray {1, 2}}))
            << u"[1].block.actions[0]"_s << 2 << 1;
        QTest::newRow("child not an object")
            << blockEntry(good, {u"child"_s}) << u"[1].children[0]"_s << 2 << 2;
        QJsonObject badChild = blockEntry(noId);
        QTest::newRow("child without block id")
            << blockEntry(good, {badChild}) << u"[1].children[0].block"_s << 2 << 2;
    }

    void unreadablePartsAreLeftOutWithANote()
    {
        QFETCH(QJsonObject, broken);
        QFETCH(QString, named);
        QFETCH(int, entries);
        QFETCH(int, actions);
        QString error;
        const auto timeline = withOneBroken(broken, &error);
        QVERIFY2(timeline, qPrintable(error));
        QCOMPARE(timeline->entryCount(), entries);
        QCOMPARE(timeline->actionCount(), actions);
        QCOMPARE(timeline->notes.size(), 1);
        QVERIFY2(timeline->notes.first().contains(named), qPrintable(timeline->notes.first()));
    }

    void anAnswerWithNothingReadableIsAnError_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("<html>") << u"not valid JSON"_s;
        QTest::newRow("an object") << QByteArray("{\"detail\":\"x\"}") << u"JSON array"_s;
        QTest::newRow("every entry broken")
            << QByteArray("[{\"type\":5,\"created_at\":\"2026-11-29T10:00:00\"}]") << u"[0].type"_s;
    }

    void anAnswerWithNothingReadableIsAnError()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QString, error);
        QString problem;
        QVERIFY(!RunTimeline::fromJson(wire, &problem));
        QVERIFY2(problem.contains(error), qPrintable(problem));
    }

    void anEmptyTimelineIsNoError()
    {
        QString error;
        const auto timeline = RunTimeline::fromJson("[]", &error);
        QVERIFY2(timeline, qPrintable(error));
        QCOMPARE(timeline->entryCount(), 0);
        QVERIFY(!timeline->failurePosition().isValid());
    }

    void unknownValuesAreKeptAsUnknown()
    {
        QJsonObject odd = action(u"teleport"_s, u"retrying"_s, 3);
        QJsonObject oddBlock = block(u"wrb_1"_s, u"exploded"_s, 1, {odd});
        oddBlock.insert(u"block_type"_s, u"quantum_loop"_s);
        QJsonObject marker {{u"type"_s, u"milestone"_s}, {u"created_at"_s, at(50)},
            {u"modified_at"_s, at(50)}, {u"children"_s, QJsonArray {blockEntry(oddBlock)}}};
        QString error;
        const auto timeline = RunTimeline::fromJson(body({marker}), &error);
        QVERIFY2(timeline, qPrintable(error));
        QCOMPARE(timeline->entries.at(0).kind, TimelineEntry::Kind::Unknown);
        QCOMPARE(timeline->entries.at(0).title(), u"milestone"_s);
        const TimelineBlock &read = timeline->entries.at(0).children.at(0).block;
        QCOMPARE(read.status, RunStatus::Unknown);
        QCOMPARE(read.statusText, u"exploded"_s);
        QCOMPARE(read.blockType, u"quantum_loop"_s);
        QCOMPARE(read.actions.at(0).status, ActionStatus::Unknown);
        QCOMPARE(read.actions.at(0).statusText, u"retrying"_s);
        QCOMPARE(read.actions.at(0).actionType, u"teleport"_s);
    }

    void absurdValuesAreDroppedWithANote_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("negative duration") << u"duration"_s << QJsonValue(-5);
        QTest::newRow("a duration of years") << u"duration"_s << QJsonValue(1e12);
        QTest::newRow("negative step order") << u"step_order"_s << QJsonValue(-1);
        QTest::newRow("action order past a million") << u"action_order"_s << QJsonValue(5e9);
        QTest::newRow("confidence of 7") << u"confidence_float"_s << QJsonValue(7);
    }

    void absurdValuesAreDroppedWithANote()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject act = action(u"click"_s, u"completed"_s, 1);
        QJsonObject blk = block(u"wrb_1"_s, u"completed"_s, 1, {});
        (field == "duration"_L1 ? blk : act).insert(field, value);
        blk.insert(u"actions"_s, QJsonArray {act});
        QString error;
        const auto timeline = RunTimeline::fromJson(body({blockEntry(blk)}), &error);
        QVERIFY2(timeline, qPrintable(error));
        const TimelineBlock &read = timeline->entries.at(0).block;
        QCOMPARE(read.actions.size(), 1); // the action stays; only the value goes
        QVERIFY(!read.durationSeconds);
        QVERIFY(!read.actions.at(0).stepOrder);
        QVERIFY(!read.actions.at(0).actionOrder);
        QVERIFY(!read.actions.at(0).confidence);
        QCOMPARE(timeline->notes.size(), 1);
        QVERIFY2(timeline->notes.first().contains(field), qPrintable(timeline->notes.first()));
    }

    void oversizedTextsAreCut()
    {
        QJsonObject act = action(u"click"_s, u"completed"_s, 1);
        act.insert(u"reasoning"_s, QString(5 * 1024 * 1024, u'x'));
        QString error;
        const auto timeline = RunTimeline::fromJson(
            body({blockEntry(block(u"wrb_1"_s, u"completed"_s, 1, {act}))}), &error);
        QVERIFY2(timeline, qPrintable(error));
        QCOMPARE(timeline->entries.at(0).block.actions.at(0).reasoning.size(),
            LenientRead::kMaxTextLength);
        QCOMPARE(timeline->notes.size(), 1);
        QVERIFY2(
            timeline->notes.first().contains(u"reasoning"_s), qPrintable(timeline->notes.first()));
    }

    void deepNestingIsCutWithANote()
    {
        // 200 loops in loops: more than anyone builds, fewer than the JSON parser refuses.
        QJsonObject entry = blockEntry(block(u"wrb_leaf"_s, u"completed"_s, 1, {}));
        for (int depth = 0; depth < 200; ++depth)
            entry = blockEntry(block(u"wrb_%1"_s.arg(depth), u"completed"_s, 1, {}), {entry});
        QString error;
        const auto timeline = RunTimeline::fromJson(body({entry}), &error);
        QVERIFY2(timeline, qPrintable(error));
        QCOMPARE(timeline->entryCount(), RunTimeline::kMaxDepth + 1);
        QCOMPARE(timeline->notes.size(), 1);
        QVERIFY2(
            timeline->notes.first().contains(u"deeper"_s), qPrintable(timeline->notes.first()));
    }

    void aTimelineOfTwoThousandActionsIsReadWhole()
    {
        QJsonArray entries;
        for (int b = 0; b < 20; ++b) {
            QJsonArray actions;
            for (int a = 0; a < 100; ++a)
                actions.append(action(u"click"_s, u"completed"_s, 1, u"stp_%1"_s.arg(b)));
            entries.append(blockEntry(block(u"wrb_%1"_s.arg(b), u"completed"_s, b, actions)));
        }
        QString error;
        const auto timeline = RunTimeline::fromJson(body(entries), &error);
        QVERIFY2(timeline, qPrintable(error));
        QCOMPARE(timeline->actionCount(), 2000);
        QVERIFY2(timeline->notes.isEmpty(), qPrintable(timeline->notes.join(u' ')));
    }

    void aTimelineOverTheActionCapIsCutWithANote()
    {
        QJsonArray actions;
        for (int a = 0; a < RunTimeline::kMaxActions + 123; ++a)
            actions.append(QJsonObject {{u"action_type"_s, u"wait"_s}});
        QString error;
        const auto timeline = RunTimeline::fromJson(
            body({blockEntry(block(u"wrb_1"_s, u"completed"_s, 1, actions))}), &error);
        QVERIFY2(timeline, qPrintable(error));
        QCOMPARE(timeline->actionCount(), RunTimeline::kMaxActions);
        QCOMPARE(timeline->notes.size(), 1);
        QVERIFY2(timeline->notes.first().contains(u"123 more actions"_s),
            qPrintable(timeline->notes.first()));
    }

    void writesWhatItReads()
    {
        const QJsonArray wire {
            blockEntry(block(u"wrb_2"_s, u"failed"_s, 30,
                {action(u"click"_s, u"failed"_s, 31), action(u"wait"_s, u"completed"_s, 30)})),
            thoughtEntry(5)};
        QString error;
        const auto timeline = RunTimeline::fromJson(body(wire), &error);
        QVERIFY2(timeline, qPrintable(error));
        const auto again = RunTimeline::fromJson(body(timeline->toJson()), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->toJson(), timeline->toJson());
        // Newest first, as Skyvern answers.
        QCOMPARE(timeline->toJson().at(0).toObject().value("type"_L1).toString(), u"block"_s);
        QCOMPARE(timeline->toJson()
                     .at(0)
                     .toObject()
                     .value("block"_L1)
                     .toObject()
                     .value("actions"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("action_type"_L1)
                     .toString(),
            u"click"_s);
    }

    void readsArtifacts()
    {
        QJsonObject recording = artifact(u"a_2"_s, u"recording"_s);
        recording.insert(u"file_size"_s, 182202);
        QString error;
        const auto list = RunArtifacts::fromJson(
            body({artifact(u"a_1"_s, u"screenshot_action"_s), recording}), &error);
        QVERIFY2(list, qPrintable(error));
        QVERIFY(list->notes.isEmpty());
        QCOMPARE(list->artifacts.size(), 2);
        const Artifact &shot = list->artifacts.at(0);
        QCOMPARE(shot.artifactId, u"a_1"_s);
        QVERIFY(shot.isScreenshot());
        QVERIFY(!shot.isRecording());
        QCOMPARE(shot.stepId, u"stp_1"_s);
        QCOMPARE(shot.workflowRunBlockId, u"wrb_1"_s);
        QCOMPARE(shot.createdAt, QDateTime(QDate(2026, 11, 29), QTime(10, 0, 1), QTimeZone::utc()));
        QVERIFY(list->artifacts.at(1).isRecording());
        QCOMPARE(list->artifacts.at(1).fileSize.value_or(0), 182202);
        QCOMPARE(list->ofStep(u"stp_1"_s).size(), 2);
        QCOMPARE(list->find(u"a_2"_s)->artifactType, u"recording"_s);
        QVERIFY(!list->find(u"a_3"_s));
    }

    void anArtifactIsFetchedDirectlyOnlyFromASignedLinkOrALocalFile_data()
    {
        QTest::addColumn<QString>("signedUrl");
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QUrl>("direct");
        QTest::newRow("signed https") << u"https://cdn.example/a.png?sig=1"_s << u"s3://b/a.png"_s
                                      << QUrl(u"https://cdn.example/a.png?sig=1"_s);
        QTest::newRow("stored on this disk")
            << QString() << u"file:///var/skyvern/a.png"_s << QUrl(u"file:///var/skyvern/a.png"_s);
        QTest::newRow("only in storage") << QString() << u"s3://b/a.png"_s << QUrl();
        QTest::newRow("a link of another kind")
            << u"ftp://x/a.png"_s << u"s3://b/a.png"_s << QUrl();
    }

    void anArtifactIsFetchedDirectlyOnlyFromASignedLinkOrALocalFile()
    {
        QFETCH(QString, signedUrl);
        QFETCH(QString, uri);
        QFETCH(QUrl, direct);
        Artifact artifact;
        artifact.signedUrl = signedUrl;
        artifact.uri = uri;
        QCOMPARE(artifact.directUrl(), direct);
    }

    void unreadableArtifactsAreLeftOutWithANote()
    {
        QJsonObject noUri = artifact(u"a_2"_s, u"har"_s);
        noUri.remove(u"uri"_s);
        QJsonObject hugeSize = artifact(u"a_3"_s, u"download"_s);
        hugeSize.insert(u"file_size"_s, -4);
        QString error;
        const auto list = RunArtifacts::fromJson(
            body({artifact(u"a_1"_s, u"screenshot_final"_s), noUri, 17, hugeSize}), &error);
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(list->artifacts.size(), 2);
        QVERIFY(!list->artifacts.at(1).fileSize);
        QCOMPARE(list->notes.size(), 2);
        QVERIFY2(list->notes.at(0).startsWith(u"2 artifact"_s), qPrintable(list->notes.at(0)));
        QVERIFY2(list->notes.at(0).contains(u"[1].uri"_s), qPrintable(list->notes.at(0)));
        QVERIFY2(list->notes.at(1).contains(u"file_size"_s), qPrintable(list->notes.at(1)));
    }

    void artifactListsAreReadWholeUpToTheCap_data()
    {
        QTest::addColumn<int>("sent");
        QTest::addColumn<int>("read");
        QTest::addColumn<bool>("noted");
        QTest::newRow("ten thousand") << 10000 << 10000 << false;
        QTest::newRow("past the cap")
            << RunArtifacts::kMaxArtifacts + 5 << int(RunArtifacts::kMaxArtifacts) << true;
    }

    void artifactListsAreReadWholeUpToTheCap()
    {
        QFETCH(int, sent);
        QFETCH(int, read);
        QFETCH(bool, noted);
        QJsonArray array;
        for (int i = 0; i < sent; ++i)
            array.append(artifact(u"a_%1"_s.arg(i), u"screenshot_llm"_s));
        QString error;
        const auto list = RunArtifacts::fromJson(body(array), &error);
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(list->artifacts.size(), read);
        QCOMPARE(list->artifacts.last().artifactId, u"a_%1"_s.arg(read - 1));
        QCOMPARE(!list->notes.isEmpty(), noted);
    }
};

QTEST_GUILESS_MAIN(TestRunTimeline)
#include "tst_runtimeline.moc"
