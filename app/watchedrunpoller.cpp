#include "watchedrunpoller.h"

#include "runsource.h"
#include "watchedrunmodel.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kDefaultIntervalMs = 10000; // faster than the idle list, slower than a shown one
}

WatchedRunPoller::WatchedRunPoller(WatchedRunModel *model, SourceLookup sources, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_sources(std::move(sources))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WatchedRunPoller::pollNow);
    // A new watch is looked at now: its title and status fill in at once.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) {
            for (int row = first; row <= last; ++row) {
                const WatchedRunModel::Entry &entry = m_model->entryAt(row);
                poll(entry.connectionId, entry.run);
            }
            scheduleNext();
        });
}

WatchedRunPoller::~WatchedRunPoller()
{
    dropRequests();
}

void WatchedRunPoller::dropRequests()
{
    for (const Pending &pending : std::as_const(m_pending)) {
        if (pending.source)
            pending.source->cancelRequest(pending.request);
    }
    m_pending.clear();
}

void WatchedRunPoller::pollNow()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const WatchedRunModel::Entry &entry = m_model->entryAt(row);
        poll(entry.connectionId, entry.run);
    }
    scheduleNext();
}

void WatchedRunPoller::scheduleNext()
{
    if (m_model->rowCount() > 0 && !m_timer.isActive())
        m_timer.start();
}

void WatchedRunPoller::poll(const QString &connectionId, const WorkflowRun &run)
{
    const QString key = WatchedRunModel::keyOf(connectionId, run.workflowRunId);
    if (m_pending.contains(key))
        return; // still waiting for the last answer
    RunSource *source = m_sources(connectionId);
    if (!source)
        return; // its key is not known yet: the next round tries again
    const QString runId = run.workflowRunId;
    const auto failed = [this, connectionId, runId](const ApiError &error) {
        if (error.kind == ApiError::Kind::NotFound)
            emit runGone(connectionId, runId, error.message);
        else
            m_model->setProblem(connectionId, runId, error.message);
    };
    RequestId request = 0;
    if (source->features().details) {
        request = source->getRun(runId, this,
            [this, key, connectionId, run, failed](const ApiResult<RunDetail> &result) {
                m_pending.remove(key);
                if (!result.ok())
                    return failed(result.error);
                const RunDetail &detail = result.value;
                WorkflowRun now = run;
                now.status = detail.status;
                now.statusText = detail.statusText;
                now.startedAt = detail.startedAt.isValid() ? detail.startedAt : run.startedAt;
                now.finishedAt = detail.finishedAt;
                now.modifiedAt = detail.modifiedAt;
                now.failureReason = detail.failureReason;
                QStringList codes;
                for (const RunError &error : detail.errors)
                    codes.append(error.errorCode);
                codes.removeAll(QString());
                codes.removeDuplicates();
                heard(connectionId, now, codes);
            });
    } else {
        // No detail endpoint: the run is found on the newest page of its workflow's runs.
        RunQuery query;
        query.workflowPermanentId = run.workflowPermanentId.isEmpty()
            ? source->features().defaultScope
            : run.workflowPermanentId;
        request = source->listRuns(query, this,
            [this, key, connectionId, runId, failed](const ApiResult<RunPage> &result) {
                m_pending.remove(key);
                if (!result.ok())
                    return failed(result.error);
                for (const WorkflowRun &listed : result.value.runs) {
                    if (listed.workflowRunId == runId)
                        return heard(connectionId, listed, {});
                }
                m_model->setProblem(connectionId, runId,
                    tr("Not among the newest runs of its workflow; it is looked for again."));
            });
    }
    m_pending.insert(key, Pending {source, request});
}

void WatchedRunPoller::heard(
    const QString &connectionId, const WorkflowRun &run, const QStringList &errorCodes)
{
    if (!m_model->contains(connectionId, run.workflowRunId))
        return; // no longer watched while the answer was on its way
    WorkflowRun previous;
    m_model->update(connectionId, run, &previous);
    if (!isActiveStatus(run.status) && run.status != RunStatus::Unknown)
        emit runEnded(connectionId, run, previous.status, errorCodes);
}
