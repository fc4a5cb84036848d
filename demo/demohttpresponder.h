#pragma once

#include <QPointer>

#include "demoreply.h"

class DemoHttpConnection;

/**
 * The right to answer one request, handed to a route with the request. It may answer at once or
 * later (the connection waits, holding back the requests behind it); an answer after the client
 * has gone, or a second one, goes nowhere.
 */
class DemoHttpResponder
{
public:
    DemoHttpResponder() = default;
    DemoHttpResponder(DemoHttpConnection *connection, quint64 serial);

    /** Sends the whole answer; the connection then reads on or closes, as the request asked. */
    void send(const DemoReply &reply);
    /** Sends the head and half the body, then drops the connection, as a crashing server would. */
    void sendCutShort(const DemoReply &reply);
    /** Drops the connection without a word. */
    void abort();

private:
    QPointer<DemoHttpConnection> m_connection;
    quint64 m_serial = 0;
};
