#include "demohttpresponder.h"

#include "demohttpconnection.h"

DemoHttpResponder::DemoHttpResponder(DemoHttpConnection *connection, quint64 serial)
    : m_connection(connection)
    , m_serial(serial)
{ }

void DemoHttpResponder::send(const DemoReply &reply)
{
    if (m_connection)
        m_connection->answer(m_serial, reply, DemoHttpConnection::Delivery::Whole);
}

void DemoHttpResponder::sendCutShort(const DemoReply &reply)
{
    if (m_connection)
        m_connection->answer(m_serial, reply, DemoHttpConnection::Delivery::CutShort);
}

void DemoHttpResponder::abort()
{
    if (m_connection)
        m_connection->answer(m_serial, {}, DemoHttpConnection::Delivery::Nothing);
}
