#include "timestamps.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

QDateTime parseTimestamp(const QString &text)
{
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
