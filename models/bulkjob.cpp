#include "bulkjob.h"

#include <QHash>
#include <QLocale>
#include <QSet>
#include <QTimer>

#include "runformat.h"

using namespace Qt::StringLiterals;

BulkJob::BulkJob(Kind kind, RunSource *source, QList<Item> items, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_source(source)
    , m_items(std::move(items))
    , m_spacing(new QTimer(this))
{
    m_spacing->setSingleShot(true);
    connect(m_spacing, &QTimer::timeout, this, &BulkJob::sendNext);
}

BulkJob::~BulkJob() = default;

BulkJob::Item BulkJob::itemOf(const WorkflowRun &run, const QString &title)
{
    Item item;
    item.runId = run.workflowRunId;
    item.title = title;
    item.workflowPermanentId = run.workflowPermanentId;
    item.connection = run.source;
    item.status = run.status;
    item.runType = run.runType;
    return item;
}

void BulkJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_startedAt = QDateTime::currentDateTime();
    if (!m_source) {
        for (int row = 0; row < m_items.size(); ++row)
            settle(row, State::Failed, tr("The connection is closed."));
        return;
    }
    if (m_kind == Kind::Cancel) {
        startCancels();
    } else if (m_kind == Kind::Tag) {
        startTags();
    } else {
        for (int row = 0; row < m_items.size(); ++row) {
            const Item &item = m_items.at(row);
            const SourceFeatures features = m_source->featuresOf(item.runId);
            if (!features.retry)
                settle(row, State::Failed,
                    tr("%1 does not offer retrying runs.")
                        .arg(
                            item.connection.isEmpty() ? m_source->displayName() : item.connection));
            else if (isActiveStatus(item.status))
                settle(row, State::Skipped, tr("Still running: only ended runs are retried."));
            else
                m_queue.append(row);
        }
        sendNext();
    }
    finishIfDone();
}

void BulkJob::stop()
{
    m_stopped = true;
    m_spacing->stop();
    const QList<int> waiting = std::exchange(m_queue, {});
    for (int row : waiting)
        settle(row, State::Skipped, tr("Stopped before it was sent."));
    finishIfDone();
}

void BulkJob::startCancels()
{
    // One connection's runs go together: a merged list's runs are cancelled where they live.
    QHash<QString, QList<int>> byConnection;
    QStringList order;
    for (int row = 0; row < m_items.size(); ++row) {
        const Item &item = m_items.at(row);
        if (!isActiveStatus(item.status)) {
            settle(row, State::Skipped,
                tr("Not cancellable: it had already %1.")
                    .arg(RunFormat::statusText(item.status, {}).toLower()));
            continue;
        }
        if (!byConnection.contains(item.connection))
            order.append(item.connection);
        byConnection[item.connection].append(row);
    }
    for (const QString &connection : std::as_const(order)) {
        const QList<int> rows = byConnection.value(connection);
        const SourceFeatures features = m_source->featuresOf(m_items.at(rows.first()).runId);
        if (!features.cancel) {
            for (int row : rows)
                settle(row, State::Failed,
                    tr("%1 does not offer cancelling runs.")
                        .arg(connection.isEmpty() ? m_source->displayName() : connection));
        } else if (!features.bulkCancel) {
            cancelOneByOne(rows);
        } else {
            for (qsizetype first = 0; first < rows.size(); first += RunSource::kMaxCancelRuns)
                sendCancelBatch(rows.mid(first, RunSource::kMaxCancelRuns), 1);
        }
    }
}

void BulkJob::sendCancelBatch(QList<int> rows, int attempt)
{
    if (!m_source) {
        for (int row : rows)
            settle(row, State::Failed, tr("The connection is closed."));
        return;
    }
    QStringList ids;
    for (int row : rows) {
        ids.append(m_items.at(row).runId);
        m_items[row].state = State::Working;
        emit itemChanged(row);
    }
    ++m_requestsSent;
    m_source->cancelRuns(
        ids, this, [this, rows, attempt](const ApiResult<BulkCancelResult> &result) {
            if (!result.ok()) {
                if (attempt > 1) {
                    // The first send may have cancelled them before its answer was lost: look.
                    for (int row : rows)
                        checkCancelled(row);
                } else if (isDefiniteRefusal(result.error)) {
                    for (int row : rows)
                        settle(
                            row, State::Failed, tr("Not cancelled: %1").arg(result.error.message));
                } else {
                    QTimer::singleShot(backoffMs(result.error, attempt), this,
                        [this, rows, attempt] { sendCancelBatch(rows, attempt + 1); });
                }
                return;
            }
            const QSet<QString> cancelled(
                result.value.cancelled.constBegin(), result.value.cancelled.constEnd());
            const QSet<QString> failed(
                result.value.failed.constBegin(), result.value.failed.constEnd());
            for (int row : rows) {
                const QString &id = m_items.at(row).runId;
                if (cancelled.contains(id))
                    settle(row, State::Done, tr("Canceled."));
                else if (failed.contains(id) && attempt > 1)
                    checkCancelled(row); // perhaps cancelled by the send whose answer was lost
                else if (failed.contains(id))
                    settle(row, State::Skipped,
                        tr("Not cancellable: the server says it has ended or does not know it."));
                else
                    settle(row, State::Failed,
                        tr("Not known: the server's answer did not mention this run."));
            }
        });
}

void BulkJob::cancelOneByOne(QList<int> rows)
{
    for (int row : rows) {
        m_items[row].state = State::Working;
        emit itemChanged(row);
        ++m_requestsSent;
        m_source->cancelRun(
            m_items.at(row).runId, this, [this, row](const ApiResult<bool> &result) {
                if (result.ok())
                    settle(row, State::Done, tr("Canceled."));
                else
                    settle(row, State::Failed, tr("Not cancelled: %1").arg(result.error.message));
            });
    }
}

void BulkJob::checkCancelled(int row)
{
    if (!m_source) {
        settle(row, State::Failed, tr("The connection is closed."));
        return;
    }
    ++m_requestsSent;
    m_source->getRun(m_items.at(row).runId, this, [this, row](const ApiResult<RunDetail> &run) {
        if (!run.ok())
            settle(row, State::Failed,
                tr("Not confirmed: the answer was lost and the run could not be looked at (%1).")
                    .arg(run.error.message));
        else if (run.value.status == RunStatus::Canceled)
            settle(row, State::Done, tr("Canceled."));
        else if (isActiveStatus(run.value.status))
            settle(row, State::Failed, tr("Not cancelled: the server kept failing."));
        else
            settle(row, State::Skipped,
                tr("Not cancellable: it had already %1.")
                    .arg(RunFormat::statusText(run.value.status, run.value.statusText).toLower()));
    });
}

void BulkJob::sendNext()
{
    if (m_stopped || m_queue.isEmpty() || m_inFlight >= kMaxRetriesAtOnce || m_spacing->isActive())
        return;
    const qint64 pause = QDateTime::currentDateTimeUtc().msecsTo(m_pausedUntil);
    if (pause > 0) {
        m_spacing->start(int(qMin<qint64>(pause, 60000)));
        return;
    }
    const int row = m_queue.takeFirst();
    ++m_inFlight;
    if (m_kind == Kind::Tag) {
        const Item &item = m_items.at(row);
        if (item.tagsKnown || m_tagChange.remove.isEmpty())
            sendTags(row, item.tagsKnown ? m_tagChange.neededFor(item.tags) : m_tagChange, 1);
        else
            readTagsThenSend(row);
    } else {
        sendRetry(row, 1);
    }
    m_spacing->start(kRetrySpacingMs);
}

void BulkJob::sendRetry(int row, int attempt)
{
    if (!m_source) {
        settle(row, State::Failed, tr("The connection is closed."));
        return;
    }
    m_items[row].state = State::Working;
    emit itemChanged(row);
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    ++m_requestsSent;
    m_source->retryRun(m_items.at(row).runId, this,
        [this, row, attempt, sentAt](const ApiResult<RunDetail> &result) {
            if (result.ok() && !result.value.runId.isEmpty()) {
                settle(row, State::Done, tr("Retried as %1.").arg(result.value.runId),
                    result.value.runId);
                return;
            }
            if (result.error.kind == ApiError::Kind::BadInput) { // refused before sending
                settle(row, State::Failed, tr("Not retried: %1").arg(result.error.message));
                return;
            }
            if (result.error.kind == ApiError::Kind::RateLimited)
                m_pausedUntil
                    = QDateTime::currentDateTimeUtc().addMSecs(backoffMs(result.error, attempt));
            // Whatever the answer said, the server may have started the run before it: ask.
            findRetry(row, attempt, result.error, sentAt, 1);
        });
}

void BulkJob::startTags()
{
    for (int row = 0; row < m_items.size(); ++row) {
        const Item &item = m_items.at(row);
        if (!m_source->featuresOf(item.runId).tags)
            settle(row, State::Failed,
                tr("%1 does not offer tags on runs.")
                    .arg(item.connection.isEmpty() ? m_source->displayName() : item.connection));
        else if (!item.runType.isEmpty() && item.runType != "workflow_run"_L1)
            settle(row, State::Skipped, tr("Not a workflow run: only workflow runs carry tags."));
        else if (item.tagsKnown && m_tagChange.neededFor(item.tags).isEmpty())
            settle(row, State::Skipped, tr("Already tagged so."));
        else
            m_queue.append(row);
    }
    sendNext();
}

void BulkJob::readTagsThenSend(int row)
{
    // A grouped tag is taken off by its group: only a run known to have exactly it is sent one.
    m_items[row].state = State::Working;
    emit itemChanged(row);
    ++m_requestsSent;
    m_source->getRunTags(
        {m_items.at(row).runId}, this, [this, row](const ApiResult<RunTags> &read) {
            Item &item = m_items[row];
            if (!read.ok() || !read.value.byRun.contains(item.runId)) {
                settle(row, State::Failed,
                    tr("Not tagged: its tags could not be read first (%1).")
                        .arg(read.ok() ? tr("the server did not list the run")
                                       : read.error.message));
                return;
            }
            item.tags = read.value.byRun.value(item.runId);
            item.tagsKnown = true;
            const RunTagChange needed = m_tagChange.neededFor(item.tags);
            if (needed.isEmpty())
                settle(row, State::Skipped, tr("Already tagged so."));
            else if (m_stopped)
                settle(row, State::Skipped, tr("Stopped before it was sent."));
            else
                sendTags(row, needed, 1);
        });
}

void BulkJob::sendTags(int row, const RunTagChange &change, int attempt)
{
    if (!m_source) {
        settle(row, State::Failed, tr("The connection is closed."));
        return;
    }
    m_items[row].state = State::Working;
    emit itemChanged(row);
    ++m_requestsSent;
    m_source->applyRunTags(m_items.at(row).runId, change, this,
        [this, row, change, attempt](const ApiResult<QList<RunTag>> &result) {
            if (result.ok()) {
                m_items[row].tags = result.value;
                m_items[row].tagsKnown = true;
                emit tagsApplied(m_items.at(row).runId, result.value);
                settle(row, State::Done, tr("Tagged: %1").arg(change.text()));
                return;
            }
            if (result.error.kind == ApiError::Kind::RateLimited)
                m_pausedUntil
                    = QDateTime::currentDateTimeUtc().addMSecs(backoffMs(result.error, attempt));
            // The same change applied twice leaves the same tags: sending it again is safe.
            if (isDefiniteRefusal(result.error))
                settle(row, State::Failed, tr("Not tagged: %1").arg(result.error.message));
            else if (m_stopped)
                settle(row, State::Skipped,
                    tr("Stopped after an answer was lost; the tags may or may not be set."));
            else if (attempt < kMaxAttempts)
                QTimer::singleShot(backoffMs(result.error, attempt), this,
                    [this, row, change, attempt] { sendTags(row, change, attempt + 1); });
            else
                settle(row, State::Failed, tr("Not tagged: %1").arg(result.error.message));
        });
}

void BulkJob::findRetry(
    int row, int attempt, const ApiError &error, const QDateTime &sentAt, int lookups)
{
    if (!m_source) {
        settle(row, State::Failed, tr("The connection is closed."));
        return;
    }
    const Item &item = m_items.at(row);
    RunQuery recent;
    recent.workflowPermanentId = item.workflowPermanentId;
    recent.pageSize = 100;
    if (!item.connection.isEmpty())
        recent.filter.sources = {item.connection};
    ++m_requestsSent;
    m_source->listRuns(
        recent, this, [this, row, attempt, error, sentAt, lookups](const ApiResult<RunPage> &page) {
            const Item &item = m_items.at(row);
            if (!page.ok()) {
                if (lookups < kMaxAttempts) {
                    QTimer::singleShot(backoffMs(page.error, lookups), this,
                        [this, row, attempt, error, sentAt, lookups] {
                            findRetry(row, attempt, error, sentAt, lookups + 1);
                        });
                } else {
                    settle(row, State::Failed,
                        tr("Not known: the answer to the retry was lost (%1), and the server "
                           "could not be asked whether it started a run (%2). Look for a run "
                           "retried from %3 before retrying it again.")
                            .arg(error.message, page.error.message, item.runId));
                }
                return;
            }
            const QDateTime since = sentAt.addSecs(-kRetryLookBackSeconds);
            for (const WorkflowRun &run : page.value.runs) {
                if (run.sourceRunId == item.runId
                    && (!run.createdAt.isValid() || run.createdAt >= since)) {
                    settle(row, State::Done,
                        tr("Retried as %1 (its answer was lost; the new run was found).")
                            .arg(run.workflowRunId),
                        run.workflowRunId);
                    return;
                }
            }
            // Nothing was started: a refusal is final, anything else may be sent again.
            if (isDefiniteRefusal(error))
                settle(row, State::Failed, tr("Not retried: %1").arg(error.message));
            else if (m_stopped)
                settle(row, State::Skipped,
                    tr("Stopped after an answer was lost; nothing was started."));
            else if (attempt < kMaxAttempts)
                QTimer::singleShot(backoffMs(error, attempt), this,
                    [this, row, attempt] { sendRetry(row, attempt + 1); });
            else
                settle(row, State::Failed,
                    tr("Not retried: %1 Nothing was started.").arg(error.message));
        });
}

void BulkJob::settle(int row, State state, const QString &result, const QString &newRunId)
{
    Item &item = m_items[row];
    const bool wasInFlight = m_kind != Kind::Cancel && item.state == State::Working;
    item.state = state;
    item.result = result;
    item.newRunId = newRunId;
    emit itemChanged(row);
    if (wasInFlight) {
        --m_inFlight;
        sendNext();
    }
    finishIfDone();
}

void BulkJob::finishIfDone()
{
    if (m_finished || !m_started || finishedCount() < m_items.size())
        return;
    m_finished = true;
    emit finished();
}

bool BulkJob::isDefiniteRefusal(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::BadInput:
    case ApiError::Kind::Auth:
    case ApiError::Kind::NotFound:
    case ApiError::Kind::Validation:
        return true;
    case ApiError::Kind::Http:
        return error.httpStatus >= 400 && error.httpStatus < 500 && error.httpStatus != 408;
    default:
        return false;
    }
}

int BulkJob::backoffMs(const ApiError &error, int attempt)
{
    if (error.retryAfterSeconds > 0)
        return qMin(error.retryAfterSeconds, 60) * 1000;
    return 500 << qBound(0, attempt - 1, 5);
}

int BulkJob::count(State state) const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
        [state](const Item &item) { return item.state == state; }));
}

int BulkJob::finishedCount() const
{
    return count(State::Done) + count(State::Skipped) + count(State::Failed);
}

QString BulkJob::title() const
{
    const int runs = int(m_items.size());
    switch (m_kind) {
    case Kind::Cancel:
        return tr("Cancel %n run(s)", nullptr, runs);
    case Kind::Retry:
        return tr("Retry %n run(s)", nullptr, runs);
    case Kind::Tag:
        break;
    }
    return tr("Tag %n run(s): %1", nullptr, runs).arg(m_tagChange.text());
}

QString BulkJob::summary() const
{
    QStringList parts;
    const int done = count(State::Done);
    const int skipped = count(State::Skipped);
    const int failed = count(State::Failed);
    const int toGo = int(m_items.size()) - finishedCount();
    if (done > 0)
        parts.append(m_kind == Kind::Cancel ? tr("%n canceled", nullptr, done)
                : m_kind == Kind::Retry     ? tr("%n retried", nullptr, done)
                                            : tr("%n tagged", nullptr, done));
    if (skipped > 0)
        parts.append(m_kind == Kind::Cancel ? tr("%n not cancellable", nullptr, skipped)
                                            : tr("%n skipped", nullptr, skipped));
    if (failed > 0)
        parts.append(tr("%n failed", nullptr, failed));
    if (toGo > 0)
        parts.append(m_stopped ? tr("%n finishing", nullptr, toGo) : tr("%n to go", nullptr, toGo));
    return parts.join(u", "_s);
}

QString BulkJob::report() const
{
    QStringList lines {
        tr("%1 (%2): %3")
            .arg(title(), QLocale().toString(m_startedAt, QLocale::ShortFormat), summary())};
    for (const Item &item : m_items) {
        QStringList fields {item.runId, item.title};
        if (!item.connection.isEmpty())
            fields.append(item.connection);
        fields.append(item.result.isEmpty() ? tr("Waiting.") : item.result);
        lines.append(fields.join(u'\t'));
    }
    return lines.join(u'\n') + u'\n';
}
