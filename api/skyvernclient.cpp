#include "skyvernclient.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QUuid>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace {

QString pathPart(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

/** Says what a 404 did not find, keeping the server's request id. */
void nameWhatIsMissing(ApiError &error, const QString &sentence)
{
    if (error.kind != ApiError::Kind::NotFound)
        return;
    const QString requestId = error.requestId;
    error.message = sentence;
    error.quoteRequestId(requestId);
}

} // namespace

SkyvernClient::SkyvernClient(const QUrl &baseUrl, const QString &apiKey, QObject *parent)
    : HttpRunSource(baseUrl, parent)
{
    setApiKey(apiKey);
}

SkyvernClient::~SkyvernClient() = default;

void SkyvernClient::setApiKey(const QString &apiKey)
{
    transport()->setCredential("x-api-key", apiKey.toUtf8(), tr("API key"));
}

bool SkyvernClient::listsEveryRunType(const RunQuery &query) const
{
    return query.filter.needsEveryRunType() && !m_noEveryRunList;
}

QUrl SkyvernClient::runListUrl(const RunQuery &query) const
{
    if (listsEveryRunType(query)) {
        // `GET /v1/runs`: every run type, with tag and type filters; no error code or dates.
        QUrl url = endpoint(u"/v1/runs"_s);
        QUrlQuery items;
        items.addQueryItem(u"page"_s, QString::number(query.page));
        items.addQueryItem(u"page_size"_s, QString::number(qMin(query.pageSize, 100)));
        if (!query.workflowPermanentId.isEmpty())
            items.addQueryItem(u"workflow_permanent_id"_s, query.workflowPermanentId);
        query.filter.addTo(items, false);
        url.setQuery(items);
        return url;
    }
    RunQuery workflowRuns = query; // the workflow lists know neither tags nor run types
    workflowRuns.filter.tags.clear();
    workflowRuns.filter.runTypes.clear();
    workflowRuns.filter.workflowIds.clear(); // narrowed locally (RunFilter::matchesLocally)
    const bool byWorkflow = !query.workflowPermanentId.isEmpty();
    QUrl url = endpoint(byWorkflow ? u"/v1/workflows/%1/runs"_s.arg(
                            QString::fromLatin1(QUrl::toPercentEncoding(query.workflowPermanentId)))
                                   : u"/v1/workflows/runs"_s);
    QUrlQuery items;
    items.addQueryItem(u"page"_s, QString::number(query.page));
    items.addQueryItem(u"page_size"_s, QString::number(query.pageSize));
    workflowRuns.filter.addTo(items, byWorkflow);
    url.setQuery(items);
    return url;
}

template<typename T>
RequestId SkyvernClient::sendDecoded(const QByteArray &verb, const QUrl &url, QObject *context,
    Handler<T> handler,
    std::function<ApiResult<T>(const QByteArray &body, const ApiError &error)> decode,
    const QByteArray &requestBody)
{
    // The id is only known once the request is sent; the handler reads it later.
    auto id = std::make_shared<RequestId>(0);
    const QPointer<QObject> guard(context);
    *id = transport()->send(verb, url, requestBody, context,
        [this, id, guard, hasContext = context != nullptr, handler = std::move(handler),
            decode = std::move(decode)](const QByteArray &body, const ApiError &error) {
            if (body.size() < kDecodeOffThreadBytes) {
                handler(decode(body, error));
                return;
            }
            // A huge answer (megabytes of failure reason, thousands of actions) is read off
            // the GUI thread, so the window keeps answering; a cancel meanwhile still drops it.
            m_decoding.insert(*id);
            auto *watcher = new QFutureWatcher<ApiResult<T>>(this);
            connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, id, guard, hasContext, handler] {
                    watcher->deleteLater();
                    if (!m_decoding.remove(*id) || (hasContext && !guard))
                        return;
                    handler(watcher->result());
                });
            watcher->setFuture(QtConcurrent::run(decode, body, error));
        });
    return *id;
}

RequestId SkyvernClient::listRuns(const RunQuery &query, QObject *context, RunPageHandler handler)
{
    const QString invalid = query.filter.validationError();
    if (!invalid.isEmpty())
        return refuse<RunPage>(context, std::move(handler), invalid);
    const bool everyType = listsEveryRunType(query);
    if (everyType) {
        // An older server without `GET /v1/runs` answers 404: list its workflow runs instead,
        // say so once, and do not ask again.
        const QPointer<QObject> guard(context);
        handler = [this, query, guard, handler = std::move(handler)](
                      const ApiResult<RunPage> &page) {
            if (page.error.kind != ApiError::Kind::NotFound || !guard) {
                handler(page);
                return;
            }
            m_noEveryRunList = true;
            listRuns(query, guard, [this, query, handler](const ApiResult<RunPage> &fallback) {
                ApiResult<RunPage> said = fallback;
                said.value.query = query;
                said.value.notes.prepend(
                    tr("%1 does not list every run type (no /v1/runs, as on older self-hosted "
                       "Skyvern): these are its workflow runs, not filtered by tag or type.")
                        .arg(displayName()));
                handler(said);
            });
        };
    }
    return sendDecoded<RunPage>("GET", runListUrl(query), context, std::move(handler),
        [query, everyType](const QByteArray &body, const ApiError &error) {
            const qsizetype wanted = qMax(1, query.pageSize);
            ApiResult<RunListRead> result = decodeAnswer<RunListRead>(
                body, error,
                [wanted, everyType](const QByteArray &data, QString *problem) {
                    return everyType ? readTaskRunPage(data, wanted, problem)
                                     : readRunPage(data, wanted, problem);
                },
                tr("The server's run list could not be read: %1."));
            ApiResult<RunPage> page;
            page.error = result.error;
            page.value.query = query;
            page.value.runs = std::move(result.value.runs);
            page.value.notes = std::move(result.value.notes);
            return page;
        });
}

RequestId SkyvernClient::getRun(const QString &runId, QObject *context, Handler<RunDetail> handler)
{
    const QUrl url = endpoint(u"/v1/runs/"_s + QString::fromLatin1(QUrl::toPercentEncoding(runId)));
    return request<RunDetail>("GET", url, {}, context, std::move(handler), RunDetail::fromJson,
        tr("The run could not be read: %1."));
}

RequestId SkyvernClient::listWorkflows(QObject *context, Handler<QList<Workflow>> handler)
{
    QUrl url = endpoint(u"/v1/workflows"_s);
    url.setQuery(u"page=1&page_size=100"_s);
    return request<QList<Workflow>>("GET", url, {}, context, std::move(handler), workflowsFromJson,
        tr("The workflow list could not be read: %1."));
}

RequestId SkyvernClient::launchRun(
    const LaunchRequest &request, QObject *context, Handler<RunDetail> handler)
{
    // A tag only this launch carries, so a lost answer can be reconciled instead of retried.
    LaunchRequest tagged = request;
    const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces);
    tagged.metadata.append({QString::fromLatin1(kLaunchTagKey), tag});
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    const QByteArray body = QJsonDocument(tagged.toJson()).toJson(QJsonDocument::Compact);
    const QPointer<QObject> guard(context);
    return transport()->send("POST", endpoint(u"/v1/run/workflows"_s), body, context,
        [this, handler, tag, sentAt, guard, workflowId = request.workflowId](
            const QByteArray &reply, const ApiError &error) {
            if (error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Timeout) {
                // The server may have started the run before the answer was lost. Never send
                // it again blindly: ask the server whether a run with this tag exists.
                findLaunchedRun(workflowId, tag, sentAt, guard, handler, error);
                return;
            }
            handler(decodeAnswer<RunDetail>(reply, error, RunDetail::fromJson,
                tr("The run was sent, but the server's answer could not be read: %1.")));
        });
}

void SkyvernClient::findLaunchedRun(const QString &workflowId, const QString &tag,
    const QDateTime &sentAt, QPointer<QObject> context, Handler<RunDetail> handler,
    const ApiError &lost)
{
    RunQuery recent;
    recent.workflowPermanentId = workflowId;
    recent.pageSize = 20;
    listRuns(recent, context,
        [this, tag, sentAt, context, handler, lost](const ApiResult<RunPage> &page) {
            if (!page.ok()) {
                ApiResult<RunDetail> result;
                result.error = lost;
                result.error.message = tr("The connection dropped before %1 confirmed the launch, "
                                          "and it could not be asked whether the run started (%2). "
                                          "Check the run list before launching again.")
                                           .arg(displayName(), page.error.message);
                handler(result);
                return;
            }
            QStringList candidates;
            for (const WorkflowRun &run : page.value.runs) {
                // Only runs created around the launch can be it (allowing for clock skew).
                if (!run.createdAt.isValid() || run.createdAt >= sentAt.addSecs(-300))
                    candidates.append(run.workflowRunId);
            }
            checkCandidates(candidates, tag, context, handler, lost);
        });
}

void SkyvernClient::checkCandidates(QStringList candidates, const QString &tag,
    QPointer<QObject> context, Handler<RunDetail> handler, const ApiError &lost)
{
    if (candidates.isEmpty()) {
        ApiResult<RunDetail> result;
        result.error = lost;
        result.error.message = tr("The connection dropped before %1 confirmed the launch, and "
                                  "no run of this launch is there: it did not start. Nothing "
                                  "was sent twice; launch again if you still want it.")
                                   .arg(displayName());
        handler(result);
        return;
    }
    const QString runId = candidates.takeFirst();
    getRun(runId, context,
        [this, candidates, tag, context, handler, lost](const ApiResult<RunDetail> &detail) {
            const QJsonObject metadata
                = detail.value.runRequest.value(QLatin1String("run_metadata")).toObject();
            if (detail.ok() && metadata.value(QLatin1String(kLaunchTagKey)).toString() == tag) {
                ApiResult<RunDetail> found = detail;
                found.note = tr("The connection dropped before %1 confirmed the launch; the run "
                                "it started was found, so it was not launched twice.")
                                 .arg(displayName());
                handler(found);
                return;
            }
            checkCandidates(candidates, tag, context, handler, lost);
        });
}

RequestId SkyvernClient::cancelRun(const QString &runId, QObject *context, Handler<bool> handler)
{
    const QUrl url = endpoint(
        u"/v1/runs/%1/cancel"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(runId))));
    return transport()->send(
        "POST", url, "{}", context, [handler](const QByteArray &, const ApiError &error) {
            ApiResult<bool> result;
            result.error = error;
            result.value = !error.isError();
            handler(result);
        });
}

RequestId SkyvernClient::getTagSuggestions(QObject *context, Handler<QStringList> handler)
{
    return sendDecoded<QStringList>("GET", endpoint(u"/v1/run-tag-suggestions"_s), context,
        std::move(handler), [](const QByteArray &body, const ApiError &error) {
            return decodeAnswer<QStringList>(body, error, tagSuggestionsFromJson,
                tr("The server's tag suggestions could not be read: %1."));
        });
}

RequestId SkyvernClient::cancelRuns(
    const QStringList &runIds, QObject *context, Handler<BulkCancelResult> handler)
{
    const QJsonObject body {
        {u"run_ids"_s, QJsonArray::fromStringList(runIds.mid(0, kMaxCancelRuns))}};
    // Cancelling twice does no harm, so a lost answer may be sent again like a GET.
    return sendDecoded<BulkCancelResult>(
        "POST", endpoint(u"/v1/runs/cancel"_s), context, std::move(handler),
        [](const QByteArray &reply, const ApiError &error) {
            return decodeAnswer<BulkCancelResult>(reply, error, BulkCancelResult::fromJson,
                tr("The runs were sent for cancelling, but the server's answer could not be read: "
                   "%1."));
        },
        QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QUrl SkyvernClient::artifactListUrl(const QString &runId, const QStringList &types) const
{
    QUrl url = endpoint(u"/v1/runs/%1/artifacts"_s.arg(pathPart(runId)));
    if (!types.isEmpty()) {
        QUrlQuery query;
        for (const QString &type : types)
            query.addQueryItem(u"artifact_type"_s, type); // wire names: snake_case words
        url.setQuery(query);
    }
    return url;
}

RequestId SkyvernClient::getTimeline(
    const QString &runId, QObject *context, Handler<RunTimeline> handler)
{
    const QUrl url = endpoint(u"/v1/runs/%1/timeline"_s.arg(pathPart(runId)));
    return sendDecoded<RunTimeline>("GET", url, context, std::move(handler),
        [runId, host = displayName()](const QByteArray &body, const ApiError &error) {
            ApiResult<RunTimeline> result = decodeAnswer<RunTimeline>(body, error,
                RunTimeline::fromJson, tr("The run's timeline could not be read: %1."));
            nameWhatIsMissing(result.error, tr("%1 has no run %2.").arg(host, runId));
            return result;
        });
}

RequestId SkyvernClient::getRunTags(
    const QStringList &runIds, QObject *context, Handler<RunTags> handler)
{
    QUrl url = endpoint(u"/v1/run-tags"_s);
    QUrlQuery query;
    query.addQueryItem(u"workflow_run_ids"_s, runIds.mid(0, kMaxTagRuns).join(u','));
    url.setQuery(query);
    return sendDecoded<RunTags>(
        "GET", url, context, std::move(handler), [](const QByteArray &body, const ApiError &error) {
            return decodeAnswer<RunTags>(
                body, error, RunTags::fromJson, tr("The runs' tags could not be read: %1."));
        });
}

RequestId SkyvernClient::applyRunTags(const QString &runId, const RunTagChange &change,
    QObject *context, Handler<QList<RunTag>> handler)
{
    for (const RunTag &tag : change.set + change.remove) {
        const QString problem = RunTag::editError(tag.text());
        if (!problem.isEmpty())
            return refuse<QList<RunTag>>(context, std::move(handler), problem);
    }
    const QUrl url = endpoint(u"/v1/runs/%1/tags"_s.arg(pathPart(runId)));
    // The same change applied twice leaves the same tags, so it may be sent again like a GET.
    return sendDecoded<QList<RunTag>>(
        "POST", url, context, std::move(handler),
        [runId, host = displayName()](const QByteArray &body, const ApiError &error) {
            ApiResult<QList<RunTag>> result
                = decodeAnswer<QList<RunTag>>(body, error, runTagsFromResponse,
                    tr("The tags were sent, but the server's answer could not be read: %1."));
            nameWhatIsMissing(result.error, tr("%1 has no workflow run %2.").arg(host, runId));
            return result;
        },
        QJsonDocument(change.toJson()).toJson(QJsonDocument::Compact));
}

RequestId SkyvernClient::getTagColors(QObject *context, Handler<TagColorNames> handler)
{
    return sendDecoded<TagColorNames>("GET", endpoint(u"/v1/tag-values"_s), context,
        std::move(handler), [](const QByteArray &body, const ApiError &error) {
            return decodeAnswer<TagColorNames>(body, error, tagColorNamesFromJson,
                tr("The server's tag colours could not be read: %1."));
        });
}

RequestId SkyvernClient::listArtifacts(
    const QString &runId, const QStringList &types, QObject *context, Handler<RunArtifacts> handler)
{
    return sendDecoded<RunArtifacts>("GET", artifactListUrl(runId, types), context,
        std::move(handler),
        [runId, host = displayName()](const QByteArray &body, const ApiError &error) {
            ApiResult<RunArtifacts> result = decodeAnswer<RunArtifacts>(body, error,
                RunArtifacts::fromJson, tr("The run's artifact list could not be read: %1."));
            nameWhatIsMissing(result.error, tr("%1 has no run %2.").arg(host, runId));
            return result;
        });
}

RequestId SkyvernClient::getArtifactContent(
    const QString &, const QString &artifactId, QObject *context, Handler<QByteArray> handler)
{
    const QUrl url = endpoint(u"/v1/artifacts/%1/content"_s.arg(pathPart(artifactId)));
    return transport()->send("GET", url, {}, context,
        [handler = std::move(handler), artifactId, host = displayName()](
            const QByteArray &body, const ApiError &error) {
            ApiResult<QByteArray> result;
            result.error = error;
            if (!error.isError())
                result.value = body;
            nameWhatIsMissing(result.error,
                tr("%1 has no artifact %2, or no longer has its content.").arg(host, artifactId));
            handler(result);
        });
}

RequestId SkyvernClient::retryRun(
    const QString &runId, QObject *context, Handler<RunDetail> handler)
{
    const QUrl url = endpoint(u"/v1/workflows/runs/%1/retry"_s.arg(pathPart(runId)));
    return transport()->send("POST", url, {}, context,
        [handler = std::move(handler), runId, host = displayName()](
            const QByteArray &reply, const ApiError &error) {
            ApiResult<RunDetail> result = decodeAnswer<RunDetail>(reply, error, RunDetail::fromJson,
                tr("The run was retried, but the server's answer could not be read: %1."));
            nameWhatIsMissing(result.error, tr("%1 has no workflow run %2.").arg(host, runId));
            if (error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Timeout)
                // A retry is never sent twice by itself: the first may have started a run.
                result.error.message = tr("The connection dropped before %1 confirmed the retry "
                                          "(%2). Check the run list before retrying again.")
                                           .arg(host, error.message);
            handler(result);
        });
}

void SkyvernClient::cancelRequest(RequestId id)
{
    m_decoding.remove(id);
    HttpRunSource::cancelRequest(id);
}

QString SkyvernClient::launchCommand(const RunDetail &run) const
{
    if (run.runRequest.isEmpty())
        return {};
    // Single quotes keep the shell from reading anything in the body; a quote inside one is
    // closed, escaped and reopened. The key header is in double quotes so the variable expands.
    const auto quoted
        = [](QString text) -> QString { return u'\'' + text.replace(u'\'', u"'\\''"_s) + u'\''; };
    const QByteArray body = QJsonDocument(run.runRequest).toJson(QJsonDocument::Indented);
    return u"curl -X POST "_s + quoted(endpoint(u"/v1/run/workflows"_s).toString())
        + u" \\\n  -H \"x-api-key: $SKYVERN_API_KEY\""_s
        + u" \\\n  -H 'Content-Type: application/json'"_s + u" \\\n  --data "_s
        + quoted(QString::fromUtf8(body).trimmed());
}
