#include "workflow.h"

#include <array>
#include <utility>

#include <QJsonArray>
#include <QJsonDocument>

#include "jsonreader.h"
#include "timestamps.h"

using namespace Qt::StringLiterals;

namespace {

const std::array<std::pair<ParameterType, QLatin1StringView>, 7> kParameterTypes {{
    {ParameterType::String, "string"_L1},
    {ParameterType::Integer, "integer"_L1},
    {ParameterType::Float, "float"_L1},
    {ParameterType::Boolean, "boolean"_L1},
    {ParameterType::Json, "json"_L1},
    {ParameterType::FileUrl, "file_url"_L1},
    {ParameterType::CredentialId, "credential_id"_L1},
}};

} // namespace

ParameterType parameterTypeFromWire(const QString &wire)
{
    for (const auto &[type, name] : kParameterTypes) {
        if (wire == name)
            return type;
    }
    return ParameterType::Unknown;
}

QString parameterTypeToWire(ParameterType type)
{
    for (const auto &[candidate, name] : kParameterTypes) {
        if (candidate == type)
            return QString(name);
    }
    return u"string"_s;
}

QJsonObject WorkflowParameter::toJson(const QString &workflowId, const QDateTime &createdAt) const
{
    return {
        {u"parameter_type"_s, u"workflow"_s},
        {u"key"_s, key},
        {u"description"_s, description.isNull() ? QJsonValue() : QJsonValue(description)},
        {u"workflow_parameter_id"_s, workflowParameterId},
        {u"workflow_parameter_type"_s, typeText.isEmpty() ? parameterTypeToWire(type) : typeText},
        {u"workflow_id"_s, workflowId},
        {u"default_value"_s, defaultValue},
        {u"created_at"_s, formatTimestamp(createdAt)},
        {u"modified_at"_s, formatTimestamp(createdAt)},
        {u"deleted_at"_s, QJsonValue()},
    };
}

QJsonObject Workflow::toJson() const
{
    QJsonArray parameterArray;
    for (const WorkflowParameter &parameter : parameters)
        parameterArray.append(parameter.toJson(workflowId, createdAt));
    return {
        {u"workflow_id"_s, workflowId},
        {u"organization_id"_s, organizationId},
        {u"title"_s, title},
        {u"workflow_permanent_id"_s, workflowPermanentId},
        {u"agent_id"_s, workflowPermanentId},
        {u"version"_s, version},
        {u"is_saved_task"_s, false},
        {u"is_template"_s, false},
        {u"description"_s, description.isNull() ? QJsonValue() : QJsonValue(description)},
        {u"workflow_definition"_s,
            QJsonObject {
                {u"version"_s, 1}, {u"parameters"_s, parameterArray}, {u"blocks"_s, QJsonArray()}}},
        {u"status"_s, u"published"_s},
        {u"created_at"_s, formatTimestamp(createdAt)},
        {u"modified_at"_s, formatTimestamp(modifiedAt)},
    };
}

std::optional<QList<Workflow>> workflowsFromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, false, u"expected a JSON array of workflows"_s, error);
    if (!document)
        return std::nullopt;
    QList<Workflow> workflows;
    const QJsonArray array = document->array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = u"[%1]"_s.arg(i);
        if (!array.at(i).isObject()) {
            if (error)
                *error = u"%1: expected an object, got %2"_s.arg(path, jsonTypeName(array.at(i)));
            return std::nullopt;
        }
        JsonReader reader(array.at(i).toObject(), path);
        Workflow workflow;
        workflow.workflowPermanentId = reader.requiredString("workflow_permanent_id"_L1);
        workflow.workflowId = reader.requiredString("workflow_id"_L1);
        workflow.organizationId = reader.optionalString("organization_id"_L1);
        workflow.title = reader.requiredString("title"_L1);
        workflow.description = reader.optionalString("description"_L1);
        workflow.version = reader.optionalInteger("version"_L1).value_or(1);
        workflow.createdAt = reader.optionalTimestamp("created_at"_L1);
        workflow.modifiedAt = reader.optionalTimestamp("modified_at"_L1);
        const QJsonObject definition = reader.optionalObject("workflow_definition"_L1);
        JsonReader definitionReader(definition, reader.fieldPath("workflow_definition"_L1));
        const QJsonArray parameters = definitionReader.optionalArray("parameters"_L1);
        for (qsizetype p = 0; p < parameters.size(); ++p) {
            const QString parameterPath
                = u"%1[%2]"_s.arg(definitionReader.fieldPath("parameters"_L1)).arg(p);
            if (!parameters.at(p).isObject()) {
                reader.fail(u"%1: expected an object, got %2"_s.arg(
                    parameterPath, jsonTypeName(parameters.at(p))));
                break;
            }
            JsonReader parameterReader(parameters.at(p).toObject(), parameterPath);
            // Only workflow parameters are inputs; credentials, outputs and context are not.
            if (parameterReader.optionalString("parameter_type"_L1) != "workflow"_L1)
                continue;
            WorkflowParameter parameter;
            parameter.key = parameterReader.requiredString("key"_L1);
            parameter.description = parameterReader.optionalString("description"_L1);
            parameter.typeText = parameterReader.optionalString("workflow_parameter_type"_L1);
            parameter.type = parameterTypeFromWire(parameter.typeText);
            parameter.defaultValue = parameterReader.optionalValue("default_value"_L1);
            parameter.workflowParameterId
                = parameterReader.optionalString("workflow_parameter_id"_L1);
            if (!parameterReader.ok()) {
                reader.fail(parameterReader.error());
                break;
            }
            workflow.parameters.append(parameter);
        }
        if (!definitionReader.ok())
            reader.fail(definitionReader.error());
        if (!reader.ok()) {
            if (error)
                *error = reader.error();
            return std::nullopt;
        }
        workflows.append(workflow);
    }
    return workflows;
}
