#include "runstatus.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

const std::array<std::pair<RunStatus, QLatin1StringView>, 9> kStatusNames {{
    {RunStatus::Created, "created"_L1},
    {RunStatus::Queued, "queued"_L1},
    {RunStatus::Running, "running"_L1},
    {RunStatus::Paused, "paused"_L1},
    {RunStatus::Failed, "failed"_L1},
    {RunStatus::Terminated, "terminated"_L1},
    {RunStatus::Canceled, "canceled"_L1},
    {RunStatus::TimedOut, "timed_out"_L1},
    {RunStatus::Completed, "completed"_L1},
}};

const std::array<std::pair<TriggerType, QLatin1StringView>, 5> kTriggerNames {{
    {TriggerType::Manual, "manual"_L1},
    {TriggerType::Mcp, "mcp"_L1},
    {TriggerType::Api, "api"_L1},
    {TriggerType::Scheduled, "scheduled"_L1},
    {TriggerType::Webhook, "webhook"_L1},
}};

template<typename Enum, std::size_t N>
Enum fromWire(const std::array<std::pair<Enum, QLatin1StringView>, N> &table, const QString &wire)
{
    for (const auto &[value, name] : table) {
        if (wire == name)
            return value;
    }
    return Enum::Unknown;
}

template<typename Enum, std::size_t N>
QString toWire(const std::array<std::pair<Enum, QLatin1StringView>, N> &table, Enum value)
{
    for (const auto &[candidate, name] : table) {
        if (candidate == value)
            return QString(name);
    }
    return u"unknown"_s;
}

template<typename Enum, std::size_t N>
QList<Enum> allOf(const std::array<std::pair<Enum, QLatin1StringView>, N> &table)
{
    QList<Enum> values;
    for (const auto &entry : table)
        values.append(entry.first);
    return values;
}

} // namespace

RunStatus runStatusFromWire(const QString &wire)
{
    return fromWire(kStatusNames, wire);
}

QString runStatusToWire(RunStatus status)
{
    return toWire(kStatusNames, status);
}

QString runStatusName(RunStatus status)
{
    return status == RunStatus::Partial ? u"partial"_s : runStatusToWire(status);
}

RunStatus runStatusFromName(const QString &name)
{
    return name == "partial"_L1 ? RunStatus::Partial : runStatusFromWire(name);
}

QList<RunStatus> allRunStatuses()
{
    return allOf(kStatusNames);
}

bool isActiveStatus(RunStatus status)
{
    switch (status) {
    case RunStatus::Created:
    case RunStatus::Queued:
    case RunStatus::Running:
    case RunStatus::Paused:
        return true;
    default:
        return false;
    }
}

bool isFailureLike(RunStatus status)
{
    return status == RunStatus::Failed || status == RunStatus::Partial;
}

bool isFailedStatus(RunStatus status)
{
    return status == RunStatus::Failed || status == RunStatus::Terminated
        || status == RunStatus::TimedOut;
}

TriggerType triggerTypeFromWire(const QString &wire)
{
    return fromWire(kTriggerNames, wire);
}

QString triggerTypeToWire(TriggerType trigger)
{
    return toWire(kTriggerNames, trigger);
}

QList<TriggerType> allTriggerTypes()
{
    return allOf(kTriggerNames);
}
