#include "demoplatformstore.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "timestamps.h"

using namespace Qt::StringLiterals;

namespace {
QAtomicInteger<int> s_connections;

const auto kColumns = "id, workflow_id, workflow_version, status, started_at, finished_at, "
                      "trigger_source, triggered_by, source_run_id, total_cu, is_simulation, "
                      "is_dust_test, ticks_left, outcome"_L1;

QVariant timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(formatTimestamp(time)) : QVariant();
}
} // namespace

DemoPlatformStore::DemoPlatformStore()
    : m_connectionName(u"runwatch-platform-%1"_s.arg(s_connections.fetchAndAddRelaxed(1)))
{ }

DemoPlatformStore::~DemoPlatformStore()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool DemoPlatformStore::open(const QString &path, QString *error)
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    QSqlQuery query(m_db);
    const bool ok = m_db.open()
        && query.exec(u"PRAGMA cache_size=-256"_s) // as the demo's run store: the file is cached
        && query.exec(u"CREATE TABLE IF NOT EXISTS platform_runs (id TEXT PRIMARY KEY, "
                      "workflow_id TEXT NOT NULL, workflow_version INTEGER, status TEXT NOT NULL, "
                      "started_at TEXT NOT NULL, finished_at TEXT, trigger_source TEXT, "
                      "triggered_by TEXT, source_run_id TEXT, total_cu REAL, "
                      "is_simulation INTEGER, is_dust_test INTEGER, ticks_left INTEGER, "
                      "outcome TEXT)"_s)
        && query.exec(u"CREATE INDEX IF NOT EXISTS platform_runs_by_workflow ON platform_runs "
                      "(workflow_id, started_at DESC, id DESC)"_s);
    if (!ok && error)
        *error = m_db.lastError().text() + query.lastError().text();
    return ok;
}

bool DemoPlatformStore::isEmpty() const
{
    QSqlQuery query(m_db);
    return !query.exec(u"SELECT 1 FROM platform_runs LIMIT 1"_s) || !query.next();
}

bool DemoPlatformStore::insert(const QList<DemoPlatformRun> &runs)
{
    m_db.transaction();
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO platform_runs (%1) VALUES "
                  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(kColumns));
    for (const DemoPlatformRun &run : runs) {
        for (const QVariant &value : {QVariant(run.id), QVariant(run.workflowId),
                 QVariant(run.workflowVersion), QVariant(run.status), timeOrNull(run.startedAt),
                 timeOrNull(run.finishedAt), QVariant(run.triggerSource), QVariant(run.triggeredBy),
                 QVariant(run.sourceRunId), QVariant(run.totalCu), QVariant(run.isSimulation),
                 QVariant(run.isDustTest), QVariant(run.ticksLeft), QVariant(run.outcome)})
            query.addBindValue(value);
        if (!query.exec()) {
            m_lastError = query.lastError().text();
            m_db.rollback();
            return false;
        }
    }
    return m_db.commit();
}

bool DemoPlatformStore::update(const DemoPlatformRun &run)
{
    return insert({run});
}

QList<DemoPlatformRun> DemoPlatformStore::select(
    const QString &where, const QVariantList &bindings) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT %1 FROM platform_runs %2"_s.arg(kColumns, where));
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    QList<DemoPlatformRun> runs;
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return runs;
    }
    while (query.next()) {
        DemoPlatformRun run;
        run.id = query.value(0).toString();
        run.workflowId = query.value(1).toString();
        run.workflowVersion = query.value(2).toInt();
        run.status = query.value(3).toString();
        run.startedAt = parseTimestamp(query.value(4).toString());
        run.finishedAt = parseTimestamp(query.value(5).toString());
        run.triggerSource = query.value(6).toString();
        run.triggeredBy = query.value(7).toString();
        run.sourceRunId = query.value(8).toString();
        run.totalCu = query.value(9).toDouble();
        run.isSimulation = query.value(10).toBool();
        run.isDustTest = query.value(11).toBool();
        run.ticksLeft = query.value(12).toInt();
        run.outcome = query.value(13).toString();
        runs.append(run);
    }
    return runs;
}

QList<DemoPlatformRun> DemoPlatformStore::list(
    const QString &workflowId, const QString &status, int limit, int offset, bool *hasMore) const
{
    QString where = u"WHERE workflow_id = ?"_s;
    QVariantList bindings {workflowId};
    if (!status.isEmpty()) {
        where += u" AND status = ?"_s;
        bindings.append(status);
    }
    // One row more than asked tells whether another page follows.
    where += u" ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?"_s;
    bindings << limit + 1 << offset;
    QList<DemoPlatformRun> runs = select(where, bindings);
    if (hasMore)
        *hasMore = runs.size() > limit;
    if (runs.size() > limit)
        runs.removeLast();
    return runs;
}

QList<DemoPlatformRun> DemoPlatformStore::active() const
{
    return select(u"WHERE status IN ('running', 'waiting')"_s, {});
}
