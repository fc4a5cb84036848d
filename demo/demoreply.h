#pragma once

#include <utility>

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

/** One answer of a demo server: status, body, its type and any further headers. */
struct DemoReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> headers; // beyond type, length and connection

    /** A JSON answer: the object or array as it is, anything else as `null`. */
    static DemoReply json(int status, const QJsonValue &value);
    /** A FastAPI-style error: `{"detail": message}`. */
    static DemoReply detail(int status, const QString &message);
    /** The reason phrase that goes with a status code on the status line. */
    static QByteArray reasonPhrase(int status);
};
