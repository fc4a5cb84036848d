#include "runlistmodel.h"

#include <algorithm>

#include <QSet>

#include "modellog.h"
#include "runformat.h"
#include "tagpalette.h"

using namespace Qt::StringLiterals;

RunListModel::RunListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

RunListModel::~RunListModel()
{
    if (m_source && m_pendingRequest)
        m_source->cancelRequest(m_pendingRequest);
    if (m_source && m_refreshRequest)
        m_source->cancelRequest(m_refreshRequest);
}

void RunListModel::setSource(RunSource *source)
{
    if (source == m_source)
        return;
    if (m_source && m_pendingRequest)
        m_source->cancelRequest(m_pendingRequest);
    if (m_source && m_refreshRequest)
        m_source->cancelRequest(m_refreshRequest);
    m_refreshRequest = 0;
    m_refreshAgain = false;
    setPending(0);
    // The state is the new source's before any row signal: a view (or the model tester) may
    // call fetchMore from inside a reset, and that must not ask the old source for a page.
    m_loadedPages = 0;
    m_exhausted = false;
    m_lastError = ApiError();
    m_source = source;
    // Rows of another server would be misleading while the new one loads; saved rows were put
    // there for the source that comes now.
    const bool keepSaved = m_showingSaved && source;
    if (!keepSaved)
        clearRows();
    reload();
}

void RunListModel::setPageSize(int pageSize)
{
    m_pageSize = qMax(1, pageSize);
}

void RunListModel::setScope(const QString &workflowPermanentId)
{
    if (workflowPermanentId == m_scope)
        return;
    m_scope = workflowPermanentId;
    if (m_showingSaved)
        clearRows(); // saved for another view
    reload();
}

void RunListModel::setFilter(const RunFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    if (m_showingSaved)
        clearRows();
    reload();
}

void RunListModel::clearRows()
{
    m_showingSaved = false;
    if (m_runs.isEmpty())
        return;
    beginResetModel();
    m_runs.clear();
    m_rowById.clear();
    endResetModel();
}

void RunListModel::showSaved(const QList<WorkflowRun> &runs)
{
    if (m_loadedPages > 0 || runs.isEmpty())
        return;
    m_showingSaved = true; // before the reset, like the paging state
    replaceRows(runs);
}

void RunListModel::replaceRows(const QList<WorkflowRun> &runs)
{
    beginResetModel();
    m_runs.clear();
    m_rowById.clear();
    QSet<QString> runIds;
    for (const WorkflowRun &run : runs) {
        if (m_rowById.contains(rowKey(run)))
            continue; // a server may list a run twice
        m_rowById.insert(rowKey(run), int(m_runs.size()));
        m_runs.append(run);
        runIds.insert(run.workflowRunId);
    }
    // Codes of runs that left the list would only grow with every filter tried.
    for (auto it = m_errorCodes.begin(); it != m_errorCodes.end();) {
        if (!runIds.contains(it.key()))
            it = m_errorCodes.erase(it);
        else
            ++it;
    }
    for (auto it = m_learnedReasons.begin(); it != m_learnedReasons.end();) {
        if (!runIds.contains(it.key()))
            it = m_learnedReasons.erase(it);
        else
            ++it;
    }
    for (auto it = m_tags.begin(); it != m_tags.end();) {
        if (!runIds.contains(it.key()))
            it = m_tags.erase(it);
        else
            ++it;
    }
    endResetModel();
    if (m_source)
        m_source->retainRuns(runIds);
}

void RunListModel::reload()
{
    request(1);
}

void RunListModel::setPending(RequestId id)
{
    const bool wasLoading = m_pendingRequest != 0;
    m_pendingRequest = id;
    if (wasLoading != (id != 0))
        emit loadingChanged(id != 0);
}

void RunListModel::request(int page)
{
    if (!m_source)
        return;
    // A newer request supersedes the older one: its answer could only be stale.
    if (m_pendingRequest)
        m_source->cancelRequest(m_pendingRequest);
    RunQuery query;
    query.workflowPermanentId = m_scope;
    query.filter = m_filter;
    query.page = page;
    query.pageSize = m_pageSize;
    if (page == 1) {
        if (m_refreshRequest)
            m_source->cancelRequest(m_refreshRequest);
        m_refreshRequest = 0;
        m_refreshAgain = false; // the first page is as fresh as a poll
    }
    setPending(m_source->listRuns(query, this, [this](const ApiResult<RunPage> &result) {
        setPending(0);
        if (!result.ok()) {
            m_refreshAgain = false; // the next poll will try again
            m_lastError = result.error;
            qCInfo(lcModel).noquote() << "page not loaded:" << result.error.message;
            emit requestFailed(result.error);
            return;
        }
        m_lastError = ApiError();
        applyPage(result.value);
        if (m_refreshAgain)
            refresh();
    }));
}

void RunListModel::applyPage(const RunPage &page)
{
    emit runsReceived(page.runs);
    // Paging state first: fetchMore may be called from inside the row signals below.
    m_loadedPages = page.query.page;
    m_exhausted = page.isLastPage();
    m_partialErrors = page.partialErrors;
    m_notes = page.notes;
    if (page.query.page == 1) {
        m_showingSaved = false;
        replaceRows(page.runs);
    } else {
        // New runs at the top shift later pages; skip rows we already show.
        QList<WorkflowRun> fresh;
        for (const WorkflowRun &run : page.runs) {
            if (!m_rowById.contains(rowKey(run)))
                fresh.append(run);
        }
        if (!fresh.isEmpty()) {
            const int first = int(m_runs.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            for (const WorkflowRun &run : std::as_const(fresh)) {
                m_rowById.insert(rowKey(run), int(m_runs.size()));
                m_runs.append(run);
            }
            endInsertRows();
        }
    }
    qCDebug(lcModel) << "page" << m_loadedPages << "applied:" << m_runs.size() << "rows"
                     << (m_exhausted ? "(all)" : "");
    emit pageLoaded(m_loadedPages, int(m_runs.size()), m_exhausted);
}

void RunListModel::setErrorCodes(const QString &runId, const QStringList &codes)
{
    const auto known = m_errorCodes.constFind(runId);
    if (known != m_errorCodes.cend() && *known == codes)
        return;
    m_errorCodes.insert(runId, codes);
    const int row = rowOfRun(runId);
    if (row >= 0)
        emit dataChanged(index(row, ErrorCodesColumn), index(row, ErrorCodesColumn));
}

void RunListModel::fillFailureReason(const QString &runId, const QString &reason)
{
    const int row = rowOfRun(runId);
    if (row < 0 || reason.isEmpty() || !m_runs.at(row).failureReason.isEmpty()
        || m_learnedReasons.value(runId) == reason)
        return;
    m_learnedReasons.insert(runId, reason);
    emit dataChanged(index(row, FailureReasonColumn), index(row, FailureReasonColumn));
}

void RunListModel::setTags(const QHash<QString, QList<RunTag>> &tags)
{
    for (auto it = tags.cbegin(); it != tags.cend(); ++it) {
        const auto known = m_tags.constFind(it.key());
        if (known != m_tags.cend() && *known == it.value())
            continue;
        m_tags.insert(it.key(), it.value());
        const int row = rowOfRun(it.key());
        if (row >= 0)
            emit dataChanged(index(row, TagsColumn), index(row, TagsColumn));
    }
}

void RunListModel::setTagColors(const TagColorNames &names)
{
    if (names == m_tagColors)
        return;
    m_tagColors = names;
    if (!m_runs.isEmpty())
        emit dataChanged(index(0, TagsColumn), index(rowCount() - 1, TagsColumn), {TagColorsRole});
}

QStringList RunListModel::errorCodes(const QString &runId) const
{
    return m_errorCodes.value(runId);
}

void RunListModel::setWorkflowTitles(const QHash<QString, QString> &titles)
{
    if (titles == m_workflowTitles)
        return;
    m_workflowTitles = titles;
    if (!m_runs.isEmpty())
        emit dataChanged(index(0, WorkflowColumn), index(rowCount() - 1, WorkflowColumn));
}

QString RunListModel::rowKey(const WorkflowRun &run)
{
    return run.source.isEmpty() ? run.workflowRunId : run.source + u'\n' + run.workflowRunId;
}

const WorkflowRun *RunListModel::runAt(int row) const
{
    if (row < 0 || row >= m_runs.size())
        return nullptr;
    return &m_runs.at(row);
}

int RunListModel::rowOfRun(const QString &runId) const
{
    const int row = m_rowById.value(runId, -1);
    if (row >= 0)
        return row;
    // Runs of a merged list are keyed by their source too.
    const auto it = std::find_if(m_runs.cbegin(), m_runs.cend(),
        [&runId](const WorkflowRun &run) { return run.workflowRunId == runId; });
    return it == m_runs.cend() ? -1 : int(it - m_runs.cbegin());
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

template<typename Clock>
qint64 durationMs(const WorkflowRun &run, Clock now)
{
    if (!run.startedAt.isValid())
        return -1;
    const QDateTime end = run.finishedAt.isValid()
        ? run.finishedAt
        : (isActiveStatus(run.status) ? now() : run.modifiedAt);
    return qMax<qint64>(0, run.startedAt.msecsTo(end));
}

} // namespace

QModelIndex RunListModel::index(int row, int column, const QModelIndex &parent) const
{
    // The base class asks rowCount() and columnCount() through virtual calls each time; a
    // sort of 100,000 rows asks for millions of indexes.
    if (parent.isValid() || row < 0 || row >= m_runs.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column);
}

std::optional<qint64> RunListModel::sortKey(int row, int column) const
{
    if (row < 0 || row >= m_runs.size())
        return std::nullopt;
    const WorkflowRun &run = m_runs.at(row);
    switch (column) {
    case StatusColumn:
        return qint64(run.status);
    case CreatedColumn:
        return run.createdAt.toMSecsSinceEpoch();
    case StartedColumn:
        return run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() : qint64(-1);
    case DurationColumn:
        return durationMs(run, [] { return QDateTime::currentDateTimeUtc(); });
    default:
        return std::nullopt;
    }
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WorkflowRun &run = m_runs.at(index.row());
    // Reading the clock is not free and most cells never need it.
    const auto now = [] { return QDateTime::currentDateTimeUtc(); };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return RunFormat::statusText(run.status, run.statusText);
        case WorkflowColumn:
            return workflowTitleOf(run);
        case RunIdColumn:
            return run.workflowRunId;
        case TriggerColumn:
            return RunFormat::triggerText(run.triggerType, run.triggerText);
        case CreatedColumn:
            // A dash, not a blank: the source does not say, which is not the same as "never".
            return run.createdAt.isValid() ? RunFormat::localTime(run.createdAt, now()) : u"—"_s;
        case StartedColumn:
            return RunFormat::localTime(run.startedAt, now());
        case DurationColumn:
            return RunFormat::duration(durationMs(run, now));
        case FailureReasonColumn: {
            // One line: the table is for scanning; the detail pane shows all of it.
            const QString reason = failureReasonOf(run);
            const QString firstLine = reason.section(u'\n', 0, 0);
            if (firstLine.isEmpty() && isFailedStatus(run.status))
                return u"—"_s; // failed, but the source gave no reason
            return firstLine.size() > 300 ? firstLine.left(300) + u'…' : firstLine;
        }
        case ErrorCodesColumn:
            return errorCodes(run.workflowRunId).join(u", "_s);
        case SourceColumn:
            return run.source;
        case TagsColumn:
            return data(index, TagsRole).toStringList().join(u", "_s);
        case TypeColumn:
            return RunFormat::runTypeText(run.runType);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == FailureReasonColumn) {
            const QString reason = failureReasonOf(run);
            return reason.isEmpty() ? QVariant() : QVariant(reason.left(2000));
        }
        if (index.column() == TagsColumn && m_tags.contains(run.workflowRunId))
            return data(index, TagsRole).toStringList().join(u'\n'); // each in full
        if (index.column() == CreatedColumn || index.column() == StartedColumn) {
            const QDateTime time = index.column() == CreatedColumn ? run.createdAt : run.startedAt;
            return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::LongFormat)
                                  : QVariant();
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return RunFormat::statusColor(run.status);
        break;
    case SortRole:
        if (const std::optional<qint64> key = sortKey(index.row(), index.column()))
            return *key;
        return data(index, Qt::DisplayRole);
    case RunIdRole:
        return run.workflowRunId;
    case StatusRole:
        return int(run.status);
    case TagsRole: {
        QStringList texts;
        for (const RunTag &tag : m_tags.value(run.workflowRunId))
            texts.append(tag.text());
        return texts;
    }
    case TagColorsRole: {
        QVariantList colors;
        for (const RunTag &tag : m_tags.value(run.workflowRunId))
            colors.append(TagPalette::colorOf(tag, m_tagColors));
        return colors;
    }
    default:
        break;
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case WorkflowColumn:
        return tr("Workflow");
    case RunIdColumn:
        return tr("Run ID");
    case TriggerColumn:
        return tr("Trigger");
    case CreatedColumn:
        return tr("Created");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case FailureReasonColumn:
        return tr("Failure reason");
    case ErrorCodesColumn:
        return tr("Error codes");
    case SourceColumn:
        return tr("Source");
    case TagsColumn:
        return tr("Tags");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

void RunListModel::refresh()
{
    // A load or poll in flight may have left before whatever prompted this call (a cancel,
    // say), so its answer could be stale: ask again once it is back.
    if (!m_source)
        return;
    if (m_pendingRequest || m_refreshRequest) {
        m_refreshAgain = true;
        return;
    }
    m_refreshAgain = false;
    if (m_loadedPages == 0) {
        request(1); // the first page never arrived (rate limited, say): ask for it again
        return;
    }
    RunQuery query;
    query.workflowPermanentId = m_scope;
    query.filter = m_filter;
    query.page = 1;
    query.pageSize = qBound(m_pageSize, int(m_runs.size()), kMaxRefreshRows);
    m_refreshRequest = m_source->listRuns(query, this, [this](const ApiResult<RunPage> &result) {
        m_refreshRequest = 0;
        if (!result.ok()) {
            m_refreshAgain = false; // the next poll will try again
            m_lastError = result.error;
            emit requestFailed(result.error);
            return;
        }
        const bool recovered = m_lastError.isError();
        m_lastError = ApiError();
        mergeRefresh(result.value);
        if (recovered)
            emit pageLoaded(m_loadedPages, int(m_runs.size()), m_exhausted);
        if (m_refreshAgain)
            refresh();
    });
}

void RunListModel::rebuildIndex()
{
    m_rowById.clear();
    for (int row = 0; row < m_runs.size(); ++row)
        m_rowById.insert(rowKey(m_runs.at(row)), row);
}

namespace {
/** Where a run sorts in the list; one that has not begun (queued, no time yet) is the newest. */
qint64 sortTime(const WorkflowRun &run)
{
    const QDateTime time = run.orderTime();
    return time.isValid() ? time.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
}
} // namespace

void RunListModel::mergeRefresh(const RunPage &page)
{
    const QList<WorkflowRun> &fresh = page.runs;
    // Each run's key made once: a poll of 200 runs against 100,000 rows asks for it often.
    QStringList keys;
    keys.reserve(fresh.size());
    QSet<QString> freshKeys;
    freshKeys.reserve(fresh.size());
    for (const WorkflowRun &run : fresh) {
        keys.append(rowKey(run));
        freshKeys.insert(keys.constLast());
    }
    // What History needs to hear: runs that are new to the list or changed. The others came
    // with an earlier page or poll.
    QList<WorkflowRun> received;
    // A connection that failed this time says nothing about its runs: keep them.
    QSet<QString> silentSources;
    m_partialErrors = page.partialErrors;
    m_notes = page.notes;
    for (const ApiError &error : page.partialErrors)
        silentSources.insert(error.source);

    // Rows inside the span the answer covers that it no longer has: gone from this filter.
    const bool coversAll = page.isLastPage();
    const QDateTime oldestCovered = fresh.isEmpty() ? QDateTime() : fresh.last().orderTime();
    // Rows are newest first, so the covered span is a prefix (all of them for a last page).
    int coveredRows = 0;
    if (coversAll) {
        coveredRows = int(m_runs.size());
    } else if (oldestCovered.isValid()) {
        while (coveredRows < m_runs.size() && m_runs.at(coveredRows).orderTime() > oldestCovered)
            ++coveredRows;
    }
    int removed = 0;
    for (int row = coveredRows - 1; row >= 0; --row) {
        const WorkflowRun &run = m_runs.at(row);
        if (!freshKeys.contains(rowKey(run)) && !silentSources.contains(run.source)) {
            beginRemoveRows({}, row, row);
            m_runs.removeAt(row);
            endRemoveRows();
            ++removed;
        }
    }
    if (removed)
        rebuildIndex();

    // Changed rows update in place.
    int changed = 0;
    QList<bool> known(fresh.size(), false);
    // A poll's runs are mostly the top rows in the same order: the row after the last one
    // found is tried before the table of 100,000 ids, whose lookups miss the cache.
    int guess = 0;
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        const WorkflowRun &run = fresh.at(i);
        const bool atGuess = guess < m_runs.size()
            && m_runs.at(guess).workflowRunId == run.workflowRunId
            && m_runs.at(guess).source == run.source;
        const int row = atGuess ? guess : m_rowById.value(keys.at(i), -1);
        known[i] = row >= 0;
        if (row >= 0)
            guess = row + 1;
        if (row < 0) {
            received.append(run);
            continue;
        }
        WorkflowRun &current = m_runs[row];
        if (current.modifiedAt == run.modifiedAt && current.status == run.status
            && current.statusText == run.statusText && current == run)
            continue;
        received.append(run);
        const RunStatus previous = current.status;
        current = run;
        ++changed;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        emit runChanged(run.workflowRunId);
        if (isActiveStatus(previous) && !isActiveStatus(run.status))
            emit runEnded(run, previous);
    }

    // Runs we do not have yet go where they belong by time: on top when newer than every row,
    // or between rows when they began inside the covered span (a run under a "failed" filter
    // that failed late). Only runs older than the span wait for their page.
    QList<WorkflowRun> unknown;
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        const WorkflowRun &run = fresh.at(i);
        if (known.at(i))
            continue;
        if (!coversAll && oldestCovered.isValid() && sortTime(run) < sortTime(fresh.last()))
            continue;
        unknown.append(run);
    }
    std::stable_sort(unknown.begin(), unknown.end(),
        [](const WorkflowRun &a, const WorkflowRun &b) { return sortTime(a) > sortTime(b); });
    int inserted = 0;
    for (qsizetype next = 0; next < unknown.size();) {
        // Rows are newest first: a run goes before the first row that began before it.
        const qint64 time = sortTime(unknown.at(next));
        const auto at = std::partition_point(m_runs.cbegin(), m_runs.cend(),
            [time](const WorkflowRun &row) { return sortTime(row) >= time; });
        const int row = int(at - m_runs.cbegin());
        // Every following run that sorts to the same place goes in with it, in one insertion.
        qsizetype end = next + 1;
        while (end < unknown.size()
            && (row == m_runs.size() || sortTime(m_runs.at(row)) < sortTime(unknown.at(end))))
            ++end;
        beginInsertRows({}, row, row + int(end - next) - 1);
        m_runs.insert(row, end - next, WorkflowRun());
        std::copy(unknown.cbegin() + next, unknown.cbegin() + end, m_runs.begin() + row);
        rebuildIndex();
        endInsertRows();
        inserted += int(end - next);
        next = end;
    }
    for (const WorkflowRun &run : std::as_const(unknown)) {
        if (!isActiveStatus(run.status) && run.status != RunStatus::Unknown)
            emit runEnded(run, RunStatus::Unknown); // ended between two polls, seen ended
    }
    if (coversAll && m_runs.size() <= fresh.size())
        m_exhausted = true;
    qCDebug(lcModel) << "poll merged:" << changed << "changed," << inserted << "new," << removed
                     << "gone of" << m_runs.size();
    if (!received.isEmpty())
        emit runsReceived(received);
    emit refreshed(changed, inserted, removed);
}

void RunListModel::tickActiveDurations()
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (isActiveStatus(m_runs.at(row).status) && m_runs.at(row).startedAt.isValid())
            emit dataChanged(index(row, DurationColumn), index(row, DurationColumn),
                {Qt::DisplayRole, SortRole});
    }
}

int RunListModel::activeRunCount() const
{
    return int(std::count_if(m_runs.begin(), m_runs.end(),
        [](const WorkflowRun &run) { return isActiveStatus(run.status); }));
}

QHash<RunStatus, int> RunListModel::statusCounts() const
{
    QHash<RunStatus, int> counts;
    for (const WorkflowRun &run : m_runs)
        ++counts[run.status];
    return counts;
}

bool RunListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_source && m_loadedPages > 0 && !m_exhausted
        && m_pendingRequest == 0 && !m_lastError.isError();
}

void RunListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request(m_loadedPages + 1);
}
