#include "runscommand.h"

#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include "runexportjob.h"
#include "runexportwriter.h"
#include "runformat.h"
#include "runsource.h"
#include "texttable.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kPageSize = 100; // the most a list page gives
constexpr int kFailureWidthOffTerminal = 60;
constexpr int kWorkflowWidth = 40;
constexpr int kMaxFailedPolls = 3; // in a row, each after the client's own retries

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void writeOut(const QString &text)
{
    writeOut(text.toUtf8());
}

/** Columns of the terminal standard output goes to; 0 when it is a pipe or a file. */
int terminalWidth()
{
    if (!::isatty(STDOUT_FILENO))
        return 0;
    winsize size {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0)
        return 0;
    return size.ws_col;
}

QString wireStatus(RunStatus status, const QString &statusText)
{
    return statusText.isEmpty() ? runStatusToWire(status) : statusText;
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? RunExportWriter::exportTime(time) : u"-"_s;
}

QString durationText(const QDateTime &started, const QDateTime &finished, RunStatus status)
{
    if (!started.isValid())
        return u"-"_s;
    const QDateTime end = finished.isValid()
        ? finished
        : (isActiveStatus(status) ? QDateTime::currentDateTimeUtc() : QDateTime());
    if (!end.isValid())
        return u"-"_s;
    return RunFormat::duration(qMax<qint64>(0, started.msecsTo(end)));
}

QString withoutStop(const QString &sentence)
{
    return sentence.endsWith(u'.') ? sentence.chopped(1) : sentence;
}
} // namespace

RunsCommand::RunsCommand(CliArguments arguments, RunSource *source, QObject *parent)
    : QObject(parent)
    , m_args(std::move(arguments))
    , m_source(source)
{ }

RunsCommand::~RunsCommand() = default;

void RunsCommand::start()
{
    switch (m_args.verb) {
    case CliArguments::Verb::List:
        list();
        break;
    case CliArguments::Verb::View:
        view();
        break;
    case CliArguments::Verb::Watch:
        watch();
        break;
    case CliArguments::Verb::Cancel:
        bulk(BulkJob::Kind::Cancel);
        break;
    case CliArguments::Verb::Retry:
        bulk(BulkJob::Kind::Retry);
        break;
    case CliArguments::Verb::Export:
        exportRuns();
        break;
    case CliArguments::Verb::None:
        finish(CliExit::kError, u"nothing to do."_s);
        break;
    }
}

void RunsCommand::interrupt()
{
    if (m_export)
        m_export->cancel();
    if (m_job)
        m_job->stop();
    if (m_pollTimer)
        m_pollTimer->stop();
}

void RunsCommand::finish(int exitStatus, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_pollTimer)
        m_pollTimer->stop();
    emit finished(exitStatus, error);
}

bool RunsCommand::makeQuery(RunQuery *query, QString *error) const
{
    const SourceFeatures features = m_source->features();
    const QString name = m_source->displayName();
    query->workflowPermanentId = m_args.workflow;
    query->filter = m_args.filter;
    if (query->workflowPermanentId.isEmpty() && !features.allWorkflowsScope)
        query->workflowPermanentId = features.defaultScope;
    const auto refuse = [&](const QString &what) {
        *error = u"%1 cannot filter by %2."_s.arg(name, what);
        return false;
    };
    if (!query->filter.searchKey.isEmpty() && !features.search)
        return refuse(u"text (--search)"_s);
    if (!query->filter.errorCode.isEmpty() && !features.errorCode)
        return refuse(u"error code (--error-code)"_s);
    if (!query->filter.tags.isEmpty() && !features.tagFilter)
        return refuse(u"tag (--tag)"_s);
    for (RunStatus status : std::as_const(query->filter.statuses)) {
        if (!features.statuses.contains(status))
            return refuse(u"the status %1"_s.arg(runStatusToWire(status)));
    }
    if (features.maxStatuses >= 0 && query->filter.statuses.size() > features.maxStatuses)
        return refuse(u"more than %1 status at once"_s.arg(features.maxStatuses));
    if (query->filter.needsEveryRunType()
        && (!query->filter.errorCode.isEmpty() || query->filter.hasCreatedRange())) {
        *error = u"--error-code and --tag cannot be used together (the server's list of every "
                 "run type has no error-code filter)."_s;
        return false;
    }
    return true;
}

// ---- list

void RunsCommand::list()
{
    RunQuery query;
    QString error;
    if (!makeQuery(&query, &error)) {
        finish(CliExit::kError, error);
        return;
    }
    query.pageSize = qMin(m_args.limit, kPageSize);
    query.page = 1;
    listPage(query);
}

void RunsCommand::listPage(RunQuery query)
{
    m_source->listRuns(query, this, [this, query](const ApiResult<RunPage> &result) {
        if (!result.ok()) {
            finish(CliExit::kError, result.error.message);
            return;
        }
        for (const WorkflowRun &run : result.value.runs) {
            // A run that new ones pushed onto the next page is listed once.
            if (m_runs.size() < m_args.limit && !m_seen.contains(run.workflowRunId)) {
                m_seen.insert(run.workflowRunId);
                m_runs.append(run);
            }
        }
        if (m_runs.size() >= m_args.limit || result.value.isLastPage()
            || result.value.runs.isEmpty()) {
            printRuns();
            finish(CliExit::kOk);
            return;
        }
        RunQuery next = query;
        ++next.page;
        listPage(next);
    });
}

void RunsCommand::printRuns() const
{
    if (m_args.json) {
        QJsonArray array;
        for (const WorkflowRun &run : m_runs)
            array.append(run.toJson());
        writeOut(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return;
    }
    if (m_runs.isEmpty()) {
        writeOut(u"No runs match.\n"_s);
        return;
    }
    const int width = terminalWidth();
    TextTable table(
        {u"STATUS"_s, u"WORKFLOW"_s, u"CREATED"_s, u"DURATION"_s, u"RUN ID"_s, u"FAILURE"_s});
    for (const WorkflowRun &run : m_runs) {
        const QString workflow
            = run.workflowTitle.isEmpty() ? run.workflowPermanentId : run.workflowTitle;
        table.addRow({wireStatus(run.status, run.statusText),
            TextTable::fit(workflow, kWorkflowWidth), timeText(run.orderTime()),
            durationText(run.startedAt, run.finishedAt, run.status), run.workflowRunId,
            TextTable::fit(run.failureReason, width > 0 ? -1 : kFailureWidthOffTerminal)});
    }
    writeOut(table.render(width));
}

// ---- view

void RunsCommand::view()
{
    const QString id = m_args.runIds.constFirst();
    m_source->getRun(id, this, [this](const ApiResult<RunDetail> &result) {
        if (!result.ok()) {
            finish(CliExit::kError, result.error.message);
            return;
        }
        const RunDetail &run = result.value;
        if (m_args.json) {
            writeOut(QJsonDocument(run.toJson()).toJson(QJsonDocument::Indented));
            finish(CliExit::kOk);
            return;
        }
        const QString workflow = run.runRequest.value("workflow_id"_L1).toString();
        if (workflow.isEmpty() || !m_source->features().allWorkflowsScope) {
            printDetail(run, run.listing.value("workflow_title"_L1).toString());
            return;
        }
        // The detail names its workflow by id only; the workflow list has its title.
        m_source->listWorkflows(
            this, [this, run, workflow](const ApiResult<QList<Workflow>> &workflows) {
                QString title;
                for (const Workflow &each : workflows.value) {
                    if (each.workflowPermanentId == workflow)
                        title = each.title;
                }
                printDetail(run, title);
            });
    });
}

void RunsCommand::printDetail(const RunDetail &run, const QString &workflowTitle)
{
    QList<std::pair<QString, QString>> lines;
    const auto add = [&lines](const QString &name, const QString &value) {
        if (!value.isEmpty())
            lines.append({name, value});
    };
    add(u"Run"_s, run.runId);
    add(u"Type"_s, run.runType);
    add(u"Status"_s, wireStatus(run.status, run.statusText));
    add(u"Title"_s, run.runRequest.value("title"_L1).toString());
    QString workflow = run.runRequest.value("workflow_id"_L1).toString();
    if (workflow.isEmpty()) // a platform's run, known from its listing
        workflow = run.listing.value("workflow_permanent_id"_L1).toString();
    add(u"Workflow"_s,
        workflowTitle.isEmpty() || workflow.isEmpty()
            ? (workflow.isEmpty() ? workflowTitle : workflow)
            : u"%1 (%2)"_s.arg(workflowTitle, workflow));
    add(u"Created"_s, run.createdAt.isValid() ? timeText(run.createdAt) : QString());
    add(u"Started"_s, run.startedAt.isValid() ? timeText(run.startedAt) : QString());
    add(u"Finished"_s, run.finishedAt.isValid() ? timeText(run.finishedAt) : QString());
    const QString duration = durationText(run.startedAt, run.finishedAt, run.status);
    add(u"Duration"_s, duration == u"-"_s ? QString() : duration);
    add(u"Failure"_s, run.failureReason.simplified());
    QStringList codes;
    for (const RunError &error : run.errors) {
        if (!error.errorCode.isEmpty() && !codes.contains(error.errorCode))
            codes.append(error.errorCode);
    }
    add(u"Error codes"_s, codes.join(u", "_s));
    if (run.stepCount)
        add(u"Steps"_s, QString::number(*run.stepCount));
    add(u"App"_s, run.appUrl);
    add(u"Recording"_s, run.recordingUrl);
    if (!run.screenshotUrls.isEmpty())
        add(u"Screenshots"_s, QString::number(run.screenshotUrls.size()));
    for (const DownloadedFile &file : run.downloadedFiles)
        add(u"File"_s, file.filename.isEmpty() ? file.url : file.filename);
    qsizetype nameWidth = 0;
    for (const auto &line : std::as_const(lines))
        nameWidth = qMax(nameWidth, line.first.size());
    QString out;
    for (const auto &line : std::as_const(lines))
        out += line.first.leftJustified(nameWidth + 2, u' ') + line.second + u'\n';
    writeOut(out);
    finish(CliExit::kOk);
}

// ---- watch

void RunsCommand::watch()
{
    m_pollTimer = new QTimer(this);
    m_pollTimer->setSingleShot(true);
    m_pollTimer->setInterval(int(m_args.intervalSeconds * 1000));
    connect(m_pollTimer, &QTimer::timeout, this, &RunsCommand::poll);
    poll();
}

void RunsCommand::poll()
{
    const QString id = m_args.runIds.constFirst();
    m_source->getRun(id, this, [this, id](const ApiResult<RunDetail> &result) {
        if (m_finished)
            return;
        if (!result.ok()) {
            // A run that is not there, or a server that keeps failing, ends the watch; one
            // lost answer on a long watch does not.
            if (!m_sawRun || result.error.kind == ApiError::Kind::NotFound
                || result.error.kind == ApiError::Kind::Auth
                || ++m_failedPolls >= kMaxFailedPolls) {
                finish(CliExit::kError, result.error.message);
                return;
            }
            m_pollTimer->start();
            return;
        }
        m_failedPolls = 0;
        const RunDetail &run = result.value;
        if (!m_sawRun || run.status != m_lastStatus) {
            QString line = RunExportWriter::exportTime(QDateTime::currentDateTime()) + u"  "_s + id
                + u"  "_s + wireStatus(run.status, run.statusText);
            if (!isActiveStatus(run.status) && !run.failureReason.isEmpty())
                line += u"  "_s + TextTable::fit(run.failureReason, 200);
            writeOut(line + u'\n');
        }
        m_sawRun = true;
        m_lastStatus = run.status;
        if (isActiveStatus(run.status)) {
            m_pollTimer->start();
            return;
        }
        finish(run.status == RunStatus::Completed ? CliExit::kOk : CliExit::kRunNotCompleted);
    });
}

// ---- cancel, retry

void RunsCommand::bulk(BulkJob::Kind kind)
{
    // Each run is looked at first: cancelling needs to know it is active, and a lost retry is
    // looked for among the runs of its workflow.
    m_lookupsPending = int(m_args.runIds.size());
    for (const QString &id : std::as_const(m_args.runIds)) {
        m_source->getRun(id, this, [this, id, kind](const ApiResult<RunDetail> &result) {
            if (result.ok())
                m_details.insert(id, result.value);
            else
                m_lookupErrors.insert(id, result.error.message);
            if (!result.ok() && result.error.kind != ApiError::Kind::NotFound
                && result.error.kind != ApiError::Kind::Validation) {
                // The server failing is the command failing, not one run.
                finish(CliExit::kError, result.error.message);
                return;
            }
            if (--m_lookupsPending == 0 && !m_finished)
                startBulk(kind);
        });
    }
}

void RunsCommand::startBulk(BulkJob::Kind kind)
{
    QList<BulkJob::Item> items;
    for (const QString &id : std::as_const(m_args.runIds)) {
        if (!m_details.contains(id))
            continue;
        const RunDetail &run = m_details.value(id);
        BulkJob::Item item;
        item.runId = id;
        item.status = run.status;
        item.runType = run.runType;
        item.title = run.runRequest.value("title"_L1).toString();
        item.workflowPermanentId = run.runRequest.value("workflow_id"_L1).toString();
        if (item.workflowPermanentId.isEmpty())
            item.workflowPermanentId = run.listing.value("workflow_permanent_id"_L1).toString();
        items.append(item);
    }
    if (items.isEmpty()) {
        BulkJob none(kind, m_source, {});
        printBulk(none);
        return;
    }
    m_job = new BulkJob(kind, m_source, items, this);
    connect(m_job, &BulkJob::finished, this, [this] { printBulk(*m_job); });
    m_job->start();
}

void RunsCommand::printBulk(const BulkJob &job)
{
    const bool cancel = job.kind() == BulkJob::Kind::Cancel;
    QHash<QString, const BulkJob::Item *> byId;
    for (const BulkJob::Item &item : job.items())
        byId.insert(item.runId, &item);
    QJsonArray array;
    TextTable table({u"RUN ID"_s, u"OUTCOME"_s, cancel ? u"DETAIL"_s : u"NEW RUN"_s,
        cancel ? QString() : u"DETAIL"_s});
    int missed = 0;
    for (const QString &id : std::as_const(m_args.runIds)) {
        QString outcome = u"failed"_s;
        QString message = withoutStop(m_lookupErrors.value(id));
        QString newRun;
        if (const BulkJob::Item *item = byId.value(id)) {
            message = withoutStop(item->result);
            newRun = item->newRunId;
            if (item->state == BulkJob::State::Done)
                outcome = cancel ? u"canceled"_s : u"retried"_s;
            else if (item->state == BulkJob::State::Skipped)
                outcome = u"skipped"_s;
        }
        if (outcome == u"failed"_s || outcome == u"skipped"_s)
            ++missed;
        if (m_args.json) {
            QJsonObject entry {{u"run_id"_s, id}, {u"outcome"_s, outcome}, {u"message"_s, message}};
            if (!cancel)
                entry.insert(u"new_run_id"_s, newRun.isEmpty() ? QJsonValue() : QJsonValue(newRun));
            array.append(entry);
        } else if (cancel) {
            table.addRow({id, outcome, message});
        } else {
            table.addRow({id, outcome, newRun.isEmpty() ? u"-"_s : newRun, message});
        }
    }
    writeOut(m_args.json ? QJsonDocument(array).toJson(QJsonDocument::Indented)
                         : table.render(terminalWidth()).toUtf8());
    if (missed == 0) {
        finish(CliExit::kOk);
        return;
    }
    const int total = int(m_args.runIds.size());
    finish(CliExit::kRunNotCompleted,
        u"%1 of %2 %3 not %4."_s.arg(QString::number(missed), QString::number(total),
            total == 1 ? u"run was"_s : u"runs were"_s, cancel ? u"cancelled"_s : u"retried"_s));
}

// ---- export

void RunsCommand::exportRuns()
{
    RunQuery query;
    QString error;
    if (!makeQuery(&query, &error)) {
        finish(CliExit::kError, error);
        return;
    }
    QString path = m_args.output;
    if (path.isEmpty()) {
        // QSaveFile needs a file beside which to write; standard output gets it once whole.
        m_exportDir = std::make_unique<QTemporaryDir>();
        if (!m_exportDir->isValid()) {
            finish(CliExit::kError,
                u"no temporary folder to export into: %1."_s.arg(m_exportDir->errorString()));
            return;
        }
        path = m_exportDir->filePath(u"runs"_s);
    }
    const RunExportWriter writer(m_args.format == u"csv"_s ? RunExportWriter::Format::Csv
                                                           : RunExportWriter::Format::JsonLines,
        RunExportWriter::Fields::Every);
    m_export = new RunExportJob(m_source, query, writer, path, this);
    connect(m_export, &RunExportJob::finished, this, [this](int runs, const QString &written) {
        if (m_args.output.isEmpty()) {
            QFile file(written);
            if (!file.open(QIODevice::ReadOnly)) {
                finish(CliExit::kError,
                    u"the export could not be read back: %1."_s.arg(file.errorString()));
                return;
            }
            while (!file.atEnd())
                writeOut(file.read(1 << 20));
        } else {
            writeOut(u"Wrote %1 %2 to %3.\n"_s.arg(
                QString::number(runs), runs == 1 ? u"run"_s : u"runs"_s, written));
        }
        finish(CliExit::kOk);
    });
    connect(m_export, &RunExportJob::failed, this,
        [this](const QString &message) { finish(CliExit::kError, message); });
    connect(m_export, &RunExportJob::canceled, this,
        [this] { finish(CliExit::kInterrupted, QString()); });
    m_export->start();
}
