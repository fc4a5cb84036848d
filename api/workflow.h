#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

/** The value types a workflow parameter may take (the contract's `WorkflowParameterType`). */
enum class ParameterType { Unknown, String, Integer, Float, Boolean, Json, FileUrl, CredentialId };

ParameterType parameterTypeFromWire(const QString &wire);
QString parameterTypeToWire(ParameterType type);

/** One input a workflow takes when it is launched. */
struct WorkflowParameter
{
    QString key;
    QString description;
    ParameterType type = ParameterType::Unknown;
    QString typeText;
    QJsonValue defaultValue;
    QString workflowParameterId;

    QJsonObject toJson(const QString &workflowId, const QDateTime &createdAt) const;
};

/** A workflow (agent) as `GET /v1/agents` lists it: its ids, title and parameters. */
struct Workflow
{
    QString workflowPermanentId; // wpid_...
    QString workflowId; // the version id, w_...
    QString organizationId;
    QString title;
    QString description;
    qint64 version = 1;
    QList<WorkflowParameter> parameters;
    QDateTime createdAt;
    QDateTime modifiedAt;

    QJsonObject toJson() const;
};

/** Decodes the array `GET /v1/agents` answers. */
std::optional<QList<Workflow>> workflowsFromJson(const QByteArray &body, QString *error);
