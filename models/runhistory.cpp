#include "runhistory.h"

#include <algorithm>
#include <cmath>

#include "workflowrun.h"

namespace {
bool endedFailing(RunStatus status)
{
    return isFailedStatus(status) || status == RunStatus::Partial;
}

bool ended(RunStatus status)
{
    return status != RunStatus::Unknown && !isActiveStatus(status);
}

/** Nearest-rank percentile of durations (sorted in part as a side effect). */
qint64 percentile(std::vector<qint64> &values, double fraction)
{
    if (values.empty())
        return -1;
    const auto rank = std::size_t(std::ceil(fraction * double(values.size())));
    const std::size_t index = std::clamp<std::size_t>(rank, 1, values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
    return values[index];
}

QDateTime alignedStart(const QDateTime &from, HistoryBucketSize size)
{
    const QDateTime local = from.toLocalTime();
    if (size == HistoryBucketSize::Day)
        return QDateTime(local.date(), QTime(0, 0));
    return QDateTime(local.date(), QTime(local.time().hour(), 0));
}

QDateTime nextStart(const QDateTime &start, HistoryBucketSize size)
{
    // Days by the calendar, so a day of a clock change is still one bar.
    return size == HistoryBucketSize::Day ? QDateTime(start.date().addDays(1), QTime(0, 0))
                                          : start.addSecs(3600);
}
} // namespace

HistoryRun HistoryRun::fromRun(const QString &connection, const WorkflowRun &run)
{
    HistoryRun history;
    history.connection = connection;
    history.runId = run.workflowRunId;
    const QDateTime began = run.orderTime();
    history.createdMs = began.isValid() ? began.toMSecsSinceEpoch() : 0;
    history.startedMs = run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() : -1;
    history.finishedMs = run.finishedAt.isValid() ? run.finishedAt.toMSecsSinceEpoch() : -1;
    history.status = run.status;
    history.workflowId = run.workflowPermanentId;
    history.workflowTitle = run.workflowTitle;
    history.computeUnits = run.computeUnits.value_or(-1);
    return history;
}

bool HistoryRun::operator==(const HistoryRun &other) const
{
    return connection == other.connection && runId == other.runId && createdMs == other.createdMs
        && startedMs == other.startedMs && finishedMs == other.finishedMs && status == other.status
        && workflowId == other.workflowId && workflowTitle == other.workflowTitle
        && errorCodes == other.errorCodes && computeUnits == other.computeUnits;
}

HistoryBucketSize bucketSizeFor(const QDateTime &from, const QDateTime &to)
{
    // Up to two days by the hour (48 bars), beyond that by the day.
    return from.secsTo(to) <= 2 * 24 * 3600 ? HistoryBucketSize::Hour : HistoryBucketSize::Day;
}

namespace {
/** Counts runs one by one into a summary; what summarizeHistory and RunHistory share. */
class HistoryAccumulator
{
public:
    HistoryAccumulator(
        const QDateTime &from, const QDateTime &to, HistoryBucketSize size, int maxCodes)
        : m_maxCodes(maxCodes)
    {
        m_summary.from = from.toLocalTime();
        m_summary.to = to.toLocalTime();
        m_summary.bucketSize = size;
        if (!from.isValid() || !to.isValid() || from >= to)
            return;
        for (QDateTime start = alignedStart(from, size); start < to;
             start = nextStart(start, size)) {
            HistoryBucket bucket;
            bucket.start = start;
            bucket.end = nextStart(start, size);
            m_summary.buckets.append(bucket);
            m_edges.push_back(start.toMSecsSinceEpoch());
            if (m_summary.buckets.size() > 24 * 400)
                break; // a year by the hour is more bars than any screen shows
        }
        if (m_summary.buckets.isEmpty())
            return;
        m_edges.push_back(m_summary.buckets.constLast().end.toMSecsSinceEpoch());
        m_fromMs = from.toMSecsSinceEpoch();
        m_toMs = to.toMSecsSinceEpoch();
    }

    void add(const HistoryRun &run)
    {
        if (run.createdMs < m_fromMs || run.createdMs >= m_toMs || m_edges.empty())
            return;
        const auto edge = std::upper_bound(m_edges.cbegin(), m_edges.cend(), run.createdMs);
        if (edge == m_edges.cbegin() || edge == m_edges.cend())
            return;
        const int bucketIndex = int(edge - m_edges.cbegin()) - 1;
        HistoryBucket &bucket = m_summary.buckets[bucketIndex];
        const bool finished = ended(run.status);
        const bool failed = endedFailing(run.status);
        ++bucket.counts[std::size_t(run.status)];
        ++bucket.runs;
        bucket.finished += finished;
        bucket.failed += failed;
        ++m_statusSeen[std::size_t(run.status)];
        ++m_summary.runs;
        m_summary.finished += finished;
        m_summary.failed += failed;
        if (run.computeUnits >= 0) {
            bucket.computeUnits += run.computeUnits;
            m_summary.computeUnits += run.computeUnits;
            ++m_summary.withComputeUnits;
        }

        // Runs of one workflow tend to come together: the last one found is tried first.
        if (m_lastWorkflow < 0
            || m_workflows[std::size_t(m_lastWorkflow)].history.workflowId != run.workflowId) {
            auto found = m_workflowIndex.constFind(run.workflowId);
            if (found == m_workflowIndex.cend()) {
                found = m_workflowIndex.insert(run.workflowId, int(m_workflows.size()));
                m_workflows.emplace_back();
                m_workflows.back().history.workflowId = run.workflowId;
            }
            m_lastWorkflow = *found;
        }
        WorkflowAccumulator &workflow = m_workflows[std::size_t(m_lastWorkflow)];
        if (workflow.history.title.isEmpty())
            workflow.history.title = run.workflowTitle;
        ++workflow.history.runs;
        workflow.history.finished += finished;
        workflow.history.failed += failed;
        if (run.computeUnits >= 0) {
            workflow.history.computeUnits += run.computeUnits;
            ++workflow.history.withComputeUnits;
        }
        if (const qint64 duration = run.durationMs(); duration >= 0 && finished)
            workflow.durations.push_back(duration);

        if (failed && !run.errorCodes.isEmpty())
            ++m_summary.failedWithCodes;
        for (const QString &code : run.errorCodes) {
            auto codeAt = m_codeIndex.constFind(code);
            if (codeAt == m_codeIndex.cend()) {
                codeAt = m_codeIndex.insert(code, int(m_codes.size()));
                CodeAccumulator added;
                added.history.code = code;
                added.history.perBucket.fill(0, m_summary.buckets.size());
                m_codes.push_back(added);
            }
            CodeAccumulator &history = m_codes[std::size_t(*codeAt)];
            ++history.history.runs;
            ++history.history.perBucket[bucketIndex];
            history.lastSeenMs = qMax(history.lastSeenMs, run.createdMs);
        }
    }

    HistorySummary finish()
    {
        for (const HistoryBucket &bucket : std::as_const(m_summary.buckets))
            m_summary.maxBucketRuns = qMax(m_summary.maxBucketRuns, bucket.runs);
        const QList<RunStatus> order = allRunStatuses();
        for (RunStatus status : order) {
            if (m_statusSeen[std::size_t(status)] > 0)
                m_summary.statuses.append(status);
        }
        for (RunStatus status : {RunStatus::Partial, RunStatus::Unknown}) {
            if (!order.contains(status) && m_statusSeen[std::size_t(status)] > 0)
                m_summary.statuses.append(status);
        }
        m_summary.workflows.reserve(qsizetype(m_workflows.size()));
        for (WorkflowAccumulator &workflow : m_workflows) {
            workflow.history.p50Ms = percentile(workflow.durations, 0.50);
            workflow.history.p95Ms = percentile(workflow.durations, 0.95);
            m_summary.workflows.append(std::move(workflow.history));
        }
        std::sort(m_summary.workflows.begin(), m_summary.workflows.end(),
            [](const WorkflowHistory &a, const WorkflowHistory &b) {
                return a.runs != b.runs ? a.runs > b.runs : a.workflowId < b.workflowId;
            });
        std::sort(
            m_codes.begin(), m_codes.end(), [](const CodeAccumulator &a, const CodeAccumulator &b) {
                return a.history.runs != b.history.runs ? a.history.runs > b.history.runs
                                                        : a.history.code < b.history.code;
            });
        for (std::size_t i = 0; i < m_codes.size() && int(i) < m_maxCodes; ++i) {
            m_codes[i].history.lastSeen = QDateTime::fromMSecsSinceEpoch(m_codes[i].lastSeenMs);
            m_summary.errorCodes.append(m_codes[i].history);
        }
        return std::move(m_summary);
    }

private:
    struct WorkflowAccumulator
    {
        WorkflowHistory history;
        std::vector<qint64> durations;
    };
    struct CodeAccumulator
    {
        ErrorCodeHistory history;
        qint64 lastSeenMs = 0; // a QDateTime per run would cost more than all the rest
    };
    HistorySummary m_summary;
    int m_maxCodes;
    std::vector<qint64> m_edges; // bucket starts, then the end of the last
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QHash<QString, int> m_workflowIndex;
    std::vector<WorkflowAccumulator> m_workflows;
    int m_lastWorkflow = -1;
    QHash<QString, int> m_codeIndex;
    std::vector<CodeAccumulator> m_codes;
    std::array<int, int(RunStatus::Partial) + 1> m_statusSeen {};
};
} // namespace

HistorySummary summarizeHistory(const QList<HistoryRun> &runs, const QDateTime &from,
    const QDateTime &to, HistoryBucketSize size, int maxCodes)
{
    HistoryAccumulator accumulator(from, to, size, maxCodes);
    for (const HistoryRun &run : runs)
        accumulator.add(run);
    return accumulator.finish();
}

RunHistory::RunHistory(QObject *parent)
    : QObject(parent)
{ }

RunHistory::~RunHistory() = default;

void RunHistory::setScope(const QStringList &keys)
{
    if (keys == m_scope)
        return;
    m_scope = keys;
    for (const QString &key : keys) {
        if (!m_storedKeys.contains(key))
            emit storedWanted(key);
    }
    emit changed();
}

bool RunHistory::put(HistoryRun run, QList<HistoryRun> *changedRuns)
{
    if (run.runId.isEmpty() || run.connection.isEmpty())
        return false;
    Runs &known = m_runs[run.connection];
    const auto at = known.index.constFind(run.runId);
    if (at != known.index.cend()) {
        HistoryRun &existing = known.runs[*at];
        // A list answer carries no error codes: keep those learned from the run's detail.
        if (run.errorCodes.isEmpty())
            run.errorCodes = existing.errorCodes;
        if (existing == run)
            return false;
        existing = run;
    } else {
        known.index.insert(run.runId, known.runs.size());
        known.runs.append(run);
    }
    if (changedRuns)
        changedRuns->append(run);
    return true;
}

void RunHistory::record(const QList<WorkflowRun> &runs)
{
    if (!m_keyOf)
        return;
    QList<HistoryRun> changedRuns;
    for (const WorkflowRun &run : runs)
        put(HistoryRun::fromRun(m_keyOf(run), run), &changedRuns);
    if (changedRuns.isEmpty())
        return;
    emit recorded(changedRuns);
    emit changed();
}

void RunHistory::recordErrorCodes(const WorkflowRun &run, const QStringList &codes)
{
    if (!m_keyOf || codes.isEmpty())
        return;
    HistoryRun history = HistoryRun::fromRun(m_keyOf(run), run);
    history.errorCodes = codes;
    QList<HistoryRun> changedRuns;
    if (!put(history, &changedRuns))
        return;
    emit recorded(changedRuns);
    emit changed();
}

bool RunHistory::hasErrorCodes(const WorkflowRun &run) const
{
    if (!m_keyOf)
        return false;
    const auto connection = m_runs.constFind(m_keyOf(run));
    if (connection == m_runs.cend())
        return false;
    const auto at = connection->index.constFind(run.workflowRunId);
    return at != connection->index.cend() && !connection->runs.at(*at).errorCodes.isEmpty();
}

void RunHistory::addStored(const QString &key, const QList<HistoryRun> &runs)
{
    m_storedKeys.insert(key);
    Runs &known = m_runs[key];
    known.runs.reserve(known.runs.size() + runs.size());
    known.index.reserve(known.index.size() + runs.size());
    for (const HistoryRun &run : runs) {
        if (run.connection == key && !known.index.contains(run.runId)) {
            known.index.insert(run.runId, known.runs.size());
            known.runs.append(run);
        }
    }
    if (m_scope.contains(key))
        emit changed();
}

HistorySummary RunHistory::summarize(
    const QDateTime &from, const QDateTime &to, HistoryBucketSize size, int maxCodes) const
{
    HistoryAccumulator accumulator(from, to, size, maxCodes);
    for (const QString &key : m_scope) {
        const auto found = m_runs.constFind(key);
        if (found == m_runs.cend())
            continue;
        for (const HistoryRun &run : found->runs)
            accumulator.add(run);
    }
    return accumulator.finish();
}

QList<HistoryRun> RunHistory::runs(qint64 sinceMs) const
{
    QList<HistoryRun> result;
    for (const QString &key : m_scope) {
        const auto found = m_runs.constFind(key);
        if (found == m_runs.cend())
            continue;
        result.reserve(result.size() + found->runs.size());
        for (const HistoryRun &run : found->runs) {
            if (run.createdMs >= sinceMs)
                result.append(run);
        }
    }
    return result;
}

int RunHistory::size() const
{
    int total = 0;
    for (const QString &key : m_scope)
        total += int(m_runs.value(key).runs.size());
    return total;
}

QDateTime RunHistory::oldest() const
{
    qint64 oldest = -1;
    for (const QString &key : m_scope) {
        const auto found = m_runs.constFind(key);
        if (found == m_runs.cend())
            continue;
        for (const HistoryRun &run : found->runs) {
            if (run.createdMs > 0 && (oldest < 0 || run.createdMs < oldest))
                oldest = run.createdMs;
        }
    }
    return oldest < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(oldest);
}
