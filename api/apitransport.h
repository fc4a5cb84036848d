#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include "apierror.h"

class QNetworkAccessManager;
class QNetworkReply;

using RequestId = quint64;

/**
 * HTTP for one API server: builds URLs on its origin, attaches the credential only to requests
 * for that origin, never follows a redirect elsewhere, times requests out, lets them be
 * canceled, and turns every failure into an ApiError with a sentence for the user.
 */
class ApiTransport final : public QObject
{
    Q_OBJECT
public:
    /** Called once per request, unless it is canceled or its context object is gone. */
    using RawHandler = std::function<void(const QByteArray &body, const ApiError &error)>;

    explicit ApiTransport(const QUrl &baseUrl, QObject *parent = nullptr);
    ~ApiTransport() override;

    /** The header carrying the secret, e.g. "x-api-key" or "Authorization" ("Bearer …"). */
    void setCredential(const QByteArray &header, const QByteArray &value, const QString &noun);
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }
    QUrl baseUrl() const { return m_baseUrl; }
    /** host[:port], as the UI names the server. */
    QString displayName() const;
    /** A URL on the server's origin (keeping a base path such as /api). */
    QUrl endpoint(const QString &path) const;

    RequestId send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
        QObject *context, RawHandler handler);
    /** Answers without a request (input refused before sending), asynchronously like send(). */
    RequestId answerLater(QObject *context, std::function<void()> answer);
    void cancel(RequestId id);

private:
    void finish(RequestId id, QNetworkReply *reply);
    ApiError errorFor(QNetworkReply *reply, const QByteArray &body) const;
    ApiError httpError(QNetworkReply *reply, const QByteArray &body) const;

    struct Pending
    {
        QPointer<QNetworkReply> reply;
        QPointer<QObject> context;
        bool hasContext = false;
        RawHandler handler;
    };

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_credentialHeader;
    QByteArray m_credential;
    QString m_credentialNoun;
    int m_timeoutMs = 15000;
    RequestId m_nextId = 1;
    QHash<RequestId, Pending> m_pending;
    QSet<RequestId> m_laterAnswers;
};
