#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>

#include "apierror.h"
#include "deferredanswers.h"
#include "requestid.h"

class QNetworkAccessManager;
class QNetworkRequest;
class QNetworkReply;

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
    /** How long a request may sit without a byte moving; the whole request may take twice
     * that at most, so a server dripping its answer cannot hold a poll for minutes. */
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    /** An answer longer than this is cut off with an error instead of being held in memory. */
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    static constexpr qint64 kDefaultMaxBodyBytes = 64 * 1024 * 1024;
    /** Redirects on the same origin followed at most; a loop is an error, not 50 resends. */
    static constexpr int kMaxRedirects = 5;
    /**
     * GETs are idempotent: a rate limit, a gateway error, a dropped connection or a timeout is
     * tried again up to `attempts` times in all, after Retry-After or a jittered backoff from
     * `baseDelayMs`. Other verbs are never retried.
     */
    void setRetryPolicy(int attempts, int baseDelayMs);
    int timeout() const { return m_timeoutMs; }
    QUrl baseUrl() const { return m_baseUrl; }
    /** Requests put on the wire so far, retries included. */
    int requestsIssued() const { return m_issued; }
    /** host[:port], as the UI names the server. */
    QString displayName() const;
    /** A URL on the server's origin (keeping a base path such as /api). */
    QUrl endpoint(const QString &path) const;

    RequestId send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
        QObject *context, RawHandler handler);
    /** Answers without a request (input refused before sending), asynchronously like send(). */
    RequestId answerLater(QObject *context, std::function<void()> answer);
    void cancel(RequestId id);

signals:
    /** A GET failed and will be tried again after `delayMs`. */
    void retrying(const ApiError &error, int delayMs);

private:
    void issue(RequestId id);
    void finish(RequestId id, QNetworkReply *reply);
    /** How long to wait before the next try, or -1 when this failure is not retried. */
    int retryDelay(const ApiError &error, int attempt);
    ApiError errorFor(QNetworkReply *reply, const QByteArray &body) const;
    ApiError httpError(QNetworkReply *reply, const QByteArray &body) const;

    struct Pending
    {
        QPointer<QNetworkReply> reply;
        QPointer<QObject> context;
        bool hasContext = false;
        RawHandler handler;
        QByteArray verb;
        std::shared_ptr<QNetworkRequest> request; // kept to send again
        QByteArray body;
        int attempt = 1;
        QElapsedTimer clock; // since this attempt went out, for the log
        enum class CutOff { No, TooLarge, Deadline } cutOff = CutOff::No;
    };

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_credentialHeader;
    QByteArray m_credential;
    QString m_credentialNoun;
    int m_timeoutMs = 15000;
    qint64 m_maxBodyBytes = kDefaultMaxBodyBytes;
    int m_issued = 0;
    int m_attempts = 3;
    int m_baseDelayMs = 500;
    QHash<RequestId, Pending> m_pending;
    DeferredAnswers *m_laterAnswers;
    QRandomGenerator m_jitter {QRandomGenerator::securelySeeded()};
};
