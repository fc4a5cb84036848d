#include "notificationpolicy.h"

#include <algorithm>

#include <QJsonArray>

using namespace Qt::StringLiterals;

bool isFailure(RunStatus status)
{
    return status == RunStatus::Failed || status == RunStatus::Terminated
        || status == RunStatus::TimedOut;
}

bool NotificationRule::matches(const RunEvent &event) const
{
    if (!connection.isEmpty() && connection != event.connectionId)
        return false;
    // A workflow by its id, or by its name as a user may have typed it.
    if (!workflow.isEmpty() && workflow != event.run.workflowPermanentId
        && workflow != event.run.workflowTitle)
        return false;
    if (!statuses.isEmpty() && !statuses.contains(event.run.status))
        return false;
    if (!errorCode.isEmpty() && !event.errorCodes.contains(errorCode))
        return false;
    if (tag.isEmpty())
        return true;
    const qsizetype colon = tag.indexOf(u':');
    const QString group = colon < 0 ? QString() : tag.left(colon);
    const QString label = colon < 0 ? tag : tag.mid(colon + 1);
    return std::any_of(event.tags.cbegin(), event.tags.cend(), [&](const RunTag &candidate) {
        if (colon < 0)
            return candidate.value == label; // a label, in any group or none
        return candidate.key == group && (label == "*"_L1 || candidate.value == label);
    });
}

QJsonObject NotificationRule::toJson() const
{
    QStringList wires;
    for (RunStatus status : statuses)
        wires.append(runStatusToWire(status));
    wires.sort(); // the same rule reads the same, whatever order the set keeps
    const QJsonArray statusList = QJsonArray::fromStringList(wires);
    QJsonObject json {{u"action"_s, action == Action::Notify ? u"notify"_s : u"ignore"_s}};
    if (!connection.isEmpty())
        json.insert(u"connection"_s, connection);
    if (!workflow.isEmpty())
        json.insert(u"workflow"_s, workflow);
    if (!statusList.isEmpty())
        json.insert(u"statuses"_s, statusList);
    if (!errorCode.isEmpty())
        json.insert(u"error_code"_s, errorCode);
    if (!tag.isEmpty())
        json.insert(u"tag"_s, tag);
    return json;
}

std::optional<NotificationRule> NotificationRule::fromJson(const QJsonObject &json)
{
    const QString action = json.value(u"action"_s).toString();
    if (action != "notify"_L1 && action != "ignore"_L1)
        return std::nullopt;
    NotificationRule rule;
    rule.action = action == "notify"_L1 ? Action::Notify : Action::Ignore;
    rule.connection = json.value(u"connection"_s).toString().left(200);
    rule.workflow = json.value(u"workflow"_s).toString().left(200);
    rule.errorCode = json.value(u"error_code"_s).toString().left(200);
    rule.tag = json.value(u"tag"_s).toString().left(200);
    for (const QJsonValue &status : json.value(u"statuses"_s).toArray()) {
        const RunStatus read = runStatusFromWire(status.toString());
        if (read == RunStatus::Unknown)
            return std::nullopt; // a rule about a status it cannot name would match wrongly
        rule.statuses.insert(read);
    }
    return rule;
}

bool NotificationPolicy::isQuiet(const QDateTime &now) const
{
    if (pausedUntil.isValid() && now < pausedUntil)
        return true;
    if (!quietHoursOn || quietFrom == quietUntil)
        return false;
    const QTime time = now.toLocalTime().time();
    // 22:00–07:00 spans midnight; 13:00–14:00 does not.
    return quietFrom < quietUntil ? time >= quietFrom && time < quietUntil
                                  : time >= quietFrom || time < quietUntil;
}

bool NotificationPolicy::shouldNotify(const RunEvent &event, const QDateTime &now) const
{
    if (isActiveStatus(event.run.status) || isQuiet(now))
        return false;
    for (const NotificationRule &rule : rules) {
        if (rule.matches(event))
            return rule.action == NotificationRule::Action::Notify;
    }
    if (watchedRunsEnd && event.watched)
        return true;
    return isFailure(event.run.status) && importantConnections.contains(event.connectionId);
}

QJsonObject NotificationPolicy::toJson() const
{
    QJsonArray ruleList;
    for (const NotificationRule &rule : rules)
        ruleList.append(rule.toJson());
    QStringList important(importantConnections.cbegin(), importantConnections.cend());
    important.sort();
    return {{u"rules"_s, ruleList}, {u"watched_runs_end"_s, watchedRunsEnd},
        {u"important_connections"_s, QJsonArray::fromStringList(important)},
        {u"quiet_hours"_s, quietHoursOn}, {u"quiet_from"_s, quietFrom.toString(u"HH:mm"_s)},
        {u"quiet_until"_s, quietUntil.toString(u"HH:mm"_s)},
        {u"paused_until"_s, pausedUntil.toString(Qt::ISODate)}};
}

NotificationPolicy NotificationPolicy::fromJson(const QJsonObject &json)
{
    NotificationPolicy policy;
    for (const QJsonValue &value : json.value(u"rules"_s).toArray()) {
        if (const std::optional<NotificationRule> rule
            = NotificationRule::fromJson(value.toObject()))
            policy.rules.append(*rule);
    }
    policy.watchedRunsEnd = json.value(u"watched_runs_end"_s).toBool(true);
    for (const QJsonValue &id : json.value(u"important_connections"_s).toArray())
        policy.importantConnections.insert(id.toString());
    policy.quietHoursOn = json.value(u"quiet_hours"_s).toBool(false);
    const QTime from = QTime::fromString(json.value(u"quiet_from"_s).toString(), u"HH:mm"_s);
    const QTime until = QTime::fromString(json.value(u"quiet_until"_s).toString(), u"HH:mm"_s);
    if (from.isValid())
        policy.quietFrom = from;
    if (until.isValid())
        policy.quietUntil = until;
    policy.pausedUntil
        = QDateTime::fromString(json.value(u"paused_until"_s).toString(), Qt::ISODate);
    return policy;
}
