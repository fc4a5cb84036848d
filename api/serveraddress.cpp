#include "serveraddress.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

bool ServerAddress::isLoopback(const QUrl &url)
{
    return url.host() == "localhost"_L1 || QHostAddress(url.host()).isLoopback();
}

QUrl ServerAddress::fromUserInput(const QString &text)
{
    QString trimmed = text.trimmed();
    if (!trimmed.isEmpty() && !trimmed.contains(u"://"_s))
        trimmed.prepend(u"https://"_s);
    QUrl url(trimmed, QUrl::StrictMode);
    // "https://host/" and "https://host" are the same server; keep paths of a server behind a
    // prefix ("https://host/skyvern") but without the trailing slash.
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

QString ServerAddress::problem(const QUrl &url, bool allowInsecureHttp)
{
    if (url.isEmpty())
        return QCoreApplication::translate(
            "ServerAddress", "Enter the server's address, e.g. https://api.skyvern.com.");
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return QCoreApplication::translate("ServerAddress",
            "\"%1\" is not a server address; write it in full, e.g. "
            "https://api.skyvern.com.")
            .arg(url.toString().left(200));
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        return QCoreApplication::translate("ServerAddress",
            "The server address must start with https:// (or http:// for this machine).");
    if (!url.userInfo().isEmpty())
        return QCoreApplication::translate("ServerAddress",
            "Leave the user name and password out of the address; the API key is "
            "entered separately.");
    if (url.scheme() == "http"_L1 && !isLoopback(url) && !allowInsecureHttp)
        return QCoreApplication::translate("ServerAddress",
            "Refusing plain http to %1: the API key would cross the network "
            "unencrypted. Use https, or allow insecure http explicitly.")
            .arg(url.host());
    return {};
}
