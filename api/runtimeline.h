#pragma once

#include <optional>

#include <QJsonArray>
#include <QList>
#include <QStringList>

#include "timelineentry.h"

/** Where in a timeline: the entry (indices from the top level down) and one of its actions. */
struct TimelinePosition
{
    QList<int> entryPath; // empty: nowhere
    int action = -1; // an index into the entry's block actions; -1: the entry itself

    bool isValid() const { return !entryPath.isEmpty(); }
    bool operator==(const TimelinePosition &other) const
    {
        return entryPath == other.entryPath && action == other.action;
    }
};

/**
 * What a run did, step by step (the answer of `GET /v1/runs/{run_id}/timeline`): a tree of
 * blocks and thoughts, each block with its actions. Everything is put oldest first, whatever
 * order the server sent (Skyvern sends newest first), so the last action is the latest.
 *
 * Read leniently: an entry or action that cannot be read is left out and the notes say so; a
 * timeline of more than kMaxActions actions or kMaxEntries entries, or nested deeper than
 * kMaxDepth, is cut with a note. Only an answer that is not a JSON array of entries, or whose
 * every entry is unreadable, is an error.
 */
struct RunTimeline
{
    QList<TimelineEntry> entries; // top level, oldest first
    QStringList notes; // sentences for the user: what was left out and why

    static constexpr qsizetype kMaxActions = 5000;
    static constexpr qsizetype kMaxEntries = 5000;
    static constexpr int kMaxDepth = 50;

    /** Every action of every block. */
    qsizetype actionCount() const;
    /** Blocks and thoughts at every level. */
    qsizetype entryCount() const;
    /** The entry at `path`, or null when there is none. */
    const TimelineEntry *entryAt(const QList<int> &path) const;
    /** The action at `position`, or null when it names none. */
    const TimelineAction *actionAt(const TimelinePosition &position) const;
    /**
     * Where the run went wrong: its latest failed action, else its latest failed block (a block
     * can fail before any action). Invalid when nothing failed. The failure reason is the
     * block's (TimelineBlock::failureReason); the action carries its error codes.
     */
    TimelinePosition failurePosition() const;
    /** The latest action, failed or not: where a running run is now. */
    TimelinePosition latestAction() const;
    /** Every action, in the timeline's order (blocks depth first, each block's actions in turn). */
    QList<TimelinePosition> actionPositions() const;
    /** The action with this id, or an invalid position when there is none. */
    TimelinePosition findAction(const QString &actionId) const;

    static std::optional<RunTimeline> fromJson(const QByteArray &body, QString *error);
    /** The contract's shape, newest first as Skyvern answers (the demo server uses it). */
    QJsonArray toJson() const;
};
