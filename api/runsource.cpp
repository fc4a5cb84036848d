#include "runsource.h"

#include "deferredanswers.h"

RunFilter SourceFeatures::restrict(const RunFilter &filter) const
{
    RunFilter supported;
    for (RunStatus status : filter.statuses) {
        if (statuses.contains(status)
            && (maxStatuses < 0 || supported.statuses.size() < maxStatuses))
            supported.statuses.append(status);
    }
    if (search)
        supported.searchKey = filter.searchKey;
    if (errorCode)
        supported.errorCode = filter.errorCode;
    if (createdRange) {
        supported.createdAfter = filter.createdAfter;
        supported.createdBefore = filter.createdBefore;
        supported.createdWithinSeconds = filter.createdWithinSeconds;
    }
    for (const QString &source : filter.sources) {
        if (sourceNames.contains(source))
            supported.sources.append(source);
    }
    if (tagFilter)
        supported.tags = filter.tags;
    if (runTypes) { // the same list (`GET /v1/runs`) takes several workflows
        supported.runTypes = filter.runTypes;
        supported.workflowIds = filter.workflowIds;
    }
    return supported;
}

SourceFeatures SourceFeatures::intersectedWith(const SourceFeatures &other) const
{
    SourceFeatures both;
    both.allWorkflowsScope = allWorkflowsScope && other.allWorkflowsScope;
    both.search = search && other.search;
    both.errorCode = errorCode && other.errorCode;
    both.createdRange = createdRange && other.createdRange;
    // Every status either filters by: a connection that cannot filter by the one picked is
    // left out of the merged list (its runs would not match), as MergedRunSource says.
    both.statuses.clear();
    for (RunStatus status : allRunStatuses()) {
        if (statuses.contains(status) || other.statuses.contains(status))
            both.statuses.append(status);
    }
    if (maxStatuses < 0 || other.maxStatuses < 0)
        both.maxStatuses = qMax(maxStatuses, other.maxStatuses);
    else
        both.maxStatuses = qMin(maxStatuses, other.maxStatuses);
    both.details = details || other.details;
    both.launch = false; // a launch needs one target; pick a single connection for it
    both.cancel = cancel || other.cancel;
    both.bulkCancel = bulkCancel || other.bulkCancel;
    both.timeline = timeline || other.timeline;
    both.artifacts = artifacts || other.artifacts;
    both.retry = retry || other.retry;
    both.tags = tags || other.tags;
    // A filter only where every connection applies it, or the others would show everything.
    both.tagFilter = tagFilter && other.tagFilter;
    both.runTypes = runTypes && other.runTypes;
    // A column is worth showing when some of the runs fill it.
    both.createdAt = createdAt || other.createdAt;
    both.failureReason = failureReason || other.failureReason;
    both.workflowTitle = workflowTitle || other.workflowTitle;
    both.runSource = true;
    return both;
}

RunSource::RunSource(QObject *parent)
    : QObject(parent)
{ }

RunSource::~RunSource() = default;

RequestId RunSource::answerLater(QObject *context, std::function<void()> answer)
{
    if (!m_laterAnswers)
        m_laterAnswers = new DeferredAnswers(this);
    return m_laterAnswers->post(context, std::move(answer));
}

template<typename T>
RequestId RunSource::refuseLater(QObject *context, Handler<T> handler, const QString &message)
{
    ApiResult<T> result;
    result.error = ApiError::badInput(message);
    return answerLater(context, [handler = std::move(handler), result] { handler(result); });
}

RequestId RunSource::getTimeline(const QString &, QObject *context, Handler<RunTimeline> handler)
{
    return refuseLater(
        context, std::move(handler), tr("%1 does not offer run timelines.").arg(displayName()));
}

RequestId RunSource::listArtifacts(
    const QString &, const QStringList &, QObject *context, Handler<RunArtifacts> handler)
{
    return refuseLater(context, std::move(handler),
        tr("%1 does not offer the screenshots, recordings and logs of runs.").arg(displayName()));
}

RequestId RunSource::getRunTags(const QStringList &, QObject *context, Handler<RunTags> handler)
{
    return refuseLater(
        context, std::move(handler), tr("%1 does not offer tags on runs.").arg(displayName()));
}

RequestId RunSource::getArtifactContent(
    const QString &, const QString &, QObject *context, Handler<QByteArray> handler)
{
    return refuseLater(context, std::move(handler),
        tr("%1 does not offer the screenshots, recordings and logs of runs.").arg(displayName()));
}

RequestId RunSource::getTagSuggestions(QObject *context, Handler<QStringList> handler)
{
    return refuseLater(
        context, std::move(handler), tr("%1 does not offer tags on runs.").arg(displayName()));
}

RequestId RunSource::applyRunTags(
    const QString &, const RunTagChange &, QObject *context, Handler<QList<RunTag>> handler)
{
    return refuseLater(
        context, std::move(handler), tr("%1 does not offer tags on runs.").arg(displayName()));
}

RequestId RunSource::getTagColors(QObject *context, Handler<TagColorNames> handler)
{
    return refuseLater(
        context, std::move(handler), tr("%1 does not offer tags on runs.").arg(displayName()));
}

RequestId RunSource::cancelRuns(
    const QStringList &, QObject *context, Handler<BulkCancelResult> handler)
{
    return refuseLater(context, std::move(handler),
        tr("%1 does not offer cancelling several runs at once.").arg(displayName()));
}

RequestId RunSource::retryRun(const QString &, QObject *context, Handler<RunDetail> handler)
{
    return refuseLater(
        context, std::move(handler), tr("%1 does not offer retrying runs.").arg(displayName()));
}

QString RunSource::launchCommand(const RunDetail &) const
{
    return {};
}
