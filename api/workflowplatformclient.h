#pragma once

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include "httprunsource.h"

struct PlatformRunPage;

/**
 * Talks to the second workflow platform: runs of one workflow at a time with limit/offset
 * paging and a `hasMore` flag, one status filter at a time, a bearer token, and every answer in
 * a `{code, data, message, requestId}` envelope (a code other than 200 is an error even in an
 * HTTP 200). It has no detail, launch, cancel, timeline, artifact or retry endpoints; a run's
 * detail is the list entry.
 */
class WorkflowPlatformClient final : public HttpRunSource
{
    Q_OBJECT
public:
    static constexpr int kMaxLimit = 100;

    /** `workflowNames` are shown for the ids they name (the platform has no workflow list). */
    WorkflowPlatformClient(const QUrl &baseUrl, const QString &token,
        const QStringList &workflowIds, const QHash<QString, QString> &workflowNames = {},
        QObject *parent = nullptr);
    ~WorkflowPlatformClient() override;

    void setToken(const QString &token);
    QStringList workflowIds() const { return m_workflowIds; }
    /** The URL one chunk of a page is read from (shown to the user, used by tests). */
    QUrl runListUrl(const QString &workflowId, RunStatus status, int limit, int offset) const;

    RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) override;
    RequestId getRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override;
    RequestId listWorkflows(QObject *context, Handler<QList<Workflow>> handler) override;
    RequestId launchRun(
        const LaunchRequest &request, QObject *context, Handler<RunDetail> handler) override;
    RequestId cancelRun(const QString &runId, QObject *context, Handler<bool> handler) override;
    void cancelRequest(RequestId id) override;
    void retainRuns(const QSet<QString> &runIds) override;
    /** Runs kept for their detail (the platform has no endpoint for one run). */
    qsizetype keptRuns() const { return m_seen.size(); }
    SourceFeatures features() const override;

private:
    struct PageJob;
    QString unsupported(const RunQuery &query) const;
    void fetchChunk(const std::shared_ptr<PageJob> &job);
    QStringList m_workflowIds;
    QHash<QString, QString> m_workflowNames;
    // Runs seen in lists, by id: the platform has no endpoint for one run.
    QHash<QString, std::pair<WorkflowRun, QJsonObject>> m_seen;
    // A page over 100 runs takes several requests; the caller holds the id of the first.
    QHash<RequestId, RequestId> m_currentChunk;
};
