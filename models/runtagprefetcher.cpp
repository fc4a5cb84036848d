#include "runtagprefetcher.h"

#include "runlistmodel.h"
#include "runsource.h"

RunTagPrefetcher::RunTagPrefetcher(RunListModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, &RunTagPrefetcher::fetchNext);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_unanswered.clear();
        schedule();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &RunTagPrefetcher::schedule);
    connect(model, &RunListModel::refreshed, this, &RunTagPrefetcher::schedule);
}

RunTagPrefetcher::~RunTagPrefetcher()
{
    if (m_source && m_inFlight)
        m_source->cancelRequest(m_inFlight);
}

void RunTagPrefetcher::setSource(RunSource *source)
{
    if (m_source && m_inFlight)
        m_source->cancelRequest(m_inFlight);
    m_inFlight = 0;
    m_source = source;
    m_unanswered.clear();
    m_unavailable = false;
    schedule();
}

void RunTagPrefetcher::setVisibleRows(const QList<int> &rows)
{
    m_visibleRows = rows;
    schedule();
}

void RunTagPrefetcher::schedule()
{
    if (m_source && m_source->features().tags && !m_inFlight && !m_unavailable)
        m_soon.start();
}

QStringList RunTagPrefetcher::wanted() const
{
    QStringList ids;
    const auto consider = [&](int row) {
        const WorkflowRun *run = m_model->runAt(row);
        if (!run || m_model->hasTags(run->workflowRunId) || ids.contains(run->workflowRunId)
            || m_unanswered.value(run->workflowRunId) >= 2
            || !m_source->featuresOf(run->workflowRunId).tags)
            return;
        ids.append(run->workflowRunId);
    };
    for (int row : m_visibleRows)
        consider(row);
    for (int row = 0; row < m_model->rowCount() && ids.size() < RunSource::kMaxTagRuns; ++row) {
        if (isActiveStatus(m_model->runAt(row)->status))
            consider(row);
    }
    return ids.mid(0, RunSource::kMaxTagRuns);
}

void RunTagPrefetcher::fetchNext()
{
    if (!m_source || m_inFlight)
        return;
    const QStringList ids = wanted();
    if (ids.isEmpty())
        return;
    m_inFlight = m_source->getRunTags(ids, this, [this, ids](const ApiResult<RunTags> &result) {
        m_inFlight = 0;
        if (!result.ok()) {
            const ApiError::Kind kind = result.error.kind;
            m_unavailable = kind == ApiError::Kind::NotFound || kind == ApiError::Kind::BadInput
                || kind == ApiError::Kind::Auth;
            for (const QString &id : ids)
                m_unanswered[id] = 2; // not asked again until the list is replaced
            return;
        }
        m_model->setTags(result.value.byRun);
        QHash<QString, QList<RunTag>> none;
        for (const QString &id : ids) {
            if (result.value.byRun.contains(id))
                continue;
            // A merged list answers for one connection at a time: asked again once.
            if (++m_unanswered[id] >= 2)
                none.insert(id, {});
        }
        m_model->setTags(none);
        schedule();
    });
}
