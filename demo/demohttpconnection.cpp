#include "demohttpconnection.h"

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QSocketNotifier>

using namespace Qt::StringLiterals;

namespace {

// After refusing a request, the client's unread bytes are drained this long before closing, so
// the kernel does not answer them with a reset that would destroy the refusal on its way out.
constexpr int kLingerMs = 2000;
constexpr qsizetype kReadChunk = 64 * 1024;

} // namespace

DemoHttpConnection::DemoHttpConnection(qintptr descriptor, const QByteArray &origin,
    const DemoHttpLimits &limits, Handler handler, ErrorReply errorReply, QObject *parent)
    : QObject(parent)
    , m_fd(int(descriptor))
    , m_parser(limits, origin)
    , m_handler(std::move(handler))
    , m_errorReply(std::move(errorReply))
{
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    sockaddr_storage address {};
    socklen_t length = sizeof address;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        m_peer = QHostAddress(reinterpret_cast<const sockaddr *>(&address));

    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &DemoHttpConnection::onReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &DemoHttpConnection::onWritable);

    m_idle.setSingleShot(true);
    m_idle.setInterval(limits.idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, &DemoHttpConnection::onIdle);
    m_idle.start();
    m_linger.setSingleShot(true);
    m_linger.setInterval(kLingerMs);
    connect(&m_linger, &QTimer::timeout, this, &DemoHttpConnection::close);
}

DemoHttpConnection::~DemoHttpConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void DemoHttpConnection::onReadable()
{
    char buffer[kReadChunk];
    for (qsizetype total = 0; total < 16 * kReadChunk && m_fd >= 0;) {
        const ssize_t received = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (received > 0) {
            total += received;
            if (!m_lingering)
                m_parser.append(QByteArray(buffer, received));
            m_idle.start();
            continue;
        }
        if (received < 0 && errno == EINTR)
            continue;
        if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (received < 0 || m_lingering) {
            close(); // reset by the client, or it has read the refusal and left
            return;
        }
        m_peerDone = true; // the client shut down its sending side; it may still be reading
        break;
    }
    if (!m_lingering)
        processInput();
    updateReading();
}

void DemoHttpConnection::processInput()
{
    if (m_processing || m_fd < 0)
        return;
    m_processing = true;
    while (!m_owed && m_ending == Ending::None && m_fd >= 0) {
        const DemoHttpParser::State state = m_parser.advance();
        if (state == DemoHttpParser::State::Failed) {
            refuse(m_parser.failureStatus(), m_parser.failureMessage());
            break;
        }
        if (state == DemoHttpParser::State::NeedMore) {
            if (m_parser.takeContinueWanted()) {
                queue("HTTP/1.1 100 Continue\r\n\r\n");
                flush();
            }
            if (m_peerDone) {
                // Nothing more will come: a request cut off midway can never be answered.
                m_ending = Ending::Drop;
                flush();
            }
            break;
        }
        DemoHttpRequest request = m_parser.takeRequest();
        request.peer = m_peer;
        m_owed = true;
        m_owedKeepAlive = m_parser.keepAlive();
        m_owedHead = request.method == "HEAD";
        ++m_serial;
        m_handler(request, DemoHttpResponder(this, m_serial));
    }
    m_processing = false;
    updateReading();
}

void DemoHttpConnection::answer(quint64 serial, const DemoReply &reply, Delivery delivery)
{
    if (!m_owed || serial != m_serial || m_fd < 0)
        return;
    m_owed = false;
    if (delivery == Delivery::Nothing) {
        close();
        return;
    }
    // A client that has stopped sending still gets every answer it asked for; processInput()
    // closes once none is left.
    const bool keepAlive = m_owedKeepAlive && delivery == Delivery::Whole;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' '
        + DemoReply::reasonPhrase(reply.status) + "\r\nContent-Type: " + reply.contentType
        + "\r\nContent-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        head += name + ": " + value + "\r\n";
    head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    queue(head);
    if (!m_owedHead)
        queue(delivery == Delivery::CutShort ? reply.body.left(reply.body.size() / 2) : reply.body);
    if (delivery == Delivery::CutShort)
        m_ending = Ending::Drop;
    else if (!keepAlive)
        m_ending = Ending::Linger;
    flush();
    // Requests that came in behind this one are read now (at once if the route answered
    // inside processInput, which then carries on by itself).
    if (m_fd >= 0 && m_ending == Ending::None)
        processInput();
}

void DemoHttpConnection::refuse(int status, const QString &message)
{
    m_owedKeepAlive = false;
    m_owedHead = false;
    m_owed = true;
    answer(m_serial, m_errorReply(status, message), Delivery::Whole);
}

void DemoHttpConnection::queue(const QByteArray &bytes)
{
    if (m_outPos > 0 && m_outPos == m_out.size()) {
        m_out.clear();
        m_outPos = 0;
    }
    m_out.append(bytes);
}

void DemoHttpConnection::flush()
{
    while (m_fd >= 0 && m_outPos < m_out.size()) {
        const ssize_t sent = ::send(
            m_fd, m_out.constData() + m_outPos, size_t(m_out.size() - m_outPos), MSG_NOSIGNAL);
        if (sent > 0) {
            m_outPos += sent;
            m_idle.start();
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier->setEnabled(true);
            return;
        }
        close(); // the client is gone
        return;
    }
    if (m_fd < 0)
        return;
    m_writeNotifier->setEnabled(false);
    m_out.clear();
    m_outPos = 0;
    if (m_ending == Ending::Drop || (m_ending == Ending::Linger && m_peerDone)) {
        close();
    } else if (m_ending == Ending::Linger && !m_lingering) {
        ::shutdown(m_fd, SHUT_WR); // the client sees the end of the answer and of the connection
        m_lingering = true;
        m_linger.start();
        updateReading();
    }
}

void DemoHttpConnection::onWritable()
{
    flush();
}

void DemoHttpConnection::onIdle()
{
    // A request begun and then left hanging is told why the connection goes.
    if (!m_owed && !m_lingering && m_ending == Ending::None && m_parser.hasPartialRequest()) {
        refuse(408, u"No complete request arrived within %1 ms"_s.arg(m_idle.interval()));
        return;
    }
    close();
}

void DemoHttpConnection::updateReading()
{
    if (m_fd < 0)
        return;
    // While an answer is owed nothing more is read, which bounds what a client can pile up.
    const bool reading = m_lingering || (!m_owed && !m_peerDone && m_ending == Ending::None);
    m_readNotifier->setEnabled(reading);
}

void DemoHttpConnection::close()
{
    if (m_fd < 0)
        return;
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    m_idle.stop();
    m_linger.stop();
    ::close(m_fd);
    m_fd = -1;
    deleteLater();
}
