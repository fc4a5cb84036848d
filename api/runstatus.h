#pragma once

#include <QList>
#include <QString>

/** The lifecycle states of a Skyvern run, plus Unknown for values a newer server may add. */
enum class RunStatus {
    Unknown,
    Created,
    Queued,
    Running,
    Paused,
    Failed,
    Terminated,
    Canceled,
    TimedOut,
    Completed,
    Partial, // finished with some steps failed (the second platform's app workflows)
};

RunStatus runStatusFromWire(const QString &wire);
QString runStatusToWire(RunStatus status);
/** A status by name for Runwatch's own files: the wire's, plus `partial`, which no one wire has. */
QString runStatusName(RunStatus status);
RunStatus runStatusFromName(const QString &name);
/** Every status the contract names, in the order a user reads them (active first). */
QList<RunStatus> allRunStatuses();
/** True while the run may still change: created, queued, running, paused. */
bool isActiveStatus(RunStatus status);
/** True for a run that ended with failures: a "failed" filter includes partial runs. */
bool isFailureLike(RunStatus status);
/** True for a run that ended failing: failed, terminated or timed out (not canceled or partial). */
bool isFailedStatus(RunStatus status);

/** How a workflow run was started. */
enum class TriggerType {
    Unknown,
    Manual,
    Mcp,
    Api,
    Scheduled,
    Webhook,
};

TriggerType triggerTypeFromWire(const QString &wire);
QString triggerTypeToWire(TriggerType trigger);
QList<TriggerType> allTriggerTypes();
