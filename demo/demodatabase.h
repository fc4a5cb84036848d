#pragma once

#include <optional>

#include <QHash>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>

#include "demorun.h"
#include "workflow.h"

/**
 * The demo server's state in a SQLite file: workflows with their parameters, runs with their
 * parameter values and errors. Filtering, search and paging happen in SQL, the way a real
 * server does them. Used from one thread only (the one that opened it).
 */
class DemoDatabase
{
public:
    DemoDatabase();
    ~DemoDatabase();
    DemoDatabase(const DemoDatabase &) = delete;
    DemoDatabase &operator=(const DemoDatabase &) = delete;

    bool open(const QString &path, QString *error);
    bool isEmpty() const;
    bool beginTransaction();
    bool commit();

    bool insertWorkflow(const Workflow &workflow, const QString &startUrl);
    bool insertRun(const DemoRun &run);
    bool updateRun(const DemoRun &run);

    QList<Workflow> workflows() const;
    std::optional<Workflow> workflow(const QString &workflowPermanentId) const;
    QString workflowStartUrl(const QString &workflowPermanentId) const;
    QList<DemoRun> listRuns(const DemoRunQuery &query) const;
    std::optional<DemoRun> run(const QString &runId) const;
    /** Runs the simulator moves on: created, queued and running. */
    QList<DemoRun> activeRuns() const;
    int runCount() const;
    /** The tags set on a run through the API (TagItem objects), or nullopt if none were. */
    std::optional<QJsonArray> setTags(const QString &runId) const;
    QHash<QString, QJsonArray> allSetTags() const;
    bool storeTags(const QString &runId, const QJsonArray &tags);
    /** Palette colours of grouped tags, by `key:value`. */
    QHash<QString, QString> tagColors() const;
    bool storeTagColor(const QString &key, const QString &value, const QString &color);
    QString lastError() const { return m_lastError; }

private:
    bool exec(const QString &sql);
    bool writeRun(const DemoRun &run, bool replace);
    QList<DemoRun> runsWhere(
        const QString &where, const QVariantList &bindings, const QString &tail) const;

    QString m_connectionName;
    QSqlDatabase m_db;
    mutable QString m_lastError;
};
