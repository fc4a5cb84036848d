#include "runexportjob.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include "modellog.h"
#include "runlistmodel.h"

RunExportJob::RunExportJob(RunSource *source, const RunQuery &query, const RunExportWriter &writer,
    const QString &path, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_query(query)
    , m_writer(writer)
    , m_path(path)
{
    // "The last hour" is the hour before the export began: measured again for every page, the
    // window would slide while paging and runs would fall off its far end.
    if (m_query.filter.createdWithinSeconds > 0) {
        m_query.filter.createdAfter
            = m_query.filter.effectiveCreatedAfter(QDateTime::currentDateTimeUtc());
        m_query.filter.createdWithinSeconds = 0;
    }
}

RunExportJob::~RunExportJob()
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
    // An unfinished QSaveFile removes its temporary file as it goes.
}

void RunExportJob::start()
{
    if (m_file)
        return;
    if (!m_source) {
        emit failed(tr("There is no connection to export from."));
        return;
    }
    m_runs = 0;
    m_pages = 0;
    m_written.clear();
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString why = m_file->errorString();
        m_file.reset();
        emit failed(tr("%1 cannot be written: %2.").arg(QDir::toNativeSeparators(m_path), why));
        return;
    }
    const QByteArray header = m_writer.header();
    if (!header.isEmpty() && m_file->write(header) != header.size()) {
        fail(tr("%1 cannot be written: %2.")
                 .arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
        return;
    }
    m_retrying
        = connect(m_source, &RunSource::retrying, this, [this](const ApiError &error, int delayMs) {
              emit waiting(tr("%1 Asking again in %n s.", nullptr, qMax(1, (delayMs + 999) / 1000))
                               .arg(error.message));
          });
    m_query.page = 1;
    m_query.pageSize = m_pageSize;
    requestPage();
}

void RunExportJob::requestPage()
{
    m_pending = m_source->listRuns(m_query, this, [this](const ApiResult<RunPage> &result) {
        m_pending = 0;
        takePage(result);
    });
}

void RunExportJob::takePage(const ApiResult<RunPage> &result)
{
    if (!m_file)
        return;
    if (!result.ok()) {
        fail(tr("The export stopped at page %1 and nothing was saved: %2")
                 .arg(m_query.page)
                 .arg(result.error.message));
        return;
    }
    const RunPage &page = result.value;
    // A connection of a merged list that failed is missing from this page and every later one:
    // the file would look whole and not be.
    if (!page.partialErrors.isEmpty()) {
        fail(tr("The export stopped at page %1 and nothing was saved: %2")
                 .arg(m_query.page)
                 .arg(page.partialErrors.constFirst().message));
        return;
    }
    QByteArray bytes;
    bytes.reserve(page.runs.size() * 512);
    for (const WorkflowRun &run : page.runs) {
        // New runs at the top push older ones down a page: each is written once.
        const QString key = RunListModel::rowKey(run);
        if (m_written.contains(key))
            continue;
        if (m_runs >= m_maxRuns) {
            fail(tr("More than %L1 runs match; narrow the filter and export again. Nothing "
                    "was saved.")
                     .arg(m_maxRuns));
            return;
        }
        m_written.insert(key);
        m_writer.appendRun(run, bytes);
        ++m_runs;
    }
    if (m_file->write(bytes) != bytes.size()) {
        fail(tr("%1 cannot be written: %2.")
                 .arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
        return;
    }
    m_pages = m_query.page;
    qCDebug(lcModel) << "export: page" << m_pages << "written," << m_runs << "runs";
    emit progressed(m_runs, m_pages);
    if (page.isLastPage()) {
        if (!m_file->commit()) {
            const QString why = m_file->errorString();
            discard();
            emit failed(tr("%1 cannot be written: %2.").arg(QDir::toNativeSeparators(m_path), why));
            return;
        }
        m_file.reset();
        disconnect(m_retrying);
        emit finished(m_runs, m_path);
        return;
    }
    if (m_query.filter.needsEveryRunType() && m_source->features().runTypes
        && m_query.page >= kMaxEveryRunTypePages) {
        fail(tr("The server lists at most %L1 runs filtered by tag or type; narrow the filter "
                "and export again. Nothing was saved.")
                 .arg(kMaxEveryRunTypePages * m_pageSize));
        return;
    }
    ++m_query.page;
    requestPage();
}

void RunExportJob::discard()
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
    m_pending = 0;
    disconnect(m_retrying);
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset(); // removes the temporary file
    }
}

void RunExportJob::fail(const QString &message)
{
    discard();
    qCInfo(lcModel).noquote() << "export failed:" << message;
    emit failed(message);
}

void RunExportJob::cancel()
{
    if (!m_file)
        return;
    discard();
    emit canceled();
}
