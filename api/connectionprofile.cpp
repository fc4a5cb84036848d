#include "connectionprofile.h"

#include <QUuid>

#include "serveraddress.h"

QString ConnectionProfile::displayName() const
{
    return name.trimmed().isEmpty() ? baseUrl.host() : name.trimmed();
}

QString ConnectionProfile::problem() const
{
    return ServerAddress::problem(baseUrl, allowInsecureHttp);
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool ConnectionProfile::operator==(const ConnectionProfile &other) const
{
    return id == other.id && name == other.name && baseUrl == other.baseUrl
        && allowInsecureHttp == other.allowInsecureHttp;
}
