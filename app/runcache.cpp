#include "runcache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

namespace {
// Bumped whenever the encoding changes; lists saved in another format are ignored.
// 2: runs of every platform, read leniently (1 required Skyvern's fields of every run).
constexpr int kFormat = 2;
const auto kExtension = "runwatch"_L1;

/** The dashboard's status by name, including those no one wire format has (partial). */
QString statusName(RunStatus status)
{
    return status == RunStatus::Partial ? u"partial"_s : runStatusToWire(status);
}

RunStatus statusFromName(const QString &name)
{
    return name == "partial"_L1 ? RunStatus::Partial : runStatusFromWire(name);
}
} // namespace

RunCache::RunCache(QString path)
    : m_path(std::move(path))
{ }

RunCache::~RunCache()
{
    if (m_connection.isEmpty())
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

bool RunCache::open(QString *error)
{
    if (isOpen())
        return true;
    // Run data of the user's servers: nobody else on the machine reads it.
    const QFileInfo info(m_path);
    QDir().mkpath(info.absolutePath());
    QFile::setPermissions(
        info.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString name = u"runcache-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString problem;
    if (!openFile(name, &problem) && QFileInfo::exists(m_path)) {
        // A cache is worth nothing damaged and little lost: keep the bad file for a look, start
        // a new one.
        const QString aside = m_path + u".damaged-"_s
            + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmss"_s);
        if (QFile::rename(m_path, aside)) {
            QFile::remove(m_path + u"-wal"_s);
            QFile::remove(m_path + u"-shm"_s);
            m_notice = u"The saved run lists in %1 were damaged (%2); the file was set aside as %3 "
                       "and a new one started."_s.arg(m_path, problem, aside);
            problem.clear();
            if (openFile(name, &problem))
                return true;
        }
    }
    if (!isOpen()) {
        if (error)
            *error = u"cannot use the run cache %1: %2"_s.arg(m_path, problem);
        return false;
    }
    return true;
}

bool RunCache::openFile(const QString &name, QString *error)
{
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        database.setDatabaseName(m_path);
        QSqlQuery query(database);
        // WAL with synchronous=NORMAL: a power cut may lose the last save, never the file.
        const auto exec = [&query](const QString &statement) { return query.exec(statement); };
        bool ok = database.open() && exec(u"PRAGMA journal_mode = WAL"_s)
            && exec(u"PRAGMA synchronous = NORMAL"_s) && exec(u"PRAGMA quick_check"_s)
            && query.next();
        if (ok && query.value(0).toString() != "ok"_L1) {
            if (error)
                *error = query.value(0).toString().left(200);
            ok = false;
        } else if (ok) {
            ok = exec(u"CREATE TABLE IF NOT EXISTS saved_lists (view_key TEXT PRIMARY KEY, "
                      "format INTEGER NOT NULL, saved_at INTEGER NOT NULL, runs BLOB NOT NULL)"_s);
        }
        if (!ok && error && error->isEmpty())
            *error = database.lastError().isValid() ? database.lastError().text()
                                                    : query.lastError().text();
        if (!ok) {
            query = QSqlQuery();
            database.close();
            database = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return false;
        }
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    }
    m_connection = name;
    return true;
}

bool RunCache::save(
    const QString &viewKey, const QList<WorkflowRun> &runs, const QDateTime &savedAt)
{
    if (!isOpen())
        return false;
    QSqlDatabase database = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(database);
    query.prepare(u"INSERT OR REPLACE INTO saved_lists (view_key, format, saved_at, runs) "
                  "VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(viewKey);
    query.addBindValue(kFormat);
    query.addBindValue(savedAt.toMSecsSinceEpoch());
    query.addBindValue(encode(runs.mid(0, kMaxRunsPerView)));
    if (!query.exec())
        return false;
    // Views not looked at for a long time make way for the ones in use.
    query.prepare(u"DELETE FROM saved_lists WHERE view_key NOT IN (SELECT view_key FROM "
                  "saved_lists ORDER BY saved_at DESC LIMIT ?)"_s);
    query.addBindValue(kMaxViews);
    return query.exec();
}

std::optional<SavedRuns> RunCache::load(const QString &viewKey) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT saved_at, runs FROM saved_lists WHERE view_key = ? AND format = ?"_s);
    query.addBindValue(viewKey);
    query.addBindValue(kFormat);
    if (!query.exec() || !query.next())
        return std::nullopt;
    auto runs = decode(query.value(1).toByteArray());
    if (!runs)
        return std::nullopt;
    return SavedRuns {*runs, QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC)};
}

QByteArray RunCache::encode(const QList<WorkflowRun> &runs)
{
    // The cache's own format: every field, whatever platform the run came from. Each run is
    // its wire shape (all fields, none required on reading) plus what that shape lacks.
    QJsonArray array;
    for (const WorkflowRun &run : runs) {
        QJsonObject json = run.toJson();
        QJsonObject extension {{u"source"_s, run.source}, {u"triggered_by"_s, run.triggeredBy},
            {u"source_run_id"_s, run.sourceRunId}, {u"run_type"_s, run.runType},
            {u"is_simulation"_s, run.isSimulation}, {u"is_dust_test"_s, run.isDustTest},
            {u"status"_s, statusName(run.status)},
            {u"trigger"_s, triggerTypeToWire(run.triggerType)}};
        if (run.workflowVersion)
            extension.insert(u"workflow_version"_s, *run.workflowVersion);
        if (run.computeUnits)
            extension.insert(u"compute_units"_s, *run.computeUnits);
        json.insert(kExtension, extension);
        array.append(json);
    }
    return QJsonDocument(QJsonObject {{u"format"_s, kFormat}, {u"runs"_s, array}})
        .toJson(QJsonDocument::Compact);
}

std::optional<QList<WorkflowRun>> RunCache::decode(const QByteArray &data)
{
    const auto document = parseResponse(data, true, QString(), nullptr);
    if (!document || document->object().value("format"_L1).toInt() != kFormat)
        return std::nullopt;
    const QJsonArray array = document->object().value("runs"_L1).toArray();
    QList<WorkflowRun> runs;
    runs.reserve(array.size());
    for (const QJsonValue &item : array) {
        // A run that cannot be read costs that run, not the list.
        auto run = WorkflowRun::fromJson(
            item.toObject(), QString(), nullptr, WorkflowRun::Fields::IdOnly);
        if (!run)
            continue;
        JsonReader extension(item.toObject().value(kExtension).toObject(), QString());
        run->source = extension.optionalString("source"_L1);
        run->triggeredBy = extension.optionalString("triggered_by"_L1);
        run->sourceRunId = extension.optionalString("source_run_id"_L1);
        run->runType = extension.optionalString("run_type"_L1);
        run->isSimulation = extension.optionalBool("is_simulation"_L1).value_or(false);
        run->isDustTest = extension.optionalBool("is_dust_test"_L1).value_or(false);
        run->workflowVersion = extension.optionalInteger("workflow_version"_L1);
        run->computeUnits = extension.optionalNumber("compute_units"_L1);
        run->status = statusFromName(extension.optionalString("status"_L1));
        run->triggerType = triggerTypeFromWire(extension.optionalString("trigger"_L1));
        if (extension.ok())
            runs.append(std::move(*run));
    }
    return runs;
}
