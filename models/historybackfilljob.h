#pragma once

#include <functional>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include "runquery.h"
#include "runsource.h"
#include "workflow.h"

/**
 * "Load older runs" of History: reads a source's list page by page, newest first, one request
 * at a time, until it reaches runs that began before `since` (or the list's end), handing each
 * page on as it comes. Then, since list answers carry no error codes, it asks for the detail
 * of each failed run whose codes are wanted, a few at a time. Cancel or a failed page keeps
 * what was read.
 */
class HistoryBackfillJob final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 100;
    static constexpr int kMaxRuns = 200000; // beyond this History would not draw in time
    static constexpr int kMaxConcurrent = 4; // detail requests at once, as the list's prefetcher
    static constexpr int kMaxCodeLookups
        = 2000; // one request each: a bound on what one click costs

    using CodesWanted = std::function<bool(const WorkflowRun &run)>;

    HistoryBackfillJob(RunSource *source, const QDateTime &since, QObject *parent = nullptr);
    ~HistoryBackfillJob() override;

    void setPageSize(int pageSize) { m_pageSize = qMax(1, pageSize); }
    void setMaxRuns(int maxRuns) { m_maxRuns = qMax(1, maxRuns); }
    /** Which failed runs' codes to look up (those not known yet); none: no lookups. */
    void setCodesWanted(CodesWanted wanted) { m_codesWanted = std::move(wanted); }
    void start();
    /** Stops asking; `canceled` follows at once. */
    void cancel();
    bool isRunning() const { return m_running; }
    QDateTime since() const { return m_since; }
    int runsRead() const { return m_runs; }
    /** Whether the server had no runs older than those read (it ended before `since`). */
    bool reachedEnd() const { return m_reachedEnd; }

signals:
    /** Runs of one page (those not handed on before). */
    void pageRead(const QList<WorkflowRun> &runs);
    /** How many runs were read and when the oldest of them began. */
    void progressed(int runs, const QDateTime &reached);
    /** A failed run's error codes, from its detail. */
    void codesRead(const WorkflowRun &run, const QStringList &codes);
    /** How many of the failed runs' details were asked for and answered. */
    void codesProgressed(int done, int total);
    /** The server is being asked again after a failure. */
    void waiting(const QString &message);
    /** Runs back to `since` are read (or the list ended before it). */
    void finished(int runs, const QDateTime &reached);
    /** It stopped; what was read is kept. One sentence says why. */
    void failed(const QString &message);
    void canceled();

private:
    void requestPage();
    void takePage(const ApiResult<RunPage> &result);
    void stop();
    void nextWorkflow();
    void lookUpCodes();
    void finish();

    QPointer<RunSource> m_source;
    QDateTime m_since;
    RunQuery m_query;
    QSet<QString> m_seen;
    QDateTime m_reached;
    RequestId m_pending = 0;
    int m_pageSize = kPageSize;
    int m_maxRuns = kMaxRuns;
    int m_runs = 0;
    bool m_running = false;
    bool m_reachedEnd = true;
    QMetaObject::Connection m_retrying;
    CodesWanted m_codesWanted;
    QStringList m_workflows; // still to read; one empty id: every workflow at once
    QList<WorkflowRun> m_codeQueue;
    QHash<QString, RequestId> m_codeRequests;
    int m_codesTotal = 0;
    int m_codesDone = 0;
};
