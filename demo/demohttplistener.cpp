#include "demohttplistener.h"

using namespace Qt::StringLiterals;

DemoHttpListener::DemoHttpListener(const DemoHttpLimits &limits,
    DemoHttpConnection::Handler handler, DemoHttpConnection::ErrorReply errorReply, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_handler(std::move(handler))
    , m_errorReply(std::move(errorReply))
{ }

bool DemoHttpListener::listenOnLoopback(quint16 port)
{
    return listen(QHostAddress::LocalHost, port);
}

QUrl DemoHttpListener::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(serverPort()));
}

void DemoHttpListener::incomingConnection(qintptr descriptor)
{
    // The connection owns the descriptor from here on and deletes itself when it closes.
    new DemoHttpConnection(
        descriptor, baseUrl().toEncoded(), m_limits, m_handler, m_errorReply, this);
}
