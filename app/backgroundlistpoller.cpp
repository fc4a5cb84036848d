#include "backgroundlistpoller.h"

#include "runsource.h"

BackgroundListPoller::BackgroundListPoller(SourceLookup sources, QObject *parent)
    : QObject(parent)
    , m_sources(std::move(sources))
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &BackgroundListPoller::pollNow);
}

BackgroundListPoller::~BackgroundListPoller()
{
    dropRequests();
}

void BackgroundListPoller::dropRequests()
{
    for (const Pending &pending : std::as_const(m_pending)) {
        if (pending.source)
            pending.source->cancelRequest(pending.request);
    }
    m_pending.clear();
}

void BackgroundListPoller::setTargets(const QList<Target> &targets)
{
    QSet<QString> keep;
    for (const Target &target : targets) {
        for (const QString &scope : target.scopes)
            keep.insert(target.connectionId + u'|' + scope);
    }
    for (auto it = m_seen.begin(); it != m_seen.end();)
        it = keep.contains(it.key()) ? std::next(it) : m_seen.erase(it);
    m_targets = targets;
    if (m_targets.isEmpty()) {
        m_timer.stop();
        return;
    }
    if (!m_timer.isActive())
        m_timer.start();
    pollNow(); // learns what is there now
}

void BackgroundListPoller::pollNow()
{
    for (const Target &target : std::as_const(m_targets)) {
        RunSource *source = m_sources(target.connectionId);
        if (!source)
            continue; // its key is not known yet: the next round tries again
        for (const QString &scope : target.scopes) {
            const QString key = target.connectionId + u'|' + scope;
            if (m_pending.contains(key))
                continue;
            RunQuery query;
            query.workflowPermanentId = scope;
            const QString connectionId = target.connectionId;
            const RequestId request = source->listRuns(
                query, this, [this, key, connectionId](const ApiResult<RunPage> &result) {
                    m_pending.remove(key);
                    if (!result.ok())
                        return; // the next round tries again; the window shows its own errors
                    const bool firstLook = !m_seen.contains(key);
                    QHash<QString, RunStatus> &seen = m_seen[key];
                    for (const WorkflowRun &run : result.value.runs) {
                        const auto before = seen.constFind(run.workflowRunId);
                        const bool known = before != seen.cend();
                        const RunStatus previous = known ? *before : RunStatus::Unknown;
                        seen.insert(run.workflowRunId, run.status);
                        if (firstLook || isActiveStatus(run.status)
                            || run.status == RunStatus::Unknown)
                            continue;
                        if (!known || isActiveStatus(previous))
                            emit runEnded(connectionId, run, previous);
                    }
                    if (seen.size() > 5000)
                        m_seen.remove(key); // bounded; the next look learns afresh
                });
            m_pending.insert(key, Pending {source, request});
        }
    }
}
