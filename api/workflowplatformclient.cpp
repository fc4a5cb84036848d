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

WorkflowPlatformClient::WorkflowPlatformClient(
    const QUrl &baseUrl, const QString &token, const QStringList &workflowIds, QObject *parent)
    : RunSource(parent)
    , m_transport(new ApiTransport(baseUrl, this))
    , m_workflowIds(workflowIds)
{
    setToken(token);
}

void WorkflowPlatformClient::setToken(const QString &token)
{
    m_transport->setCredential("Authorization", "Bearer " + token.toUtf8(), tr("token"));
}

WorkflowPlatformClient::~WorkflowPlatformClient() = default;

QString WorkflowPlatformClient::displayName() const
{
    return m_transport->displayName();
}

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
    features.createdAt = false;
    features.failureReason = false;
    features.workflowTitle = false;
    features.defaultScope = m_workflowIds.value(0);
    return features;
}

QUrl WorkflowPlatformClient::runListUrl(
    const QString &workflowId, RunStatus status, int limit, int offset) const
{
    QUrl url = m_transport->endpoint(
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

template<typename T>
RequestId WorkflowPlatformClient::refuse(
    QObject *context, Handler<T> handler, const QString &message)
{
    return m_transport->answerLater(context, [handler, message] {
        ApiResult<T> result;
        result.error = ApiError::badInput(message);
        handler(result);
    });
}

RequestId WorkflowPlatformClient::listRuns(
    const RunQuery &query, QObject *context, RunPageHandler handler)
{
    const QString problem = unsupported(query);
    if (!problem.isEmpty())
        return refuse<RunPage>(context, std::move(handler), problem);
    auto job = std::make_shared<PageJob>();
    job->id = m_nextJobId++ | (RequestId(1) << 62); // apart from the transport's ids
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
    const RequestId chunk = m_transport->send("GET", url, {}, job->context,
        [this, job, limit](const QByteArray &body, const ApiError &transportError) {
            m_currentChunk.remove(job->id);
            ApiResult<RunPage> result;
            result.error = transportError;
            std::optional<PlatformRunPage> answer;
            if (!result.error.isError()) {
                QString decodeError;
                answer = PlatformRunPage::fromJson(body, &decodeError);
                if (!answer) {
                    result.error.kind = ApiError::Kind::Decode;
                    result.error.message = tr("The run list of %1 could not be read: %2.")
                                               .arg(displayName(), decodeError);
                } else if (answer->code != 200) {
                    // An error in a 200 envelope is still an error.
                    result.error.kind = answer->code == 401 || answer->code == 403
                        ? ApiError::Kind::Auth
                        : (answer->code == 404 ? ApiError::Kind::NotFound : ApiError::Kind::Server);
                    result.error.httpStatus = answer->code;
                    result.error.message = tr("%1 answered code %2: %3.")
                                               .arg(displayName())
                                               .arg(answer->code)
                                               .arg(answer->message.left(300));
                    result.error.quoteRequestId(answer->requestId);
                }
            }
            if (result.error.isError()) {
                job->handler(result);
                return;
            }
            for (int i = 0; i < answer->runs.size(); ++i)
                m_seen.insert(
                    answer->runs.at(i).workflowRunId, {answer->runs.at(i), answer->items.value(i)});
            job->page.runs.append(answer->runs);
            job->page.hasMore = answer->hasMore;
            job->remaining -= int(answer->runs.size());
            job->offset += int(answer->runs.size());
            if (answer->hasMore && job->remaining > 0 && !answer->runs.isEmpty()
                && answer->runs.size() == limit) {
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
    return m_transport->answerLater(context, [handler, detail] {
        ApiResult<RunDetail> result;
        result.value = detail;
        handler(result);
    });
}

RequestId WorkflowPlatformClient::listWorkflows(QObject *context, Handler<QList<Workflow>> handler)
{
    // The platform has no list of workflows; the connection names the ones to watch.
    QList<Workflow> workflows;
    for (const QString &id : m_workflowIds) {
        Workflow workflow;
        workflow.workflowPermanentId = id;
        workflow.workflowId = id;
        workflow.title = id;
        workflows.append(workflow);
    }
    return m_transport->answerLater(context, [handler, workflows] {
        ApiResult<QList<Workflow>> result;
        result.value = workflows;
        handler(result);
    });
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

void WorkflowPlatformClient::cancelRequest(RequestId id)
{
    m_transport->cancel(m_currentChunk.take(id));
    m_transport->cancel(id); // an answer given without a request
}
