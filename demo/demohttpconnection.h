#pragma once

#include <functional>

#include <QObject>
#include <QTimer>

#include "demohttpparser.h"
#include "demohttpresponder.h"

class QSocketNotifier;

/**
 * One client connection of the demo's HTTP front end. It reads requests through a strict parser,
 * hands each to the routes with a responder, writes the answers in order, and closes after an
 * answer that ends the conversation, on a request it refuses, after a spell of silence, or once
 * a client that has stopped sending has all its answers.
 *
 * It works on the socket descriptor itself rather than a QTcpSocket, because a QTcpSocket closes
 * outright when the client shuts down its sending side, losing answers still owed to it.
 */
class DemoHttpConnection final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const DemoHttpRequest &, DemoHttpResponder)>;
    using ErrorReply = std::function<DemoReply(int status, const QString &message)>;
    enum class Delivery { Whole, CutShort, Nothing };

    DemoHttpConnection(qintptr descriptor, const QByteArray &origin, const DemoHttpLimits &limits,
        Handler handler, ErrorReply errorReply, QObject *parent);
    ~DemoHttpConnection() override;

    /** Answers request `serial` if it is the one owed (DemoHttpResponder calls this). */
    void answer(quint64 serial, const DemoReply &reply, Delivery delivery);

private:
    enum class Ending { None, Linger, Drop };

    void onReadable();
    void onWritable();
    void onIdle();
    void processInput();
    void refuse(int status, const QString &message);
    void queue(const QByteArray &bytes);
    void flush();
    void updateReading();
    void close();

    int m_fd = -1;
    DemoHttpParser m_parser;
    Handler m_handler;
    ErrorReply m_errorReply;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer m_idle;
    QTimer m_linger;
    QHostAddress m_peer;
    QByteArray m_out;
    qsizetype m_outPos = 0;
    quint64 m_serial = 0;
    bool m_owed = false; // an answer to request m_serial is still to come
    bool m_owedKeepAlive = true;
    bool m_owedHead = false; // a HEAD request: the answer has no body
    bool m_peerDone = false; // the client sent its last byte
    bool m_processing = false;
    bool m_lingering = false; // the answer is out; the rest of the client's bytes are dropped
    Ending m_ending = Ending::None;
};
