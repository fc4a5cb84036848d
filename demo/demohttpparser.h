#pragma once

#include <QByteArray>

#include "demohttplimits.h"
#include "demohttprequest.h"

/**
 * Reads HTTP/1.1 requests out of a byte stream, one at a time, strictly and within limits: a
 * request line of method, origin-form target and version; token-named headers; a body framed by
 * Content-Length or by chunks, never both. It touches no socket, so every rule is testable.
 */
class DemoHttpParser
{
public:
    enum class State {
        NeedMore, // the request so far is fine; more bytes are needed
        Ready, // a whole request is in: takeRequest()
        Failed, // the stream is not acceptable: answer failureStatus() and close
    };

    /** `origin` ("http://127.0.0.1:8000") becomes the scheme, host and port of every URL. */
    DemoHttpParser(const DemoHttpLimits &limits, const QByteArray &origin);

    void append(const QByteArray &bytes) { m_buffer.append(bytes); }
    /** Parses as far as the bytes received allow. */
    State advance();
    /** The request advance() found Ready; parsing then starts on the next one. */
    DemoHttpRequest takeRequest();
    /** Whether the connection may stay open after the request last taken. */
    bool keepAlive() const { return m_keepAlive; }
    /** True once per request whose client waits for "100 Continue" before sending its body. */
    bool takeContinueWanted();
    /** Some bytes of a request that is not complete yet have arrived. */
    bool hasPartialRequest() const;

    int failureStatus() const { return m_failureStatus; }
    QString failureMessage() const { return m_failureMessage; }

private:
    enum class Phase { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Complete, Failed };

    State fail(int status, const QString &message);
    /** The next line without its line ending, or false if it is not all in yet. */
    bool nextLine(QByteArray *line, qsizetype maxLength, bool *tooLong);
    State parseHead();
    State parseBody();
    /** Moves what has arrived of the body (or chunk) into the request; true once all of it is in.
     */
    bool takeBodyBytes();
    State parseChunks();
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    State finishHead();
    void compact();

    DemoHttpLimits m_limits;
    QByteArray m_origin;
    QByteArray m_buffer;
    qsizetype m_pos = 0; // bytes of m_buffer already consumed
    Phase m_phase = Phase::Head;
    DemoHttpRequest m_request;
    QByteArray m_version;
    qsizetype m_headBytes = 0;
    int m_headerLines = 0;
    bool m_sawRequestLine = false;
    qint64 m_remaining = 0; // body or chunk bytes still to come
    bool m_keepAlive = true;
    bool m_continueWanted = false;
    int m_failureStatus = 0;
    QString m_failureMessage;
};
