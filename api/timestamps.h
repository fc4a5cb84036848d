#pragma once

#include <QDateTime>
#include <QString>

/**
 * Wire timestamps: ISO 8601. Skyvern stores UTC and often omits the offset, so a timestamp
 * without one is read as UTC rather than local time.
 */
QDateTime parseTimestamp(const QString &text);
QString formatTimestamp(const QDateTime &time);
