#pragma once

#include <array>
#include <functional>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include "runstatus.h"

struct WorkflowRun;

/**
 * What History keeps of a run: enough for trends (when, how it ended, how long, which workflow,
 * its error codes and compute units) and nothing else, so 100,000 of them stay small.
 */
struct HistoryRun
{
    QString connection; // the connection's key (its profile id)
    QString runId;
    qint64 createdMs = 0; // when it began (created, or started where nothing says created)
    qint64 startedMs = -1; // -1: unknown
    qint64 finishedMs = -1;
    RunStatus status = RunStatus::Unknown;
    QString workflowId; // the permanent id, the same over versions
    QString workflowTitle;
    QStringList errorCodes; // as far as they are known (list answers carry none)
    double computeUnits = -1; // B3OS `totalCu`; -1: none reported

    /** The run's time from start to finish, or -1 while unknown or still going. */
    qint64 durationMs() const
    {
        return startedMs >= 0 && finishedMs >= startedMs ? finishedMs - startedMs : -1;
    }
    static HistoryRun fromRun(const QString &connection, const WorkflowRun &run);
    bool operator==(const HistoryRun &other) const;
};

/** How wide one bar of History is. */
enum class HistoryBucketSize { Hour, Day };

/** One bar: the runs that began in [start, end), counted by status. */
struct HistoryBucket
{
    QDateTime start; // local time: days start at local midnight
    QDateTime end;
    std::array<int, int(RunStatus::Partial) + 1> counts {}; // by RunStatus
    int count(RunStatus status) const { return counts[std::size_t(status)]; }
    int runs = 0;
    int finished = 0; // ended one way or another (what a failure rate is out of)
    int failed = 0; // ended failing, partial included
    double computeUnits = 0;

    /** Failed runs out of finished ones, or -1 when none finished. */
    double failureRate() const { return finished > 0 ? double(failed) / finished : -1; }
};

/** One workflow's runs in the range: how many, how often they fail, how long they take. */
struct WorkflowHistory
{
    QString workflowId;
    QString title;
    int runs = 0;
    int finished = 0;
    int failed = 0;
    qint64 p50Ms = -1; // of runs with a known duration; -1 when none has one
    qint64 p95Ms = -1;
    double computeUnits = 0;
    int withComputeUnits = 0; // runs that reported units (none on Skyvern)
    double failureRate() const { return finished > 0 ? double(failed) / finished : -1; }
};

/** One error code in the range: how often, bar by bar, and when last. */
struct ErrorCodeHistory
{
    QString code;
    int runs = 0;
    QList<int> perBucket; // one count per bar of the summary
    QDateTime lastSeen;
};

/** Everything the History view draws, computed from stored runs by summarizeHistory(). */
struct HistorySummary
{
    QDateTime from; // local
    QDateTime to;
    HistoryBucketSize bucketSize = HistoryBucketSize::Day;
    QList<HistoryBucket> buckets;
    QList<WorkflowHistory> workflows; // most runs first
    QList<ErrorCodeHistory> errorCodes; // most runs first
    QList<RunStatus> statuses; // those present, in the order of allRunStatuses()
    int runs = 0;
    int finished = 0;
    int failed = 0;
    int failedWithCodes = 0; // failed runs whose error codes are known
    int withComputeUnits = 0;
    double computeUnits = 0;
    int maxBucketRuns = 0;
    double failureRate() const { return finished > 0 ? double(failed) / finished : -1; }
};

/** A slice of History to show in the run list: a time range, a status, a workflow, a code. */
struct HistorySlice
{
    QDateTime from; // invalid: no time bound
    QDateTime to;
    RunStatus status = RunStatus::Unknown; // Unknown: every status
    QString workflowId;
    QString errorCode;
};

/** The bucket size that gives a readable number of bars for a range. */
HistoryBucketSize bucketSizeFor(const QDateTime &from, const QDateTime &to);

/**
 * Counts runs that began in [from, to) into bars of `size` (aligned to the local hour or
 * day), per workflow (p50/p95 of durations: nearest rank) and per error code (the `maxCodes`
 * most frequent). Runs outside the range are left out.
 */
HistorySummary summarizeHistory(const QList<HistoryRun> &runs, const QDateTime &from,
    const QDateTime &to, HistoryBucketSize size, int maxCodes = 10);

/**
 * The runs History knows, per connection: every run a list loaded and every run "Load older
 * runs" read, updated as polls report changes. A plain in-memory collection with signals;
 * where it is kept between starts is the application's business (recorded / addStored).
 */
class RunHistory final : public QObject
{
    Q_OBJECT
public:
    using KeyOf = std::function<QString(const WorkflowRun &)>;

    explicit RunHistory(QObject *parent = nullptr);
    ~RunHistory() override;

    /** Which connection a run belongs to (the shown one, or the run's own in a merged list). */
    void setKeyOf(KeyOf keyOf) { m_keyOf = std::move(keyOf); }
    /** The connections History shows now. */
    void setScope(const QStringList &keys);
    QStringList scope() const { return m_scope; }

    /** Takes runs as a list loaded them; runs it knows are updated, error codes kept. */
    void record(const QList<WorkflowRun> &runs);
    /** A run's error codes, learned from its detail. */
    void recordErrorCodes(const WorkflowRun &run, const QStringList &codes);
    /** Whether a run's error codes are known (learned from its detail, now or before). */
    bool hasErrorCodes(const WorkflowRun &run) const;
    /** Runs read from storage for a connection; what was recorded since wins. */
    void addStored(const QString &key, const QList<HistoryRun> &runs);
    /** Whether a connection's stored runs were asked for (addStored, even with none). */
    bool hasStored(const QString &key) const { return m_storedKeys.contains(key); }

    /** summarizeHistory() over the scope's runs, without copying them. */
    HistorySummary summarize(const QDateTime &from, const QDateTime &to, HistoryBucketSize size,
        int maxCodes = 10) const;
    /** The runs of the scope's connections that began at or after `sinceMs`. */
    QList<HistoryRun> runs(qint64 sinceMs = 0) const;
    int size() const;
    /** When the oldest run of the scope began, or an invalid time when there is none. */
    QDateTime oldest() const;

signals:
    /** Runs were added or changed (to keep them: each as it is now). */
    void recorded(const QList<HistoryRun> &runs);
    /** What runs() answers changed. */
    void changed();
    /** A connection joined the scope whose stored runs were never asked for. */
    void storedWanted(const QString &key);

private:
    bool put(HistoryRun run, QList<HistoryRun> *changedRuns);

    KeyOf m_keyOf;
    QStringList m_scope;
    QSet<QString> m_storedKeys;
    // Per connection, its runs side by side (a summary reads 100,000 of them in a row) and
    // where each id is among them.
    struct Runs
    {
        QList<HistoryRun> runs;
        QHash<QString, qsizetype> index;
    };
    QHash<QString, Runs> m_runs;
};
