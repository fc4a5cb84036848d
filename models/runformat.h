#pragma once

#include <QColor>
#include <QDateTime>
#include <QString>

#include "runstatus.h"

/** How run values read on screen: words for statuses, local times, compact durations. */
namespace RunFormat {
QString statusText(RunStatus status, const QString &wireText);
QString triggerText(TriggerType trigger, const QString &wireText);
/** A run type in words ("Workflow", "Task v2", "OpenAI CUA"); empty means a workflow run. */
QString runTypeText(const QString &wireType);
/** The run types `GET /v1/runs` knows, in the order a filter offers them. */
QStringList runTypes();
QColor statusColor(RunStatus status);
/**
 * Date and time in the user's locale and time zone, e.g. "25 Nov 14:03:07" or "25.11 14:03:07";
 * the year only when it is not this year, "Today" for today.
 */
QString localTime(const QDateTime &time, const QDateTime &now);
/** "850 ms", "42 s", "3 m 05 s", "2 h 14 m", "3 d 4 h". */
QString duration(qint64 milliseconds);
/** A place in a recording, "mm:ss", minutes counting on past the hour: recordings are minutes long.
 */
QString clock(qint64 milliseconds);
} // namespace RunFormat
