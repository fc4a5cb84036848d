#include "demodatabase.h"

#include <algorithm>

#include <QAtomicInteger>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "timestamps.h"

using namespace Qt::StringLiterals;

namespace {

QAtomicInteger<int> s_connectionCounter;

// Fixed-width UTC text sorts in time order, so SQL can compare and order the strings.
QVariant timeText(const QDateTime &time)
{
    return time.isValid() ? QVariant(formatTimestamp(time))
                          : QVariant(QMetaType::fromType<QString>());
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant jsonText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QVariant(QMetaType::fromType<QString>());
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Scalars are wrapped so they survive the round trip through a JSON document.
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
}

QJsonValue jsonValue(const QVariant &text)
{
    if (text.isNull())
        return QJsonValue();
    const QJsonDocument document = QJsonDocument::fromJson(text.toString().toUtf8());
    if (document.isObject())
        return document.object();
    const QJsonArray array = document.array();
    // A one-element array holding a scalar was a wrapped scalar.
    if (array.size() == 1 && !array.first().isObject() && !array.first().isArray())
        return array.first();
    return array;
}

QString likePattern(const QString &needle)
{
    QString escaped = needle;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u'%' + escaped + u'%';
}

const char *kRunColumns
    = "run_id, run_type, workflow_permanent_id, status, trigger_type, created_at, modified_at, "
      "queued_at, started_at, finished_at, failure_reason, failure_category, parent_run_id, "
      "browser_session_id, browser_profile_id, extra_http_headers, proxy_location, webhook_url, "
      "totp_url, totp_identifier, max_elapsed_minutes, run_with, ai_fallback, title, parameters, "
      "run_metadata, output, task_request, step_count, planned_steps, planned_outcome, "
      "downloaded_files, retried_from";

} // namespace

DemoDatabase::DemoDatabase()
    : m_connectionName(u"runwatch-demo-%1"_s.arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{ }

DemoDatabase::~DemoDatabase()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool DemoDatabase::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

bool DemoDatabase::open(const QString &path, QString *error)
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    const QStringList schema {
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        // The demo's few thousand rows read fast from the file the system caches; a page
        // cache of SQLite's default 2 MB would sit in the window's memory.
        u"PRAGMA cache_size=-256"_s,
        u"CREATE TABLE IF NOT EXISTS workflows (workflow_permanent_id TEXT PRIMARY KEY, "
        "workflow_id TEXT NOT NULL, organization_id TEXT NOT NULL, title TEXT NOT NULL, "
        "description TEXT, start_url TEXT, version INTEGER, created_at TEXT, seq INTEGER)"_s,
        u"CREATE TABLE IF NOT EXISTS workflow_parameters (workflow_permanent_id TEXT NOT NULL, "
        "key TEXT NOT NULL, description TEXT, type TEXT NOT NULL, default_value TEXT, "
        "parameter_id TEXT, seq INTEGER)"_s,
        u"CREATE TABLE IF NOT EXISTS runs (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "run_id TEXT UNIQUE NOT NULL, run_type TEXT NOT NULL, workflow_permanent_id TEXT, "
        "status TEXT NOT NULL, trigger_type TEXT, created_at TEXT NOT NULL, "
        "modified_at TEXT NOT NULL, queued_at TEXT, started_at TEXT, finished_at TEXT, "
        "failure_reason TEXT, failure_category TEXT, parent_run_id TEXT, "
        "browser_session_id TEXT, browser_profile_id TEXT, extra_http_headers TEXT, "
        "proxy_location TEXT, webhook_url TEXT, totp_url TEXT, totp_identifier TEXT, "
        "max_elapsed_minutes INTEGER, run_with TEXT, ai_fallback INTEGER, title TEXT, "
        "parameters TEXT, run_metadata TEXT, output TEXT, task_request TEXT, "
        "step_count INTEGER, planned_steps INTEGER, planned_outcome TEXT, "
        "downloaded_files TEXT, retried_from TEXT)"_s,
        u"CREATE TABLE IF NOT EXISTS run_parameters (run_id TEXT NOT NULL, key TEXT NOT NULL, "
        "value TEXT)"_s,
        u"CREATE TABLE IF NOT EXISTS run_errors (run_id TEXT NOT NULL, seq INTEGER, "
        "error_code TEXT, reasoning TEXT, confidence REAL)"_s,
        // Tags set through the API; a run without a row keeps the tags it was made with.
        u"CREATE TABLE IF NOT EXISTS run_tags (run_id TEXT PRIMARY KEY, tags TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS tag_colors (key TEXT NOT NULL, value TEXT NOT NULL, "
        "color TEXT NOT NULL, PRIMARY KEY (key, value))"_s,
        u"CREATE INDEX IF NOT EXISTS runs_by_time ON runs (run_type, created_at DESC, seq DESC)"_s,
        u"CREATE INDEX IF NOT EXISTS runs_by_workflow ON runs (workflow_permanent_id, "
        "created_at DESC)"_s,
        u"CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status)"_s,
        u"CREATE INDEX IF NOT EXISTS run_parameters_by_run ON run_parameters (run_id)"_s,
        u"CREATE INDEX IF NOT EXISTS run_errors_by_run ON run_errors (run_id)"_s,
        u"CREATE INDEX IF NOT EXISTS run_errors_by_code ON run_errors (error_code)"_s,
    };
    for (const QString &statement : schema) {
        if (!exec(statement)) {
            if (error)
                *error = m_lastError;
            return false;
        }
    }
    // A database kept from an earlier version lacks the columns added since.
    QSqlQuery columns(u"PRAGMA table_info(runs)"_s, m_db);
    bool hasRetriedFrom = false;
    while (columns.next())
        hasRetriedFrom = hasRetriedFrom || columns.value(1).toString() == "retried_from"_L1;
    if (!hasRetriedFrom && !exec(u"ALTER TABLE runs ADD COLUMN retried_from TEXT"_s)) {
        if (error)
            *error = m_lastError;
        return false;
    }
    return true;
}

bool DemoDatabase::isEmpty() const
{
    QSqlQuery query(m_db);
    return !query.exec(u"SELECT 1 FROM workflows LIMIT 1"_s) || !query.next();
}

bool DemoDatabase::beginTransaction()
{
    return m_db.transaction();
}

bool DemoDatabase::commit()
{
    return m_db.commit();
}

bool DemoDatabase::insertWorkflow(const Workflow &workflow, const QString &startUrl)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO workflows VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                  "(SELECT COUNT(*) FROM workflows))"_s);
    for (const QVariant &value : {QVariant(workflow.workflowPermanentId),
             QVariant(workflow.workflowId), QVariant(workflow.organizationId),
             QVariant(workflow.title), textOrNull(workflow.description), QVariant(startUrl),
             QVariant(workflow.version), timeText(workflow.createdAt)})
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    int seq = 0;
    for (const WorkflowParameter &parameter : workflow.parameters) {
        QSqlQuery insert(m_db);
        insert.prepare(u"INSERT INTO workflow_parameters VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        insert.addBindValue(workflow.workflowPermanentId);
        insert.addBindValue(parameter.key);
        insert.addBindValue(textOrNull(parameter.description));
        insert.addBindValue(parameterTypeToWire(parameter.type));
        insert.addBindValue(jsonText(parameter.defaultValue));
        insert.addBindValue(parameter.workflowParameterId);
        insert.addBindValue(seq++);
        if (!insert.exec()) {
            m_lastError = insert.lastError().text();
            return false;
        }
    }
    return true;
}

bool DemoDatabase::insertRun(const DemoRun &run)
{
    return writeRun(run, false);
}

bool DemoDatabase::updateRun(const DemoRun &run)
{
    return writeRun(run, true);
}

bool DemoDatabase::writeRun(const DemoRun &run, bool replace)
{
    QSqlQuery query(m_db);
    const QString columns = QString::fromLatin1(kRunColumns);
    if (replace) {
        QStringList assignments;
        for (const QString &column : columns.split(u", "_s))
            assignments.append(column + u" = ?"_s);
        query.prepare(u"UPDATE runs SET "_s + assignments.join(u", "_s) + u" WHERE run_id = ?"_s);
    } else {
        query.prepare(u"INSERT INTO runs ("_s + columns + u") VALUES ("_s
            + QStringList(columns.count(u',') + 1, u"?"_s).join(u", "_s) + u')');
    }
    QJsonObject headers;
    for (auto it = run.extraHttpHeaders.begin(); it != run.extraHttpHeaders.end(); ++it)
        headers.insert(it.key(), it.value());
    const QVariantList values {
        run.runId,
        run.runType,
        textOrNull(run.workflowPermanentId),
        run.status,
        textOrNull(run.triggerType),
        timeText(run.createdAt),
        timeText(run.modifiedAt),
        timeText(run.queuedAt),
        timeText(run.startedAt),
        timeText(run.finishedAt),
        textOrNull(run.failureReason),
        run.failureCategory.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                      : jsonText(run.failureCategory),
        textOrNull(run.parentRunId),
        textOrNull(run.browserSessionId),
        textOrNull(run.browserProfileId),
        headers.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : jsonText(headers),
        jsonText(run.proxyLocation),
        textOrNull(run.webhookUrl),
        textOrNull(run.totpUrl),
        textOrNull(run.totpIdentifier),
        run.maxElapsedMinutes ? QVariant(*run.maxElapsedMinutes)
                              : QVariant(QMetaType::fromType<int>()),
        textOrNull(run.runWith),
        run.aiFallback ? QVariant(int(*run.aiFallback)) : QVariant(QMetaType::fromType<int>()),
        textOrNull(run.title),
        jsonText(run.parameters),
        run.runMetadata.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                  : jsonText(run.runMetadata),
        jsonText(run.output),
        run.taskRequest.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                  : jsonText(run.taskRequest),
        run.stepCount,
        run.plannedSteps,
        textOrNull(run.plannedOutcome),
        run.downloadedFiles.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                      : jsonText(QJsonArray::fromStringList(run.downloadedFiles)),
        textOrNull(run.retriedFrom),
    };
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (replace)
        query.addBindValue(run.runId);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }

    // Parameter values and errors are rewritten whole: they are small and change together.
    QSqlQuery clear(m_db);
    clear.prepare(u"DELETE FROM run_parameters WHERE run_id = ?"_s);
    clear.addBindValue(run.runId);
    clear.exec();
    for (auto it = run.parameters.begin(); it != run.parameters.end(); ++it) {
        QSqlQuery insert(m_db);
        insert.prepare(u"INSERT INTO run_parameters VALUES (?, ?, ?)"_s);
        insert.addBindValue(run.runId);
        insert.addBindValue(it.key());
        insert.addBindValue(
            it.value().isString() ? it.value().toString() : jsonText(it.value()).toString());
        if (!insert.exec()) {
            m_lastError = insert.lastError().text();
            return false;
        }
    }
    clear.prepare(u"DELETE FROM run_errors WHERE run_id = ?"_s);
    clear.addBindValue(run.runId);
    clear.exec();
    int seq = 0;
    for (const DemoRunError &runError : run.errors) {
        QSqlQuery insert(m_db);
        insert.prepare(u"INSERT INTO run_errors VALUES (?, ?, ?, ?, ?)"_s);
        insert.addBindValue(run.runId);
        insert.addBindValue(seq++);
        insert.addBindValue(runError.errorCode);
        insert.addBindValue(runError.reasoning);
        insert.addBindValue(runError.confidence);
        if (!insert.exec()) {
            m_lastError = insert.lastError().text();
            return false;
        }
    }
    return true;
}

QList<Workflow> DemoDatabase::workflows() const
{
    QList<Workflow> result;
    QSqlQuery query(m_db);
    query.exec(u"SELECT workflow_permanent_id FROM workflows ORDER BY seq"_s);
    while (query.next()) {
        if (auto found = workflow(query.value(0).toString()))
            result.append(*found);
    }
    return result;
}

std::optional<Workflow> DemoDatabase::workflow(const QString &workflowPermanentId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT workflow_id, organization_id, title, description, version, created_at "
                  "FROM workflows WHERE workflow_permanent_id = ?"_s);
    query.addBindValue(workflowPermanentId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    Workflow workflow;
    workflow.workflowPermanentId = workflowPermanentId;
    workflow.workflowId = query.value(0).toString();
    workflow.organizationId = query.value(1).toString();
    workflow.title = query.value(2).toString();
    workflow.description = query.value(3).toString();
    workflow.version = query.value(4).toLongLong();
    workflow.createdAt = parseTimestamp(query.value(5).toString());
    workflow.modifiedAt = workflow.createdAt;

    QSqlQuery parameters(m_db);
    parameters.prepare(u"SELECT key, description, type, default_value, parameter_id "
                       "FROM workflow_parameters WHERE workflow_permanent_id = ? ORDER BY seq"_s);
    parameters.addBindValue(workflowPermanentId);
    parameters.exec();
    while (parameters.next()) {
        WorkflowParameter parameter;
        parameter.key = parameters.value(0).toString();
        parameter.description = parameters.value(1).toString();
        parameter.typeText = parameters.value(2).toString();
        parameter.type = parameterTypeFromWire(parameter.typeText);
        parameter.defaultValue = jsonValue(parameters.value(3));
        parameter.workflowParameterId = parameters.value(4).toString();
        workflow.parameters.append(parameter);
    }
    return workflow;
}

QString DemoDatabase::workflowStartUrl(const QString &workflowPermanentId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT start_url FROM workflows WHERE workflow_permanent_id = ?"_s);
    query.addBindValue(workflowPermanentId);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

QList<DemoRun> DemoDatabase::runsWhere(
    const QString &where, const QVariantList &bindings, const QString &tail) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + QString::fromLatin1(kRunColumns) + u" FROM runs r WHERE "_s + where
        + u' ' + tail);
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    QList<DemoRun> runs;
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return runs;
    }
    while (query.next()) {
        DemoRun run;
        int c = 0;
        run.runId = query.value(c++).toString();
        run.runType = query.value(c++).toString();
        run.workflowPermanentId = query.value(c++).toString();
        run.status = query.value(c++).toString();
        run.triggerType = query.value(c++).toString();
        run.createdAt = parseTimestamp(query.value(c++).toString());
        run.modifiedAt = parseTimestamp(query.value(c++).toString());
        run.queuedAt = parseTimestamp(query.value(c++).toString());
        run.startedAt = parseTimestamp(query.value(c++).toString());
        run.finishedAt = parseTimestamp(query.value(c++).toString());
        run.failureReason = query.value(c++).toString();
        run.failureCategory = jsonValue(query.value(c++)).toArray();
        run.parentRunId = query.value(c++).toString();
        run.browserSessionId = query.value(c++).toString();
        run.browserProfileId = query.value(c++).toString();
        const QJsonObject headers = jsonValue(query.value(c++)).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            run.extraHttpHeaders.insert(it.key(), it.value().toString());
        run.proxyLocation = jsonValue(query.value(c++));
        run.webhookUrl = query.value(c++).toString();
        run.totpUrl = query.value(c++).toString();
        run.totpIdentifier = query.value(c++).toString();
        const QVariant maxElapsed = query.value(c++);
        if (!maxElapsed.isNull())
            run.maxElapsedMinutes = maxElapsed.toInt();
        run.runWith = query.value(c++).toString();
        const QVariant aiFallback = query.value(c++);
        if (!aiFallback.isNull())
            run.aiFallback = aiFallback.toInt() != 0;
        run.title = query.value(c++).toString();
        run.parameters = jsonValue(query.value(c++)).toObject();
        run.runMetadata = jsonValue(query.value(c++)).toObject();
        run.output = jsonValue(query.value(c++));
        run.taskRequest = jsonValue(query.value(c++)).toObject();
        run.stepCount = query.value(c++).toInt();
        run.plannedSteps = query.value(c++).toInt();
        run.plannedOutcome = query.value(c++).toString();
        for (const QJsonValue &file : jsonValue(query.value(c++)).toArray())
            run.downloadedFiles.append(file.toString());
        run.retriedFrom = query.value(c++).toString();
        runs.append(run);
    }
    for (DemoRun &run : runs) {
        QSqlQuery errors(m_db);
        errors.prepare(u"SELECT error_code, reasoning, confidence FROM run_errors "
                       "WHERE run_id = ? ORDER BY seq"_s);
        errors.addBindValue(run.runId);
        errors.exec();
        while (errors.next())
            run.errors.append({errors.value(0).toString(), errors.value(1).toString(),
                errors.value(2).toDouble()});
    }
    return runs;
}

QList<DemoRun> DemoDatabase::listRuns(const DemoRunQuery &request) const
{
    QStringList conditions;
    QVariantList bindings;
    const QStringList types
        = request.runTypes.isEmpty() ? QStringList {u"workflow_run"_s} : request.runTypes;
    conditions.append(
        u"r.run_type IN ("_s + QStringList(types.size(), u"?"_s).join(u", "_s) + u')');
    for (const QString &type : types)
        bindings.append(type);
    if (!request.workflowPermanentIds.isEmpty()) {
        conditions.append(u"r.workflow_permanent_id IN ("_s
            + QStringList(request.workflowPermanentIds.size(), u"?"_s).join(u", "_s) + u')');
        for (const QString &id : request.workflowPermanentIds)
            bindings.append(id);
    }
    if (!request.workflowPermanentId.isEmpty()) {
        conditions.append(u"r.workflow_permanent_id = ?"_s);
        bindings.append(request.workflowPermanentId);
    }
    if (!request.includeChildRuns)
        conditions.append(u"r.parent_run_id IS NULL"_s);
    if (!request.statuses.isEmpty()) {
        conditions.append(
            u"r.status IN ("_s + QStringList(request.statuses.size(), u"?"_s).join(u", "_s) + u')');
        for (const QString &status : request.statuses)
            bindings.append(status);
    }
    if (!request.searchKey.isEmpty()) {
        // The fields seed 000 lists: run id, parameter key and description, run parameter
        // value, extra HTTP headers as JSON text. LIKE is case-insensitive for ASCII.
        conditions.append(
            u"(r.run_id LIKE ? ESCAPE '\\' OR r.extra_http_headers LIKE ? ESCAPE '\\' "
            "OR EXISTS (SELECT 1 FROM run_parameters p WHERE p.run_id = r.run_id "
            "AND p.value LIKE ? ESCAPE '\\') "
            "OR EXISTS (SELECT 1 FROM workflow_parameters d "
            "WHERE d.workflow_permanent_id = r.workflow_permanent_id "
            "AND (d.key LIKE ? ESCAPE '\\' OR d.description LIKE ? ESCAPE '\\')))"_s);
        const QString pattern = likePattern(request.searchKey);
        for (int i = 0; i < 5; ++i)
            bindings.append(pattern);
    }
    if (!request.errorCode.isEmpty()) {
        conditions.append(u"EXISTS (SELECT 1 FROM run_errors e WHERE e.run_id = r.run_id "
                          "AND e.error_code = ?)"_s);
        bindings.append(request.errorCode);
    }
    if (request.createdStart.isValid()) {
        conditions.append(u"r.created_at >= ?"_s);
        bindings.append(formatTimestamp(request.createdStart));
    }
    if (request.createdEnd.isValid()) {
        conditions.append(u"r.created_at < ?"_s);
        bindings.append(formatTimestamp(request.createdEnd));
    }
    const QString where = conditions.join(u" AND "_s);
    const qint64 pageSize = std::clamp<qint64>(request.pageSize, 1, 1000000);
    const qint64 page = std::clamp<qint64>(request.page, 1, 1000000000);
    const QString tail
        = u"ORDER BY r.created_at DESC, r.seq DESC LIMIT %1 OFFSET %2"_s.arg(pageSize).arg(
            (page - 1) * pageSize);
    return runsWhere(where, bindings, tail);
}

std::optional<DemoRun> DemoDatabase::run(const QString &runId) const
{
    const QList<DemoRun> runs = runsWhere(u"r.run_id = ?"_s, {runId}, QString());
    if (runs.isEmpty())
        return std::nullopt;
    return runs.first();
}

QList<DemoRun> DemoDatabase::activeRuns() const
{
    return runsWhere(
        u"r.status IN ('created', 'queued', 'running')"_s, {}, u"ORDER BY r.created_at"_s);
}

std::optional<QJsonArray> DemoDatabase::setTags(const QString &runId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT tags FROM run_tags WHERE run_id = ?"_s);
    query.addBindValue(runId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return QJsonDocument::fromJson(query.value(0).toByteArray()).array();
}

QHash<QString, QJsonArray> DemoDatabase::allSetTags() const
{
    QHash<QString, QJsonArray> tags;
    QSqlQuery query(m_db);
    if (query.exec(u"SELECT run_id, tags FROM run_tags"_s)) {
        while (query.next())
            tags.insert(query.value(0).toString(),
                QJsonDocument::fromJson(query.value(1).toByteArray()).array());
    }
    return tags;
}

bool DemoDatabase::storeTags(const QString &runId, const QJsonArray &tags)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO run_tags (run_id, tags) VALUES (?, ?)"_s);
    query.addBindValue(runId);
    query.addBindValue(QString::fromUtf8(QJsonDocument(tags).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

QHash<QString, QString> DemoDatabase::tagColors() const
{
    QHash<QString, QString> colors;
    QSqlQuery query(m_db);
    if (query.exec(u"SELECT key, value, color FROM tag_colors"_s)) {
        while (query.next())
            colors.insert(query.value(0).toString() + u':' + query.value(1).toString(),
                query.value(2).toString());
    }
    return colors;
}

bool DemoDatabase::storeTagColor(const QString &key, const QString &value, const QString &color)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO tag_colors (key, value, color) VALUES (?, ?, ?)"_s);
    query.addBindValue(key);
    query.addBindValue(value);
    query.addBindValue(color);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

int DemoDatabase::runCount() const
{
    QSqlQuery query(m_db);
    if (query.exec(u"SELECT COUNT(*) FROM runs"_s) && query.next())
        return query.value(0).toInt();
    return 0;
}
