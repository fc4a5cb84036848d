#pragma once

#include <QByteArray>
#include <QHttpServerResponder>

/** One answer of a demo server: status, body and its type. */
struct DemoReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
};

inline void writeDemoReply(QHttpServerResponder &responder, const DemoReply &reply)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
}
