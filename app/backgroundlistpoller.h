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

/**
 * Looks at the newest runs of connections out of sight (those marked important) at the idle
 * rate and says which of them ended since the last look, so a failure there is told while the
 * window shows another connection. The first look only learns what is there.
 */
class BackgroundListPoller final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 15000;

    /** A connection to look at: its id and the lists to read (one per workflow for sources that
     * list one at a time; an empty scope for all). */
    struct Target
    {
        QString connectionId;
        QStringList scopes;
    };
    using SourceLookup = std::function<RunSource *(const QString &connectionId)>;

    explicit BackgroundListPoller(SourceLookup sources, QObject *parent = nullptr);
    ~BackgroundListPoller() override;

    /** What to look at from now on; connections no longer listed are forgotten. */
    void setTargets(const QList<Target> &targets);
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    void pollNow();
    /** Sources are about to go: forgets what was asked of them. */
    void dropRequests();

signals:
    /** A run seen active last time (or new since the first look) has ended. */
    void runEnded(const QString &connectionId, const WorkflowRun &run, RunStatus previous);

private:
    struct Pending
    {
        QPointer<RunSource> source;
        RequestId request = 0;
    };

    SourceLookup m_sources;
    QList<Target> m_targets;
    QTimer m_timer;
    QHash<QString, Pending> m_pending; // by "connection|scope"
    QHash<QString, QHash<QString, RunStatus>> m_seen; // by "connection|scope", then run id
};
