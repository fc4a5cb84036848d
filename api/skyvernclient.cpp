#include "skyvernclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

SkyvernClient::SkyvernClient(const QUrl &baseUrl, const QString &apiKey, QObject *parent)
    : RunSource(parent)
    , m_transport(new ApiTransport(baseUrl, this))
{
    connect(m_transport, &ApiTransport::retrying, this, &RunSource::retrying);
    setApiKey(apiKey);
}

SkyvernClient::~SkyvernClient() = default;

void SkyvernClient::setApiKey(const QString &apiKey)
{
    m_transport->setCredential("x-api-key", apiKey.toUtf8(), tr("API key"));
}

QUrl SkyvernClient::baseUrl() const
{
    return m_transport->baseUrl();
}

void SkyvernClient::setTimeout(int milliseconds)
{
    m_transport->setTimeout(milliseconds);
}

void SkyvernClient::setRetryPolicy(int attempts, int baseDelayMs)
{
    m_transport->setRetryPolicy(attempts, baseDelayMs);
}

int SkyvernClient::timeout() const
{
    return m_transport->timeout();
}

QString SkyvernClient::displayName() const
{
    return m_transport->displayName();
}

QUrl SkyvernClient::endpoint(const QString &path) const
{
    return m_transport->endpoint(path);
}

QUrl SkyvernClient::runListUrl(const RunQuery &query) const
{
    const bool byWorkflow = !query.workflowPermanentId.isEmpty();
    QUrl url = endpoint(byWorkflow ? u"/v1/workflows/%1/runs"_s.arg(
                            QString::fromLatin1(QUrl::toPercentEncoding(query.workflowPermanentId)))
                                   : u"/v1/workflows/runs"_s);
    QUrlQuery items;
    items.addQueryItem(u"page"_s, QString::number(query.page));
    items.addQueryItem(u"page_size"_s, QString::number(query.pageSize));
    query.filter.addTo(items, byWorkflow);
    url.setQuery(items);
    return url;
}

RequestId SkyvernClient::listRuns(const RunQuery &query, QObject *context, RunPageHandler handler)
{
    const QString invalid = query.filter.validationError();
    if (!invalid.isEmpty()) {
        return m_transport->answerLater(context, [handler, invalid] {
            ApiResult<RunPage> result;
            result.error = ApiError::badInput(invalid);
            handler(result);
        });
    }
    return m_transport->send("GET", runListUrl(query), {}, context,
        [query, handler](const QByteArray &body, const ApiError &error) {
            ApiResult<RunPage> result;
            result.value.query = query;
            result.error = error;
            if (!error.isError()) {
                QString decodeError;
                auto runs = workflowRunsFromJson(body, &decodeError);
                if (runs) {
                    result.value.runs = std::move(*runs);
                } else {
                    result.error.kind = ApiError::Kind::Decode;
                    result.error.message
                        = tr("The server's run list could not be read: %1.").arg(decodeError);
                }
            }
            handler(result);
        });
}

RequestId SkyvernClient::getRun(const QString &runId, QObject *context, Handler<RunDetail> handler)
{
    const QUrl url = endpoint(u"/v1/runs/"_s + QString::fromLatin1(QUrl::toPercentEncoding(runId)));
    return m_transport->send(
        "GET", url, {}, context, [handler](const QByteArray &body, const ApiError &error) {
            ApiResult<RunDetail> result;
            result.error = error;
            if (!error.isError()) {
                QString decodeError;
                auto detail = RunDetail::fromJson(body, &decodeError);
                if (detail) {
                    result.value = std::move(*detail);
                } else {
                    result.error.kind = ApiError::Kind::Decode;
                    result.error.message = tr("The run could not be read: %1.").arg(decodeError);
                }
            }
            handler(result);
        });
}

RequestId SkyvernClient::listWorkflows(QObject *context, Handler<QList<Workflow>> handler)
{
    QUrl url = endpoint(u"/v1/workflows"_s);
    url.setQuery(u"page=1&page_size=100"_s);
    return m_transport->send(
        "GET", url, {}, context, [handler](const QByteArray &body, const ApiError &error) {
            ApiResult<QList<Workflow>> result;
            result.error = error;
            if (!error.isError()) {
                QString decodeError;
                auto workflows = workflowsFromJson(body, &decodeError);
                if (workflows) {
                    result.value = std::move(*workflows);
                } else {
                    result.error.kind = ApiError::Kind::Decode;
                    result.error.message
                        = tr("The workflow list could not be read: %1.").arg(decodeError);
                }
            }
            handler(result);
        });
}

RequestId SkyvernClient::launchRun(
    const LaunchRequest &request, QObject *context, Handler<RunDetail> handler)
{
    const QByteArray body = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
    return m_transport->send("POST", endpoint(u"/v1/run/workflows"_s), body, context,
        [handler](const QByteArray &reply, const ApiError &error) {
            ApiResult<RunDetail> result;
            result.error = error;
            if (!error.isError()) {
                QString decodeError;
                auto detail = RunDetail::fromJson(reply, &decodeError);
                if (detail) {
                    result.value = std::move(*detail);
                } else {
                    result.error.kind = ApiError::Kind::Decode;
                    result.error.message
                        = tr("The run was sent, but the server's answer could not be "
                             "read: %1.")
                              .arg(decodeError);
                }
            }
            handler(result);
        });
}

RequestId SkyvernClient::cancelRun(const QString &runId, QObject *context, Handler<bool> handler)
{
    const QUrl url = endpoint(
        u"/v1/runs/%1/cancel"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(runId))));
    return m_transport->send(
        "POST", url, "{}", context, [handler](const QByteArray &, const ApiError &error) {
            ApiResult<bool> result;
            result.error = error;
            result.value = !error.isError();
            handler(result);
        });
}

void SkyvernClient::cancelRequest(RequestId id)
{
    m_transport->cancel(id);
}
