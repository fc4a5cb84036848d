#include "demoplatformserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include "timestamps.h"

using namespace Qt::StringLiterals;

namespace {
const QStringList kStatuses {
    u"running"_s, u"waiting"_s, u"success"_s, u"failure"_s, u"cancelled"_s};
const QStringList kTriggerSources {u"schedule"_s, u"api"_s, u"manual"_s, u"webhook"_s};
const QStringList kPeople {
    u"ops@acme.example"_s, u"dana@acme.example"_s, u"api-key:ci"_s, u"cron"_s};
} // namespace

DemoPlatformServer::DemoPlatformServer(
    quint32 seed, const QString &token, const DemoHttpLimits &limits, QObject *parent)
    : QObject(parent)
    , m_random(seed ^ 0x5eed'f10eU)
    , m_token(token)
{
    // Requests the front end refuses are answered in the platform's envelope too.
    m_listener = new DemoHttpListener(
        limits,
        [this](const DemoHttpRequest &request, DemoHttpResponder responder) {
            responder.send(route(request));
        },
        [this](int status, const QString &message) {
            return envelope(status, status, message, QJsonValue());
        },
        this);
}

QStringList DemoPlatformServer::workflowIds()
{
    return {u"wf_invoice_sync"_s, u"wf_price_scan"_s, u"wf_lead_router"_s};
}

QString DemoPlatformServer::maintenanceWorkflowId()
{
    return u"wf_maintenance"_s;
}

bool DemoPlatformServer::start(
    const QString &databasePath, quint16 port, int runsPerWorkflow, QString *error)
{
    if (!m_store.open(databasePath, error))
        return false;
    if (m_store.isEmpty()
        && !m_store.insert(seedRuns(runsPerWorkflow, QDateTime::currentDateTimeUtc()))) {
        if (error)
            *error = m_store.lastError();
        return false;
    }
    if (m_listener->listenOnLoopback(port))
        return true;
    if (error)
        *error = u"cannot listen on 127.0.0.1:%1 (is the port in use?)"_s.arg(port);
    return false;
}

QUrl DemoPlatformServer::baseUrl() const
{
    return m_listener->baseUrl();
}

DemoPlatformRun DemoPlatformServer::newRun(const QString &workflowId, const QDateTime &startedAt)
{
    DemoPlatformRun run;
    run.id = u"run_%1"_s.arg(
        qulonglong(m_random.generate64() & 0xffffffffffffULL), 12, 16, QChar(u'0'));
    run.workflowId = workflowId;
    run.workflowVersion = 1 + int(m_random.bounded(5));
    run.startedAt = startedAt;
    run.triggerSource = kTriggerSources.at(int(m_random.bounded(int(kTriggerSources.size()))));
    run.triggeredBy = run.triggerSource == "schedule"_L1
        ? u"cron"_s
        : kPeople.at(int(m_random.bounded(int(kPeople.size()))));
    run.isSimulation = m_random.bounded(100) < 3;
    run.isDustTest = m_random.bounded(100) < 2;
    const int roll = int(m_random.bounded(100));
    run.outcome = roll < 76 ? u"success"_s : (roll < 93 ? u"failure"_s : u"cancelled"_s);
    return run;
}

QList<DemoPlatformRun> DemoPlatformServer::seedRuns(int runsPerWorkflow, const QDateTime &now)
{
    QList<DemoPlatformRun> runs;
    const QStringList ids = workflowIds();
    for (const QString &workflowId : ids) {
        QDateTime startedAt = now.addSecs(-int(m_random.bounded(300)));
        QString previousFailure;
        for (int i = 0; i < runsPerWorkflow; ++i) {
            DemoPlatformRun run = newRun(workflowId, startedAt);
            if (i < 2) {
                // The newest runs of each workflow are still going.
                run.status = i == 0 ? u"running"_s : u"waiting"_s;
                run.ticksLeft = 3 + int(m_random.bounded(12));
                run.totalCu = i == 0 ? 0.5 : 0;
            } else {
                run.status = run.outcome;
                run.finishedAt = startedAt.addSecs(20 + int(m_random.bounded(900)));
                run.totalCu = double(m_random.bounded(4000)) / 100.0;
                if (!previousFailure.isEmpty() && m_random.bounded(3) == 0)
                    run.sourceRunId = previousFailure; // a retry of a failed run
            }
            previousFailure = run.status == "failure"_L1 ? run.id : QString();
            runs.append(run);
            startedAt = startedAt.addSecs(-(600 + int(m_random.bounded(3000))));
        }
    }
    return runs;
}

void DemoPlatformServer::tick()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<DemoPlatformRun> changed;
    const QList<DemoPlatformRun> active = m_store.active();
    for (DemoPlatformRun run : active) {
        if (run.status == "waiting"_L1) {
            run.status = u"running"_s;
            run.startedAt = now;
        } else if (--run.ticksLeft <= 0) {
            run.status = run.outcome;
            run.finishedAt = now;
        }
        run.totalCu += run.status == "running"_L1 ? 0.25 : 0;
        changed.append(run);
    }
    // Now and then a run starts, as schedules and users start them.
    if (m_random.bounded(8) == 0) {
        const QStringList ids = workflowIds();
        DemoPlatformRun run = newRun(ids.at(int(m_random.bounded(int(ids.size())))), now);
        run.status = u"waiting"_s;
        run.ticksLeft = 3 + int(m_random.bounded(12));
        changed.append(run);
    }
    if (!changed.isEmpty())
        m_store.insert(changed);
}

QJsonObject DemoPlatformServer::itemJson(const DemoPlatformRun &run)
{
    return {
        {u"id"_s, run.id},
        {u"workflowId"_s, run.workflowId},
        {u"workflowVersion"_s, run.workflowVersion},
        {u"status"_s, run.status},
        {u"startedAt"_s, formatTimestamp(run.startedAt)},
        {u"finishedAt"_s,
            run.finishedAt.isValid() ? QJsonValue(formatTimestamp(run.finishedAt)) : QJsonValue()},
        {u"triggerSource"_s, run.triggerSource},
        {u"triggeredBy"_s, run.triggeredBy},
        {u"sourceRunId"_s, run.sourceRunId.isEmpty() ? QJsonValue() : QJsonValue(run.sourceRunId)},
        {u"totalCu"_s, run.totalCu},
        {u"isSimulation"_s, run.isSimulation},
        {u"isDustTest"_s, run.isDustTest},
    };
}

DemoReply DemoPlatformServer::envelope(
    int httpStatus, int code, const QString &message, const QJsonValue &data)
{
    const QJsonObject body {{u"code"_s, code}, {u"data"_s, data}, {u"message"_s, message},
        {u"requestId"_s, u"req-%1"_s.arg(qulonglong(++m_requests), 6, 16, QChar(u'0'))}};
    return {httpStatus, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", {}};
}

DemoReply DemoPlatformServer::route(const DemoHttpRequest &request)
{
    if (request.header("Authorization") != "Bearer " + m_token.toUtf8())
        return envelope(401, 401, u"Invalid or missing bearer token"_s, QJsonValue());
    const QStringList path = request.url.path().split(u'/', Qt::SkipEmptyParts);
    if (request.method != "GET" || path.size() != 4 || path.at(0) != "v1"_L1
        || path.at(1) != "workflows"_L1 || path.at(3) != "runs"_L1)
        return envelope(404, 404, u"No such endpoint"_s, QJsonValue());
    const QString workflowId = path.at(2);
    if (workflowId == maintenanceWorkflowId())
        return envelope(200, 503, u"Workflow engine is under maintenance"_s, QJsonValue());
    if (!workflowIds().contains(workflowId))
        return envelope(404, 404, u"Workflow %1 not found"_s.arg(workflowId), QJsonValue());

    const QUrlQuery query(request.url);
    bool limitOk = true;
    bool offsetOk = true;
    const int limit = query.hasQueryItem(u"limit"_s)
        ? query.queryItemValue(u"limit"_s).toInt(&limitOk)
        : kDefaultLimit;
    const int offset
        = query.hasQueryItem(u"offset"_s) ? query.queryItemValue(u"offset"_s).toInt(&offsetOk) : 0;
    // One status or none, as the contract has it; a second or an empty one is an error, not
    // something to drop quietly and answer with runs the client did not ask for.
    const QStringList statuses = query.allQueryItemValues(u"status"_s);
    const QString status = statuses.value(0);
    if (!limitOk || limit < 1 || limit > kMaxLimit)
        return envelope(
            400, 400, u"limit must be an integer from 1 to %1"_s.arg(kMaxLimit), QJsonValue());
    if (!offsetOk || offset < 0)
        return envelope(400, 400, u"offset must be a non-negative integer"_s, QJsonValue());
    if (statuses.size() > 1)
        return envelope(400, 400,
            u"status takes one value, one of %1"_s.arg(kStatuses.join(u", "_s)), QJsonValue());
    if (!statuses.isEmpty() && !kStatuses.contains(status))
        return envelope(
            400, 400, u"status must be one of %1"_s.arg(kStatuses.join(u", "_s)), QJsonValue());

    bool hasMore = false;
    QJsonArray items;
    const QList<DemoPlatformRun> runs = m_store.list(workflowId, status, limit, offset, &hasMore);
    for (const DemoPlatformRun &run : runs)
        items.append(itemJson(run));
    return envelope(200, 200, u"success"_s,
        QJsonObject {{u"hasMore"_s, hasMore}, {u"items"_s, items}, {u"limit"_s, limit},
            {u"offset"_s, offset}});
}
