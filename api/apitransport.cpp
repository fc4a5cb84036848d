#include "apitransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "apilog.h"

using namespace Qt::StringLiterals;

namespace {

/** The human part of an error body: FastAPI's `detail` (string or list) or an `error` field. */
QString serverDetail(const QByteArray &body, QStringList *fieldMessages)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    const QJsonObject object = document.object();
    const QJsonValue detail = object.value("detail"_L1);
    if (detail.isString())
        return detail.toString();
    if (detail.isArray()) {
        QStringList messages;
        for (const QJsonValue &item : detail.toArray()) {
            const QJsonObject entry = item.toObject();
            QStringList location;
            for (const QJsonValue &part : entry.value("loc"_L1).toArray()) {
                const QString text
                    = part.isDouble() ? QString::number(part.toInt()) : part.toString();
                if (!location.isEmpty() || (text != "body"_L1 && text != "query"_L1))
                    location.append(text);
            }
            const QString message = entry.value("msg"_L1).toString();
            messages.append(location.isEmpty() ? message : location.join(u'.') + u": "_s + message);
        }
        if (fieldMessages)
            *fieldMessages = messages;
        return messages.join(u"; "_s);
    }
    if (object.value("error"_L1).isString())
        return object.value("error"_L1).toString();
    if (object.value("message"_L1).isString())
        return object.value("message"_L1).toString();
    return {};
}

QString requestIdOf(const QByteArray &body)
{
    const QJsonValue id = QJsonDocument::fromJson(body).object().value("requestId"_L1);
    return id.isString() ? id.toString().left(100) : QString();
}

int retryAfterSeconds(const QByteArray &header)
{
    bool ok = false;
    const int seconds = header.trimmed().toInt(&ok);
    if (ok && seconds >= 0)
        return qMin(seconds, 3600);
    // An HTTP date ends in "GMT", which Qt's RFC 2822 reader refuses; GMT is +0000.
    QString date = QString::fromLatin1(header.trimmed());
    if (date.endsWith(" GMT"_L1) || date.endsWith(" UTC"_L1))
        date = date.chopped(3) + "+0000"_L1;
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (when.isValid())
        return qBound(0, int(QDateTime::currentDateTimeUtc().secsTo(when)), 3600);
    return -1;
}

} // namespace

ApiTransport::ApiTransport(const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_baseUrl(baseUrl)
    , m_credentialNoun(tr("API key"))
    , m_laterAnswers(new DeferredAnswers(this))
{
    // Never follow a redirect to another origin: it would carry the credential there.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

ApiTransport::~ApiTransport()
{
    const auto pending = std::exchange(m_pending, {});
    for (const Pending &request : pending) {
        if (request.reply)
            request.reply->abort();
    }
}

void ApiTransport::setCredential(
    const QByteArray &header, const QByteArray &value, const QString &noun)
{
    m_credentialHeader = header;
    m_credential = value;
    m_credentialNoun = noun;
}

QString ApiTransport::displayName() const
{
    return m_baseUrl.host() + (m_baseUrl.port() > 0 ? u":%1"_s.arg(m_baseUrl.port()) : QString());
}

QUrl ApiTransport::endpoint(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

RequestId ApiTransport::answerLater(QObject *context, std::function<void()> answer)
{
    return m_laterAnswers->post(context, std::move(answer));
}

void ApiTransport::setRetryPolicy(int attempts, int baseDelayMs)
{
    m_attempts = qMax(1, attempts);
    m_baseDelayMs = qMax(0, baseDelayMs);
}

RequestId ApiTransport::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
    QObject *context, RawHandler handler)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    // endpoint() only builds URLs on the configured origin; check anyway before adding the secret.
    if (!m_credential.isEmpty() && url.scheme() == m_baseUrl.scheme()
        && url.host() == m_baseUrl.host() && url.port() == m_baseUrl.port())
        request.setRawHeader(m_credentialHeader, m_credential);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);

    const RequestId id = nextRequestId();
    m_pending.insert(id,
        Pending {nullptr, context, context != nullptr, std::move(handler), verb,
            std::make_shared<QNetworkRequest>(request), body, 1, {}, Pending::CutOff::No});
    issue(id);
    return id;
}

namespace {
/**
 * A request body that can be read once. Qt's HTTP layer quietly sends a request again when a
 * kept-alive connection drops after it was sent; for a launch that could start a second run.
 * A body that cannot be rewound makes that resend fail, and the failure is reconciled instead.
 */
class OneShotBody final : public QIODevice
{
public:
    OneShotBody(const QByteArray &data, QObject *parent)
        : QIODevice(parent)
        , m_data(data)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_offset + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = qMin(maxSize, qint64(m_data.size()) - m_offset);
        if (count <= 0)
            return m_offset >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_offset, size_t(count));
        m_offset += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_offset = 0;
};
} // namespace

namespace {
/** A request as the log shows it: path and query, never who asked (user info). */
QString loggedPath(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
}
} // namespace

void ApiTransport::issue(RequestId id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // canceled while waiting to try again
    QNetworkReply *reply = nullptr;
    ++m_issued;
    if (it->verb == "GET") {
        reply = m_network->get(*it->request);
    } else {
        QNetworkRequest request = *it->request;
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, it->body.size());
        auto *body = new OneShotBody(it->body, this);
        reply = m_network->sendCustomRequest(request, it->verb, body);
        body->setParent(reply);
    }
    it->reply = reply;
    it->cutOff = Pending::CutOff::No;
    it->clock.start();
    qCDebug(lcApi).noquote() << u"#%1 %2 %3 (attempt %4)"_s.arg(id).arg(
        QString::fromLatin1(it->verb), loggedPath(it->request->url()),
        QString::number(it->attempt));
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] { finish(id, reply); });
    // Limits a hostile or broken server cannot stretch: the size of the answer (announced or
    // as it arrives) and the time the whole request takes.
    const auto cutOff = [this, id, reply](Pending::CutOff why) {
        const auto pending = m_pending.find(id);
        if (pending == m_pending.end() || pending->reply != reply || reply->isFinished())
            return;
        pending->cutOff = why;
        reply->abort();
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, cutOff] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_maxBodyBytes)
            cutOff(Pending::CutOff::TooLarge);
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this, cutOff](qint64 received) {
        if (received > m_maxBodyBytes)
            cutOff(Pending::CutOff::TooLarge);
    });
    QTimer::singleShot(2 * m_timeoutMs, reply, [cutOff] { cutOff(Pending::CutOff::Deadline); });
}

int ApiTransport::retryDelay(const ApiError &error, int attempt)
{
    if (attempt >= m_attempts)
        return -1;
    const bool retryable = error.kind == ApiError::Kind::RateLimited
        || error.kind == ApiError::Kind::Timeout || error.kind == ApiError::Kind::Network
        || (error.kind == ApiError::Kind::Server
            && (error.httpStatus == 502 || error.httpStatus == 503 || error.httpStatus == 504));
    if (!retryable)
        return -1;
    if (error.retryAfterSeconds >= 0) {
        // A long wait is the user's to decide; say so instead of hanging on.
        return error.retryAfterSeconds <= 60 ? error.retryAfterSeconds * 1000 : -1;
    }
    // Exponential backoff with full jitter, so many clients do not retry in step.
    const int ceiling = m_baseDelayMs * (1 << qMin(attempt - 1, 6));
    return ceiling / 2 + int(m_jitter.bounded(ceiling / 2 + 1));
}

void ApiTransport::cancel(RequestId id)
{
    m_laterAnswers->cancel(id);
    const Pending pending = m_pending.take(id);
    if (pending.reply)
        pending.reply->abort();
}

void ApiTransport::finish(RequestId id, QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->reply != reply)
        return; // canceled
    if (it->hasContext && !it->context) {
        m_pending.erase(it);
        return; // the receiver is gone
    }
    QByteArray body;
    ApiError error;
    if (reply->isOpen() && reply->bytesAvailable() > m_maxBodyBytes)
        it->cutOff = Pending::CutOff::TooLarge; // it all came at once, before it could be cut
    if (it->cutOff == Pending::CutOff::TooLarge) {
        error.kind = ApiError::Kind::Http;
        error.message = tr("%1 sent an answer larger than %2 MB; it was not read.")
                            .arg(displayName())
                            .arg(m_maxBodyBytes / (1024 * 1024));
    } else if (it->cutOff == Pending::CutOff::Deadline) {
        error.kind = ApiError::Kind::Timeout;
        error.message = tr("%1 did not finish answering within %2 seconds.")
                            .arg(displayName())
                            .arg(2 * m_timeoutMs / 1000.0, 0, 'g', 3);
    } else {
        body = reply->isOpen() ? reply->readAll() : QByteArray();
        error = errorFor(reply, body);
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    qCDebug(lcApi).noquote() << u"#%1 HTTP %2, %3 bytes in %4 ms"_s.arg(id)
                                    .arg(status)
                                    .arg(body.size())
                                    .arg(it->clock.elapsed());
    if (error.isError())
        qCInfo(lcApi).noquote() << u"#%1 %2 %3: %4"_s.arg(id).arg(
            QString::fromLatin1(it->verb), loggedPath(it->request->url()), error.message);
    if (error.isError() && it->verb == "GET") {
        const int delay = retryDelay(error, it->attempt);
        if (delay >= 0) {
            qCInfo(lcApi).noquote() << u"#%1 tried again in %2 ms"_s.arg(id).arg(delay);
            it->attempt += 1;
            it->reply = nullptr;
            emit retrying(error, delay);
            QTimer::singleShot(delay, this, [this, id] { issue(id); });
            return;
        }
    }
    const Pending pending = *it;
    m_pending.erase(it);
    pending.handler(body, error);
}

ApiError ApiTransport::httpError(QNetworkReply *reply, const QByteArray &body) const
{
    ApiError error;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    error.httpStatus = status;
    const QString host = displayName();

    if (status == 0 || (reply->error() != QNetworkReply::NoError && status < 400)) {
        switch (reply->error()) {
        case QNetworkReply::NoError:
            error.kind = ApiError::Kind::Network;
            error.message = tr("%1 sent no HTTP answer.").arg(host);
            break;
        case QNetworkReply::OperationCanceledError:
        case QNetworkReply::TimeoutError:
            error.kind = ApiError::Kind::Timeout;
            error.message = tr("%1 did not answer within %2 seconds.")
                                .arg(host)
                                .arg(m_timeoutMs / 1000.0, 0, 'g', 3);
            break;
        case QNetworkReply::ConnectionRefusedError:
            error.kind = ApiError::Kind::Network;
            error.message = tr("Could not connect to %1: the connection was refused. Is the "
                               "server running?")
                                .arg(host);
            break;
        case QNetworkReply::HostNotFoundError:
            error.kind = ApiError::Kind::Network;
            error.message
                = tr("The server %1 could not be found. Check the address.").arg(m_baseUrl.host());
            break;
        case QNetworkReply::RemoteHostClosedError:
            error.kind = ApiError::Kind::Network;
            error.message = tr("%1 closed the connection before it finished answering.").arg(host);
            break;
        case QNetworkReply::InsecureRedirectError:
        case QNetworkReply::TooManyRedirectsError:
            error.kind = ApiError::Kind::Http;
            error.message = tr("%1 redirected the request to another server; Runwatch did not "
                               "follow it, to keep the %2 safe.")
                                .arg(host, m_credentialNoun);
            break;
        default:
            error.kind = ApiError::Kind::Network;
            error.message = tr("Could not reach %1: %2.").arg(host, reply->errorString());
            break;
        }
        return error;
    }
    if (status >= 200 && status < 300)
        return error;

    const QString detail = serverDetail(body, &error.fieldMessages);
    const QString detailSuffix = detail.isEmpty() ? QString() : u" ("_s + detail.left(300) + u')';
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        error.kind = ApiError::Kind::Http;
        error.message = tr("%1 redirected the request to another server; Runwatch did not follow "
                           "it, to keep the %2 safe.")
                            .arg(host, m_credentialNoun);
    } else if (status == 401 || status == 403) {
        error.kind = ApiError::Kind::Auth;
        error.message = tr("%1 refused the %2 (HTTP %3%4). Check it in the connection settings.")
                            .arg(host, m_credentialNoun)
                            .arg(status)
                            .arg(detailSuffix);
    } else if (status == 404) {
        error.kind = ApiError::Kind::NotFound;
        error.message = tr("Not found on %1 (HTTP 404%2).").arg(host, detailSuffix);
    } else if (status == 422 || status == 400) {
        error.kind = ApiError::Kind::Validation;
        error.message = tr("The server rejected the request: %1.")
                            .arg(detail.isEmpty() ? tr("HTTP %1").arg(status) : detail);
    } else if (status == 429) {
        error.kind = ApiError::Kind::RateLimited;
        error.retryAfterSeconds = retryAfterSeconds(reply->rawHeader("Retry-After"));
        error.message = error.retryAfterSeconds >= 0
            ? tr("%1 is rate limiting requests; try again in %2 s.")
                  .arg(host)
                  .arg(error.retryAfterSeconds)
            : tr("%1 is rate limiting requests; try again shortly.").arg(host);
    } else if (status >= 500) {
        error.kind = ApiError::Kind::Server;
        error.message
            = tr("%1 had an internal error (HTTP %2%3).").arg(host).arg(status).arg(detailSuffix);
    } else {
        error.kind = ApiError::Kind::Http;
        error.message = tr("%1 answered HTTP %2%3.").arg(host).arg(status).arg(detailSuffix);
    }
    return error;
}

ApiError ApiTransport::errorFor(QNetworkReply *reply, const QByteArray &body) const
{
    ApiError error = httpError(reply, body);
    if (!error.isError())
        return error; // a good answer is parsed once, by its decoder
    error.quoteRequestId(requestIdOf(body));
    return error;
}
