#include "runhistorystore.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
// Codes are words of the server's (`MFA_REQUIRED`); a line break never is one.
constexpr QChar kCodeSeparator = u'\n';
} // namespace

RunHistoryStore::RunHistoryStore(QString path)
    : m_file(std::move(path),
        {u"CREATE TABLE IF NOT EXISTS history_runs (connection TEXT NOT NULL, "
         "run_id TEXT NOT NULL, created INTEGER NOT NULL, started INTEGER NOT NULL, "
         "finished INTEGER NOT NULL, status TEXT, workflow TEXT, title TEXT, error_codes TEXT, "
         "compute_units REAL NOT NULL, "
         "PRIMARY KEY (connection, run_id)) WITHOUT ROWID"_s,
            u"CREATE INDEX IF NOT EXISTS history_runs_by_time ON history_runs "
            "(connection, created)"_s})
{ }

bool RunHistoryStore::open(QString *error)
{
    return m_file.open(u"the run history"_s, error);
}

bool RunHistoryStore::save(const QList<HistoryRun> &runs)
{
    if (!isOpen() || runs.isEmpty())
        return isOpen();
    QSqlDatabase database = m_file.database();
    if (!database.transaction())
        return false;
    QSqlQuery query(database);
    query.prepare(u"INSERT OR REPLACE INTO history_runs (connection, run_id, created, started, "
                  "finished, status, workflow, title, error_codes, compute_units) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const HistoryRun &run : runs) {
        query.bindValue(0, run.connection);
        query.bindValue(1, run.runId);
        query.bindValue(2, run.createdMs);
        query.bindValue(3, run.startedMs);
        query.bindValue(4, run.finishedMs);
        query.bindValue(5, runStatusName(run.status));
        query.bindValue(6, run.workflowId);
        query.bindValue(7, run.workflowTitle);
        query.bindValue(8, run.errorCodes.join(kCodeSeparator));
        query.bindValue(9, run.computeUnits);
        if (!query.exec()) {
            database.rollback();
            return false;
        }
    }
    return database.commit();
}

QList<HistoryRun> RunHistoryStore::load(const QString &connection) const
{
    QList<HistoryRun> runs;
    if (!isOpen())
        return runs;
    QSqlQuery query(m_file.database());
    query.setForwardOnly(true); // no copy of 100,000 rows kept for scrolling back
    query.prepare(u"SELECT run_id, created, started, finished, status, workflow, title, "
                  "error_codes, compute_units FROM history_runs WHERE connection = ? AND "
                  "created >= ?"_s);
    query.addBindValue(connection);
    query.addBindValue(QDateTime::currentDateTimeUtc().addDays(-kKeepDays).toMSecsSinceEpoch());
    if (!query.exec())
        return runs;
    while (query.next()) {
        HistoryRun run;
        run.connection = connection;
        run.runId = query.value(0).toString();
        run.createdMs = query.value(1).toLongLong();
        run.startedMs = query.value(2).toLongLong();
        run.finishedMs = query.value(3).toLongLong();
        run.status = runStatusFromName(query.value(4).toString());
        run.workflowId = query.value(5).toString();
        run.workflowTitle = query.value(6).toString();
        const QString codes = query.value(7).toString();
        if (!codes.isEmpty())
            run.errorCodes = codes.split(kCodeSeparator);
        run.computeUnits = query.value(8).toDouble();
        runs.append(std::move(run));
    }
    return runs;
}

int RunHistoryStore::prune(qint64 beforeMs)
{
    if (!isOpen())
        return -1;
    if (beforeMs < 0)
        beforeMs = QDateTime::currentDateTimeUtc().addDays(-kKeepDays).toMSecsSinceEpoch();
    QSqlQuery query(m_file.database());
    query.prepare(u"DELETE FROM history_runs WHERE created < ?"_s);
    query.addBindValue(beforeMs);
    return query.exec() ? query.numRowsAffected() : -1;
}
