#include "workflowrun.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

std::optional<WorkflowRun> taskRunItemFromJson(
    const QJsonObject &json, const QString &path, QString *error)
{
    static thread_local JsonReader::KeyPlaces places;
    JsonReader reader(json, path, &places);
    WorkflowRun run;
    run.workflowRunId = reader.requiredString("run_id"_L1);
    reader.requiredString("task_run_id"_L1);
    run.runType = reader.requiredString("task_run_type"_L1);
    run.statusText = reader.requiredString("status"_L1);
    run.status = runStatusFromWire(run.statusText);
    run.createdAt = reader.requiredTimestamp("created_at"_L1);
    run.startedAt = reader.optionalTimestamp("started_at"_L1);
    run.finishedAt = reader.optionalTimestamp("finished_at"_L1);
    run.modifiedAt = run.finishedAt.isValid() ? run.finishedAt : run.startedAt;
    run.workflowTitle = reader.optionalString("title"_L1);
    run.workflowPermanentId = reader.optionalString("workflow_permanent_id"_L1);
    run.triggerText = reader.optionalString("trigger_type"_L1);
    run.triggerType = triggerTypeFromWire(run.triggerText);
    if (!reader.ok()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    if (run.workflowRunId.isEmpty()) {
        if (error)
            *error = path + u".run_id: empty"_s;
        return std::nullopt;
    }
    if (run.runType == "workflow_run"_L1)
        run.runType.clear(); // the default, as the workflow lists' runs have it
    return run;
}

std::optional<WorkflowRun> WorkflowRun::fromJson(
    const QJsonObject &json, const QString &path, QString *error, Fields required)
{
    static thread_local JsonReader::KeyPlaces places;
    JsonReader reader(json, path, &places);
    const bool contract = required == Fields::Contract;
    const auto string = [&](QLatin1StringView key) {
        return contract ? reader.requiredString(key) : reader.optionalString(key);
    };
    WorkflowRun run;
    run.workflowRunId = reader.requiredString("workflow_run_id"_L1);
    run.workflowId = string("workflow_id"_L1);
    run.workflowPermanentId = string("workflow_permanent_id"_L1);
    run.organizationId = string("organization_id"_L1);
    run.statusText = string("status"_L1);
    run.status = runStatusFromWire(run.statusText);
    run.createdAt = contract ? reader.requiredTimestamp("created_at"_L1)
                             : reader.optionalTimestamp("created_at"_L1);
    run.modifiedAt = contract ? reader.requiredTimestamp("modified_at"_L1)
                              : reader.optionalTimestamp("modified_at"_L1);
    run.queuedAt = reader.optionalTimestamp("queued_at"_L1);
    run.startedAt = reader.optionalTimestamp("started_at"_L1);
    run.finishedAt = reader.optionalTimestamp("finished_at"_L1);
    run.workflowTitle = reader.optionalString("workflow_title"_L1);
    run.triggerText = reader.optionalString("trigger_type"_L1);
    run.triggerType = triggerTypeFromWire(run.triggerText);
    run.failureReason = reader.optionalString("failure_reason"_L1);
    run.failureCategory = reader.optionalArray("failure_category"_L1);
    run.parentWorkflowRunId = reader.optionalString("parent_workflow_run_id"_L1);
    run.sourceRunId = reader.optionalString("retried_from_workflow_run_id"_L1);
    run.browserSessionId = reader.optionalString("browser_session_id"_L1);
    run.browserProfileId = reader.optionalString("browser_profile_id"_L1);
    const QJsonObject headers = reader.optionalObject("extra_http_headers"_L1);
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (!it.value().isString()) {
            reader.fail(u"%1.%2: expected a string, got %3"_s.arg(
                reader.fieldPath("extra_http_headers"_L1), it.key(), jsonTypeName(it.value())));
            break;
        }
        run.extraHttpHeaders.insert(it.key(), it.value().toString());
    }
    run.proxyLocation = reader.optionalValue("proxy_location"_L1);
    run.webhookCallbackUrl = reader.optionalString("webhook_callback_url"_L1);
    run.totpVerificationUrl = reader.optionalString("totp_verification_url"_L1);
    run.totpIdentifier = reader.optionalString("totp_identifier"_L1);
    run.maxElapsedTimeMinutes = reader.optionalInteger("max_elapsed_time_minutes"_L1);
    run.runWith = reader.optionalString("run_with"_L1);
    run.aiFallback = reader.optionalBool("ai_fallback"_L1);
    run.workflowScheduleId = reader.optionalString("workflow_schedule_id"_L1);
    if (!reader.ok()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return run;
}

QJsonObject WorkflowRun::toJson() const
{
    QJsonObject headers;
    for (auto it = extraHttpHeaders.begin(); it != extraHttpHeaders.end(); ++it)
        headers.insert(it.key(), it.value());
    QJsonObject json {
        {u"workflow_run_id"_s, workflowRunId},
        {u"workflow_id"_s, workflowId},
        {u"workflow_permanent_id"_s, workflowPermanentId},
        {u"organization_id"_s, organizationId},
        {u"status"_s, statusText.isEmpty() ? runStatusToWire(status) : statusText},
        {u"created_at"_s, jsonTimestampOrNull(createdAt)},
        {u"modified_at"_s, jsonTimestampOrNull(modifiedAt)},
        {u"queued_at"_s, jsonTimestampOrNull(queuedAt)},
        {u"started_at"_s, jsonTimestampOrNull(startedAt)},
        {u"finished_at"_s, jsonTimestampOrNull(finishedAt)},
        {u"workflow_title"_s, jsonStringOrNull(workflowTitle)},
        {u"trigger_type"_s,
            triggerType == TriggerType::Unknown && triggerText.isEmpty()
                ? QJsonValue()
                : QJsonValue(triggerText.isEmpty() ? triggerTypeToWire(triggerType) : triggerText)},
        {u"failure_reason"_s, jsonStringOrNull(failureReason)},
        {u"failure_category"_s, failureCategory.isEmpty() ? QJsonValue() : failureCategory},
        {u"parent_workflow_run_id"_s, jsonStringOrNull(parentWorkflowRunId)},
        {u"retried_from_workflow_run_id"_s, jsonStringOrNull(sourceRunId)},
        {u"browser_session_id"_s, jsonStringOrNull(browserSessionId)},
        {u"browser_profile_id"_s, jsonStringOrNull(browserProfileId)},
        {u"extra_http_headers"_s, extraHttpHeaders.isEmpty() ? QJsonValue() : headers},
        {u"proxy_location"_s, proxyLocation},
        {u"webhook_callback_url"_s, jsonStringOrNull(webhookCallbackUrl)},
        {u"totp_verification_url"_s, jsonStringOrNull(totpVerificationUrl)},
        {u"totp_identifier"_s, jsonStringOrNull(totpIdentifier)},
        {u"max_elapsed_time_minutes"_s,
            maxElapsedTimeMinutes ? QJsonValue(*maxElapsedTimeMinutes) : QJsonValue()},
        {u"run_with"_s, jsonStringOrNull(runWith)},
        {u"ai_fallback"_s, aiFallback ? QJsonValue(*aiFallback) : QJsonValue()},
        {u"workflow_schedule_id"_s, jsonStringOrNull(workflowScheduleId)},
    };
    return json;
}

bool WorkflowRun::operator==(const WorkflowRun &other) const
{
    // Field by field: polls compare every loaded run against its fresh copy.
    return workflowRunId == other.workflowRunId && workflowId == other.workflowId
        && workflowPermanentId == other.workflowPermanentId
        && organizationId == other.organizationId && status == other.status
        && statusText == other.statusText && createdAt == other.createdAt
        && modifiedAt == other.modifiedAt && queuedAt == other.queuedAt
        && startedAt == other.startedAt && finishedAt == other.finishedAt
        && workflowTitle == other.workflowTitle && triggerType == other.triggerType
        && triggerText == other.triggerText && failureReason == other.failureReason
        && failureCategory == other.failureCategory
        && parentWorkflowRunId == other.parentWorkflowRunId
        && browserSessionId == other.browserSessionId && browserProfileId == other.browserProfileId
        && extraHttpHeaders == other.extraHttpHeaders && proxyLocation == other.proxyLocation
        && webhookCallbackUrl == other.webhookCallbackUrl
        && totpVerificationUrl == other.totpVerificationUrl
        && totpIdentifier == other.totpIdentifier
        && maxElapsedTimeMinutes == other.maxElapsedTimeMinutes && runWith == other.runWith
        && aiFallback == other.aiFallback && workflowScheduleId == other.workflowScheduleId
        && workflowVersion == other.workflowVersion && triggeredBy == other.triggeredBy
        && sourceRunId == other.sourceRunId && runType == other.runType
        && computeUnits == other.computeUnits && isSimulation == other.isSimulation
        && isDustTest == other.isDustTest && source == other.source;
}

std::optional<QList<WorkflowRun>> workflowRunsFromJson(const QByteArray &body, QString *error)
{
    const auto document = parseResponse(body, false, u"expected a JSON array of runs"_s, error);
    if (!document)
        return std::nullopt;
    return workflowRunsFromArray(document->array(), error);
}

std::optional<RunListRead> readRunItems(const QJsonArray &array, qsizetype wanted,
    const QString &path,
    const std::function<std::optional<WorkflowRun>(const QJsonObject &, const QString &, QString *)>
        &decode,
    QString *error)
{
    RunListRead read;
    const qsizetype count = qMin(array.size(), qMax<qsizetype>(0, wanted));
    read.runs.reserve(count);
    QStringList problems;
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonValueConstRef item = array.constBegin()[i];
        // The item's path goes in front only when it failed: most pages never need it.
        if (!item.isObject()) {
            problems.append(
                u"%1[%2]: expected an object, got %3"_s.arg(path).arg(i).arg(jsonTypeName(item)));
            continue;
        }
        QString problem;
        std::optional<WorkflowRun> run = decode(item.toObject(), QString(), &problem);
        if (run)
            read.runs.append(std::move(*run));
        else
            problems.append(u"%1[%2]."_s.arg(path).arg(i) + problem);
    }
    if (!problems.isEmpty()) {
        if (read.runs.isEmpty()) {
            if (error)
                *error = problems.constFirst();
            return std::nullopt; // nothing readable: the answer is broken, not one run
        }
        read.notes.append(QCoreApplication::translate("RunListRead",
            "%n run(s) the server sent could not be read and are not shown (%1).", nullptr,
            int(problems.size()))
                              .arg(problems.constFirst().left(200)));
    }
    if (array.size() > count && count == wanted)
        read.notes.append(QCoreApplication::translate(
            "RunListRead", "The server sent %1 runs for a page of %2; only the first %2 were read.")
                              .arg(array.size())
                              .arg(wanted));
    return read;
}

std::optional<RunListRead> readRunPage(const QByteArray &body, qsizetype wanted, QString *error)
{
    const auto document = parseResponse(body, false, u"expected a JSON array of runs"_s, error);
    if (!document)
        return std::nullopt;
    return readRunItems(
        document->array(), wanted, QString(),
        [](const QJsonObject &json, const QString &path, QString *problem) {
            return WorkflowRun::fromJson(json, path, problem);
        },
        error);
}

std::optional<QList<WorkflowRun>> workflowRunsFromArray(const QJsonArray &array, QString *error)
{
    QList<WorkflowRun> runs;
    runs.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValueConstRef item = array.constBegin()[i];
        if (!item.isObject()) {
            if (error)
                *error = u"[%1]: expected an object, got %2"_s.arg(i).arg(jsonTypeName(item));
            return std::nullopt;
        }
        // The item's path goes in front only when it failed: most pages never need it.
        QString itemError;
        auto run = WorkflowRun::fromJson(item.toObject(), QString(), &itemError);
        if (!run) {
            if (error)
                *error = u"[%1]."_s.arg(i) + itemError;
            return std::nullopt;
        }
        runs.append(std::move(*run));
    }
    return runs;
}

std::optional<RunListRead> readTaskRunPage(const QByteArray &body, qsizetype wanted, QString *error)
{
    const auto document = parseResponse(body, false, u"expected a JSON array of runs"_s, error);
    if (!document)
        return std::nullopt;
    return readRunItems(document->array(), wanted, QString(), taskRunItemFromJson, error);
}
