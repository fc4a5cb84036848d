#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include "httprunsource.h"
#include "rundetail.h"
#include "workflow.h"

/**
 * Talks to a Skyvern server (Cloud or self-hosted) over its public REST API. Owns its
 * QNetworkAccessManager; every call is asynchronous, has a timeout, can be canceled, and ends in
 * a value or an ApiError with a sentence for the user. The API key is only ever attached to
 * requests for the configured server's origin.
 */
class SkyvernClient final : public HttpRunSource
{
    Q_OBJECT
public:
    SkyvernClient(const QUrl &baseUrl, const QString &apiKey, QObject *parent = nullptr);
    ~SkyvernClient() override;

    void setApiKey(const QString &apiKey);

    RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) override;
    RequestId getRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override;
    RequestId listWorkflows(QObject *context, Handler<QList<Workflow>> handler) override;
    RequestId launchRun(
        const LaunchRequest &request, QObject *context, Handler<RunDetail> handler) override;
    RequestId cancelRun(const QString &runId, QObject *context, Handler<bool> handler) override;
    /** `GET /v1/run-tag-suggestions`. */
    RequestId getTagSuggestions(QObject *context, Handler<QStringList> handler) override;
    /** `POST /v1/runs/cancel`. */
    RequestId cancelRuns(
        const QStringList &runIds, QObject *context, Handler<BulkCancelResult> handler) override;
    /** `GET /v1/runs/{run_id}/timeline`. */
    RequestId getRunTags(
        const QStringList &runIds, QObject *context, Handler<RunTags> handler) override;
    /** `POST /v1/runs/{id}/tags`. */
    RequestId applyRunTags(const QString &runId, const RunTagChange &change, QObject *context,
        Handler<QList<RunTag>> handler) override;
    /** `GET /v1/tag-values`. */
    RequestId getTagColors(QObject *context, Handler<TagColorNames> handler) override;
    RequestId getTimeline(
        const QString &runId, QObject *context, Handler<RunTimeline> handler) override;
    /** `GET /v1/runs/{run_id}/artifacts?artifact_type=…`. */
    RequestId listArtifacts(const QString &runId, const QStringList &types, QObject *context,
        Handler<RunArtifacts> handler) override;
    /** `GET /v1/artifacts/{artifact_id}/content`, with the key (on this server only). */
    RequestId getArtifactContent(const QString &runId, const QString &artifactId, QObject *context,
        Handler<QByteArray> handler) override;
    /** `POST /v1/workflows/runs/{workflow_run_id}/retry` (the `/v1/agents/…` route's older name).
     */
    RequestId retryRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override;
    QString launchCommand(const RunDetail &run) const override;
    void cancelRequest(RequestId id) override;

    /** Whether a query goes to `GET /v1/runs` (tags or run types, on a server that has it). */
    bool listsEveryRunType(const RunQuery &query) const;
    /** The URL a list request for this query goes to (shown to the user, used by tests). */
    QUrl runListUrl(const RunQuery &query) const;
    /** The URL an artifact list request goes to. */
    QUrl artifactListUrl(const QString &runId, const QStringList &types) const;

    /** Answers of lists and timelines this large or larger are decoded on a worker thread. */
    static constexpr qsizetype kDecodeOffThreadBytes = 1024 * 1024;
    /** The run_metadata key every launch is tagged with, to find it if its answer is lost. */
    static constexpr const char *kLaunchTagKey = "runwatch_launch_id";

private:
    /**
     * Sends a request and hands the handler what `decode` makes of the answer. An answer of
     * kDecodeOffThreadBytes or more is decoded on a worker thread, so the window keeps
     * answering; a cancel meanwhile still drops it.
     */
    template<typename T>
    RequestId sendDecoded(const QByteArray &verb, const QUrl &url, QObject *context,
        Handler<T> handler,
        std::function<ApiResult<T>(const QByteArray &body, const ApiError &error)> decode,
        const QByteArray &requestBody = {});
    void findLaunchedRun(const QString &workflowId, const QString &tag, const QDateTime &sentAt,
        QPointer<QObject> context, Handler<RunDetail> handler, const ApiError &lost);
    void checkCandidates(QStringList candidates, const QString &tag, QPointer<QObject> context,
        Handler<RunDetail> handler, const ApiError &lost);

    QSet<RequestId> m_decoding; // answers being decoded off the GUI thread
    bool m_noEveryRunList = false; // the server answered 404 for GET /v1/runs
};
