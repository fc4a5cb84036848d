#pragma once

#include <utility>

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QUrl>

/** One request as the demo's HTTP front end read it: what the routes need, none of the wire. */
struct DemoHttpRequest
{
    QByteArray method; // as sent; methods are case-sensitive
    QUrl url; // the server's own origin with the request's path and query
    QList<std::pair<QByteArray, QByteArray>> headers; // in order, names as sent
    QByteArray body; // already de-chunked
    QHostAddress peer;

    /** The first value of a header by case-insensitive name; empty when it is absent. */
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};
