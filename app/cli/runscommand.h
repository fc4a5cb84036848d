#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTemporaryDir>

#include "bulkjob.h"
#include "cliarguments.h"
#include "runquery.h"

class RunExportJob;
class RunSource;
class QTimer;

/**
 * Does what `runwatch-cli runs <verb>` asked of a source and prints the outcome: a table for
 * people or JSON for programs on standard output. Ends with `finished`: the exit status and,
 * for a failure, the one sentence to print on standard error.
 */
class RunsCommand final : public QObject
{
    Q_OBJECT
public:
    RunsCommand(CliArguments arguments, RunSource *source, QObject *parent = nullptr);
    ~RunsCommand() override;

    void start();
    /** Ctrl+C: stops what is under way (an export leaves no file behind). */
    void interrupt();

signals:
    void finished(int exitStatus, const QString &error);

private:
    /** The query of list and export, or an error when the source cannot apply the filter. */
    bool makeQuery(RunQuery *query, QString *error) const;
    void list();
    void listPage(RunQuery query);
    void printRuns() const;
    void view();
    void printDetail(const RunDetail &run, const QString &workflowTitle);
    void watch();
    void poll();
    void bulk(BulkJob::Kind kind);
    void startBulk(BulkJob::Kind kind);
    void printBulk(const BulkJob &job);
    void exportRuns();
    void finish(int exitStatus, const QString &error = {});

    CliArguments m_args;
    QPointer<RunSource> m_source;
    bool m_finished = false;
    // list
    QList<WorkflowRun> m_runs;
    QSet<QString> m_seen;
    // watch
    QTimer *m_pollTimer = nullptr;
    RunStatus m_lastStatus = RunStatus::Unknown;
    bool m_sawRun = false;
    int m_failedPolls = 0;
    // cancel, retry: what each run id was found to be (or why it was not)
    QHash<QString, RunDetail> m_details;
    QHash<QString, QString> m_lookupErrors;
    int m_lookupsPending = 0;
    QPointer<BulkJob> m_job;
    // export
    QPointer<RunExportJob> m_export;
    std::unique_ptr<QTemporaryDir> m_exportDir;
};
