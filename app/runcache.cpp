#include "runcache.h"

#include <QDir>
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
constexpr int kFormat = 1;
const auto kExtension = "runwatch"_L1;
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
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QString name = u"runcache-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        database.setDatabaseName(m_path);
        QSqlQuery query(database);
        const bool ok = database.open()
            && query.exec(
                u"CREATE TABLE IF NOT EXISTS saved_lists (view_key TEXT PRIMARY KEY, "
                "format INTEGER NOT NULL, saved_at INTEGER NOT NULL, runs BLOB NOT NULL)"_s);
        if (!ok) {
            if (error)
                *error = u"cannot use the run cache %1: %2"_s.arg(m_path,
                    database.lastError().isValid() ? database.lastError().text()
                                                   : query.lastError().text());
            query = QSqlQuery();
            database.close();
            database = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return false;
        }
        // A cache: losing the last write to a power cut is fine, waiting for the disk is not.
        query.exec(u"PRAGMA synchronous = OFF"_s);
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
    QJsonArray array;
    for (const WorkflowRun &run : runs) {
        QJsonObject json = run.toJson();
        QJsonObject extension {{u"source"_s, run.source}, {u"triggered_by"_s, run.triggeredBy},
            {u"source_run_id"_s, run.sourceRunId}, {u"is_simulation"_s, run.isSimulation},
            {u"is_dust_test"_s, run.isDustTest}};
        if (run.workflowVersion)
            extension.insert(u"workflow_version"_s, *run.workflowVersion);
        if (run.computeUnits)
            extension.insert(u"compute_units"_s, *run.computeUnits);
        json.insert(kExtension, extension);
        array.append(json);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

std::optional<QList<WorkflowRun>> RunCache::decode(const QByteArray &data)
{
    const auto document = parseResponse(data, false, QString(), nullptr);
    if (!document)
        return std::nullopt;
    const QJsonArray array = document->array();
    auto runs = workflowRunsFromArray(array, nullptr);
    if (!runs)
        return std::nullopt;
    // The items decoded in order; read what the wire format lacks from the same ones.
    for (qsizetype i = 0; i < runs->size(); ++i) {
        JsonReader extension(array.at(i).toObject().value(kExtension).toObject(), QString());
        WorkflowRun &run = (*runs)[i];
        run.source = extension.optionalString("source"_L1);
        run.triggeredBy = extension.optionalString("triggered_by"_L1);
        run.sourceRunId = extension.optionalString("source_run_id"_L1);
        run.isSimulation = extension.optionalBool("is_simulation"_L1).value_or(false);
        run.isDustTest = extension.optionalBool("is_dust_test"_L1).value_or(false);
        run.workflowVersion = extension.optionalInteger("workflow_version"_L1);
        run.computeUnits = extension.optionalNumber("compute_units"_L1);
        if (!extension.ok())
            return std::nullopt;
    }
    return runs;
}
