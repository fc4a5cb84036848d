#pragma once

#include <QAbstractItemModel>
#include <QList>

#include "runtimeline.h"

/**
 * A run's timeline as a tree: its blocks and thoughts, under each block its actions and then
 * the entries nested in it (a loop's blocks). Columns: the step, how it ended, how long it
 * took. The whole timeline is replaced at once (a reset): it arrives whole and is read-only.
 */
class TimelineModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { StepColumn, StatusColumn, DurationColumn, ColumnCount };
    enum Role {
        IsActionRole = Qt::UserRole, // bool: an action (else a block or a thought)
        FailedRole, // bool: ended in failure
        ReasoningRole, // why: an action's reasoning, a block's failure reason, a thought
        StepIdRole, // an action's step (Artifact::stepId)
        ScreenshotIdRole, // an action's own screenshot (Artifact::artifactId)
        BlockIdRole, // the block's id (Artifact::workflowRunBlockId), for actions too
    };

    explicit TimelineModel(QObject *parent = nullptr);

    void setTimeline(const RunTimeline &timeline);
    void clear();
    const RunTimeline &timeline() const { return m_timeline; }

    QModelIndex indexOf(const TimelinePosition &position) const;
    TimelinePosition positionOf(const QModelIndex &index) const;
    /** The action or entry at an index; null for the other kind or an invalid index. */
    const TimelineAction *actionAt(const QModelIndex &index) const;
    const TimelineEntry *entryAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** "Click", "Input text": an action's wire type as words. */
    static QString actionTypeText(const QString &wireType);
    /** An action in one line: its type and what it meant to do ("Click: Submit the form"). */
    static QString actionText(const TimelineAction &action);
    static QString actionStatusText(const TimelineAction &action);

private:
    // One row of the tree, kept flat: its parent's node (-1 at the top) and its children.
    struct Node
    {
        int parent = -1;
        int row = 0;
        const TimelineEntry *entry = nullptr; // the entry, or the block the action is in
        int action = -1; // an index into entry->block.actions; -1: the entry itself
        QList<int> entryPath;
        QList<int> children;
    };

    void addEntries(const QList<TimelineEntry> &entries, int parent, QList<int> &path);
    const Node *nodeAt(const QModelIndex &index) const;
    QString stepText(const Node &node) const;

    RunTimeline m_timeline;
    QList<Node> m_nodes;
    QList<int> m_roots;
};
