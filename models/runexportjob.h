#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include "runexportwriter.h"
#include "runquery.h"
#include "runsource.h"

class QSaveFile;

/**
 * Exports every run of a query, not only the loaded ones: reads the source page by page, one
 * request at a time, and writes each page as it comes into a QSaveFile, so the file appears
 * whole at the end or not at all (cancelled, a failed page, a disk full). A run that a new
 * one pushed onto the next page is written once.
 */
class RunExportJob final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 100; // the most every source's lists give at once
    static constexpr int kMaxRuns = 1000000; // beyond this a filter was meant, not an export
    static constexpr int kMaxEveryRunTypePages = 100; // `GET /v1/runs` stops at page 100

    RunExportJob(RunSource *source, const RunQuery &query, const RunExportWriter &writer,
        const QString &path, QObject *parent = nullptr);
    ~RunExportJob() override;

    void setMaxRuns(int maxRuns) { m_maxRuns = qMax(1, maxRuns); }
    void setPageSize(int pageSize) { m_pageSize = qMax(1, pageSize); }
    /** Opens the file and asks for the first page; the answer comes as one of the signals. */
    void start();
    /** Stops asking, drops what was written; `canceled` follows at once. */
    void cancel();
    bool isRunning() const { return m_file != nullptr; }
    int runsWritten() const { return m_runs; }
    int pagesRead() const { return m_pages; }
    QString path() const { return m_path; }
    /** The query pages are asked with (a relative time window fixed to when it started). */
    RunQuery query() const { return m_query; }

signals:
    void progressed(int runs, int pages);
    /** The server is being asked again after a failure (its own retries, not a new page). */
    void waiting(const QString &message);
    /** The file is in place with this many runs. */
    void finished(int runs, const QString &path);
    /** Nothing was kept; one sentence says why. */
    void failed(const QString &message);
    void canceled();

private:
    void requestPage();
    void takePage(const ApiResult<RunPage> &result);
    void fail(const QString &message);
    void discard();

    QPointer<RunSource> m_source;
    RunQuery m_query;
    RunExportWriter m_writer;
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    QSet<QString> m_written; // row keys (source and id) of the runs in the file
    RequestId m_pending = 0;
    int m_pageSize = kPageSize;
    int m_maxRuns = kMaxRuns;
    int m_runs = 0;
    int m_pages = 0;
    QMetaObject::Connection m_retrying;
};
