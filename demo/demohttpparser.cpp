#include "demohttpparser.h"

#include <algorithm>
#include <cctype>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kMaxRequestLine = 8 * 1024;
constexpr qsizetype kMaxChunkSizeLine = 1024;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QByteArray &text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

QByteArray trimmedOws(const QByteArray &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && (text.at(begin) == ' ' || text.at(begin) == '\t'))
        ++begin;
    while (end > begin && (text.at(end - 1) == ' ' || text.at(end - 1) == '\t'))
        --end;
    return text.mid(begin, end - begin);
}

/** The comma-separated, lower-cased items of every header of that name. */
QList<QByteArray> listValues(const DemoHttpRequest &request, QByteArrayView name, int *count)
{
    QList<QByteArray> items;
    *count = 0;
    for (const auto &[key, value] : request.headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        ++*count;
        for (const QByteArray &item : value.split(','))
            items.append(trimmedOws(item).toLower());
    }
    return items;
}

} // namespace

DemoHttpParser::DemoHttpParser(const DemoHttpLimits &limits, const QByteArray &origin)
    : m_limits(limits)
    , m_origin(origin)
{ }

DemoHttpParser::State DemoHttpParser::fail(int status, const QString &message)
{
    m_phase = Phase::Failed;
    m_failureStatus = status;
    m_failureMessage = message;
    return State::Failed;
}

bool DemoHttpParser::hasPartialRequest() const
{
    if (m_phase == Phase::Head)
        return m_sawRequestLine || m_headBytes > 0 || m_pos < m_buffer.size();
    return m_phase != Phase::Complete && m_phase != Phase::Failed;
}

bool DemoHttpParser::takeContinueWanted()
{
    const bool wanted = m_continueWanted;
    m_continueWanted = false;
    return wanted;
}

bool DemoHttpParser::nextLine(QByteArray *line, qsizetype maxLength, bool *tooLong)
{
    *tooLong = false;
    const qsizetype end = m_buffer.indexOf('\n', m_pos);
    if (end < 0) {
        *tooLong = m_buffer.size() - m_pos > maxLength;
        return false;
    }
    if (end - m_pos > maxLength) {
        *tooLong = true;
        return false;
    }
    *line = m_buffer.mid(m_pos, end - m_pos);
    m_pos = end + 1;
    if (line->endsWith('\r'))
        line->chop(1);
    return true;
}

DemoHttpParser::State DemoHttpParser::advance()
{
    State state = State::NeedMore;
    switch (m_phase) {
    case Phase::Head:
        state = parseHead();
        break;
    case Phase::Body:
        state = parseBody();
        break;
    case Phase::ChunkSize:
    case Phase::ChunkData:
    case Phase::ChunkEnd:
    case Phase::Trailers:
        state = parseChunks();
        break;
    case Phase::Complete:
        return State::Ready;
    case Phase::Failed:
        return State::Failed;
    }
    compact();
    return state;
}

DemoHttpRequest DemoHttpParser::takeRequest()
{
    DemoHttpRequest request = std::move(m_request);
    m_request = {};
    m_version.clear();
    m_phase = Phase::Head;
    m_headBytes = 0;
    m_headerLines = 0;
    m_sawRequestLine = false;
    m_remaining = 0;
    m_continueWanted = false;
    compact();
    return request;
}

void DemoHttpParser::compact()
{
    if (m_pos > 0 && (m_pos == m_buffer.size() || m_pos > 64 * 1024)) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

DemoHttpParser::State DemoHttpParser::parseHead()
{
    for (;;) {
        // Empty lines before a request line are tolerated, as RFC 9112 asks.
        while (!m_sawRequestLine && m_headBytes < m_limits.maxHeadBytes && m_pos < m_buffer.size()
            && (m_buffer.at(m_pos) == '\r' || m_buffer.at(m_pos) == '\n')) {
            ++m_pos;
            ++m_headBytes;
        }
        QByteArray line;
        bool tooLong = false;
        const qsizetype room = m_limits.maxHeadBytes - m_headBytes;
        const qsizetype maxLine = m_sawRequestLine ? room : qMin(room, kMaxRequestLine);
        if (!nextLine(&line, maxLine, &tooLong)) {
            if (!tooLong)
                return State::NeedMore;
            if (!m_sawRequestLine && room > kMaxRequestLine)
                return fail(
                    414, u"The request line is longer than %1 bytes"_s.arg(kMaxRequestLine));
            return fail(
                431, u"The request head is larger than %1 bytes"_s.arg(m_limits.maxHeadBytes));
        }
        m_headBytes += line.size() + 2;
        if (line.contains('\r') || line.contains('\0'))
            return fail(400, u"A line of the request holds a bare CR or a NUL"_s);
        if (!m_sawRequestLine) {
            if (!parseRequestLine(line))
                return State::Failed;
            m_sawRequestLine = true;
            continue;
        }
        if (line.isEmpty())
            return finishHead();
        if (++m_headerLines > m_limits.maxHeaderLines)
            return fail(
                431, u"The request has more than %1 header lines"_s.arg(m_limits.maxHeaderLines));
        if (!parseHeaderLine(line))
            return State::Failed;
    }
}

bool DemoHttpParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty()) {
        fail(400, u"The request line is not METHOD TARGET HTTP/1.1"_s);
        return false;
    }
    const QByteArray &version = parts.at(2);
    const bool looksLikeVersion = version.size() == 8 && version.startsWith("HTTP/")
        && std::isdigit(uchar(version.at(5))) && version.at(6) == '.'
        && std::isdigit(uchar(version.at(7)));
    if (!looksLikeVersion) {
        fail(400, u"The request line is not METHOD TARGET HTTP/1.1"_s);
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        fail(505, u"Only HTTP/1.0 and HTTP/1.1 are spoken here"_s);
        return false;
    }
    const QByteArray &target = parts.at(1);
    const bool printable = std::all_of(target.begin(), target.end(),
        [](char c) { return uchar(c) > 0x20 && uchar(c) < 0x7f && c != '#'; });
    QByteArray pathAndQuery;
    if (target.startsWith('/')) {
        pathAndQuery = target;
    } else if (target.startsWith("http://") || target.startsWith("https://")) {
        // Absolute form: only its path and query count; the host is ours, whatever it says.
        const QUrl absolute = QUrl::fromEncoded(target, QUrl::StrictMode);
        pathAndQuery = absolute.path(QUrl::FullyEncoded).toLatin1();
        if (pathAndQuery.isEmpty())
            pathAndQuery = "/";
        if (absolute.hasQuery())
            pathAndQuery += '?' + absolute.query(QUrl::FullyEncoded).toLatin1();
    } else if (target == "*" && parts.at(0) == "OPTIONS") {
        pathAndQuery = "/";
    }
    const QUrl url = QUrl::fromEncoded(m_origin + pathAndQuery, QUrl::StrictMode);
    if (!printable || pathAndQuery.isEmpty() || !url.isValid()) {
        fail(400, u"The request target is not a valid path"_s);
        return false;
    }
    m_request.method = parts.at(0);
    m_request.url = url;
    m_version = version;
    return true;
}

bool DemoHttpParser::parseHeaderLine(const QByteArray &line)
{
    if (line.startsWith(' ') || line.startsWith('\t')) {
        fail(400, u"Folded header lines are not accepted"_s);
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.left(colon) : QByteArray();
    if (!isToken(name)) {
        fail(400, u"A header line is not NAME: VALUE"_s);
        return false;
    }
    const QByteArray value = trimmedOws(line.mid(colon + 1));
    const bool clean = std::all_of(value.begin(), value.end(),
        [](char c) { return c == '\t' || (uchar(c) >= 0x20 && uchar(c) != 0x7f); });
    if (!clean) {
        fail(400, u"The header %1 holds control characters"_s.arg(QString::fromLatin1(name)));
        return false;
    }
    m_request.headers.append({name, value});
    return true;
}

DemoHttpParser::State DemoHttpParser::finishHead()
{
    const bool http11 = m_version == "HTTP/1.1";
    int hosts = 0;
    listValues(m_request, "Host", &hosts);
    if ((http11 && hosts != 1) || hosts > 1)
        return fail(400, u"An HTTP/1.1 request needs exactly one Host header"_s);

    int connectionHeaders = 0;
    const QList<QByteArray> connection = listValues(m_request, "Connection", &connectionHeaders);
    m_keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");

    int codingHeaders = 0;
    const QList<QByteArray> codings = listValues(m_request, "Transfer-Encoding", &codingHeaders);
    int lengthHeaders = 0;
    const QList<QByteArray> lengths = listValues(m_request, "Content-Length", &lengthHeaders);
    // Both framings at once is how requests are smuggled past a proxy: never guess which.
    if (codingHeaders > 0 && lengthHeaders > 0)
        return fail(400, u"Content-Length and Transfer-Encoding must not come together"_s);

    qint64 length = 0;
    bool chunked = false;
    if (codingHeaders > 0) {
        if (!http11)
            return fail(400, u"Transfer-Encoding needs HTTP/1.1"_s);
        if (codings.isEmpty() || codings.last() != "chunked")
            return fail(400, u"A request body's last transfer coding must be chunked"_s);
        if (codings.size() > 1)
            return fail(501, u"Only the chunked transfer coding is supported"_s);
        chunked = true;
    } else if (lengthHeaders > 0) {
        for (const QByteArray &text : lengths) {
            const bool digits = !text.isEmpty()
                && std::all_of(
                    text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!digits || (text != lengths.first()))
                return fail(400, u"Content-Length must be one decimal number"_s);
        }
        if (lengths.first().size() > 15)
            return fail(413, u"The body is larger than %1 bytes"_s.arg(m_limits.maxBodyBytes));
        length = lengths.first().toLongLong();
    }
    // Refused here, from the head alone: an oversized body is never read, let alone kept.
    if (length > m_limits.maxBodyBytes)
        return fail(413, u"The body is larger than %1 bytes"_s.arg(m_limits.maxBodyBytes));

    const QByteArray expect = m_request.header("Expect").toLower();
    if (!expect.isEmpty() && expect != "100-continue")
        return fail(417, u"Only Expect: 100-continue is understood"_s);
    m_continueWanted = http11 && !expect.isEmpty() && (chunked || length > 0);

    if (chunked) {
        m_phase = Phase::ChunkSize;
        return parseChunks();
    }
    m_remaining = length;
    m_phase = Phase::Body;
    return parseBody();
}

bool DemoHttpParser::takeBodyBytes()
{
    const qint64 take = qMin<qint64>(m_remaining, m_buffer.size() - m_pos);
    m_request.body.append(m_buffer.constData() + m_pos, take);
    m_pos += take;
    m_remaining -= take;
    return m_remaining == 0;
}

DemoHttpParser::State DemoHttpParser::parseBody()
{
    if (!takeBodyBytes())
        return State::NeedMore;
    m_phase = Phase::Complete;
    return State::Ready;
}

DemoHttpParser::State DemoHttpParser::parseChunks()
{
    for (;;) {
        QByteArray line;
        bool tooLong = false;
        switch (m_phase) {
        case Phase::ChunkSize: {
            if (!nextLine(&line, kMaxChunkSizeLine, &tooLong))
                return tooLong ? fail(400, u"A chunk size line is too long"_s) : State::NeedMore;
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            const QByteArray hex = trimmedOws(semicolon < 0 ? line : line.left(semicolon));
            const bool valid = !hex.isEmpty() && std::all_of(hex.begin(), hex.end(), [](char c) {
                return std::isxdigit(uchar(c));
            });
            if (!valid)
                return fail(400, u"A chunk size is not a hexadecimal number"_s);
            const qint64 size = hex.size() > 15 ? std::numeric_limits<qint64>::max()
                                                : hex.toLongLong(nullptr, 16);
            if (size > m_limits.maxBodyBytes - m_request.body.size())
                return fail(413, u"The body is larger than %1 bytes"_s.arg(m_limits.maxBodyBytes));
            m_remaining = size;
            m_phase = size == 0 ? Phase::Trailers : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData:
            if (!takeBodyBytes())
                return State::NeedMore;
            m_phase = Phase::ChunkEnd;
            break;
        case Phase::ChunkEnd:
            if (!nextLine(&line, 2, &tooLong))
                return tooLong ? fail(400, u"A chunk does not end where its size says"_s)
                               : State::NeedMore;
            if (!line.isEmpty())
                return fail(400, u"A chunk does not end where its size says"_s);
            m_phase = Phase::ChunkSize;
            break;
        case Phase::Trailers: {
            // Trailer fields are read against the head's limits and then dropped.
            if (!nextLine(&line, m_limits.maxHeadBytes - m_headBytes, &tooLong))
                return tooLong ? fail(431,
                           u"The request head is larger than %1 bytes"_s.arg(m_limits.maxHeadBytes))
                               : State::NeedMore;
            m_headBytes += line.size() + 2;
            if (line.isEmpty()) {
                m_phase = Phase::Complete;
                return State::Ready;
            }
            if (++m_headerLines > m_limits.maxHeaderLines)
                return fail(431,
                    u"The request has more than %1 header lines"_s.arg(m_limits.maxHeaderLines));
            break;
        }
        default:
            return State::NeedMore;
        }
    }
}
