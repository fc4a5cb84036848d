#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include "lenientread.h"
#include "runstatus.h"
#include "timelineaction.h"

/**
 * One block of a workflow run (the contract's `WorkflowRunBlock`): a navigation, extraction,
 * login, loop… with how it ended and the actions taken in it. The contract gives a
 * block no start or finish time: it began at `createdAt`, was last changed at `modifiedAt` and
 * took `durationSeconds` when the server says.
 */
struct TimelineBlock
{
    QString workflowRunBlockId; // artifacts name it in Artifact::workflowRunBlockId
    QString parentWorkflowRunBlockId;
    QString workflowRunId;
    QString blockWorkflowRunId; // a block that ran another workflow: that run
    QString organizationId;
    QString blockType; // task, navigation, extraction, action, login, for_loop, ...
    QString label;
    QString description;
    RunStatus status = RunStatus::Unknown; // blocks use the run statuses
    QString statusText;
    QString failureReason;
    QStringList errorCodes;
    bool continueOnFailure = false;
    QString engine;
    QString taskId;
    QString url;
    QString finalUrl;
    QString navigationGoal;
    QString dataExtractionGoal;
    QJsonValue output;
    std::optional<double> durationSeconds;
    QList<TimelineAction> actions; // oldest first
    QDateTime createdAt;
    QDateTime modifiedAt;
};

/**
 * One thought of the planner (the contract's `Thought`): what it observed, what it thought and
 * what it answered, between blocks of task_v2 runs.
 */
struct TimelineThought
{
    QString thoughtId;
    QString taskId;
    QString organizationId;
    QString workflowRunId;
    QString workflowRunBlockId;
    QString userInput;
    QString observation;
    QString thought;
    QString answer;
    QString thoughtType; // plan, metadata, user_goal_check, failure_describe, ...
    QString thoughtScenario;
    QDateTime createdAt;
    QDateTime modifiedAt;
};

/** What one timeline may hold at most, and what reading it has used and noted so far. */
struct TimelineBudget
{
    qsizetype maxEntries = 5000;
    qsizetype maxActions = 5000;
    int maxDepth = 50; // entries nested deeper are a broken server, not a workflow

    qsizetype entries = 0; // read so far
    qsizetype actions = 0;
    qsizetype entriesLeftOut = 0; // past the limits
    qsizetype actionsLeftOut = 0;
    qsizetype tooDeep = 0;
    int depth = 0; // of the entry being read
    LenientRead read; // skipped entries and actions, dropped values, cut texts
};

/**
 * One node of a run's timeline (the contract's `WorkflowRunTimeline`): a block or a thought,
 * with the entries nested under it (the blocks of a loop, say). Only the part named by `kind`
 * is filled in.
 */
struct TimelineEntry
{
    enum class Kind {
        Unknown, // a type a newer server added; its children are still read
        Block,
        Thought,
    };

    Kind kind = Kind::Unknown;
    QString kindText; // the wire value of `type`
    TimelineBlock block;
    TimelineThought thought;
    QList<TimelineEntry> children; // oldest first
    QDateTime createdAt;
    QDateTime modifiedAt;

    /** What to call the entry in one line: the block's label (else its type) or the thought. */
    QString title() const;
    /** Actions of this entry's block and of every entry under it. */
    qsizetype actionCount() const;

    /**
     * Decodes one entry and the entries under it, each level put oldest first. A child or an
     * action that cannot be read is left out and noted in `budget`, as is what lies beyond its
     * limits; nullopt (with the reason) only when this entry itself is unreadable.
     */
    static std::optional<TimelineEntry> fromJson(
        const QJsonObject &json, const QString &path, TimelineBudget &budget, QString *error);
    /** The contract's shape, children included (the demo server answers with it). */
    QJsonObject toJson() const;
};
