#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

/** A raw HTTP exchange for tests that check the wire itself, not the client's reading of it. */
struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

/** Sends one request over real HTTP and waits (in a test only) for the answer. */
inline HttpAnswer httpRequest(
    const QByteArray &verb, const QUrl &url, const QByteArray &apiKey, const QByteArray &body = {})
{
    static QNetworkAccessManager network;
    QNetworkRequest request(url);
    if (!apiKey.isEmpty())
        request.setRawHeader("x-api-key", apiKey);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    reply->deleteLater();
    return answer;
}
