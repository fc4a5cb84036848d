#pragma once

#include <limits>
#include <optional>

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QVarLengthArray>

/**
 * Reads fields of one JSON object with the contract's tolerance: unknown fields are ignored,
 * absent or null optional fields give an empty value, and a field of the wrong type records an
 * error that names the field (with the path of the object it sits in).
 */
class JsonReader
{
public:
    /**
     * Where the fields asked for were found in the last object read with it. The objects of one
     * list come with their keys in the same order, so the n-th field a decoder asks for is
     * looked at first where it was found last time: one comparison, where Qt's own lookup
     * compares keys one by one (about 0.2 µs a field, more than reading it) and reading every
     * key as a string costs an allocation each. Keep one per decoder and thread.
     */
    class KeyPlaces
    {
        friend class JsonReader;
        struct Place
        {
            QLatin1StringView key;
            QCborValue keyValue; // the key as the object holds it: compared without a copy
            qsizetype index = -1; // -1: absent last time
        };
        QVarLengthArray<Place, 32> m_places;
    };

    JsonReader(const QJsonObject &object, QString path, KeyPlaces *places = nullptr);
    JsonReader(const JsonReader &) = delete; // m_end points into this reader's own object
    JsonReader &operator=(const JsonReader &) = delete;

    QString requiredString(QLatin1StringView key);
    QString optionalString(QLatin1StringView key);
    QDateTime requiredTimestamp(QLatin1StringView key);
    QDateTime optionalTimestamp(QLatin1StringView key);
    std::optional<qint64> optionalInteger(QLatin1StringView key);
    /** An integer that must lie in [min, max]; outside it records a range error, never a
     * silently narrowed value (4294967496 must not read as 200). */
    std::optional<int> optionalInt(QLatin1StringView key, int min = std::numeric_limits<int>::min(),
        int max = std::numeric_limits<int>::max());
    std::optional<double> optionalNumber(QLatin1StringView key);
    std::optional<bool> optionalBool(QLatin1StringView key);
    QJsonObject optionalObject(QLatin1StringView key);
    QJsonArray optionalArray(QLatin1StringView key);
    /** Any JSON value; null when absent. */
    QJsonValue optionalValue(QLatin1StringView key);

    QString fieldPath(QLatin1StringView key) const;
    /** Records an error found by the caller (for example a nested object that failed). */
    void fail(const QString &message);

    bool ok() const { return m_error.isEmpty(); }
    /** The first problem found, e.g. "runs[3].status: expected a string, got a number". */
    QString error() const { return m_error; }

private:
    /** The field when present and non-null, else end() (an error when it was required). */
    QJsonObject::const_iterator present(QLatin1StringView key, bool required);
    QString string(QLatin1StringView key, bool required);
    QDateTime timestamp(QLatin1StringView key, bool required);
    void typeError(QLatin1StringView key, const char *expected, const QJsonValue &got);

    QJsonObject::const_iterator find(QLatin1StringView key);

    QJsonObject m_object;
    QJsonObject::const_iterator m_begin;
    QJsonObject::const_iterator m_end; // worked out once: each constEnd() counts the fields
    QCborMap m_map; // the same fields (Qt shares them): its keys compare without a copy
    QString m_path;
    KeyPlaces *m_places = nullptr;
    qsizetype m_asked = 0; // fields asked for so far: the place in m_places of the next
    QString m_error;
};

/**
 * Parses a response body whose top level must be an object (`wantObject`) or an array; on
 * failure says why in `error` (the parser's message, or `shapeError` for the wrong shape).
 */
std::optional<QJsonDocument> parseResponse(
    const QByteArray &body, bool wantObject, const QString &shapeError, QString *error);

/** Describes a JSON value's type in words for error messages. */
QString jsonTypeName(const QJsonValue &value);

/** The contract's optional string: the text, or null for a null string. */
QJsonValue jsonStringOrNull(const QString &value);
/** The contract's optional date-time: ISO 8601 UTC, or null for an invalid time. */
QJsonValue jsonTimestampOrNull(const QDateTime &value);
