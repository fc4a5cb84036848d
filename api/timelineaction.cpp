#include "timelineaction.h"

#include <array>
#include <utility>

#include <QJsonArray>

#include "jsonreader.h"
#include "lenientread.h"

using namespace Qt::StringLiterals;

namespace {

const std::array<std::pair<ActionStatus, QLatin1StringView>, 4> kActionStatusNames {{
    {ActionStatus::Pending, "pending"_L1},
    {ActionStatus::Skipped, "skipped"_L1},
    {ActionStatus::Failed, "failed"_L1},
    {ActionStatus::Completed, "completed"_L1},
}};

// Orders beyond this are a broken server, not a long run.
constexpr qint64 kMaxOrder = 1000000;

} // namespace

ActionStatus actionStatusFromWire(const QString &wire)
{
    for (const auto &[status, name] : kActionStatusNames) {
        if (wire == name)
            return status;
    }
    return ActionStatus::Unknown;
}

QString actionStatusToWire(ActionStatus status)
{
    for (const auto &[candidate, name] : kActionStatusNames) {
        if (candidate == status)
            return QString(name);
    }
    return u"unknown"_s;
}

std::optional<double> TimelineAction::durationSeconds() const
{
    if (!startedAt.isValid() || !finishedAt.isValid() || finishedAt < startedAt)
        return std::nullopt;
    return startedAt.msecsTo(finishedAt) / 1000.0;
}

std::optional<TimelineAction> TimelineAction::fromJson(
    const QJsonObject &json, const QString &path, LenientRead &read, QString *error)
{
    JsonReader reader(json, path);
    TimelineAction action;
    action.actionType = reader.requiredString("action_type"_L1);
    action.statusText = reader.optionalString("status"_L1);
    if (action.statusText.isEmpty())
        action.statusText = u"pending"_s; // the contract's default
    action.status = actionStatusFromWire(action.statusText);
    action.actionId = reader.optionalString("action_id"_L1);
    action.description = read.text(reader, "description"_L1);
    action.reasoning = read.text(reader, "reasoning"_L1);
    action.intention = read.text(reader, "intention"_L1);
    action.response = read.text(reader, "response"_L1);
    action.text = read.text(reader, "text"_L1);
    const QJsonObject option = reader.optionalObject("option"_L1);
    if (!option.isEmpty()) {
        JsonReader optionReader(option, reader.fieldPath("option"_L1));
        action.optionLabel = read.text(optionReader, "label"_L1);
        action.optionValue = read.text(optionReader, "value"_L1);
        if (!optionReader.ok())
            reader.fail(optionReader.error());
    }
    action.elementId = reader.optionalString("element_id"_L1);
    action.xpath = read.text(reader, "xpath"_L1);
    action.dataExtractionGoal = read.text(reader, "data_extraction_goal"_L1);
    action.output = reader.optionalValue("output"_L1);
    const QJsonArray errors = reader.optionalArray("errors"_L1);
    for (qsizetype i = 0; i < errors.size() && reader.ok(); ++i) {
        const QString errorPath = u"%1[%2]"_s.arg(reader.fieldPath("errors"_L1)).arg(i);
        if (!errors.at(i).isObject()) {
            reader.fail(
                u"%1: expected an object, got %2"_s.arg(errorPath, jsonTypeName(errors.at(i))));
            break;
        }
        JsonReader errorReader(errors.at(i).toObject(), errorPath);
        RunError runError;
        runError.errorCode = errorReader.optionalString("error_code"_L1);
        runError.reasoning = read.text(errorReader, "reasoning"_L1);
        runError.confidence = read.number(errorReader, "confidence_float"_L1, 0, 1);
        if (!errorReader.ok())
            reader.fail(errorReader.error());
        action.errors.append(runError);
    }
    action.confidence = read.number(reader, "confidence_float"_L1, 0, 1);
    action.taskId = reader.optionalString("task_id"_L1);
    action.stepId = reader.optionalString("step_id"_L1);
    if (const auto order = read.integer(reader, "step_order"_L1, 0, kMaxOrder))
        action.stepOrder = int(*order);
    if (const auto order = read.integer(reader, "action_order"_L1, 0, kMaxOrder))
        action.actionOrder = int(*order);
    action.screenshotArtifactId = reader.optionalString("screenshot_artifact_id"_L1);
    action.startedAt = reader.optionalTimestamp("started_at"_L1);
    action.finishedAt = reader.optionalTimestamp("finished_at"_L1);
    action.createdAt = reader.optionalTimestamp("created_at"_L1);
    action.modifiedAt = reader.optionalTimestamp("modified_at"_L1);
    if (!reader.ok()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return action;
}

QJsonObject TimelineAction::toJson() const
{
    QJsonArray errorArray;
    for (const RunError &runError : errors)
        errorArray.append(runError.toJson());
    QJsonValue option;
    if (!optionLabel.isNull() || !optionValue.isNull())
        option = QJsonObject {{u"label"_s, jsonStringOrNull(optionLabel)},
            {u"value"_s, jsonStringOrNull(optionValue)}};
    return {
        {u"action_type"_s, actionType},
        {u"status"_s, statusText.isEmpty() ? actionStatusToWire(status) : statusText},
        {u"action_id"_s, jsonStringOrNull(actionId)},
        {u"description"_s, jsonStringOrNull(description)},
        {u"reasoning"_s, jsonStringOrNull(reasoning)},
        {u"intention"_s, jsonStringOrNull(intention)},
        {u"response"_s, jsonStringOrNull(response)},
        {u"text"_s, jsonStringOrNull(text)},
        {u"option"_s, option},
        {u"element_id"_s, jsonStringOrNull(elementId)},
        {u"xpath"_s, jsonStringOrNull(xpath)},
        {u"data_extraction_goal"_s, jsonStringOrNull(dataExtractionGoal)},
        {u"output"_s, output},
        {u"errors"_s, errorArray.isEmpty() ? QJsonValue() : QJsonValue(errorArray)},
        {u"confidence_float"_s, confidence ? QJsonValue(*confidence) : QJsonValue()},
        {u"task_id"_s, jsonStringOrNull(taskId)},
        {u"step_id"_s, jsonStringOrNull(stepId)},
        {u"step_order"_s, stepOrder ? QJsonValue(*stepOrder) : QJsonValue()},
        {u"action_order"_s, actionOrder ? QJsonValue(*actionOrder) : QJsonValue()},
        {u"screenshot_artifact_id"_s, jsonStringOrNull(screenshotArtifactId)},
        {u"started_at"_s, jsonTimestampOrNull(startedAt)},
        {u"finished_at"_s, jsonTimestampOrNull(finishedAt)},
        {u"created_at"_s, jsonTimestampOrNull(createdAt)},
        {u"modified_at"_s, jsonTimestampOrNull(modifiedAt)},
    };
}
