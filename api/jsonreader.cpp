#include "jsonreader.h"

#include <cmath>
#include <limits>

#include "timestamps.h"

using namespace Qt::StringLiterals;

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QJsonValue jsonStringOrNull(const QString &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value);
}

QJsonValue jsonTimestampOrNull(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(formatTimestamp(value)) : QJsonValue();
}

std::optional<QJsonDocument> parseResponse(
    const QByteArray &body, bool wantObject, const QString &shapeError, QString *error)
{
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error
                = u"the response is not valid JSON (%1 at byte %2)"_s.arg(parseError.errorString())
                      .arg(parseError.offset);
        return std::nullopt;
    }
    if (wantObject ? !document.isObject() : !document.isArray()) {
        if (error)
            *error = shapeError;
        return std::nullopt;
    }
    return document;
}

namespace {

// A key's length and three of its characters: the same for a key read as a QString and one
// asked for in Latin-1, cheap to make, and rarely equal for two keys of one object (a match is
// confirmed by comparing the strings).
template<typename Text>
size_t keyHash(const Text &key)
{
    const qsizetype length = key.size();
    if (length == 0)
        return 0;
    const auto at = [&key](qsizetype i) { return size_t(QChar(key.at(i)).unicode()); };
    return size_t(length) | at(0) << 16 | at(length / 2) << 32 | at(length - 1) << 48;
}

} // namespace

JsonReader::JsonReader(const QJsonObject &object, QString path, Lookup lookup)
    : m_object(object)
    , m_end(m_object.constEnd())
    , m_path(std::move(path))
{
    if (lookup != Lookup::IndexedOnce)
        return;
    m_index.reserve(m_object.size());
    for (auto it = m_object.constBegin(); it != m_end; ++it) {
        QString key = it.key();
        const size_t hash = keyHash(key);
        m_index.append({hash, std::move(key), it});
    }
}

QJsonObject::const_iterator JsonReader::find(QLatin1StringView key) const
{
    if (m_index.isEmpty()) // not indexed, or an empty object: Qt's lookup costs nothing then
        return m_object.constFind(key);
    const size_t hash = keyHash(key);
    for (const IndexedField &field : m_index) {
        if (field.hash == hash && field.key == key)
            return field.at;
    }
    return m_end;
}

QString JsonReader::fieldPath(QLatin1StringView key) const
{
    return m_path.isEmpty() ? QString(key) : m_path + u'.' + key;
}

void JsonReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

void JsonReader::typeError(QLatin1StringView key, const char *expected, const QJsonValue &got)
{
    fail(u"%1: expected %2, got %3"_s.arg(
        fieldPath(key), QLatin1StringView(expected), jsonTypeName(got)));
}

// Fields are read through const iterators: a QJsonValue copy of a string would build a
// container of its own first, which was most of the decoding time.
QJsonObject::const_iterator JsonReader::present(QLatin1StringView key, bool required)
{
    const auto it = find(key);
    if (it == m_end || it->isNull()) {
        if (required)
            fail(u"%1: missing required field"_s.arg(fieldPath(key)));
        return m_end;
    }
    return it;
}

QString JsonReader::string(QLatin1StringView key, bool required)
{
    const auto it = present(key, required);
    if (it == m_end)
        return {};
    if (!it->isString()) {
        typeError(key, "a string", *it);
        return {};
    }
    return it->toString();
}

QString JsonReader::requiredString(QLatin1StringView key)
{
    return string(key, true);
}

QString JsonReader::optionalString(QLatin1StringView key)
{
    return string(key, false);
}

QDateTime JsonReader::timestamp(QLatin1StringView key, bool required)
{
    const QString text = string(key, required);
    if (text.isEmpty())
        return {};
    const QDateTime time = parseTimestamp(text);
    if (!time.isValid())
        fail(u"%1: \"%2\" is not an ISO 8601 date-time"_s.arg(fieldPath(key), text.left(40)));
    return time;
}

QDateTime JsonReader::requiredTimestamp(QLatin1StringView key)
{
    return timestamp(key, true);
}

QDateTime JsonReader::optionalTimestamp(QLatin1StringView key)
{
    return timestamp(key, false);
}

std::optional<qint64> JsonReader::optionalInteger(QLatin1StringView key)
{
    const auto it = present(key, false);
    if (it == m_end)
        return std::nullopt;
    const double number = it->toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!it->isDouble() || std::trunc(number) != number || std::abs(number) > 9.0e15) {
        typeError(key, "an integer", *it);
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

std::optional<int> JsonReader::optionalInt(QLatin1StringView key, int min, int max)
{
    const std::optional<qint64> value = optionalInteger(key);
    if (!value)
        return std::nullopt;
    if (*value < min || *value > max) {
        fail(u"%1: %2 is out of range (%3 to %4)"_s.arg(fieldPath(key))
                 .arg(*value)
                 .arg(min)
                 .arg(max));
        return std::nullopt;
    }
    return int(*value);
}

std::optional<double> JsonReader::optionalNumber(QLatin1StringView key)
{
    const auto it = present(key, false);
    if (it == m_end)
        return std::nullopt;
    if (!it->isDouble()) {
        typeError(key, "a number", *it);
        return std::nullopt;
    }
    return it->toDouble();
}

std::optional<bool> JsonReader::optionalBool(QLatin1StringView key)
{
    const auto it = present(key, false);
    if (it == m_end)
        return std::nullopt;
    if (!it->isBool()) {
        typeError(key, "a boolean", *it);
        return std::nullopt;
    }
    return it->toBool();
}

QJsonObject JsonReader::optionalObject(QLatin1StringView key)
{
    const auto it = present(key, false);
    if (it == m_end)
        return {};
    if (!it->isObject()) {
        typeError(key, "an object", *it);
        return {};
    }
    return it->toObject();
}

QJsonArray JsonReader::optionalArray(QLatin1StringView key)
{
    const auto it = present(key, false);
    if (it == m_end)
        return {};
    if (!it->isArray()) {
        typeError(key, "an array", *it);
        return {};
    }
    return it->toArray();
}

QJsonValue JsonReader::optionalValue(QLatin1StringView key) const
{
    const auto it = find(key);
    return it == m_end ? QJsonValue() : it.value();
}
