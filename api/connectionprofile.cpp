#include "connectionprofile.h"

#include <QCoreApplication>
#include <QRegularExpression>
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

QString ConnectionProfile::workflowsText() const
{
    QStringList entries;
    for (const QString &id : workflowIds) {
        const QString name = workflowNames.value(id);
        entries.append(name.isEmpty() ? id : id + QStringLiteral(" = ") + name);
    }
    return entries.join(QStringLiteral(", "));
}

void ConnectionProfile::setWorkflowsFromText(const QString &text)
{
    workflowIds.clear();
    workflowNames.clear();
    static const QRegularExpression entrySeparator(QStringLiteral("[,\\n]"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    const QStringList entries = text.split(entrySeparator, Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const qsizetype equals = entry.indexOf(u'=');
        // Without a name, ids may be separated by spaces as well (as they always could).
        const QStringList ids = equals < 0 ? entry.split(spaces, Qt::SkipEmptyParts)
                                           : QStringList {entry.left(equals).trimmed()};
        for (const QString &id : ids) {
            if (id.isEmpty())
                continue;
            if (!workflowIds.contains(id))
                workflowIds.append(id);
            const QString name = equals < 0 ? QString() : entry.mid(equals + 1).trimmed();
            if (!name.isEmpty())
                workflowNames.insert(id, name);
        }
    }
}

bool ConnectionProfile::operator==(const ConnectionProfile &other) const
{
    return id == other.id && name == other.name && kind == other.kind && baseUrl == other.baseUrl
        && allowInsecureHttp == other.allowInsecureHttp && workflowIds == other.workflowIds
        && workflowNames == other.workflowNames;
}
