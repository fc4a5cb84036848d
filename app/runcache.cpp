#include "runcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

namespace {
// Bumped whenever the encoding changes; lists saved in another format are ignored.
// 2: runs of every platform, read leniently (1 required Skyvern's fields of every run).
constexpr int kFormat = 2;
const auto kExtension = "runwatch"_L1;
} // namespace

RunCache::RunCache(QString path)
    : m_file(std::move(path),
        {u"CREATE TABLE IF NOT EXISTS saved_lists (view_key TEXT PRIMARY KEY, "
         "format INTEGER NOT NULL, saved_at INTEGER NOT NULL, runs BLOB NOT NULL)"_s})
{ }

RunCache::~RunCache() = default;

bool RunCache::open(QString *error)
{
    return m_file.open(u"the saved run lists"_s, error);
}

bool RunCache::save(
    const QString &viewKey, const QList<WorkflowRun> &runs, const QDateTime &savedAt)
{
    if (!isOpen())
        return false;
    QSqlQuery query(m_file.database());
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
    QSqlQuery query(m_file.database());
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
            {u"status"_s, runStatusName(run.status)},
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
        run->status = runStatusFromName(extension.optionalString("status"_L1));
        run->triggerType = triggerTypeFromWire(extension.optionalString("trigger"_L1));
        if (extension.ok())
            runs.append(std::move(*run));
    }
    return runs;
}
