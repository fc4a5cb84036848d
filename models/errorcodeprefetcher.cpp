#include "errorcodeprefetcher.h"

#include "runlistmodel.h"
#include "runsource.h"

ErrorCodePrefetcher::ErrorCodePrefetcher(RunListModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    // A new list (scope, filter, source) makes every pending answer beside the point; the view
    // says which rows to look up next.
    connect(m_model, &RunListModel::modelReset, this, [this] {
        cancelAll();
        m_failed.clear();
        m_visibleRows.clear();
    });
    // A run on screen that a poll says has just failed has codes to look up, though the view
    // did not scroll; runs already known are not asked again.
    connect(m_model, &RunListModel::refreshed, this, [this](int changed) {
        if (changed > 0)
            setVisibleRows(m_visibleRows);
    });
}

ErrorCodePrefetcher::~ErrorCodePrefetcher()
{
    cancelAll();
}

void ErrorCodePrefetcher::setSource(RunSource *source)
{
    cancelAll();
    m_failed.clear();
    m_cache.clear();
    m_source = source;
    m_enabled = source && source->features().details;
}

bool ErrorCodePrefetcher::wantsCodes(int row) const
{
    const WorkflowRun *run = m_model->runAt(row);
    if (!run || m_model->hasErrorCodes(run->workflowRunId))
        return false;
    // Runs listed under an error-code filter have errors whatever their status.
    if (!m_model->filter().errorCode.isEmpty())
        return true;
    return isFailedStatus(run->status);
}

void ErrorCodePrefetcher::setVisibleRows(const QList<int> &rows)
{
    m_visibleRows = rows;
    if (!m_enabled || !m_source)
        return;
    QStringList wanted;
    for (int row : rows) {
        const WorkflowRun *run = m_model->runAt(row);
        if (!run)
            continue;
        // What a detail told is given again to a new list of the same run (one of every run
        // type carries no reason), whether or not its codes are still known.
        if (const Learned *learned = m_cache.object(run->workflowRunId)) {
            m_model->fillFailureReason(run->workflowRunId, learned->failureReason);
            m_model->setErrorCodes(run->workflowRunId, learned->codes);
            continue;
        }
        if (!wantsCodes(row))
            continue;
        const QString runId = run->workflowRunId;
        if (!m_failed.contains(runId))
            wanted.append(runId);
    }
    // Rows that scrolled away are not worth the server's time any more.
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        m_source->cancelRequest(it.value());
        it = m_inFlight.erase(it);
    }
    m_queue.clear();
    for (const QString &runId : std::as_const(wanted)) {
        if (!m_inFlight.contains(runId))
            m_queue.append(runId);
    }
    startNext();
}

void ErrorCodePrefetcher::startNext()
{
    while (m_source && m_inFlight.size() < kMaxConcurrent && !m_queue.isEmpty()) {
        const QString runId = m_queue.takeFirst();
        const RequestId id
            = m_source->getRun(runId, this, [this, runId](const ApiResult<RunDetail> &result) {
                  m_inFlight.remove(runId);
                  if (result.ok()) {
                      const QStringList codes = result.value.errorCodes();
                      m_cache.insert(runId, new Learned {codes, result.value.failureReason});
                      // Lists of every run type carry no failure reason: the detail has it.
                      m_model->fillFailureReason(runId, result.value.failureReason);
                      m_model->setErrorCodes(runId, codes);
                      emit codesFetched(runId, codes);
                  } else {
                      m_failed.insert(runId); // the detail pane says why, if it is opened
                  }
                  startNext();
              });
        m_inFlight.insert(runId, id);
    }
}

void ErrorCodePrefetcher::cancelAll()
{
    if (m_source) {
        for (const RequestId id : std::as_const(m_inFlight))
            m_source->cancelRequest(id);
    }
    m_inFlight.clear();
    m_queue.clear();
}
