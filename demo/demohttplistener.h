#pragma once

#include <QTcpServer>
#include <QUrl>

#include "demohttpconnection.h"

/**
 * The demo's HTTP front end: listens on loopback and gives each connection to a
 * DemoHttpConnection with the same limits, routes and way of wording a refusal. Both of the
 * demo's platforms listen through one.
 */
class DemoHttpListener final : public QTcpServer
{
    Q_OBJECT
public:
    DemoHttpListener(const DemoHttpLimits &limits, DemoHttpConnection::Handler handler,
        DemoHttpConnection::ErrorReply errorReply, QObject *parent = nullptr);

    /** Listens on 127.0.0.1 (0: any free port); returns false if the port is taken. */
    bool listenOnLoopback(quint16 port);
    /** http://127.0.0.1:port, the origin of every URL the server hands out. */
    QUrl baseUrl() const;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    DemoHttpLimits m_limits;
    DemoHttpConnection::Handler m_handler;
    DemoHttpConnection::ErrorReply m_errorReply;
};
