#include "connectionprofile.h"

#include <QCoreApplication>
#include <QUuid>

#include "serveraddress.h"

QString ConnectionProfile::displayName() const
{
    return name.trimmed().isEmpty() ? baseUrl.host() : name.trimmed();
}

QString ConnectionProfile::problem() const
{
    const QString address = ServerAddress::problem(baseUrl, allowInsecureHttp);
    if (!address.isEmpty())
        return address;
    if (kind == Kind::WorkflowPlatform && workflowIds.isEmpty())
        return QCoreApplication::translate("ConnectionProfile",
            "Name at least one workflow id: this platform lists runs one workflow at a time.");
    return {};
}

QString ConnectionProfile::kindToString(Kind kind)
{
    return kind == Kind::WorkflowPlatform ? QStringLiteral("workflow-platform")
                                          : QStringLiteral("skyvern");
}

ConnectionProfile::Kind ConnectionProfile::kindFromString(const QString &text)
{
    return text == QLatin1String("workflow-platform") ? Kind::WorkflowPlatform : Kind::Skyvern;
}

QString ConnectionProfile::secretName() const
{
    return kind == Kind::WorkflowPlatform
        ? QCoreApplication::translate("ConnectionProfile", "token")
        : QCoreApplication::translate("ConnectionProfile", "API key");
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool ConnectionProfile::operator==(const ConnectionProfile &other) const
{
    return id == other.id && name == other.name && kind == other.kind && baseUrl == other.baseUrl
        && allowInsecureHttp == other.allowInsecureHttp && workflowIds == other.workflowIds;
}
