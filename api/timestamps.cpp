#include "timestamps.h"

#include <optional>

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
// "YYYY-MM-DDTHH:MM:SS[.fff…][Z|±HH:MM]", the shape servers send, read digit by digit.
std::optional<QDateTime> parseCommonShape(QStringView text)
{
    const auto digits = [&text](qsizetype at, qsizetype count, int *value) {
        if (at + count > text.size())
            return false;
        int result = 0;
        for (qsizetype i = at; i < at + count; ++i) {
            const char16_t c = text.at(i).unicode();
            if (c < u'0' || c > u'9')
                return false;
            result = result * 10 + (c - u'0');
        }
        *value = result;
        return true;
    };
    int year, month, day, hour, minute, second;
    if (text.size() < 19 || text.at(4) != u'-' || text.at(7) != u'-'
        || (text.at(10) != u'T' && text.at(10) != u' ') || text.at(13) != u':'
        || text.at(16) != u':' || !digits(0, 4, &year) || !digits(5, 2, &month)
        || !digits(8, 2, &day) || !digits(11, 2, &hour) || !digits(14, 2, &minute)
        || !digits(17, 2, &second))
        return std::nullopt;
    qsizetype at = 19;
    int millis = 0;
    if (at < text.size() && text.at(at) == u'.') {
        int scale = 100;
        ++at;
        const qsizetype start = at;
        while (at < text.size() && text.at(at).isDigit()) {
            millis += scale * (text.at(at).unicode() - u'0');
            scale /= 10;
            ++at;
        }
        if (at == start)
            return std::nullopt;
    }
    int offsetSeconds = 0;
    if (at < text.size() && text.at(at) == u'Z') {
        ++at;
    } else if (at < text.size() && (text.at(at) == u'+' || text.at(at) == u'-')) {
        int offsetHours, offsetMinutes;
        const bool colon = at + 3 < text.size() && text.at(at + 3) == u':';
        if (!digits(at + 1, 2, &offsetHours) || !digits(at + (colon ? 4 : 3), 2, &offsetMinutes))
            return std::nullopt;
        offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.at(at) == u'-' ? -1 : 1);
        at += colon ? 6 : 5;
    }
    if (at != text.size())
        return std::nullopt;
    // Straight to milliseconds since 1970: a run list reads five of these a run, and QDate,
    // QTime and QDateTime's own arithmetic cost more than reading the digits.
    static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1 || month < 1 || month > 12 || day < 1
        || day > kDaysIn[month - 1] + (month == 2 && leap ? 1 : 0) || hour > 23 || minute > 59
        || second > 59)
        return QDateTime();
    // Days from the civil date (the proleptic Gregorian calendar, as ISO 8601 has it).
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = y / 400; // y is at least 0: the year 0 is refused above, as QDate does
    const int yearOfEra = y - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    const qint64 days = qint64(era) * 146097 + dayOfEra - 719468;
    const qint64 msecs = ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000 + millis
        - qint64(offsetSeconds) * 1000;
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}
} // namespace

QDateTime parseTimestamp(const QString &text)
{
    if (const auto fast = parseCommonShape(QStringView(text).trimmed()))
        return *fast;
    // Runs carry several timestamps each and lists carry hundreds of runs: read them by hand
    // rather than with regular expressions.
    QString normalized = text.trimmed();
    // Python emits microseconds; Qt reads at most milliseconds.
    const qsizetype dot = normalized.indexOf(u'.', 10);
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < normalized.size() && normalized.at(end).isDigit())
            ++end;
        if (end - dot - 1 > 3)
            normalized.remove(dot + 4, end - dot - 4);
    }
    // An offset is a Z, or a sign after the time of day (dates have dashes before the T).
    const qsizetype timeOfDay = normalized.indexOf(u'T');
    const qsizetype sign = qMax(normalized.lastIndexOf(u'+'), normalized.lastIndexOf(u'-'));
    const bool explicitOffset = normalized.endsWith(u'Z') || (timeOfDay > 0 && sign > timeOfDay);
    QDateTime time = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    if (!explicitOffset)
        time.setTimeZone(QTimeZone::utc());
    return time.toUTC();
}

QString formatTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}
