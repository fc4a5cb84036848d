#include "lenientread.h"

#include <cmath>

#include <QCoreApplication>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

QString LenientRead::text(JsonReader &reader, QLatin1StringView key)
{
    QString value = reader.optionalString(key);
    if (value.size() > kMaxTextLength) {
        if (m_cut++ == 0)
            m_firstCut = reader.fieldPath(key);
        value.truncate(kMaxTextLength);
    }
    return value;
}

std::optional<double> LenientRead::number(
    JsonReader &reader, QLatin1StringView key, double min, double max)
{
    const std::optional<double> value = reader.optionalNumber(key);
    if (value && (!std::isfinite(*value) || *value < min || *value > max)) {
        drop(reader.fieldPath(key), QString::number(*value));
        return std::nullopt;
    }
    return value;
}

std::optional<qint64> LenientRead::integer(
    JsonReader &reader, QLatin1StringView key, qint64 min, qint64 max)
{
    const std::optional<qint64> value = reader.optionalInteger(key);
    if (value && (*value < min || *value > max)) {
        drop(reader.fieldPath(key), QString::number(*value));
        return std::nullopt;
    }
    return value;
}

void LenientRead::drop(const QString &path, const QString &why)
{
    if (m_dropped++ == 0)
        m_firstDropped = path + u" = "_s + why;
}

void LenientRead::skip(const QString &problem)
{
    if (m_skipped++ == 0)
        m_firstSkipped = problem.left(200);
}

void LenientRead::limit(const QString &sentence)
{
    m_limits.append(sentence);
}

QStringList LenientRead::notes(const char *skippedSentence) const
{
    QStringList notes;
    if (m_skipped > 0)
        notes.append(QCoreApplication::translate("LenientRead", skippedSentence, nullptr, m_skipped)
                         .arg(m_firstSkipped));
    if (m_dropped > 0)
        notes.append(QCoreApplication::translate("LenientRead",
            "%n value(s) out of any sensible range were left out (%1).", nullptr, m_dropped)
                         .arg(m_firstDropped));
    if (m_cut > 0)
        notes.append(QCoreApplication::translate(
            "LenientRead", "%n text(s) longer than %1 characters were cut (%2).", nullptr, m_cut)
                         .arg(kMaxTextLength)
                         .arg(m_firstCut));
    notes += m_limits;
    return notes;
}
