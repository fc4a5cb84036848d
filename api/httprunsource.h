#pragma once

#include <functional>
#include <optional>

#include <QUrl>

#include "apitransport.h"
#include "runsource.h"

/**
 * What every HTTP run server shares, so a capability added for one platform cannot be missing
 * from another: one ApiTransport (its retries relayed as RunSource::retrying), the server's
 * name, timeouts and retry policy, answers given without a request (input refused before
 * sending), cancelling, and turning a body into a value or a decode error with a sentence.
 * The concrete clients only build URLs and map their server's shapes.
 */
class HttpRunSource : public RunSource
{
    Q_OBJECT
public:
    template<typename T>
    using Decoder = std::function<std::optional<T>(const QByteArray &body, QString *error)>;

    HttpRunSource(const QUrl &baseUrl, QObject *parent = nullptr);
    ~HttpRunSource() override;

    QUrl baseUrl() const { return m_transport->baseUrl(); }
    void setTimeout(int milliseconds) { m_transport->setTimeout(milliseconds); }
    int timeout() const { return m_transport->timeout(); }
    void setRetryPolicy(int attempts, int baseDelayMs)
    {
        m_transport->setRetryPolicy(attempts, baseDelayMs);
    }
    void setMaxBodyBytes(qint64 bytes) { m_transport->setMaxBodyBytes(bytes); }
    /** Requests put on the wire so far, retries included. */
    int requestsIssued() const { return m_transport->requestsIssued(); }

    QString displayName() const override { return m_transport->displayName(); }
    void cancelRequest(RequestId id) override { m_transport->cancel(id); }

protected:
    ApiTransport *transport() const { return m_transport; }
    RequestId answerLater(QObject *context, std::function<void()> answer) override
    {
        return m_transport->answerLater(context, std::move(answer));
    }
    QUrl endpoint(const QString &path) const { return m_transport->endpoint(path); }

    /** Answers `message` as bad input, later, without sending anything. */
    template<typename T>
    RequestId refuse(QObject *context, Handler<T> handler, const QString &message)
    {
        ApiResult<T> result;
        result.error = ApiError::badInput(message);
        return answer(context, std::move(handler), std::move(result));
    }

    /** Answers `result` later, as if from the server; cancelRequest drops it like a request. */
    template<typename T>
    RequestId answer(QObject *context, Handler<T> handler, ApiResult<T> result)
    {
        return answerLater(context,
            [handler = std::move(handler), result = std::move(result)] { handler(result); });
    }

    /**
     * The value of a good answer, or the transport's error, or a Decode error whose message is
     * `sentence` with %1 replaced by what the decoder could not read.
     */
    template<typename T>
    static ApiResult<T> decodeAnswer(const QByteArray &body, const ApiError &error,
        const Decoder<T> &decoder, const QString &sentence)
    {
        ApiResult<T> result;
        result.error = error;
        if (error.isError())
            return result;
        QString decodeError;
        std::optional<T> value = decoder(body, &decodeError);
        if (value) {
            result.value = std::move(*value);
        } else {
            result.error.kind = ApiError::Kind::Decode;
            result.error.message = sentence.arg(decodeError);
        }
        return result;
    }

    /** Sends a request and hands the handler the decoded value or the error. */
    template<typename T>
    RequestId request(const QByteArray &verb, const QUrl &url, const QByteArray &body,
        QObject *context, Handler<T> handler, Decoder<T> decoder, const QString &sentence)
    {
        return m_transport->send(verb, url, body, context,
            [handler = std::move(handler), decoder = std::move(decoder), sentence](
                const QByteArray &reply, const ApiError &error) {
                handler(decodeAnswer<T>(reply, error, decoder, sentence));
            });
    }

private:
    ApiTransport *m_transport;
};
