#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>

#include "rundetail.h"
#include "runsource.h"
#include "workflow.h"

class QNetworkAccessManager;
class QNetworkReply;

/**
 * Talks to a Skyvern server (Cloud or self-hosted) over its public REST API. Owns its
 * QNetworkAccessManager; every call is asynchronous, has a timeout, can be canceled, and ends in
 * a value or an ApiError with a sentence for the user. The API key is only ever attached to
 * requests for the configured server's origin.
 */
class SkyvernClient final : public RunSource
{
    Q_OBJECT
public:
    SkyvernClient(const QUrl &baseUrl, const QString &apiKey, QObject *parent = nullptr);
    ~SkyvernClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    void setApiKey(const QString &apiKey);
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }

    RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) override;
    RequestId getRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override;
    RequestId listWorkflows(QObject *context, Handler<QList<Workflow>> handler) override;
    RequestId launchRun(
        const LaunchRequest &request, QObject *context, Handler<RunDetail> handler) override;
    RequestId cancelRun(const QString &runId, QObject *context, Handler<bool> handler) override;
    void cancelRequest(RequestId id) override;
    QString displayName() const override;

    /** The URL a list request for this query goes to (shown to the user, used by tests). */
    QUrl runListUrl(const RunQuery &query) const;

private:
    using RawHandler = std::function<void(const QByteArray &body, const ApiError &error)>;

    QUrl endpoint(const QString &path) const;
    RequestId send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
        QObject *context, RawHandler handler);
    void finish(RequestId id, QNetworkReply *reply);
    ApiError errorFor(QNetworkReply *reply, const QByteArray &body) const;

    struct Pending
    {
        QPointer<QNetworkReply> reply;
        QPointer<QObject> context;
        bool hasContext = false;
        RawHandler handler;
    };

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_apiKey;
    int m_timeoutMs = 15000;
    RequestId m_nextId = 1;
    QHash<RequestId, Pending> m_pending;
};
