#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

/** A run of the second platform as the demo stores it, plus the simulator's plan. */
struct DemoPlatformRun
{
    QString id;
    QString workflowId;
    int workflowVersion = 1;
    QString status; // running, waiting, success, failure, cancelled
    QDateTime startedAt;
    QDateTime finishedAt;
    QString triggerSource;
    QString triggeredBy;
    QString sourceRunId;
    double totalCu = 0;
    bool isSimulation = false;
    bool isDustTest = false;
    int ticksLeft = 0; // until it ends, for active runs
    QString outcome; // how it ends
};

/** The second platform's runs in the demo's SQLite file; paging by limit and offset in SQL. */
class DemoPlatformStore
{
public:
    DemoPlatformStore();
    ~DemoPlatformStore();
    DemoPlatformStore(const DemoPlatformStore &) = delete;
    DemoPlatformStore &operator=(const DemoPlatformStore &) = delete;

    bool open(const QString &path, QString *error);
    bool isEmpty() const;
    bool insert(const QList<DemoPlatformRun> &runs);
    bool update(const DemoPlatformRun &run);
    /** One page, newest first; `hasMore` says whether rows follow it. */
    QList<DemoPlatformRun> list(const QString &workflowId, const QString &status, int limit,
        int offset, bool *hasMore) const;
    QList<DemoPlatformRun> active() const;
    QString lastError() const { return m_lastError; }

private:
    QList<DemoPlatformRun> select(const QString &where, const QVariantList &bindings) const;

    QString m_connectionName;
    QSqlDatabase m_db;
    mutable QString m_lastError;
};
