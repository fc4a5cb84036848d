#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include "rundetail.h"

class LenientRead;

/** How an action of a run ended (the contract's `ActionStatus`), Unknown for newer values. */
enum class ActionStatus {
    Unknown,
    Pending, // not finished yet: with a start time and no finish time it is in progress
    Skipped,
    Failed,
    Completed,
};

ActionStatus actionStatusFromWire(const QString &wire);
QString actionStatusToWire(ActionStatus status);

/**
 * One thing a run did in the browser (the contract's `Action`): what it did, why, how it
 * ended and when. `stepId` and `screenshotArtifactId` tie it to the run's artifacts
 * (Artifact::stepId, Artifact::artifactId).
 */
struct TimelineAction
{
    QString actionId;
    QString actionType; // click, input_text, select_option, extract, wait, complete, ...
    ActionStatus status = ActionStatus::Pending; // the contract's default
    QString statusText;
    QString description;
    QString reasoning; // why this action was chosen
    QString intention; // what it meant to achieve
    QString response; // what it answered (an extraction, a completion message)
    QString text; // what it typed
    QString optionLabel; // what it selected, for select_option
    QString optionValue;
    QString elementId; // the page element it acted on
    QString xpath;
    QString dataExtractionGoal;
    QJsonValue output;
    QList<RunError> errors; // the contract's UserDefinedError: code, reasoning, confidence
    std::optional<double> confidence; // 0–1
    QString taskId;
    QString stepId;
    std::optional<int> stepOrder;
    std::optional<int> actionOrder;
    QString screenshotArtifactId;
    QDateTime startedAt;
    QDateTime finishedAt;
    QDateTime createdAt;
    QDateTime modifiedAt;

    /** Started and not finished: what a running run is doing now. */
    bool isInProgress() const
    {
        return status == ActionStatus::Pending && startedAt.isValid() && !finishedAt.isValid();
    }
    /** Seconds from start to finish, when both are known and in order. */
    std::optional<double> durationSeconds() const;

    /**
     * Decodes one action. On failure returns nullopt and says which field was wrong; values
     * out of any sensible range (a negative order, a confidence of 7) are dropped and long
     * texts cut, both noted in `read`.
     */
    static std::optional<TimelineAction> fromJson(
        const QJsonObject &json, const QString &path, LenientRead &read, QString *error);
    QJsonObject toJson() const;
};
