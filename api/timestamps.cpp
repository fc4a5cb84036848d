#include "timestamps.h"

#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

QDateTime parseTimestamp(const QString &text)
{
    static const QRegularExpression hasOffset(u"(Z|[+-]\\d\\d:?\\d\\d)$"_s);
    QString normalized = text.trimmed();
    // Python emits microseconds; Qt reads at most milliseconds.
    static const QRegularExpression longFraction(u"(\\.\\d{3})\\d+"_s);
    normalized.replace(longFraction, u"\\1"_s);
    const bool explicitOffset = hasOffset.match(normalized).hasMatch();
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
