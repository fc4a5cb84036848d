#pragma once

#include <utility>

#include <QByteArray>
#include <QList>

/** One answer of a demo server: status, body, its type and any further headers. */
struct DemoReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> headers; // beyond type, length and connection

    /** The reason phrase that goes with a status code on the status line. */
    static QByteArray reasonPhrase(int status);
};
