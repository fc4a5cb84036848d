#include "workflowplatformclient.h"

#include <QUrlQuery>

#include "platformrunpage.h"

using namespace Qt::StringLiterals;

struct WorkflowPlatformClient::PageJob
{
    RequestId id = 0;
    RunQuery query;
    QPointer<QObject> context;
    bool hasContext = false;
    RunPageHandler handler;
    int offset = 0; // of the next chunk
    int remaining = 0; // runs still wanted
    RunPage page;
};

WorkflowPlatformClient::WorkflowPlatformClient(const QUrl &baseUrl, const QString &token,
    const QStringList &workflowIds, const QHash<QString, QString> &workflowNames, QObject *parent)
    : HttpRunSource(baseUrl, parent)
    , m_workflowIds(workflowIds)
    , m_workflowNames(workflowNames)
{
    setToken(token);
}

void WorkflowPlatformClient::setToken(const QString &token)
{
    transport()->setCredential("Authorization", "Bearer " + token.toUtf8(), tr("token"));
}

WorkflowPlatformClient::~WorkflowPlatformClient() = default;

SourceFeatures WorkflowPlatformClient::features() const
{
    SourceFeatures features;
    features.allWorkflowsScope = false;
    features.search = false;
    features.errorCode = false;
    features.createdRange = false;
    features.statuses = {RunStatus::Running, RunStatus::Queued, RunStatus::Completed,
        RunStatus::Failed, RunStatus::Canceled};
    features.maxStatuses = 1;
    features.details = false;
    features.launch = false;
    features.cancel = false;
    features.bulkCancel = false;
    features.timeline = false;
    features.tags = false;
    features.tagFilter = false;
    features.runTypes = false;
    features.artifacts = false;
    features.retry = false;
    features.createdAt = false;
    features.failureReason = false;
    features.workflowTitle = false;
    features.defaultScope = m_workflowIds.value(0);
    return features;
}

QUrl WorkflowPlatformClient::runListUrl(
    const QString &workflowId, RunStatus status, int limit, int offset) const
{
    QUrl url = endpoint(
        u"/v1/workflows/%1/runs"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(workflowId))));
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(limit));
    query.addQueryItem(u"offset"_s, QString::number(offset));
    if (status != RunStatus::Unknown)
        query.addQueryItem(u"status"_s, platformStatusToWire(status));
    url.setQuery(query);
    return url;
}

QString WorkflowPlatformClient::unsupported(const RunQuery &query) const
{
    if (query.workflowPermanentId.isEmpty())
        return tr("Pick a workflow: %1 lists runs one workflow at a time.").arg(displayName());
    if (!query.filter.searchKey.isEmpty())
        return tr("%1 cannot search runs; clear the search.").arg(displayName());
    if (!query.filter.errorCode.isEmpty())
        return tr("%1 cannot filter by error code; clear it.").arg(displayName());
    if (query.filter.createdAfter.isValid() || query.filter.createdBefore.isValid())
        return tr("%1 cannot filter by date; clear the date range.").arg(displayName());
    if (query.filter.statuses.size() > 1)
        return tr("%1 filters by one status at a time.").arg(displayName());
    if (!query.filter.statuses.isEmpty()
        && platformStatusToWire(query.filter.statuses.constFirst()).isEmpty())
        return tr("%1 has no runs with the status you picked.").arg(displayName());
    return {};
}

RequestId WorkflowPlatformClient::listRuns(
    const RunQuery &query, QObject *context, RunPageHandler handler)
{
    const QString problem = unsupported(query);
    if (!problem.isEmpty())
        return refuse<RunPage>(context, std::move(handler), problem);
    auto job = std::make_shared<PageJob>();
    job->id = nextRequestId();
    job->query = query;
    job->context = context;
    job->hasContext = context != nullptr;
    job->handler = std::move(handler);
    job->offset = (qMax(1, query.page) - 1) * qMax(1, query.pageSize);
    job->remaining = qMax(1, query.pageSize);
    job->page.query = query;
    fetchChunk(job);
    return job->id;
}

void WorkflowPlatformClient::fetchChunk(const std::shared_ptr<PageJob> &job)
{
    const int limit = qMin(job->remaining, kMaxLimit);
    const RunStatus status = job->query.filter.statuses.isEmpty()
        ? RunStatus::Unknown
        : job->query.filter.statuses.constFirst();
    const QUrl url = runListUrl(job->query.workflowPermanentId, status, limit, job->offset);
    const RequestId chunk = transport()->send("GET", url, {}, job->context,
        [this, job, limit](const QByteArray &body, const ApiError &transportError) {
            m_currentChunk.remove(job->id);
            const ApiResult<PlatformRunPage> answer = decodeAnswer<PlatformRunPage>(
                body, transportError,
                [limit](const QByteArray &data, QString *problem) {
                    return PlatformRunPage::fromJson(data, problem, limit);
                },
                tr("The run list of %1 could not be read: %2.").arg(displayName(), u"%1"_s));
            ApiResult<RunPage> result;
            result.error = answer.error;
            if (!result.error.isError() && answer.value.code != 200) {
                // An error in a 200 envelope is still an error.
                const int code = answer.value.code;
                result.error.kind = code == 401 || code == 403
                    ? ApiError::Kind::Auth
                    : (code == 404 ? ApiError::Kind::NotFound : ApiError::Kind::Server);
                result.error.httpStatus = code;
                result.error.message = tr("%1 answered code %2: %3.")
                                           .arg(displayName())
                                           .arg(code)
                                           .arg(answer.value.message.left(300));
                result.error.quoteRequestId(answer.value.requestId);
            }
            if (result.error.isError()) {
                job->handler(result);
                return;
            }
            PlatformRunPage page = answer.value;
            // Named here too, for lists (a merged one) that do not ask for the workflows.
            for (WorkflowRun &run : page.runs) {
                if (run.workflowTitle.isEmpty())
                    run.workflowTitle = m_workflowNames.value(run.workflowPermanentId);
            }
            for (int i = 0; i < page.runs.size(); ++i)
                m_seen.insert(
                    page.runs.at(i).workflowRunId, {page.runs.at(i), page.items.value(i)});
            job->page.runs.append(page.runs);
            job->page.notes.append(page.notes);
            job->page.hasMore = page.hasMore;
            job->remaining -= int(page.runs.size());
            job->offset += int(page.runs.size());
            if (page.hasMore && job->remaining > 0 && !page.runs.isEmpty()
                && page.runs.size() == limit) {
                fetchChunk(job);
                return;
            }
            result.value = job->page;
            job->handler(result);
        });
    m_currentChunk.insert(job->id, chunk);
}

RequestId WorkflowPlatformClient::getRun(
    const QString &runId, QObject *context, Handler<RunDetail> handler)
{
    const auto seen = m_seen.constFind(runId);
    if (seen == m_seen.cend())
        return refuse<RunDetail>(context, std::move(handler),
            tr("Run %1 is not in the lists loaded from %2.").arg(runId, displayName()));
    const WorkflowRun &run = seen->first;
    RunDetail detail;
    detail.runId = run.workflowRunId;
    detail.runType = u"platform_run"_s;
    detail.status = run.status;
    detail.statusText = run.statusText;
    detail.startedAt = run.startedAt;
    detail.finishedAt = run.finishedAt;
    detail.modifiedAt = run.modifiedAt;
    detail.listing = seen->second;
    ApiResult<RunDetail> result;
    result.value = detail;
    return answer(context, std::move(handler), result);
}

RequestId WorkflowPlatformClient::listWorkflows(QObject *context, Handler<QList<Workflow>> handler)
{
    // The platform has no list of workflows; the connection names the ones to watch.
    QList<Workflow> workflows;
    for (const QString &id : m_workflowIds) {
        Workflow workflow;
        workflow.workflowPermanentId = id;
        workflow.workflowId = id;
        workflow.title = m_workflowNames.value(id, id);
        workflows.append(workflow);
    }
    ApiResult<QList<Workflow>> result;
    result.value = workflows;
    return answer(context, std::move(handler), result);
}

RequestId WorkflowPlatformClient::launchRun(
    const LaunchRequest &, QObject *context, Handler<RunDetail> handler)
{
    return refuse<RunDetail>(
        context, std::move(handler), tr("%1 does not offer launching runs.").arg(displayName()));
}

RequestId WorkflowPlatformClient::cancelRun(
    const QString &, QObject *context, Handler<bool> handler)
{
    return refuse<bool>(
        context, std::move(handler), tr("%1 does not offer cancelling runs.").arg(displayName()));
}

void WorkflowPlatformClient::retainRuns(const QSet<QString> &runIds)
{
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        if (runIds.contains(it.key()))
            ++it;
        else
            it = m_seen.erase(it);
    }
}

void WorkflowPlatformClient::cancelRequest(RequestId id)
{
    HttpRunSource::cancelRequest(m_currentChunk.take(id));
    HttpRunSource::cancelRequest(id); // an answer given without a request
}
