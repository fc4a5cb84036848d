#include "timelineentry.h"

#include <algorithm>

#include <QJsonArray>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

namespace {

// Longer than a week is a broken clock, not a slow page.
constexpr double kMaxDurationSeconds = 7 * 24 * 3600;

/**
 * Puts actions oldest first. Skyvern sends them newest first; other servers may not, so they
 * are ordered by what every one of them carries: creation time, else step and action order.
 * Without either the server's order stands.
 */
void sortActions(QList<TimelineAction> &actions)
{
    const bool timed = std::all_of(actions.cbegin(), actions.cend(),
        [](const TimelineAction &action) { return action.createdAt.isValid(); });
    if (timed) {
        std::stable_sort(
            actions.begin(), actions.end(), [](const TimelineAction &a, const TimelineAction &b) {
                return a.createdAt < b.createdAt;
            });
        return;
    }
    const bool ordered = std::all_of(actions.cbegin(), actions.cend(),
        [](const TimelineAction &action) { return action.stepOrder && action.actionOrder; });
    if (ordered) {
        std::stable_sort(
            actions.begin(), actions.end(), [](const TimelineAction &a, const TimelineAction &b) {
                return std::pair(*a.stepOrder, *a.actionOrder)
                    < std::pair(*b.stepOrder, *b.actionOrder);
            });
    }
}

TimelineBlock readBlock(JsonReader &reader, TimelineBudget &budget)
{
    LenientRead &read = budget.read;
    TimelineBlock block;
    block.workflowRunBlockId = reader.requiredString("workflow_run_block_id"_L1);
    block.workflowRunId = reader.requiredString("workflow_run_id"_L1);
    block.organizationId = reader.requiredString("organization_id"_L1);
    block.blockType = reader.requiredString("block_type"_L1);
    block.createdAt = reader.requiredTimestamp("created_at"_L1);
    block.modifiedAt = reader.requiredTimestamp("modified_at"_L1);
    block.blockWorkflowRunId = reader.optionalString("block_workflow_run_id"_L1);
    block.parentWorkflowRunBlockId = reader.optionalString("parent_workflow_run_block_id"_L1);
    block.label = read.text(reader, "label"_L1);
    block.description = read.text(reader, "description"_L1);
    block.statusText = reader.optionalString("status"_L1);
    block.status = runStatusFromWire(block.statusText);
    block.failureReason = read.text(reader, "failure_reason"_L1);
    const QJsonArray codes = reader.optionalArray("error_codes"_L1);
    for (qsizetype i = 0; i < codes.size(); ++i) {
        if (!codes.at(i).isString()) {
            reader.fail(u"%1[%2]: expected a string, got %3"_s.arg(
                reader.fieldPath("error_codes"_L1), QString::number(i), jsonTypeName(codes.at(i))));
            break;
        }
        block.errorCodes.append(codes.at(i).toString().left(LenientRead::kMaxTextLength));
    }
    block.continueOnFailure = reader.optionalBool("continue_on_failure"_L1).value_or(false);
    block.engine = reader.optionalString("engine"_L1);
    block.taskId = reader.optionalString("task_id"_L1);
    block.url = read.text(reader, "url"_L1);
    block.finalUrl = read.text(reader, "final_url"_L1);
    block.navigationGoal = read.text(reader, "navigation_goal"_L1);
    block.dataExtractionGoal = read.text(reader, "data_extraction_goal"_L1);
    block.output = reader.optionalValue("output"_L1);
    block.durationSeconds = read.number(reader, "duration"_L1, 0, kMaxDurationSeconds);
    if (!reader.ok())
        return block; // the entry is unreadable; its actions need not be looked at

    const QJsonArray actions = reader.optionalArray("actions"_L1);
    for (qsizetype i = 0; i < actions.size(); ++i) {
        if (budget.actions >= budget.maxActions) {
            budget.actionsLeftOut += actions.size() - i;
            break;
        }
        const QString path = u"%1[%2]"_s.arg(reader.fieldPath("actions"_L1)).arg(i);
        if (!actions.at(i).isObject()) {
            read.skip(u"%1: expected an object, got %2"_s.arg(path, jsonTypeName(actions.at(i))));
            continue;
        }
        QString problem;
        std::optional<TimelineAction> action
            = TimelineAction::fromJson(actions.at(i).toObject(), path, read, &problem);
        if (!action) {
            read.skip(problem);
            continue;
        }
        ++budget.actions;
        block.actions.append(std::move(*action));
    }
    sortActions(block.actions);
    return block;
}

TimelineThought readThought(JsonReader &reader, LenientRead &read)
{
    TimelineThought thought;
    thought.thoughtId = reader.requiredString("thought_id"_L1);
    thought.taskId = reader.requiredString("task_id"_L1);
    thought.organizationId = reader.requiredString("organization_id"_L1);
    thought.createdAt = reader.requiredTimestamp("created_at"_L1);
    thought.modifiedAt = reader.requiredTimestamp("modified_at"_L1);
    thought.workflowRunId = reader.optionalString("workflow_run_id"_L1);
    thought.workflowRunBlockId = reader.optionalString("workflow_run_block_id"_L1);
    thought.userInput = read.text(reader, "user_input"_L1);
    thought.observation = read.text(reader, "observation"_L1);
    thought.thought = read.text(reader, "thought"_L1);
    thought.answer = read.text(reader, "answer"_L1);
    thought.thoughtType = reader.optionalString("thought_type"_L1);
    thought.thoughtScenario = reader.optionalString("thought_scenario"_L1);
    return thought;
}

QJsonObject blockJson(const TimelineBlock &block)
{
    QJsonArray actions;
    for (const TimelineAction &action : block.actions)
        actions.append(action.toJson());
    return {
        {u"workflow_run_block_id"_s, block.workflowRunBlockId},
        {u"block_workflow_run_id"_s, jsonStringOrNull(block.blockWorkflowRunId)},
        {u"workflow_run_id"_s, block.workflowRunId},
        {u"organization_id"_s, block.organizationId},
        {u"description"_s, jsonStringOrNull(block.description)},
        {u"parent_workflow_run_block_id"_s, jsonStringOrNull(block.parentWorkflowRunBlockId)},
        {u"block_type"_s, block.blockType},
        {u"label"_s, jsonStringOrNull(block.label)},
        {u"status"_s,
            block.statusText.isEmpty() && block.status == RunStatus::Unknown
                ? QJsonValue()
                : QJsonValue(
                    block.statusText.isEmpty() ? runStatusToWire(block.status) : block.statusText)},
        {u"output"_s, block.output},
        {u"continue_on_failure"_s, block.continueOnFailure},
        {u"failure_reason"_s, jsonStringOrNull(block.failureReason)},
        {u"error_codes"_s, QJsonArray::fromStringList(block.errorCodes)},
        {u"engine"_s, jsonStringOrNull(block.engine)},
        {u"task_id"_s, jsonStringOrNull(block.taskId)},
        {u"url"_s, jsonStringOrNull(block.url)},
        {u"final_url"_s, jsonStringOrNull(block.finalUrl)},
        {u"navigation_goal"_s, jsonStringOrNull(block.navigationGoal)},
        {u"data_extraction_goal"_s, jsonStringOrNull(block.dataExtractionGoal)},
        {u"actions"_s, actions},
        {u"created_at"_s, jsonTimestampOrNull(block.createdAt)},
        {u"modified_at"_s, jsonTimestampOrNull(block.modifiedAt)},
        {u"duration"_s, block.durationSeconds ? QJsonValue(*block.durationSeconds) : QJsonValue()},
    };
}

QJsonObject thoughtJson(const TimelineThought &thought)
{
    return {
        {u"thought_id"_s, thought.thoughtId},
        {u"task_id"_s, thought.taskId},
        {u"organization_id"_s, thought.organizationId},
        {u"workflow_run_id"_s, jsonStringOrNull(thought.workflowRunId)},
        {u"workflow_run_block_id"_s, jsonStringOrNull(thought.workflowRunBlockId)},
        {u"user_input"_s, jsonStringOrNull(thought.userInput)},
        {u"observation"_s, jsonStringOrNull(thought.observation)},
        {u"thought"_s, jsonStringOrNull(thought.thought)},
        {u"answer"_s, jsonStringOrNull(thought.answer)},
        {u"thought_type"_s, jsonStringOrNull(thought.thoughtType)},
        {u"thought_scenario"_s, jsonStringOrNull(thought.thoughtScenario)},
        {u"created_at"_s, jsonTimestampOrNull(thought.createdAt)},
        {u"modified_at"_s, jsonTimestampOrNull(thought.modifiedAt)},
    };
}

} // namespace

QString TimelineEntry::title() const
{
    switch (kind) {
    case Kind::Block:
        return block.label.isEmpty() ? block.blockType : block.label;
    case Kind::Thought:
        return thought.thought.isEmpty() ? thought.thoughtType : thought.thought;
    case Kind::Unknown:
        break;
    }
    return kindText;
}

qsizetype TimelineEntry::actionCount() const
{
    qsizetype count = block.actions.size();
    for (const TimelineEntry &child : children)
        count += child.actionCount();
    return count;
}

std::optional<TimelineEntry> TimelineEntry::fromJson(
    const QJsonObject &json, const QString &path, TimelineBudget &budget, QString *error)
{
    JsonReader reader(json, path);
    TimelineEntry entry;
    entry.kindText = reader.requiredString("type"_L1);
    entry.kind = entry.kindText == "block"_L1 ? Kind::Block
        : entry.kindText == "thought"_L1      ? Kind::Thought
                                              : Kind::Unknown;
    entry.createdAt = reader.requiredTimestamp("created_at"_L1);
    entry.modifiedAt = reader.requiredTimestamp("modified_at"_L1);
    if (entry.kind != Kind::Unknown && reader.ok()) {
        const QLatin1StringView key = entry.kind == Kind::Block ? "block"_L1 : "thought"_L1;
        const auto part = json.constFind(key);
        if (part == json.constEnd() || part->isNull()) {
            reader.fail(u"%1: missing for an entry of type %2"_s.arg(
                reader.fieldPath(key), entry.kindText));
        } else if (!part->isObject()) {
            reader.fail(u"%1: expected an object, got %2"_s.arg(
                reader.fieldPath(key), jsonTypeName(*part)));
        } else {
            JsonReader partReader(part->toObject(), reader.fieldPath(key));
            if (entry.kind == Kind::Block)
                entry.block = readBlock(partReader, budget);
            else
                entry.thought = readThought(partReader, budget.read);
            if (!partReader.ok())
                reader.fail(partReader.error());
        }
    }
    const QJsonArray children = reader.optionalArray("children"_L1);
    if (!reader.ok()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }

    ++budget.depth;
    for (qsizetype i = 0; i < children.size(); ++i) {
        if (budget.depth > budget.maxDepth) {
            budget.tooDeep += children.size() - i;
            break;
        }
        if (budget.entries >= budget.maxEntries) {
            budget.entriesLeftOut += children.size() - i;
            break;
        }
        const QString childPath = u"%1.children[%2]"_s.arg(path).arg(i);
        if (!children.at(i).isObject()) {
            budget.read.skip(
                u"%1: expected an object, got %2"_s.arg(childPath, jsonTypeName(children.at(i))));
            continue;
        }
        ++budget.entries;
        QString problem;
        std::optional<TimelineEntry> child
            = fromJson(children.at(i).toObject(), childPath, budget, &problem);
        if (child)
            entry.children.append(std::move(*child));
        else
            budget.read.skip(problem);
    }
    --budget.depth;
    std::stable_sort(entry.children.begin(), entry.children.end(),
        [](const TimelineEntry &a, const TimelineEntry &b) { return a.createdAt < b.createdAt; });
    return entry;
}

QJsonObject TimelineEntry::toJson() const
{
    QJsonArray childArray;
    for (const TimelineEntry &child : children)
        childArray.append(child.toJson());
    return {
        {u"type"_s,
            kindText.isEmpty() ? (kind == Kind::Thought ? u"thought"_s : u"block"_s) : kindText},
        {u"block"_s, kind == Kind::Block ? QJsonValue(blockJson(block)) : QJsonValue()},
        {u"thought"_s, kind == Kind::Thought ? QJsonValue(thoughtJson(thought)) : QJsonValue()},
        {u"children"_s, childArray},
        {u"created_at"_s, jsonTimestampOrNull(createdAt)},
        {u"modified_at"_s, jsonTimestampOrNull(modifiedAt)},
    };
}
