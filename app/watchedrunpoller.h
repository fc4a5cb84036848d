#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "requestid.h"
#include "runstatus.h"
#include "workflowrun.h"

class RunSource;
class WatchedRunModel;

/**
 * Looks at every watched run on its own connection, whichever list the window shows, so a
 * watched run is told when it ends even on a connection out of sight. A source with a detail
 * endpoint is asked for the run; one without (B3OS) for the newest page of the run's workflow.
 */
class WatchedRunPoller final : public QObject
{
    Q_OBJECT
public:
    /** The source of a connection; null while it cannot be reached (its key unknown). */
    using SourceLookup = std::function<RunSource *(const QString &connectionId)>;

    WatchedRunPoller(WatchedRunModel *model, SourceLookup sources, QObject *parent = nullptr);
    ~WatchedRunPoller() override;

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }
    /** Looks at every watched run now (and then every interval while any is watched). */
    void pollNow();
    /** Sources are about to go: forgets what was asked of them. */
    void dropRequests();

signals:
    /** A watched run was seen ended; `previous` is how it was last seen before. */
    void runEnded(const QString &connectionId, const WorkflowRun &run, RunStatus previous,
        const QStringList &errorCodes);
    /** The server no longer knows a watched run (404): there is nothing left to wait for. */
    void runGone(const QString &connectionId, const QString &runId, const QString &message);

private:
    void poll(const QString &connectionId, const WorkflowRun &run);
    void heard(const QString &connectionId, const WorkflowRun &run, const QStringList &errorCodes);
    void scheduleNext();

    struct Pending
    {
        QPointer<RunSource> source;
        RequestId request;
    };

    WatchedRunModel *m_model;
    SourceLookup m_sources;
    QTimer m_timer;
    QHash<QString, Pending> m_pending; // by WatchedRunModel::keyOf
};
