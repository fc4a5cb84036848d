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

JsonReader::JsonReader(const QJsonObject &object, QString path)
    : m_object(object)
    , m_path(std::move(path))
{ }

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

std::optional<QJsonValue> JsonReader::present(QLatin1StringView key, bool required)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(u"%1: missing required field"_s.arg(fieldPath(key)));
        return std::nullopt;
    }
    return value;
}

QString JsonReader::requiredString(QLatin1StringView key)
{
    const auto value = present(key, true);
    if (!value)
        return {};
    if (!value->isString()) {
        typeError(key, "a string", *value);
        return {};
    }
    return value->toString();
}

QString JsonReader::optionalString(QLatin1StringView key)
{
    const auto value = present(key, false);
    if (!value)
        return {};
    if (!value->isString()) {
        typeError(key, "a string", *value);
        return {};
    }
    return value->toString();
}

QDateTime JsonReader::requiredTimestamp(QLatin1StringView key)
{
    const QString text = requiredString(key);
    if (text.isEmpty())
        return {};
    const QDateTime time = parseTimestamp(text);
    if (!time.isValid())
        fail(u"%1: \"%2\" is not an ISO 8601 date-time"_s.arg(fieldPath(key), text.left(40)));
    return time;
}

QDateTime JsonReader::optionalTimestamp(QLatin1StringView key)
{
    const QString text = optionalString(key);
    if (text.isEmpty())
        return {};
    const QDateTime time = parseTimestamp(text);
    if (!time.isValid())
        fail(u"%1: \"%2\" is not an ISO 8601 date-time"_s.arg(fieldPath(key), text.left(40)));
    return time;
}

std::optional<qint64> JsonReader::optionalInteger(QLatin1StringView key)
{
    const auto value = present(key, false);
    if (!value)
        return std::nullopt;
    const double number = value->toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value->isDouble() || std::trunc(number) != number || std::abs(number) > 9.0e15) {
        typeError(key, "an integer", *value);
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

std::optional<double> JsonReader::optionalNumber(QLatin1StringView key)
{
    const auto value = present(key, false);
    if (!value)
        return std::nullopt;
    if (!value->isDouble()) {
        typeError(key, "a number", *value);
        return std::nullopt;
    }
    return value->toDouble();
}

std::optional<bool> JsonReader::optionalBool(QLatin1StringView key)
{
    const auto value = present(key, false);
    if (!value)
        return std::nullopt;
    if (!value->isBool()) {
        typeError(key, "a boolean", *value);
        return std::nullopt;
    }
    return value->toBool();
}

QJsonObject JsonReader::optionalObject(QLatin1StringView key)
{
    const auto value = present(key, false);
    if (!value)
        return {};
    if (!value->isObject()) {
        typeError(key, "an object", *value);
        return {};
    }
    return value->toObject();
}

QJsonArray JsonReader::optionalArray(QLatin1StringView key)
{
    const auto value = present(key, false);
    if (!value)
        return {};
    if (!value->isArray()) {
        typeError(key, "an array", *value);
        return {};
    }
    return value->toArray();
}

QJsonValue JsonReader::optionalValue(QLatin1StringView key) const
{
    const QJsonValue value = m_object.value(key);
    return value.isUndefined() ? QJsonValue() : value;
}
