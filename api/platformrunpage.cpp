#include "platformrunpage.h"

#include <QJsonDocument>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

namespace {
struct StatusName
{
    RunStatus status;
    QLatin1StringView wire;
};
constexpr StatusName kStatuses[] {
    {RunStatus::Running, "running"_L1}, {RunStatus::Queued, "waiting"_L1},
    {RunStatus::Completed, "success"_L1}, {RunStatus::Failed, "failure"_L1},
    {RunStatus::Canceled, "cancelled"_L1},
    {RunStatus::Partial, "partial"_L1}, // app workflows only; never a filter of the runs endpoint
};

TriggerType triggerFromSource(const QString &source)
{
    const QString lower = source.toLower();
    if (lower == "manual"_L1 || lower == "ui"_L1)
        return TriggerType::Manual;
    if (lower == "api"_L1)
        return TriggerType::Api;
    if (lower == "schedule"_L1 || lower == "scheduled"_L1 || lower == "cron"_L1)
        return TriggerType::Scheduled;
    if (lower == "webhook"_L1)
        return TriggerType::Webhook;
    return TriggerType::Unknown;
}

std::optional<WorkflowRun> runFromItem(const QJsonObject &item, const QString &path, QString *error)
{
    static thread_local JsonReader::KeyPlaces places;
    JsonReader reader(item, path, &places);
    WorkflowRun run;
    run.workflowRunId = reader.requiredString("id"_L1);
    run.workflowPermanentId = reader.optionalString("workflowId"_L1);
    run.statusText = reader.requiredString("status"_L1);
    run.status = platformStatusFromWire(run.statusText);
    run.startedAt = reader.optionalTimestamp("startedAt"_L1);
    run.finishedAt = reader.optionalTimestamp("finishedAt"_L1);
    run.modifiedAt = run.finishedAt.isValid() ? run.finishedAt : run.startedAt;
    run.triggerText = reader.optionalString("triggerSource"_L1);
    run.triggerType = triggerFromSource(run.triggerText);
    run.triggeredBy = reader.optionalString("triggeredBy"_L1);
    run.sourceRunId = reader.optionalString("sourceRunId"_L1);
    run.workflowVersion = reader.optionalInteger("workflowVersion"_L1);
    run.computeUnits = reader.optionalNumber("totalCu"_L1);
    run.isSimulation = reader.optionalBool("isSimulation"_L1).value_or(false);
    run.isDustTest = reader.optionalBool("isDustTest"_L1).value_or(false);
    if (run.workflowRunId.isEmpty() && reader.ok())
        reader.fail(u"%1: must not be empty"_s.arg(reader.fieldPath("id"_L1)));
    if (!reader.ok()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return run;
}
} // namespace

RunStatus platformStatusFromWire(const QString &wire)
{
    for (const StatusName &name : kStatuses) {
        if (wire == name.wire)
            return name.status;
    }
    return RunStatus::Unknown;
}

QString platformStatusToWire(RunStatus status)
{
    for (const StatusName &name : kStatuses) {
        if (status == name.status)
            return name.wire;
    }
    return {};
}

std::optional<PlatformRunPage> PlatformRunPage::fromJson(
    const QByteArray &body, QString *error, qsizetype wanted)
{
    const auto document = parseResponse(body, true, u"the response is not a JSON object"_s, error);
    if (!document)
        return std::nullopt;
    JsonReader envelope(document->object(), QString());
    PlatformRunPage page;
    page.code = envelope.optionalInt("code"_L1).value_or(0);
    page.message = envelope.optionalString("message"_L1);
    page.requestId = envelope.optionalString("requestId"_L1);
    const QJsonObject data = envelope.optionalObject("data"_L1);
    if (envelope.ok() && page.code == 200) {
        JsonReader reader(data, u"data"_s);
        page.hasMore = reader.optionalBool("hasMore"_L1).value_or(false);
        page.limit = reader.optionalInt("limit"_L1, 0).value_or(0);
        page.offset = reader.optionalInt("offset"_L1, 0).value_or(0);
        const QJsonArray items = reader.optionalArray("items"_L1);
        if (!reader.ok()) {
            if (error)
                *error = reader.error();
            return std::nullopt;
        }
        QList<QJsonObject> kept;
        auto read = readRunItems(
            items, wanted, u"data.items"_s,
            [&kept](const QJsonObject &item, const QString &path, QString *problem) {
                auto run = runFromItem(item, path, problem);
                if (run)
                    kept.append(item);
                return run;
            },
            error);
        if (!read)
            return std::nullopt;
        page.runs = std::move(read->runs);
        page.notes = std::move(read->notes);
        page.items = std::move(kept);
    }
    if (!envelope.ok()) {
        if (error)
            *error = envelope.error();
        return std::nullopt;
    }
    return page;
}
