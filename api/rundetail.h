#pragma once

#include <optional>
#include <utility>

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include "runstatus.h"

/** One entry of a run's `errors` list: a user-defined error code with its explanation. */
struct RunError
{
    QString errorCode;
    QString reasoning;
    std::optional<double> confidence;

    QJsonObject toJson() const;
};

/** A file the run downloaded (the contract's `FileInfo`). */
struct DownloadedFile
{
    QString url;
    QString checksum;
    QString filename;
    std::optional<qint64> fileSize;
    QDateTime modifiedAt;

    QJsonObject toJson() const;
};

/** The answer of `GET /v1/runs/{run_id}`: a task run or a workflow run, told apart by runType. */
struct RunDetail
{
    QString runId;
    QString runType; // workflow_run, task_v1, task_v2, ...
    RunStatus status = RunStatus::Unknown;
    QString statusText;
    QDateTime createdAt;
    QDateTime modifiedAt;
    QDateTime queuedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString failureReason;
    QList<RunError> errors;
    /** The errors' codes, each once, in the order they came. */
    QStringList errorCodes() const;
    QStringList screenshotUrls; // newest first, as the server orders them
    QString recordingUrl;
    QList<DownloadedFile> downloadedFiles;
    QJsonValue output;
    QString appUrl;
    std::optional<qint64> stepCount;
    QString browserSessionId;
    QString browserProfileId;
    QString runWith;
    std::optional<bool> aiFallback;
    QJsonObject runRequest;
    /** The run exactly as a list answered it, for platforms without a detail endpoint. */
    QJsonObject listing;

    /**
     * The parameters the run was started with (its request's `parameters`), as name and
     * value in one line each, for saying what a retry will send again.
     */
    QList<std::pair<QString, QString>> requestParameters() const;

    static std::optional<RunDetail> fromJson(const QByteArray &body, QString *error);
    QJsonObject toJson() const;
};
