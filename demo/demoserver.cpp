#include "demoserver.h"

#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUrlQuery>

#include "demofielderror.h"
#include "demolaunchvalidator.h"
#include "demotags.h"
#include "rundetail.h"
#include "runstatus.h"
#include "timestamps.h"
#include "workflowrun.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxFilterLength = 500;

/** Reads a positive integer query parameter the way FastAPI validates `int` with `ge=1`. */
qint64 positiveInteger(
    const QUrlQuery &query, const QString &name, qint64 fallback, QJsonArray &errors)
{
    if (!query.hasQueryItem(name))
        return fallback;
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok) {
        errors.append(demoFieldError(u"int_parsing"_s, {u"query"_s, name},
            u"Input should be a valid integer, unable to parse string as an "
            "integer"_s,
            text));
        return fallback;
    }
    if (value < 1) {
        errors.append(demoFieldError(u"greater_than_equal"_s, {u"query"_s, name},
            u"Input should be greater than or equal to 1"_s, text, {{u"ge"_s, 1}}));
        return fallback;
    }
    return value;
}

// Reads a query string the way the real server's framework does: '+' is a space.
QUrlQuery formQuery(const DemoHttpRequest &request)
{
    return QUrlQuery(request.url.query(QUrl::FullyEncoded).replace(u'+', u"%20"_s));
}

QString boundedText(const QUrlQuery &query, const QString &name, QJsonArray &errors)
{
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    if (text.size() > kMaxFilterLength) {
        errors.append(demoFieldError(u"string_too_long"_s, {u"query"_s, name},
            u"String should have at most 500 characters"_s, text,
            {{u"max_length"_s, kMaxFilterLength}}));
        return {};
    }
    return text;
}

QDateTime queryTimestamp(const QUrlQuery &query, const QString &name, QJsonArray &errors)
{
    if (!query.hasQueryItem(name))
        return {};
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    QDateTime time = parseTimestamp(text);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            time = QDateTime(date, QTime(0, 0), QTimeZone::utc());
    }
    if (!time.isValid())
        errors.append(demoFieldError(u"datetime_from_date_parsing"_s, {u"query"_s, name},
            u"Input should be a valid datetime or date"_s, text));
    return time;
}

QString expectedStatuses()
{
    QStringList quoted;
    for (RunStatus status : allRunStatuses())
        quoted.append(u'\'' + runStatusToWire(status) + u'\'');
    const QString last = quoted.takeLast();
    return quoted.join(u", "_s) + u" or "_s + last;
}

/** The repeatable `status` parameter; unknown values are named in `errors`. */
QStringList queryStatuses(const QUrlQuery &query, QJsonArray &errors)
{
    QStringList known;
    const QStringList statuses = query.allQueryItemValues(u"status"_s, QUrl::FullyDecoded);
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        if (runStatusFromWire(statuses.at(i)) == RunStatus::Unknown)
            errors.append(demoFieldError(u"enum"_s, {u"query"_s, u"status"_s, int(i)},
                u"Input should be "_s + expectedStatuses(), statuses.at(i),
                {{u"expected"_s, expectedStatuses()}}));
        else
            known.append(statuses.at(i));
    }
    return known;
}

QJsonValue runRequestProxy(const QJsonValue &proxy)
{
    // Credentials in a custom proxy URL never leave the server.
    if (proxy.isObject() && proxy.toObject().contains("url"_L1)) {
        QUrl url(proxy.toObject().value("url"_L1).toString());
        if (!url.password().isEmpty())
            url.setPassword(u"****"_s);
        return QJsonObject {{u"url"_s, url.toString()}};
    }
    return proxy;
}

} // namespace

DemoServer::DemoServer(DemoServerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_simulator(m_options.seed, m_options.hostileText)
    , m_artifacts(m_database, m_simulator, m_workflows, m_options.faults)
    , m_clock(this)
    , m_spawner(this)
    , m_faults(m_options.faults)
{
    connect(&m_clock, &QTimer::timeout, this, &DemoServer::tick);
    connect(&m_spawner, &QTimer::timeout, this, [this] {
        DemoRun run = m_simulator.scheduledRun(m_workflowOrder, QDateTime::currentDateTimeUtc());
        m_database.insertRun(run);
    });
}

DemoServer::~DemoServer() = default;

bool DemoServer::start(QString *error)
{
    QString path = m_options.databasePath;
    if (path.isEmpty()) {
        m_temporaryDir = std::make_unique<QTemporaryDir>();
        if (!m_temporaryDir->isValid()) {
            if (error)
                *error = u"cannot create a temporary folder for the demo database"_s;
            return false;
        }
        path = m_temporaryDir->filePath(u"runwatch-demo.sqlite"_s);
    }
    if (!m_database.open(path, error))
        return false;
    if (m_database.isEmpty()
        && !m_simulator.seed(
            m_database, m_options.runCount, QDateTime::currentDateTimeUtc(), error))
        return false;
    m_workflowOrder = m_database.workflows();
    for (const Workflow &workflow : std::as_const(m_workflowOrder))
        m_workflows.insert(workflow.workflowPermanentId, workflow);
    m_simulator.adopt(m_workflowOrder);

    m_listener = new DemoHttpListener(
        m_options.http,
        [this](const DemoHttpRequest &request, DemoHttpResponder responder) {
            handle(request, responder);
        },
        [](int status, const QString &message) { return detail(status, message); }, this);
    if (!m_listener->listenOnLoopback(m_options.port)) {
        if (error)
            *error = u"cannot listen on 127.0.0.1:%1 (is the port in use?)"_s.arg(m_options.port);
        return false;
    }
    if (m_options.platform) {
        m_platform
            = new DemoPlatformServer(m_options.seed, m_options.platformToken, m_options.http, this);
        if (!m_platform->start(
                path, m_options.platformPort, m_options.platformRunsPerWorkflow, error))
            return false;
    }
    if (m_options.tickMs > 0)
        m_clock.start(m_options.tickMs);
    if (m_options.spawnEveryMs > 0)
        m_spawner.start(m_options.spawnEveryMs);
    return true;
}

QUrl DemoServer::baseUrl() const
{
    return m_listener ? m_listener->baseUrl() : QUrl();
}

void DemoServer::setClockPaused(bool paused)
{
    if (paused)
        m_clock.stop();
    else if (m_options.tickMs > 0)
        m_clock.start(m_options.tickMs);
}

void DemoServer::tick()
{
    if (m_platform)
        m_platform->tick();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<DemoRun> active = m_database.activeRuns();
    if (active.isEmpty())
        return;
    m_database.beginTransaction();
    for (DemoRun run : active) {
        if (m_simulator.advance(run, now))
            m_database.updateRun(run);
    }
    m_database.commit();
}

void DemoServer::handle(const DemoHttpRequest &request, DemoHttpResponder responder)
{
    m_requestsHandled.fetchAndAddRelaxed(1);
    DemoReply reply = route(request);
    if (m_faults.isActive()) {
        const QString path = request.url.path();
        const bool isLaunch = request.method == "POST"
            && (path.endsWith("/run/workflows"_L1) || path.endsWith("/run/agents"_L1));
        const DemoFault fault = m_faults.pick(isLaunch, path.startsWith("/artifacts/"_L1));
        if (fault != DemoFault::None) {
            m_faults.mutate(fault, reply);
            m_faults.deliver(fault, responder, reply);
            return;
        }
    }
    responder.send(reply);
}

DemoServer::Reply DemoServer::json(int status, const QJsonValue &value)
{
    return DemoReply::json(status, value);
}

DemoServer::Reply DemoServer::detail(int status, const QString &message)
{
    return DemoReply::detail(status, message);
}

DemoServer::Reply DemoServer::validationError(const QJsonArray &errors)
{
    return json(422, QJsonObject {{u"detail"_s, errors}});
}

DemoServer::Reply DemoServer::route(const DemoHttpRequest &request)
{
    QStringList segments = request.url.path().split(u'/', Qt::SkipEmptyParts);
    // Self-hosted servers also answer the older /api/v1 prefix.
    if (segments.size() > 1 && segments.first() == "api"_L1 && segments.at(1) == "v1"_L1)
        segments.removeFirst();
    const bool isGet = request.method == "GET";
    const bool isPost = request.method == "POST";
    // Links are built from the server's own address, never from the client's Host header.
    const QUrl base = baseUrl();

    // Artifact links stand in for pre-signed URLs: they need no key (and must never get one).
    if (!segments.isEmpty() && segments.first() == "artifacts"_L1) {
        if (!isGet)
            return detail(405, u"Method Not Allowed"_s);
        return m_artifacts.serve(segments.mid(1));
    }
    if (segments.size() == 2 && segments.first() == "runs"_L1 && isGet)
        return m_artifacts.appPage(segments.at(1));
    if (segments.isEmpty() || segments.first() != "v1"_L1)
        return detail(404, u"Not Found"_s);

    QByteArray key;
    for (const auto &[name, value] : request.headers) {
        if (name.compare("x-api-key", Qt::CaseInsensitive) == 0)
            key = value;
    }
    if (key.isEmpty() || QString::fromUtf8(key) != m_options.apiKey)
        return detail(403, u"Could not validate credentials"_s);

    const auto is = [&segments](std::initializer_list<QLatin1StringView> pattern) {
        if (qsizetype(pattern.size()) != segments.size())
            return false;
        qsizetype i = 0;
        for (QLatin1StringView part : pattern) {
            if (part != "*"_L1 && segments.at(i) != part)
                return false;
            ++i;
        }
        return true;
    };
    const bool workflowsOrAgents = segments.size() > 1
        && (segments.at(1) == "workflows"_L1 || segments.at(1) == "agents"_L1);

    if (workflowsOrAgents && is({"v1"_L1, "*"_L1, "runs"_L1}))
        return isGet ? listRuns(request, QString()) : detail(405, u"Method Not Allowed"_s);
    if (workflowsOrAgents && is({"v1"_L1, "*"_L1, "*"_L1, "runs"_L1}))
        return isGet ? listRuns(request, segments.at(2)) : detail(405, u"Method Not Allowed"_s);
    if (workflowsOrAgents && is({"v1"_L1, "*"_L1}))
        return isGet ? listWorkflows(request) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "runs"_L1}))
        return isGet ? listAllRuns(request) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "runs"_L1, "cancel"_L1}) && isPost)
        return cancelRuns(request.body);
    if (is({"v1"_L1, "runs"_L1, "*"_L1}))
        return isGet ? getRun(base, segments.at(2)) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "runs"_L1, "*"_L1, "cancel"_L1}))
        return isPost ? cancelRun(segments.at(2)) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "run-tags"_L1}))
        return isGet ? runTags(request) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "run-tag-suggestions"_L1}))
        return isGet ? json(200, tagSuggestions()) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "runs"_L1, "*"_L1, "tags"_L1}))
        return isGet ? tagsOfRun(segments.at(2))
            : isPost ? applyTags(segments.at(2), request.body)
                     : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "tag-values"_L1}))
        return isGet ? tagValues(request) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "runs"_L1, "*"_L1, "timeline"_L1}))
        return isGet ? timeline(base, segments.at(2)) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "runs"_L1, "*"_L1, "artifacts"_L1}))
        return isGet ? listArtifacts(request, base, segments.at(2))
                     : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "artifacts"_L1, "*"_L1, "content"_L1}))
        return isGet ? m_artifacts.content(segments.at(2)) : detail(405, u"Method Not Allowed"_s);
    if (workflowsOrAgents && is({"v1"_L1, "*"_L1, "runs"_L1, "*"_L1, "retry"_L1}))
        return isPost ? retryRun(base, segments.at(3)) : detail(405, u"Method Not Allowed"_s);
    if (is({"v1"_L1, "run"_L1, "*"_L1})
        && (segments.at(2) == "workflows"_L1 || segments.at(2) == "agents"_L1))
        return isPost ? launchRun(base, request.body) : detail(405, u"Method Not Allowed"_s);
    return detail(404, u"Not Found"_s);
}

DemoServer::Reply DemoServer::listRuns(
    const DemoHttpRequest &request, const QString &workflowPermanentId)
{
    const QUrlQuery query = formQuery(request);
    QJsonArray errors;
    DemoRunQuery request_;
    request_.workflowPermanentId = workflowPermanentId;
    request_.page = positiveInteger(query, u"page"_s, 1, errors);
    request_.pageSize = positiveInteger(query, u"page_size"_s, 10, errors);
    request_.statuses = queryStatuses(query, errors);
    request_.searchKey = boundedText(query, u"search_key"_s, errors);
    request_.errorCode = boundedText(query, u"error_code"_s, errors);
    if (!workflowPermanentId.isEmpty()) {
        request_.createdStart = queryTimestamp(query, u"created_at_start"_s, errors);
        request_.createdEnd = queryTimestamp(query, u"created_at_end"_s, errors);
        // Child runs are left out of an agent's history unless asked for.
        const QString children
            = query.queryItemValue(u"include_child_runs"_s, QUrl::FullyDecoded).toLower();
        request_.includeChildRuns = children == "true"_L1 || children == "1"_L1;
    }
    if (!errors.isEmpty())
        return validationError(errors);

    QJsonArray runs;
    for (const DemoRun &run : m_database.listRuns(request_))
        runs.append(listItemJson(run));
    return json(200, runs);
}

DemoServer::Reply DemoServer::listAllRuns(const DemoHttpRequest &request)
{
    static const QStringList kRunTypes {u"task_v1"_s, u"task_v2"_s, u"task_v3"_s, u"workflow_run"_s,
        u"openai_cua"_s, u"anthropic_cua"_s, u"ui_tars"_s, u"yutori_navigator"_s};
    const QUrlQuery query = formQuery(request);
    QJsonArray errors;
    DemoRunQuery request_;
    request_.page = positiveInteger(query, u"page"_s, 1, errors);
    request_.pageSize = positiveInteger(query, u"page_size"_s, 10, errors);
    for (const auto &[name, value] :
        {std::pair {u"page"_s, request_.page}, std::pair {u"page_size"_s, request_.pageSize}}) {
        if (value > 100)
            errors.append(demoFieldError(u"less_than_equal"_s, {u"query"_s, name},
                u"Input should be less than or equal to 100"_s, QString::number(value),
                {{u"le"_s, 100}}));
    }
    request_.statuses = queryStatuses(query, errors);
    request_.searchKey = boundedText(query, u"search_key"_s, errors);
    if (!request_.searchKey.isEmpty() && request_.searchKey.size() < 3)
        errors.append(demoFieldError(u"string_too_short"_s, {u"query"_s, u"search_key"_s},
            u"String should have at least 3 characters"_s, request_.searchKey,
            {{u"min_length"_s, 3}}));
    const QStringList types = query.allQueryItemValues(u"run_type"_s, QUrl::FullyDecoded);
    for (qsizetype i = 0; i < types.size(); ++i) {
        if (!kRunTypes.contains(types.at(i)))
            errors.append(demoFieldError(u"enum"_s, {u"query"_s, u"run_type"_s, int(i)},
                u"Input should be a valid run type"_s, types.at(i)));
    }
    request_.runTypes = types.isEmpty() ? kRunTypes : types;
    request_.workflowPermanentIds
        = query.allQueryItemValues(u"workflow_permanent_id"_s, QUrl::FullyDecoded);
    if (request_.workflowPermanentIds.size() > 50)
        errors.append(demoFieldError(u"too_long"_s, {u"query"_s, u"workflow_permanent_id"_s},
            u"List should have at most 50 items after validation"_s, QJsonValue(),
            {{u"max_length"_s, 50}}));
    // Tags: repeated or comma-separated; AND across terms, OR within one group's labels.
    QStringList terms;
    for (const QString &value : query.allQueryItemValues(u"tags"_s, QUrl::FullyDecoded)) {
        for (const QString &term : value.split(u',', Qt::SkipEmptyParts))
            terms.append(term.trimmed());
    }
    if (terms.size() > 20)
        errors.append(demoFieldError(u"too_long"_s, {u"query"_s, u"tags"_s},
            u"List should have at most 20 items after validation"_s, QJsonValue(),
            {{u"max_length"_s, 20}}));
    if (!errors.isEmpty())
        return validationError(errors);

    QHash<QString, QStringList> labelsByGroup; // "" : standalone labels, each its own term
    QStringList anyOfGroup; // `env:*`
    QStringList standalone;
    for (const QString &term : std::as_const(terms)) {
        const qsizetype colon = term.indexOf(u':');
        if (colon < 0)
            standalone.append(term);
        else if (term.mid(colon + 1) == "*"_L1)
            anyOfGroup.append(term.left(colon));
        else
            labelsByGroup[term.left(colon)].append(term.mid(colon + 1));
    }
    const QHash<QString, QJsonArray> setTags
        = terms.isEmpty() ? QHash<QString, QJsonArray>() : m_database.allSetTags();
    const auto matchesTags = [&](const DemoRun &run) {
        const auto set = setTags.constFind(run.runId);
        const QList<DemoTag> tags
            = set == setTags.cend() ? DemoTags::of(run) : DemoTags::fromJson(*set);
        const auto has = [&tags](const QString &key, const QString &value) {
            return std::any_of(tags.cbegin(), tags.cend(), [&](const DemoTag &tag) {
                return (key.isNull() || tag.key == key) && (value.isNull() || tag.value == value);
            });
        };
        for (const QString &label : std::as_const(standalone)) {
            if (!has(u""_s, label)) // a standalone label, not a group's
                return false;
        }
        for (const QString &group : std::as_const(anyOfGroup)) {
            if (!has(group, QString()))
                return false;
        }
        for (auto it = labelsByGroup.cbegin(); it != labelsByGroup.cend(); ++it) {
            const QStringList &labels = it.value();
            if (std::none_of(labels.cbegin(), labels.cend(),
                    [&](const QString &label) { return has(it.key(), label); }))
                return false;
        }
        return true;
    };
    QList<DemoRun> page;
    if (terms.isEmpty()) {
        page = m_database.listRuns(request_);
    } else {
        // Tags are derived from runs, so the page is cut after filtering.
        DemoRunQuery everything = request_;
        everything.page = 1;
        everything.pageSize = 1000000;
        QList<DemoRun> matching;
        for (const DemoRun &run : m_database.listRuns(everything)) {
            if (matchesTags(run))
                matching.append(run);
        }
        page = matching.mid((request_.page - 1) * request_.pageSize, request_.pageSize);
    }
    QJsonArray runs;
    for (const DemoRun &run : std::as_const(page))
        runs.append(taskRunItemJson(run));
    return json(200, runs);
}

QJsonObject DemoServer::taskRunItemJson(const DemoRun &run) const
{
    // TaskRunListItem: a light row of any run type; no failure reason or parameters.
    const auto time = [](const QDateTime &value) {
        return value.isValid() ? QJsonValue(formatTimestamp(value)) : QJsonValue();
    };
    const QString title = run.runType == "workflow_run"_L1
        ? m_workflows.value(run.workflowPermanentId).title
        : run.title;
    return QJsonObject {
        {u"task_run_id"_s, QJsonValue(u"tr_"_s + run.runId.section(u'_', -1))},
        {u"run_id"_s, QJsonValue(run.runId)},
        {u"task_run_type"_s, QJsonValue(run.runType)},
        {u"status"_s, QJsonValue(run.status)},
        {u"title"_s, title.isEmpty() ? QJsonValue() : QJsonValue(title)},
        {u"started_at"_s, time(run.startedAt)},
        {u"finished_at"_s, time(run.finishedAt)},
        {u"created_at"_s, QJsonValue(formatTimestamp(run.createdAt))},
        {u"workflow_permanent_id"_s,
            run.workflowPermanentId.isEmpty() ? QJsonValue() : QJsonValue(run.workflowPermanentId)},
        {u"workflow_deleted"_s, QJsonValue(false)},
        {u"script_run"_s, QJsonValue(false)},
        {u"trigger_type"_s, run.triggerType.isEmpty() ? QJsonValue() : QJsonValue(run.triggerType)},
    };
}

QJsonObject DemoServer::listItemJson(const DemoRun &run) const
{
    const Workflow workflow = m_workflows.value(run.workflowPermanentId);
    WorkflowRun item;
    item.workflowRunId = run.runId;
    item.workflowId = workflow.workflowId;
    item.workflowPermanentId = run.workflowPermanentId;
    item.organizationId = DemoSimulator::organizationId();
    item.statusText = run.status;
    item.createdAt = run.createdAt;
    item.modifiedAt = run.modifiedAt;
    item.queuedAt = run.queuedAt;
    item.startedAt = run.startedAt;
    item.finishedAt = run.finishedAt;
    item.workflowTitle = workflow.title;
    item.triggerText = run.triggerType;
    item.failureReason = run.failureReason;
    item.failureCategory = run.failureCategory;
    item.parentWorkflowRunId = run.parentRunId;
    item.sourceRunId = run.retriedFrom;
    item.browserSessionId = run.browserSessionId;
    item.browserProfileId = run.browserProfileId;
    item.extraHttpHeaders = run.extraHttpHeaders;
    item.proxyLocation = runRequestProxy(run.proxyLocation);
    item.webhookCallbackUrl = run.webhookUrl;
    item.totpVerificationUrl = run.totpUrl;
    item.totpIdentifier = run.totpIdentifier;
    if (run.maxElapsedMinutes)
        item.maxElapsedTimeMinutes = *run.maxElapsedMinutes;
    item.runWith = run.runWith;
    item.aiFallback = run.aiFallback;
    return item.toJson();
}

QJsonObject DemoServer::detailJson(const QUrl &base, const DemoRun &run) const
{
    RunDetail detail;
    detail.runId = run.runId;
    detail.runType = run.runType;
    detail.statusText = run.status;
    detail.createdAt = run.createdAt;
    detail.modifiedAt = run.modifiedAt;
    detail.queuedAt = run.queuedAt;
    detail.startedAt = run.startedAt;
    detail.finishedAt = run.finishedAt;
    detail.failureReason = run.failureReason;
    for (const DemoRunError &runError : run.errors)
        detail.errors.append({runError.errorCode, runError.reasoning, runError.confidence});
    detail.output = run.output;
    m_artifacts.addLinks(detail, base, run);
    detail.stepCount = run.stepCount;
    detail.browserSessionId = run.browserSessionId;
    detail.browserProfileId = run.browserProfileId;
    if (run.runType == "workflow_run"_L1) {
        detail.runWith = run.runWith.isEmpty() ? u"agent"_s : run.runWith;
        detail.aiFallback = run.aiFallback;
        QJsonObject headers;
        for (auto it = run.extraHttpHeaders.begin(); it != run.extraHttpHeaders.end(); ++it)
            headers.insert(it.key(), it.value());
        const auto orNull
            = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
        detail.runRequest = QJsonObject {
            {u"workflow_id"_s, run.workflowPermanentId},
            {u"parameters"_s, run.parameters},
            {u"title"_s, orNull(run.title)},
            {u"proxy_location"_s, runRequestProxy(run.proxyLocation)},
            {u"webhook_url"_s, orNull(run.webhookUrl)},
            {u"totp_url"_s, orNull(run.totpUrl)},
            {u"totp_identifier"_s, orNull(run.totpIdentifier)},
            {u"browser_session_id"_s, orNull(run.browserSessionId)},
            {u"browser_profile_id"_s, orNull(run.browserProfileId)},
            {u"max_elapsed_time_minutes"_s,
                run.maxElapsedMinutes ? QJsonValue(*run.maxElapsedMinutes) : QJsonValue()},
            {u"extra_http_headers"_s, headers.isEmpty() ? QJsonValue() : headers},
            {u"ai_fallback"_s, run.aiFallback ? QJsonValue(*run.aiFallback) : QJsonValue()},
            {u"run_with"_s, orNull(run.runWith)},
            {u"run_metadata"_s, run.runMetadata.isEmpty() ? QJsonValue() : run.runMetadata},
        };
    } else {
        detail.runRequest = run.taskRequest;
    }
    return detail.toJson();
}

DemoServer::Reply DemoServer::getRun(const QUrl &base, const QString &runId)
{
    const auto run = m_database.run(runId);
    if (!run)
        return detail(404, u"Run not found: %1"_s.arg(runId.left(100)));
    return json(200, detailJson(base, *run));
}

DemoServer::Reply DemoServer::runTags(const DemoHttpRequest &request)
{
    // RunTagsBatchResponse: every asked-for run of this organisation, with an empty list when
    // it has no tags; unknown ids are left out.
    const QString asked
        = formQuery(request).queryItemValue(u"workflow_run_ids"_s, QUrl::FullyDecoded);
    const QStringList ids = asked.split(u',', Qt::SkipEmptyParts);
    if (ids.isEmpty())
        return detail(400, u"workflow_run_ids is required"_s);
    if (ids.size() > 200)
        return detail(400, u"At most 200 workflow_run_ids at once"_s);
    QJsonObject runTags;
    for (const QString &id : ids) {
        const auto run = m_database.run(id.trimmed());
        if (!run)
            continue;
        QJsonArray tags;
        for (const DemoTag &tag : tagsOf(*run))
            tags.append(tag.toJson());
        runTags.insert(run->runId, tags);
    }
    return json(200, QJsonObject {{u"run_tags"_s, runTags}});
}

DemoServer::Reply DemoServer::tagsOfRun(const QString &runId)
{
    const auto run = m_database.run(runId);
    if (!run)
        return detail(404, u"Run not found: %1"_s.arg(runId.left(100)));
    return json(200, runTagsResponse(*run));
}

QJsonObject DemoServer::runTagsResponse(const DemoRun &run) const
{
    // RunTagsResponse, each tag as TagResponse (the demo keeps no per-tag time: the run's).
    QJsonArray tags;
    for (const DemoTag &tag : tagsOf(run)) {
        QJsonObject json = tag.toJson();
        json.insert(u"source"_s, u"api"_s);
        json.insert(u"set_at"_s, run.createdAt.toString(Qt::ISODateWithMs));
        json.insert(u"set_by"_s, u"api_key"_s);
        tags.append(json);
    }
    return QJsonObject {{u"workflow_run_id"_s, run.runId}, {u"tags"_s, tags}};
}

QJsonObject DemoServer::tagSuggestions() const
{
    // The seeded groups and labels, and whatever was set on runs since.
    QJsonObject suggestions = DemoTags::suggestions();
    QMap<QString, QSet<QString>> values;
    QSet<QString> labels;
    const QJsonObject seeded = suggestions.value(u"values_by_key"_s).toObject();
    for (auto it = seeded.constBegin(); it != seeded.constEnd(); ++it) {
        for (const QJsonValue &value : it.value().toArray())
            values[it.key()].insert(value.toString());
    }
    for (const QJsonValue &label : suggestions.value(u"labels"_s).toArray())
        labels.insert(label.toString());
    for (const QJsonArray &tags : m_database.allSetTags()) {
        for (const DemoTag &tag : DemoTags::fromJson(tags)) {
            if (tag.key.isEmpty())
                labels.insert(tag.value);
            else
                values[tag.key].insert(tag.value);
        }
    }
    const auto sorted = [](const QSet<QString> &set) {
        QStringList list(set.cbegin(), set.cend());
        list.sort();
        return QJsonArray::fromStringList(list);
    };
    QJsonObject byKey;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        byKey.insert(it.key(), sorted(it.value()));
    return {{u"keys"_s, QJsonArray::fromStringList(values.keys())}, {u"values_by_key"_s, byKey},
        {u"labels"_s, sorted(labels)}};
}

QList<DemoTag> DemoServer::tagsOf(const DemoRun &run) const
{
    const std::optional<QJsonArray> set = m_database.setTags(run.runId);
    return set ? DemoTags::fromJson(*set) : DemoTags::of(run);
}

DemoServer::Reply DemoServer::applyTags(const QString &runId, const QByteArray &body)
{
    const auto run = m_database.run(runId);
    if (!run)
        return detail(404, u"Workflow run not found: %1"_s.arg(runId.left(100)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return validationError({demoFieldError(u"model_attributes_type"_s, {u"body"_s},
            u"Input should be a valid dictionary or object to extract fields from"_s,
            QString::fromUtf8(body.left(200)))});
    const QJsonObject request = document.object();
    // TagApplyRequest, checked as the server does: a label is required, a key is optional, both
    // are short words without commas; `skyvern.` groups belong to the server.
    const auto invalid = [](const QJsonValue &text, bool required) {
        if (text.isUndefined() || text.isNull())
            return required;
        const QString value = text.toString();
        return !text.isString() || value.trimmed().isEmpty() || value.size() > 100
            || value.contains(u',') || value.contains(u'*');
    };
    QList<DemoTag> toSet;
    for (const QJsonValue &item : request.value(u"tags"_s).toArray()) {
        const QJsonObject tag = item.toObject();
        const QJsonValue key = tag.value(u"key"_s);
        if (invalid(tag.value(u"value"_s), true) || invalid(key, false)
            || key.toString().contains(u':')
            || key.toString().startsWith("skyvern."_L1, Qt::CaseInsensitive))
            return detail(422, u"Invalid tag key or value"_s);
        toSet.append({key.toString(), tag.value(u"value"_s).toString()});
    }
    QList<DemoTag> toDelete;
    for (const QJsonValue &item : request.value(u"tags_to_delete"_s).toArray()) {
        const QJsonObject tag = item.toObject();
        if (invalid(tag.value(u"key"_s), false) || invalid(tag.value(u"value"_s), false))
            return detail(422, u"Invalid tag key or value"_s);
        toDelete.append({tag.value(u"key"_s).toString(), tag.value(u"value"_s).toString()});
    }
    // Deletes first, then sets: on the same tag, set wins. A run has one label per group.
    const auto sameTarget = [](const DemoTag &a, const DemoTag &b) {
        return a.key.isEmpty() ? b.key.isEmpty() && a.value == b.value : a.key == b.key;
    };
    QList<DemoTag> tags = tagsOf(*run);
    tags.removeIf([&](const DemoTag &have) {
        return std::any_of(toDelete.cbegin(), toDelete.cend(),
                   [&](const DemoTag &gone) { return sameTarget(gone, have); })
            || std::any_of(toSet.cbegin(), toSet.cend(),
                [&](const DemoTag &put) { return sameTarget(put, have); });
    });
    tags.append(toSet);
    QJsonArray stored;
    for (const DemoTag &tag : std::as_const(tags))
        stored.append(tag.toJson());
    const QJsonObject colors = request.value(u"colors"_s).toObject();
    const QHash<QString, QString> known = m_database.tagColors();
    for (const DemoTag &tag : std::as_const(toSet)) {
        if (tag.key.isEmpty())
            continue;
        const QString asked = colors.value(tag.key).toString();
        if (!asked.isEmpty() && !DemoTags::palette().contains(asked))
            return detail(422, u"Invalid palette color: %1"_s.arg(asked.left(40)));
        if (!asked.isEmpty() || !known.contains(tag.key + u':' + tag.value))
            m_database.storeTagColor(tag.key, tag.value,
                asked.isEmpty() ? DemoTags::colorOf(tag.key, tag.value) : asked);
    }
    if (!m_database.storeTags(run->runId, stored))
        return detail(500, u"Could not store the tags"_s);
    return json(200, runTagsResponse(*run));
}

DemoServer::Reply DemoServer::tagValues(const DemoHttpRequest &request)
{
    // TagValue for every grouped label in use or registered, with its palette colour.
    const QString onlyKey = formQuery(request).queryItemValue(u"key"_s, QUrl::FullyDecoded);
    QHash<QString, QString> colors = DemoTags::defaultColors();
    const QHash<QString, QString> stored = m_database.tagColors();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        colors.insert(it.key(), it.value());
    QStringList labels = colors.keys();
    labels.sort();
    QJsonArray values;
    for (const QString &label : std::as_const(labels)) {
        const QString key = label.section(u':', 0, 0);
        if (!onlyKey.isEmpty() && key != onlyKey)
            continue;
        values.append(QJsonObject {{u"key"_s, key}, {u"value"_s, label.section(u':', 1)},
            {u"color"_s, colors.value(label)}, {u"workflow_count"_s, 0}});
    }
    return json(200, values);
}

DemoServer::Reply DemoServer::cancelRun(const QString &runId)
{
    auto run = m_database.run(runId);
    if (!run)
        return detail(404, u"Run not found: %1"_s.arg(runId.left(100)));
    if (isActiveStatus(runStatusFromWire(run->status))) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        run->status = u"canceled"_s;
        run->finishedAt = now;
        run->modifiedAt = now;
        m_database.updateRun(*run);
    }
    return json(200, QJsonValue());
}

DemoServer::Reply DemoServer::cancelRuns(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return validationError({demoFieldError(u"model_attributes_type"_s, {u"body"_s},
            u"Input should be a valid dictionary or object to extract fields from"_s,
            QString::fromUtf8(body.left(200)))});
    const QJsonValue ids = document.object().value("run_ids"_L1);
    if (!ids.isArray())
        return validationError({demoFieldError(ids.isUndefined() ? u"missing"_s : u"list_type"_s,
            {u"body"_s, u"run_ids"_s},
            ids.isUndefined() ? u"Field required"_s : u"Input should be a valid list"_s, ids)});
    const QJsonArray list = ids.toArray();
    if (list.size() > 100)
        return validationError({demoFieldError(u"too_long"_s, {u"body"_s, u"run_ids"_s},
            u"List should have at most 100 items after validation, not %1"_s.arg(list.size()),
            QJsonValue(), {{u"field_type"_s, u"List"_s}, {u"max_length"_s, 100}})});
    QJsonArray errors;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isString())
            errors.append(demoFieldError(u"string_type"_s, {u"body"_s, u"run_ids"_s, int(i)},
                u"Input should be a valid string"_s, list.at(i)));
    }
    if (!errors.isEmpty())
        return validationError(errors);
    // A run that has ended (or is unknown) cannot be cancelled; the others are, in one go.
    QJsonArray cancelled;
    QJsonArray failed;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_database.beginTransaction();
    for (const QJsonValue &id : list) {
        auto run = m_database.run(id.toString());
        if (!run || !isActiveStatus(runStatusFromWire(run->status))) {
            failed.append(id);
            continue;
        }
        run->status = u"canceled"_s;
        run->finishedAt = now;
        run->modifiedAt = now;
        m_database.updateRun(*run);
        cancelled.append(id);
    }
    m_database.commit();
    return json(200, QJsonObject {{u"cancelled"_s, cancelled}, {u"failed"_s, failed}});
}

DemoServer::Reply DemoServer::retryRun(const QUrl &base, const QString &runId)
{
    const auto original = m_database.run(runId);
    if (!original || original->runType != "workflow_run"_L1)
        return detail(404, u"Workflow run not found %1"_s.arg(runId.left(100)));
    if (isActiveStatus(runStatusFromWire(original->status)))
        return detail(400,
            u"Workflow run %1 is not retryable: it is still %2"_s.arg(
                original->runId, original->status));
    // The same workflow with the same parameters and settings, as a new run from the start.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    DemoRun run;
    run.runId = m_simulator.newRunId();
    run.workflowPermanentId = original->workflowPermanentId;
    run.triggerType = u"manual"_s;
    run.createdAt = now;
    run.modifiedAt = now;
    run.browserSessionId = original->browserSessionId;
    run.browserProfileId = original->browserProfileId;
    run.extraHttpHeaders = original->extraHttpHeaders;
    run.proxyLocation = original->proxyLocation;
    run.webhookUrl = original->webhookUrl;
    run.totpUrl = original->totpUrl;
    run.totpIdentifier = original->totpIdentifier;
    run.maxElapsedMinutes = original->maxElapsedMinutes;
    run.runWith = original->runWith;
    run.aiFallback = original->aiFallback;
    run.title = original->title;
    run.parameters = original->parameters;
    run.runMetadata = original->runMetadata;
    run.retriedFrom = original->runId;
    m_simulator.plan(run);
    if (!m_database.insertRun(run))
        return detail(500, u"Could not store the run"_s);
    return json(200, detailJson(base, run));
}

DemoServer::Reply DemoServer::timeline(const QUrl &base, const QString &runId)
{
    const auto run = m_database.run(runId);
    if (!run)
        return detail(404, u"Run not found: %1"_s.arg(runId.left(100)));
    return json(200, m_artifacts.timeline(*run, base).timeline().toJson());
}

DemoServer::Reply DemoServer::listArtifacts(
    const DemoHttpRequest &request, const QUrl &base, const QString &runId)
{
    const QUrlQuery query = formQuery(request);
    const QStringList types = query.allQueryItemValues(u"artifact_type"_s, QUrl::FullyDecoded);
    QJsonArray errors;
    for (qsizetype i = 0; i < types.size(); ++i) {
        if (!DemoTimeline::artifactTypes().contains(types.at(i)))
            errors.append(demoFieldError(u"enum"_s, {u"query"_s, u"artifact_type"_s, int(i)},
                u"Input should be a valid artifact type"_s, types.at(i)));
    }
    if (!errors.isEmpty())
        return validationError(errors);
    const auto run = m_database.run(runId);
    if (!run)
        return detail(404, u"Run not found: %1"_s.arg(runId.left(100)));
    QJsonArray artifacts;
    const DemoTimeline evidence = m_artifacts.timeline(*run, base);
    for (const DemoTimeline::Item &item : evidence.items()) {
        if (types.isEmpty() || types.contains(item.artifact.artifactType))
            artifacts.append(item.artifact.toJson());
    }
    return json(200, artifacts);
}

DemoServer::Reply DemoServer::launchRun(const QUrl &base, const QByteArray &body)
{
    const DemoLaunchCheck check = DemoLaunchValidator(m_workflows).check(body);
    if (check.status == 422)
        return validationError(check.errors);
    if (check.status != 200)
        return detail(check.status, check.message);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    DemoRun run = check.run;
    run.runId = m_simulator.newRunId();
    run.createdAt = now;
    run.modifiedAt = now;
    m_simulator.plan(run);
    if (!m_database.insertRun(run))
        return detail(500, u"Could not store the run"_s);
    return json(200, detailJson(base, run));
}

DemoServer::Reply DemoServer::listWorkflows(const DemoHttpRequest &request)
{
    const QUrlQuery query = formQuery(request);
    QJsonArray errors;
    const qint64 page = positiveInteger(query, u"page"_s, 1, errors);
    const qint64 pageSize = positiveInteger(query, u"page_size"_s, 10, errors);
    if (!errors.isEmpty())
        return validationError(errors);
    QJsonArray workflows;
    const qint64 first = (page - 1) * pageSize;
    for (qint64 i = first; i < m_workflowOrder.size() && i < first + pageSize; ++i)
        workflows.append(m_workflowOrder.at(i).toJson());
    return json(200, workflows);
}
