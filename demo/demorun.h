#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

/** One stored error of a demo run: the code a workflow raised and why. */
struct DemoRunError
{
    QString errorCode;
    QString reasoning;
    double confidence = 0.9;
};

/**
 * A run as the demo server stores it: everything the list and detail endpoints answer, plus the
 * plan the simulator follows (how many steps, which final status).
 */
struct DemoRun
{
    QString runId;
    QString runType = QStringLiteral("workflow_run");
    QString workflowPermanentId;
    QString status;
    QString triggerType;
    QDateTime createdAt;
    QDateTime modifiedAt;
    QDateTime queuedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString failureReason;
    QJsonArray failureCategory;
    QString parentRunId;
    QString retriedFrom; // the run this one retries
    QString browserSessionId;
    QString browserProfileId;
    QMap<QString, QString> extraHttpHeaders;
    QJsonValue proxyLocation;
    QString webhookUrl;
    QString totpUrl;
    QString totpIdentifier;
    std::optional<int> maxElapsedMinutes;
    QString runWith;
    std::optional<bool> aiFallback;
    QString title;
    QJsonObject parameters;
    QJsonObject runMetadata;
    QJsonValue output;
    QJsonObject taskRequest; // task runs only: prompt, url, engine...
    int stepCount = 0;
    int plannedSteps = 0;
    QString plannedOutcome; // completed, failed, timed_out, terminated
    QList<DemoRunError> errors;
    QStringList downloadedFiles; // file names served under the run's artifacts
};

/** What a list endpoint asks the store for, already validated. */
struct DemoRunQuery
{
    QString workflowPermanentId; // empty: all workflows
    bool includeChildRuns = true;
    QStringList statuses;
    QString searchKey;
    QString errorCode;
    QDateTime createdStart; // inclusive
    QDateTime createdEnd; // exclusive
    qint64 page = 1;
    qint64 pageSize = 10;
    QStringList runTypes; // empty: workflow runs only, as the workflow lists answer
    QStringList workflowPermanentIds; // any of these; with workflowPermanentId empty
};
