#include "launchrequest.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QString urlProblem(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1))
        return LaunchRequest::tr(
            "Enter a full address starting with https://, e.g. https://example.com/hook.");
    return {};
}

} // namespace

QStringList LaunchRequest::proxyLocations()
{
    return {u"RESIDENTIAL"_s, u"RESIDENTIAL_ES"_s, u"RESIDENTIAL_IE"_s, u"RESIDENTIAL_GB"_s,
        u"RESIDENTIAL_IN"_s, u"RESIDENTIAL_JP"_s, u"RESIDENTIAL_FR"_s, u"RESIDENTIAL_DE"_s,
        u"RESIDENTIAL_NZ"_s, u"RESIDENTIAL_PH"_s, u"RESIDENTIAL_KR"_s, u"RESIDENTIAL_SA"_s,
        u"RESIDENTIAL_ZA"_s, u"RESIDENTIAL_AR"_s, u"RESIDENTIAL_AU"_s, u"RESIDENTIAL_BR"_s,
        u"RESIDENTIAL_TR"_s, u"RESIDENTIAL_CA"_s, u"RESIDENTIAL_MX"_s, u"RESIDENTIAL_IT"_s,
        u"RESIDENTIAL_NL"_s, u"RESIDENTIAL_ISP"_s, u"US-CA"_s, u"US-NY"_s, u"US-TX"_s, u"US-FL"_s,
        u"US-WA"_s, u"NONE"_s};
}

std::optional<QJsonValue> LaunchRequest::parameterValue(
    const WorkflowParameter &parameter, const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    switch (parameter.type) {
    case ParameterType::Integer: {
        bool ok = false;
        const qlonglong value = trimmed.toLongLong(&ok);
        if (!ok || qAbs(value) > 9007199254740991LL) {
            *error = tr("Enter a whole number, e.g. 42.");
            return std::nullopt;
        }
        return QJsonValue(value);
    }
    case ParameterType::Float: {
        bool ok = false;
        const double value = trimmed.toDouble(&ok);
        if (!ok || !qIsFinite(value)) {
            *error = tr("Enter a number, e.g. 0.75.");
            return std::nullopt;
        }
        return QJsonValue(value);
    }
    case ParameterType::Boolean:
        if (trimmed == "true"_L1)
            return QJsonValue(true);
        if (trimmed == "false"_L1)
            return QJsonValue(false);
        *error = tr("Choose true or false.");
        return std::nullopt;
    case ParameterType::Json: {
        QJsonParseError parseError;
        // Wrapped so that scalars ("5", "\"x\"") are valid JSON values too.
        const QJsonDocument document
            = QJsonDocument::fromJson("[" + trimmed.toUtf8() + "]", &parseError);
        if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
            *error = tr("This is not valid JSON (%1 near character %2).")
                         .arg(parseError.errorString())
                         .arg(qMax(0, parseError.offset - 1));
            return std::nullopt;
        }
        return document.array().first();
    }
    case ParameterType::FileUrl:
        if (const QString problem = urlProblem(trimmed); !problem.isEmpty()) {
            *error = problem;
            return std::nullopt;
        }
        return QJsonValue(trimmed);
    default:
        return QJsonValue(text);
    }
}

QString LaunchRequest::parameterText(const WorkflowParameter &parameter, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return {};
    if (parameter.type == ParameterType::Json) {
        if (value.isObject())
            return QString::fromUtf8(
                QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return value.toString();
}

QList<FieldProblem> LaunchRequest::validate() const
{
    QList<FieldProblem> problems;
    if (workflowId.isEmpty())
        problems.append({u"workflow_id"_s, tr("Choose a workflow to run.")});
    for (const auto &[parameter, text] : parameters) {
        const QString field = u"parameters."_s + parameter.key;
        if (text.trimmed().isEmpty()) {
            if (parameter.defaultValue.isNull() && parameter.type != ParameterType::String)
                problems.append({field, tr("This parameter is required.")});
            continue;
        }
        QString error;
        if (!parameterValue(parameter, text, &error))
            problems.append({field, error});
    }
    if (proxyKind == ProxyKind::Location && !proxyLocations().contains(proxyLocation))
        problems.append({u"proxy_location"_s, tr("Choose a proxy location from the list.")});
    if (proxyKind == ProxyKind::CustomUrl) {
        const QUrl url(proxyUrl.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || !QStringList {u"http"_s, u"https"_s, u"socks5"_s}.contains(url.scheme()))
            problems.append(
                {u"proxy_location"_s, tr("Enter the proxy as http://user:password@host:port.")});
    }
    if (proxyKind == ProxyKind::GeoTarget
        && !QRegularExpression(u"^[A-Za-z]{2}$"_s).match(country.trimmed()).hasMatch())
        problems.append({u"proxy_location"_s, tr("Enter a two-letter country code, e.g. US.")});
    for (const auto &[field, text] :
        {std::pair {u"webhook_url"_s, webhookUrl}, std::pair {u"totp_url"_s, totpUrl}}) {
        if (!text.trimmed().isEmpty()) {
            if (const QString problem = urlProblem(text.trimmed()); !problem.isEmpty())
                problems.append({field, problem});
        }
    }
    if (timeoutMinutes
        && (*timeoutMinutes < kMinTimeoutMinutes || *timeoutMinutes > kMaxTimeoutMinutes))
        problems.append(
            {u"max_elapsed_time_minutes"_s, tr("Timeout must be between 1 and 480 minutes.")});
    static const QRegularExpression token(u"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"_s);
    for (const auto &[name, value] : extraHttpHeaders) {
        if (!token.match(name).hasMatch()) {
            problems.append({u"extra_http_headers"_s,
                tr("“%1” is not a valid header name.").arg(name.left(60))});
            break;
        }
        if (value.contains(u'\n') || value.contains(u'\r')) {
            problems.append({u"extra_http_headers"_s, tr("Header values cannot span lines.")});
            break;
        }
    }
    for (const auto &[key, value] : metadata) {
        Q_UNUSED(value)
        if (key.trimmed().isEmpty()) {
            problems.append({u"run_metadata"_s, tr("Every tag needs a name.")});
            break;
        }
    }
    return problems;
}

QJsonObject LaunchRequest::toJson() const
{
    QJsonObject body {{u"workflow_id"_s, workflowId}};
    QJsonObject values;
    for (const auto &[parameter, text] : parameters) {
        if (text.trimmed().isEmpty())
            continue; // the server fills in the default, or says the parameter is required
        QString error;
        if (const auto value = parameterValue(parameter, text, &error))
            values.insert(parameter.key, *value);
    }
    body.insert(u"parameters"_s, values);
    const auto optionalText = [&body](const QString &key, const QString &text) {
        if (!text.trimmed().isEmpty())
            body.insert(key, text.trimmed());
    };
    optionalText(u"title"_s, title);
    switch (proxyKind) {
    case ProxyKind::ServerDefault:
        break;
    case ProxyKind::Location:
        body.insert(u"proxy_location"_s, proxyLocation);
        break;
    case ProxyKind::CustomUrl:
        body.insert(u"proxy_location"_s, QJsonObject {{u"url"_s, proxyUrl.trimmed()}});
        break;
    case ProxyKind::GeoTarget: {
        QJsonObject geo {{u"country"_s, country.trimmed().toUpper()}};
        if (!subdivision.trimmed().isEmpty())
            geo.insert(u"subdivision"_s, subdivision.trimmed());
        if (!city.trimmed().isEmpty())
            geo.insert(u"city"_s, city.trimmed());
        body.insert(u"proxy_location"_s, geo);
        break;
    }
    }
    optionalText(u"webhook_url"_s, webhookUrl);
    optionalText(u"totp_url"_s, totpUrl);
    optionalText(u"totp_identifier"_s, totpIdentifier);
    optionalText(u"browser_session_id"_s, browserSessionId);
    optionalText(u"browser_profile_id"_s, browserProfileId);
    if (timeoutMinutes)
        body.insert(u"max_elapsed_time_minutes"_s, *timeoutMinutes);
    QJsonObject headers;
    for (const auto &[name, value] : extraHttpHeaders)
        headers.insert(name, value);
    if (!headers.isEmpty())
        body.insert(u"extra_http_headers"_s, headers);
    optionalText(u"run_with"_s, runWith);
    if (aiFallback)
        body.insert(u"ai_fallback"_s, *aiFallback);
    QJsonObject tags;
    for (const auto &[key, value] : metadata)
        tags.insert(key.trimmed(), value);
    if (!tags.isEmpty())
        body.insert(u"run_metadata"_s, tags);
    return body;
}

LaunchRequest LaunchRequest::fromRunRequest(
    const QJsonObject &runRequest, QJsonObject *parameterValues)
{
    LaunchRequest request;
    const auto text = [&runRequest](const char *key) {
        const QJsonValue value = runRequest.value(QLatin1String(key));
        return value.isString() ? value.toString().left(4096) : QString();
    };
    request.workflowId = text("workflow_id");
    request.title = text("title");
    const QJsonValue proxy = runRequest.value(QLatin1String("proxy_location"));
    if (proxy.isString() && proxyLocations().contains(proxy.toString())) {
        request.proxyKind = ProxyKind::Location;
        request.proxyLocation = proxy.toString();
    } else if (proxy.isObject() && proxy.toObject().value(QLatin1String("url")).isString()) {
        request.proxyKind = ProxyKind::CustomUrl;
        request.proxyUrl = proxy.toObject().value(QLatin1String("url")).toString();
    } else if (proxy.isObject() && proxy.toObject().value(QLatin1String("country")).isString()) {
        const QJsonObject geo = proxy.toObject();
        request.proxyKind = ProxyKind::GeoTarget;
        request.country = geo.value(QLatin1String("country")).toString();
        request.subdivision = geo.value(QLatin1String("subdivision")).toString();
        request.city = geo.value(QLatin1String("city")).toString();
    }
    request.webhookUrl = text("webhook_url");
    request.totpUrl = text("totp_url");
    request.totpIdentifier = text("totp_identifier");
    request.browserSessionId = text("browser_session_id");
    request.browserProfileId = text("browser_profile_id");
    const QJsonValue timeout = runRequest.value(QLatin1String("max_elapsed_time_minutes"));
    if (timeout.isDouble())
        request.timeoutMinutes = int(qBound<double>(0, timeout.toDouble(), 100000));
    const QJsonObject headers = runRequest.value(QLatin1String("extra_http_headers")).toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
        request.extraHttpHeaders.append({it.key(), it.value().toString()});
    request.runWith = text("run_with");
    const QJsonValue fallback = runRequest.value(QLatin1String("ai_fallback"));
    if (fallback.isBool())
        request.aiFallback = fallback.toBool();
    const QJsonObject tags = runRequest.value(QLatin1String("run_metadata")).toObject();
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it)
        request.metadata.append({it.key(), it.value().toString()});
    if (parameterValues)
        *parameterValues = runRequest.value(QLatin1String("parameters")).toObject();
    return request;
}
