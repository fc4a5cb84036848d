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

JsonReader::JsonReader(const QJsonObject &object, QString path, KeyPlaces *places)
    : m_object(object)
    , m_begin(m_object.constBegin())
    , m_end(m_object.constEnd())
    , m_path(std::move(path))
    , m_places(places)
{
    if (m_places)
        m_map = QCborMap::fromJsonObject(m_object);
}

QJsonObject::const_iterator JsonReader::find(QLatin1StringView key)
{
    if (!m_places)
        return m_object.constFind(key);
    QVarLengthArray<KeyPlaces::Place, 32> &places = m_places->m_places;
    const qsizetype asked = m_asked++;
    if (asked == places.size())
        places.append({});
    KeyPlaces::Place &place = places[asked];
    // Another field asked for at this turn than last time: learnt again. (Keys are literals,
    // so the same text is usually at the same address.)
    if (place.key.data() != key.data() && place.key != key)
        place = {key, QCborValue(QString(key)), -1};
    const qsizetype fields = m_end - m_begin;
    if (place.index >= 0 && place.index < fields
        && (m_map.constBegin() + place.index).key() == place.keyValue)
        return m_begin + place.index;
    const auto found = m_object.constFind(key);
    place.index = found == m_end ? -1 : found - m_begin;
    return found;
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

QJsonValue JsonReader::optionalValue(QLatin1StringView key)
{
    const auto it = find(key);
    return it == m_end ? QJsonValue() : it.value();
}
