#pragma once

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QList>
#include <QTcpSocket>
#include <QUrl>

/**
 * A loopback HTTP server for tests whose answers are set per path: any status, headers and
 * body, or no answer at all. It records the headers of every request it receives.
 */
class ScriptedServer : public QAbstractHttpServer
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        bool silent = false; // accept the request and never answer
    };

    ScriptedServer() { m_port = listen(QHostAddress::LocalHost, 0); }

    QUrl url(const QString &path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }
    void setAnswer(const QString &path, const Answer &answer) { m_answers.insert(path, {answer}); }
    /** Answers given in turn; the last one repeats. */
    void setAnswers(const QString &path, const QList<Answer> &answers)
    {
        m_answers.insert(path, answers);
    }
    /** Header values seen, per request, for one header name (lower case). */
    QList<QByteArray> seen(const QByteArray &header) const { return m_seen.value(header); }
    int requestCount() const { return m_requests; }
    /** The URLs requested, in order, as the server received them. */
    QList<QUrl> urls() const { return m_urls; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        ++m_requests;
        m_urls.append(request.url());
        for (const auto &[name, value] : request.headers())
            m_seen[name.toLower()].append(value);
        QList<Answer> &queue = m_answers[request.url().path()];
        const Answer answer = queue.isEmpty()
            ? Answer {404, "{}", {}, false}
            : (queue.size() > 1 ? queue.takeFirst() : queue.first());
        if (answer.silent)
            return true;
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(answer.status));
        responder.writeHeader("Content-Type", "application/json");
        responder.writeHeader("Content-Length", QByteArray::number(answer.body.size()));
        for (const auto &[name, value] : answer.headers)
            responder.writeHeader(name, value);
        responder.writeBody(answer.body);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    quint16 m_port = 0;
    QHash<QString, QList<Answer>> m_answers;
    QHash<QByteArray, QList<QByteArray>> m_seen;
    int m_requests = 0;
    QList<QUrl> m_urls;
};
