#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QTime>

#include "runstatus.h"
#include "runtag.h"
#include "workflowrun.h"

/** Something that happened to a run that a notification may be about: it ended. */
struct RunEvent
{
    QString connectionId;
    QString connectionName; // what the UI calls the connection
    WorkflowRun run; // as it is now
    RunStatus previous = RunStatus::Unknown; // Unknown: first seen when it had already ended
    QStringList errorCodes;
    QList<RunTag> tags; // as far as known when it ended
    bool watched = false; // launched from Runwatch or watched by the user
};

/** One line of the rules table: runs it matches are notified or left alone. */
struct NotificationRule
{
    enum class Action { Notify, Ignore };

    QString connection; // a connection id; empty: any
    QString workflow; // a workflow permanent id (or its title); empty: any
    QSet<RunStatus> statuses; // empty: any status a run ends in
    QString errorCode; // empty: any
    /** A tag as the server's filter writes one: `env:prod`, `env:*` (any in the group) or a
     * label (`nightly`, in any group or none); empty: any. */
    QString tag;
    Action action = Action::Notify;

    bool matches(const RunEvent &event) const;
    QJsonObject toJson() const;
    /** nullopt for an entry that is not a rule (a hand-edited settings file, say). */
    static std::optional<NotificationRule> fromJson(const QJsonObject &json);
};

/**
 * When Runwatch tells its user that a run ended, as plain data: the rules (the first that
 * matches decides), then the defaults: runs launched from Runwatch or watched, when they end;
 * any failure on a connection marked important. Nothing while paused or in quiet hours.
 */
struct NotificationPolicy
{
    QList<NotificationRule> rules;
    bool watchedRunsEnd = true;
    QSet<QString> importantConnections;
    bool quietHoursOn = false;
    QTime quietFrom = QTime(22, 0);
    QTime quietUntil = QTime(7, 0); // the next morning when before quietFrom
    QDateTime pausedUntil; // "pause notifications for 1 h"

    bool shouldNotify(const RunEvent &event, const QDateTime &now) const;
    /** Quiet hours or a pause are on at `now` (local time). */
    bool isQuiet(const QDateTime &now) const;

    QJsonObject toJson() const;
    static NotificationPolicy fromJson(const QJsonObject &json);
};

/** A run ended in a way worth a closer look: failed, terminated or timed out. */
bool isFailure(RunStatus status);
