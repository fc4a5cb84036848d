#pragma once

#include <limits>
#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "workflowrun.h"

/**
 * One answer of the second platform's `GET /v1/workflows/{id}/runs`: the envelope `{code,
 * data: {hasMore, items, limit, offset}, message, requestId}` with its items read into
 * WorkflowRun (statuses mapped onto the dashboard's, the original kept in statusText).
 */
struct PlatformRunPage
{
    int code = 0;
    QString message;
    QString requestId;
    bool hasMore = false;
    int limit = 0;
    int offset = 0;
    QList<WorkflowRun> runs;
    QList<QJsonObject> items; // the runs as sent, for the detail pane
    QStringList notes; // runs skipped as unreadable, runs beyond those wanted not read

    /** Reads the envelope; `data` may be null when `code` is not 200. Reads at most `wanted`
     * runs, skipping (and noting) malformed ones unless every one is. */
    static std::optional<PlatformRunPage> fromJson(const QByteArray &body, QString *error,
        qsizetype wanted = std::numeric_limits<qsizetype>::max());
};

/** running → Running, waiting → Queued, success → Completed, failure → Failed, cancelled →
 * Canceled, partial → Partial; anything else Unknown (the run is kept, with its own word). */
RunStatus platformStatusFromWire(const QString &wire);
QString platformStatusToWire(RunStatus status);
