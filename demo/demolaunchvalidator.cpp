#include "demolaunchvalidator.h"

#include <cmath>

#include <QJsonDocument>
#include <QUrl>

#include "demofielderror.h"

using namespace Qt::StringLiterals;

namespace {

const QStringList kProxyLocations {
    u"RESIDENTIAL"_s,
    u"US-CA"_s,
    u"US-NY"_s,
    u"US-TX"_s,
    u"US-FL"_s,
    u"US-WA"_s,
    u"RESIDENTIAL_ES"_s,
    u"RESIDENTIAL_IE"_s,
    u"RESIDENTIAL_GB"_s,
    u"RESIDENTIAL_IN"_s,
    u"RESIDENTIAL_JP"_s,
    u"RESIDENTIAL_FR"_s,
    u"RESIDENTIAL_DE"_s,
    u"RESIDENTIAL_NZ"_s,
    u"RESIDENTIAL_ZA"_s,
    u"RESIDENTIAL_AR"_s,
    u"RESIDENTIAL_AU"_s,
    u"RESIDENTIAL_BR"_s,
    u"RESIDENTIAL_TR"_s,
    u"RESIDENTIAL_CA"_s,
    u"RESIDENTIAL_MX"_s,
    u"RESIDENTIAL_IT"_s,
    u"RESIDENTIAL_NL"_s,
    u"RESIDENTIAL_PH"_s,
    u"RESIDENTIAL_KR"_s,
    u"RESIDENTIAL_SA"_s,
    u"RESIDENTIAL_ISP"_s,
    u"NONE"_s,
};

constexpr int kMaxElapsedMinutes = 480; // what the server accepts (the seed page says 240)

DemoLaunchCheck invalid(const QJsonArray &errors)
{
    DemoLaunchCheck check;
    check.status = 422;
    check.errors = errors;
    return check;
}

DemoLaunchCheck notFound(const QString &message)
{
    DemoLaunchCheck check;
    check.status = 404;
    check.message = message;
    return check;
}

} // namespace

DemoLaunchValidator::DemoLaunchValidator(const QHash<QString, Workflow> &workflows)
    : m_workflows(workflows)
{ }

DemoLaunchCheck DemoLaunchValidator::check(const QByteArray &body) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid({demoFieldError(u"json_invalid"_s, {u"body"_s, parseError.offset},
            u"JSON decode error"_s, QJsonObject(), {{u"error"_s, parseError.errorString()}})});
    if (!document.isObject())
        return invalid({demoFieldError(u"model_attributes_type"_s, {u"body"_s},
            u"Input should be a valid dictionary or object to "
            "extract fields from"_s,
            QJsonValue())});
    const QJsonObject request = document.object();
    QJsonArray errors;
    const auto stringField = [&](const QString &name) -> QString {
        const QJsonValue value = request.value(name);
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isString()) {
            errors.append(demoFieldError(
                u"string_type"_s, {u"body"_s, name}, u"Input should be a valid string"_s, value));
            return {};
        }
        return value.toString();
    };
    const auto stringMap = [&](const QString &name) -> QJsonObject {
        const QJsonValue value = request.value(name);
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isObject()) {
            errors.append(demoFieldError(
                u"dict_type"_s, {u"body"_s, name}, u"Input should be a valid dictionary"_s, value));
            return {};
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                errors.append(demoFieldError(u"string_type"_s, {u"body"_s, name, it.key()},
                    u"Input should be a valid string"_s, it.value()));
        }
        return object;
    };

    // agent_id is the current name; workflow_id is accepted as an alias.
    QString workflowId = stringField(u"workflow_id"_s);
    if (workflowId.isEmpty())
        workflowId = stringField(u"agent_id"_s);
    if (workflowId.isEmpty() && errors.isEmpty())
        errors.append(demoFieldError(
            u"missing"_s, {u"body"_s, u"workflow_id"_s}, u"Field required"_s, request));
    const QString title = stringField(u"title"_s);
    const QString webhookUrl = stringField(u"webhook_url"_s);
    const QString totpUrl = stringField(u"totp_url"_s);
    const QString totpIdentifier = stringField(u"totp_identifier"_s);
    const QString browserSessionId = stringField(u"browser_session_id"_s);
    const QString browserProfileId = stringField(u"browser_profile_id"_s);
    const QString runWith = stringField(u"run_with"_s);
    if (!runWith.isEmpty() && runWith != "agent"_L1 && runWith != "code"_L1)
        errors.append(demoFieldError(u"literal_error"_s, {u"body"_s, u"run_with"_s},
            u"Input should be 'agent' or 'code'"_s, runWith));
    const QJsonObject headers = stringMap(u"extra_http_headers"_s);
    const QJsonObject metadata = stringMap(u"run_metadata"_s);

    std::optional<int> maxElapsed;
    const QJsonValue timeout = request.value("max_elapsed_time_minutes"_L1);
    if (!timeout.isUndefined() && !timeout.isNull()) {
        const double minutes = timeout.toDouble(-1);
        if (!timeout.isDouble() || minutes != std::trunc(minutes))
            errors.append(demoFieldError(u"int_type"_s, {u"body"_s, u"max_elapsed_time_minutes"_s},
                u"Input should be a valid integer"_s, timeout));
        else if (minutes < 1)
            errors.append(
                demoFieldError(u"greater_than_equal"_s, {u"body"_s, u"max_elapsed_time_minutes"_s},
                    u"Input should be greater than or equal to 1"_s, timeout, {{u"ge"_s, 1}}));
        else if (minutes > kMaxElapsedMinutes)
            errors.append(
                demoFieldError(u"less_than_equal"_s, {u"body"_s, u"max_elapsed_time_minutes"_s},
                    u"Input should be less than or equal to %1"_s.arg(kMaxElapsedMinutes), timeout,
                    {{u"le"_s, kMaxElapsedMinutes}}));
        else
            maxElapsed = int(minutes);
    }

    const QJsonValue proxy = request.value("proxy_location"_L1);
    if (proxy.isString()) {
        if (!kProxyLocations.contains(proxy.toString()))
            errors.append(demoFieldError(u"enum"_s, {u"body"_s, u"proxy_location"_s},
                u"Input should be one of the proxy locations, a GeoTarget "
                "object or {\"url\": ...}"_s,
                proxy));
    } else if (proxy.isObject()) {
        const QJsonObject object = proxy.toObject();
        if (object.contains("url"_L1)) {
            const QUrl url(object.value("url"_L1).toString());
            if (!object.value("url"_L1).isString() || !url.isValid() || url.host().isEmpty()
                || !QStringList {u"http"_s, u"https"_s, u"socks5"_s}.contains(url.scheme()))
                errors.append(
                    demoFieldError(u"value_error"_s, {u"body"_s, u"proxy_location"_s, u"url"_s},
                        u"Value error, proxy url must look like "
                        "http://user:password@host:port"_s,
                        object.value("url"_L1)));
        } else if (!object.value("country"_L1).isString()
            || object.value("country"_L1).toString().size() != 2) {
            errors.append(
                demoFieldError(u"value_error"_s, {u"body"_s, u"proxy_location"_s, u"country"_s},
                    u"Value error, country must be a two-letter ISO code"_s,
                    object.value("country"_L1)));
        }
    } else if (!proxy.isUndefined() && !proxy.isNull()) {
        errors.append(demoFieldError(u"union_tag_invalid"_s, {u"body"_s, u"proxy_location"_s},
            u"Input should be a proxy location, a GeoTarget or a custom "
            "proxy"_s,
            proxy));
    }

    const QJsonValue parametersValue = request.value("parameters"_L1);
    QJsonObject parameters;
    if (parametersValue.isObject())
        parameters = parametersValue.toObject();
    else if (!parametersValue.isUndefined() && !parametersValue.isNull())
        errors.append(demoFieldError(u"dict_type"_s, {u"body"_s, u"parameters"_s},
            u"Input should be a valid dictionary"_s, parametersValue));

    if (!errors.isEmpty())
        return invalid(errors);
    const auto workflow = m_workflows.constFind(workflowId);
    if (workflow == m_workflows.constEnd())
        return notFound(
            u"Workflow not found. workflow_permanent_id: %1"_s.arg(workflowId.left(100)));

    for (const WorkflowParameter &parameter : workflow->parameters) {
        const QJsonValue value = parameters.value(parameter.key);
        if (value.isUndefined() || value.isNull()) {
            if (parameter.defaultValue.isNull())
                errors.append(
                    demoFieldError(u"missing"_s, {u"body"_s, u"parameters"_s, parameter.key},
                        u"Missing required parameter '%1'"_s.arg(parameter.key), QJsonValue()));
            continue;
        }
        bool valid = true;
        QString expected;
        switch (parameter.type) {
        case ParameterType::Integer:
            valid = value.isDouble() && value.toDouble() == std::trunc(value.toDouble());
            expected = u"a valid integer"_s;
            break;
        case ParameterType::Float:
            valid = value.isDouble();
            expected = u"a valid number"_s;
            break;
        case ParameterType::Boolean:
            valid = value.isBool();
            expected = u"a valid boolean"_s;
            break;
        case ParameterType::Json:
            break;
        default:
            valid = value.isString();
            expected = u"a valid string"_s;
            break;
        }
        if (!valid)
            errors.append(
                demoFieldError(u"value_error"_s, {u"body"_s, u"parameters"_s, parameter.key},
                    u"Input should be "_s + expected, value));
    }
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const bool known = std::any_of(workflow->parameters.begin(), workflow->parameters.end(),
            [&it](const WorkflowParameter &p) { return p.key == it.key(); });
        if (!known)
            errors.append(
                demoFieldError(u"extra_forbidden"_s, {u"body"_s, u"parameters"_s, it.key()},
                    u"Unknown parameter for this workflow"_s, it.value()));
    }
    if (!errors.isEmpty())
        return invalid(errors);

    DemoLaunchCheck launch;
    DemoRun &run = launch.run;
    run.workflowPermanentId = workflowId;
    run.triggerType = u"api"_s;
    run.title = title;
    run.parameters = parameters;
    for (const WorkflowParameter &parameter : workflow->parameters) {
        if (!run.parameters.contains(parameter.key))
            run.parameters.insert(parameter.key, parameter.defaultValue);
    }
    for (auto it = headers.begin(); it != headers.end(); ++it)
        run.extraHttpHeaders.insert(it.key(), it.value().toString());
    run.proxyLocation = proxy.isUndefined() ? QJsonValue(u"RESIDENTIAL"_s) : proxy;
    run.webhookUrl = webhookUrl;
    run.totpUrl = totpUrl;
    run.totpIdentifier = totpIdentifier;
    run.browserSessionId = browserSessionId;
    run.browserProfileId = browserProfileId;
    run.maxElapsedMinutes = maxElapsed;
    run.runWith = runWith;
    if (request.value("ai_fallback"_L1).isBool())
        run.aiFallback = request.value("ai_fallback"_L1).toBool();
    run.runMetadata = metadata;
    return launch;
}
