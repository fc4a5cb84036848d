#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

#include "workflowrun.h"

/**
 * The runs the user watches until they end (launched from Runwatch, or asked for), on any
 * connection, newest watch first. Holds what was last heard of each so the Watched list reads
 * well before the first answer and while a server is down; whoever polls updates it.
 */
class WatchedRunModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ConnectionRole = Qt::UserRole + 1, // the connection id
        RunIdRole,
        StatusRole, // RunStatus as int
    };

    struct Entry
    {
        QString connectionId;
        QString connectionName;
        WorkflowRun run; // at least its id
        QString problem; // why the last look at it failed; empty when it worked
    };

    explicit WatchedRunModel(QObject *parent = nullptr);

    /** Watches a run, or refreshes what is known of one already watched. */
    void watch(const Entry &entry);
    /** Stops watching; false when it was not watched. */
    bool unwatch(const QString &connectionId, const QString &runId);
    bool contains(const QString &connectionId, const QString &runId) const;
    /** What was heard of a watched run now; the previous run comes back through `previous`. */
    void update(
        const QString &connectionId, const WorkflowRun &run, WorkflowRun *previous = nullptr);
    /** What the UI calls a connection, once known (the demo's are made after the watches load). */
    void setConnectionName(const QString &connectionId, const QString &name);
    /** The last look at a watched run failed (empty `problem`: it worked again). */
    void setProblem(const QString &connectionId, const QString &runId, const QString &problem);

    const Entry &entryAt(int row) const { return m_entries.at(row); }
    int rowOf(const QString &connectionId, const QString &runId) const;
    /** "connection id/run id" of each, the form they are saved in. */
    QStringList keys() const;
    static QString keyOf(const QString &connectionId, const QString &runId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
};
