#pragma once

#include <limits>
#include <optional>

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
     * How fields are found. Qt's own lookup costs about 0.2 µs a field, more than reading the
     * field; a decoder that reads most fields of a large object (a run in a list) has every
     * key read once up front instead, then each field found by a hash of its name.
     */
    enum class Lookup { ByQt, IndexedOnce };

    JsonReader(const QJsonObject &object, QString path, Lookup lookup = Lookup::ByQt);
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
    QJsonValue optionalValue(QLatin1StringView key) const;

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

    /** A field's place, found by its name's hash (see Lookup::IndexedOnce). */
    struct IndexedField
    {
        size_t hash;
        QString key;
        QJsonObject::const_iterator at;
    };
    QJsonObject::const_iterator find(QLatin1StringView key) const;

    QJsonObject m_object;
    QJsonObject::const_iterator m_end; // worked out once: each constEnd() counts the fields
    QString m_path;
    QVarLengthArray<IndexedField, 32> m_index; // only with Lookup::IndexedOnce
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
