#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

/** One entry of a FastAPI-style 422 `detail` list: what is wrong, where, and the input. */
inline QJsonObject demoFieldError(const QString &type, const QJsonArray &location,
    const QString &message, const QJsonValue &input, const QJsonObject &context = {})
{
    QJsonObject error {{QStringLiteral("type"), type}, {QStringLiteral("loc"), location},
        {QStringLiteral("msg"), message}, {QStringLiteral("input"), input}};
    if (!context.isEmpty())
        error.insert(QStringLiteral("ctx"), context);
    return error;
}
