#pragma once

#include <functional>
#include <optional>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include "runstatus.h"

/**
 * One item of a Skyvern run list (the OpenAPI `WorkflowRun` schema). Field names follow the
 * contract; `statusText` and `triggerText` keep the wire value so an unknown one can be shown.
 */
struct WorkflowRun
{
    QString workflowRunId;
    QString workflowId; // the version id (w_...), not the agent id
    QString workflowPermanentId; // the agent id (wpid_...)
    QString organizationId;
    RunStatus status = RunStatus::Unknown;
    QString statusText;
    QDateTime createdAt;
    QDateTime modifiedAt;
    QDateTime queuedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString workflowTitle;
    TriggerType triggerType = TriggerType::Unknown;
    QString triggerText;
    QString failureReason;
    QJsonArray failureCategory;
    QString parentWorkflowRunId;
    QString browserSessionId;
    QString browserProfileId;
    QMap<QString, QString> extraHttpHeaders;
    QJsonValue proxyLocation;
    QString webhookCallbackUrl;
    QString totpVerificationUrl;
    QString totpIdentifier;
    std::optional<qint64> maxElapsedTimeMinutes;
    QString runWith;
    std::optional<bool> aiFallback;
    QString workflowScheduleId;

    QString sourceRunId; // the run this one retries (Skyvern: retried_from_workflow_run_id)
    QString
        runType; // `task_v2`, `openai_cua`…, from lists of every run type; empty: a workflow run

    // Fields of platforms other than Skyvern, empty for Skyvern runs.
    std::optional<qint64> workflowVersion;
    QString triggeredBy;
    std::optional<double> computeUnits;
    bool isSimulation = false;
    bool isDustTest = false;

    /** The connection the run came from, set where several are shown in one list. */
    QString source;

    /** When the run began, the order of lists: created, or started where there is no created. */
    QDateTime orderTime() const { return createdAt.isValid() ? createdAt : startedAt; }
    /**
     * The same run has moved on since `earlier` (another status, or changed while active):
     * what a view of its steps or screenshots asks for again.
     */
    bool movedSince(const WorkflowRun &earlier) const
    {
        return status != earlier.status
            || (isActiveStatus(status) && modifiedAt != earlier.modifiedAt);
    }

    /** How much of the wire contract a decoder insists on. */
    enum class Fields {
        Contract, // every field the API documents as required (an answer from a server)
        IdOnly, // only the run id (a list this app saved, from any platform)
    };

    /** Decodes one run; on failure returns nullopt and says which field was wrong. */
    static std::optional<WorkflowRun> fromJson(const QJsonObject &json, const QString &path,
        QString *error, Fields required = Fields::Contract);
    QJsonObject toJson() const;

    bool operator==(const WorkflowRun &other) const;
    bool operator!=(const WorkflowRun &other) const { return !(*this == other); }
};

/**
 * Decodes one item of `GET /v1/runs` (`TaskRunListItem`: any run type, light) into a run;
 * its title stands in for the workflow title. Nullopt with the field named when it is wrong.
 */
std::optional<WorkflowRun> taskRunItemFromJson(
    const QJsonObject &json, const QString &path, QString *error);

/** Decodes a bare JSON array of runs, as the list endpoints answer. */
std::optional<QList<WorkflowRun>> workflowRunsFromJson(const QByteArray &body, QString *error);
/** A page of runs as read from a server that may send too many or a few broken ones. */
struct RunListRead
{
    QList<WorkflowRun> runs;
    QStringList notes; // sentences for the user: runs skipped, runs beyond the page not read
};

/**
 * Reads at most `wanted` runs of a list answer. A malformed run is skipped and named in the
 * notes rather than failing the page (unless every run is malformed); runs beyond `wanted`
 * are not decoded, and the notes say so.
 */
std::optional<RunListRead> readRunPage(const QByteArray &body, qsizetype wanted, QString *error);
/** The same for an answer of `GET /v1/runs` (TaskRunListItem). */
std::optional<RunListRead> readTaskRunPage(
    const QByteArray &body, qsizetype wanted, QString *error);
/** The same for an array already parsed, each item's path prefixed by `path`. */
std::optional<RunListRead> readRunItems(const QJsonArray &array, qsizetype wanted,
    const QString &path,
    const std::function<std::optional<WorkflowRun>(const QJsonObject &, const QString &, QString *)>
        &decode,
    QString *error);
/** Decodes runs from an array already parsed; errors name the item ("[3].status: …"). */
std::optional<QList<WorkflowRun>> workflowRunsFromArray(const QJsonArray &array, QString *error);
