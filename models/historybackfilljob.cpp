#include "historybackfilljob.h"

#include "modellog.h"
#include "runlistmodel.h"

HistoryBackfillJob::HistoryBackfillJob(RunSource *source, const QDateTime &since, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_since(since)
{ }

HistoryBackfillJob::~HistoryBackfillJob()
{
    stop();
}

void HistoryBackfillJob::start()
{
    if (m_running)
        return;
    if (!m_source) {
        emit failed(tr("There is no connection to read runs from."));
        return;
    }
    m_running = true;
    m_runs = 0;
    m_codesTotal = 0;
    m_codesDone = 0;
    m_codeQueue.clear();
    m_workflows.clear();
    m_seen.clear();
    m_reached = {};
    m_reachedEnd = true;
    m_retrying
        = connect(m_source, &RunSource::retrying, this, [this](const ApiError &error, int delayMs) {
              emit waiting(tr("%1 Asking again in %n s.", nullptr, qMax(1, (delayMs + 999) / 1000))
                               .arg(error.message));
          });
    // Every run of every workflow: History counts what the server ran, not what a filter shows.
    // A server that lists one workflow at a time (the workflow platform) is read workflow by
    // workflow.
    if (m_source->features().allWorkflowsScope) {
        m_workflows = {QString()};
        nextWorkflow();
        return;
    }
    m_pending = m_source->listWorkflows(this, [this](const ApiResult<QList<Workflow>> &result) {
        m_pending = 0;
        if (!m_running)
            return;
        if (!result.ok()) {
            stop();
            emit failed(tr("Reading older runs stopped: %1").arg(result.error.message));
            return;
        }
        m_workflows.clear();
        for (const Workflow &workflow : result.value)
            m_workflows.append(workflow.workflowPermanentId);
        nextWorkflow();
    });
}

void HistoryBackfillJob::nextWorkflow()
{
    if (m_workflows.isEmpty()) {
        lookUpCodes();
        return;
    }
    m_query = RunQuery();
    m_query.workflowPermanentId = m_workflows.takeFirst();
    m_query.page = 1;
    m_query.pageSize = m_pageSize;
    requestPage();
}

void HistoryBackfillJob::requestPage()
{
    m_pending = m_source->listRuns(m_query, this, [this](const ApiResult<RunPage> &result) {
        m_pending = 0;
        takePage(result);
    });
}

void HistoryBackfillJob::takePage(const ApiResult<RunPage> &result)
{
    if (!m_running)
        return;
    if (!result.ok()) {
        stop();
        emit failed(tr("Reading older runs stopped at page %1: %2 The %n run(s) read so far are "
                       "kept.",
            nullptr, m_runs)
                        .arg(m_query.page)
                        .arg(result.error.message));
        return;
    }
    const RunPage &page = result.value;
    QList<WorkflowRun> fresh;
    fresh.reserve(page.runs.size());
    bool reachedSince = false;
    for (const WorkflowRun &run : page.runs) {
        const QDateTime began = run.orderTime();
        if (began.isValid() && (!m_reached.isValid() || began < m_reached))
            m_reached = began;
        if (began.isValid() && began < m_since)
            reachedSince = true;
        // New runs at the top push older ones down a page: each is handed on once.
        if (m_seen.contains(RunListModel::rowKey(run)))
            continue;
        m_seen.insert(RunListModel::rowKey(run));
        fresh.append(run);
        const bool failed = isFailedStatus(run.status) || run.status == RunStatus::Partial;
        if (failed && m_codesWanted && m_codeQueue.size() < kMaxCodeLookups
            && m_source->featuresOf(run.workflowRunId).errorCode && m_codesWanted(run))
            m_codeQueue.append(run);
    }
    m_runs += int(fresh.size());
    if (!fresh.isEmpty())
        emit pageRead(fresh);
    emit progressed(m_runs, m_reached);
    qCDebug(lcModel) << "history: page" << m_query.page << "read," << m_runs << "runs";
    if (reachedSince || page.isLastPage()) {
        m_reachedEnd = m_reachedEnd && !reachedSince;
        nextWorkflow();
        return;
    }
    if (m_runs >= m_maxRuns) {
        stop();
        emit failed(tr("Stopped after %L1 runs, back to %2; History draws at most that many.")
                        .arg(m_runs)
                        .arg(QLocale().toString(m_reached.toLocalTime(), QLocale::ShortFormat)));
        return;
    }
    ++m_query.page;
    requestPage();
}

void HistoryBackfillJob::lookUpCodes()
{
    if (m_codesTotal == 0) {
        m_codesTotal = int(m_codeQueue.size());
        if (m_codesTotal > 0)
            emit codesProgressed(0, m_codesTotal);
    }
    while (
        m_running && m_source && m_codeRequests.size() < kMaxConcurrent && !m_codeQueue.isEmpty()) {
        const WorkflowRun run = m_codeQueue.takeFirst();
        const RequestId id = m_source->getRun(
            run.workflowRunId, this, [this, run](const ApiResult<RunDetail> &result) {
                m_codeRequests.remove(run.workflowRunId);
                ++m_codesDone;
                // A detail that cannot be read costs that run's codes, not the rest.
                if (result.ok())
                    emit codesRead(run, result.value.errorCodes());
                emit codesProgressed(m_codesDone, m_codesTotal);
                lookUpCodes();
            });
        m_codeRequests.insert(run.workflowRunId, id);
    }
    if (m_running && m_codeQueue.isEmpty() && m_codeRequests.isEmpty())
        finish();
}

void HistoryBackfillJob::finish()
{
    stop();
    emit finished(m_runs, m_reached);
}

void HistoryBackfillJob::stop()
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
    m_pending = 0;
    for (const RequestId id : std::as_const(m_codeRequests)) {
        if (m_source)
            m_source->cancelRequest(id);
    }
    m_codeRequests.clear();
    m_codeQueue.clear();
    m_running = false;
    disconnect(m_retrying);
}

void HistoryBackfillJob::cancel()
{
    if (!m_running)
        return;
    stop();
    emit canceled();
}
