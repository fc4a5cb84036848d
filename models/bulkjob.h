#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include "runsource.h"

class QTimer;

/**
 * Cancels, retries or tags many runs, one definite result per run. Cancels go in batches of at
 * most RunSource::kMaxCancelRuns per connection; retries and tag changes go a few at a time,
 * spaced, and pause for a server's Retry-After. An answer that is lost or unreadable is never taken
 * as "did not happen": the server is asked what became of the run before anything is sent again, so
 * no run is retried twice. A failing connection fails its own runs; the others go on.
 */
class BulkJob final : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Cancel, Retry, Tag };
    enum class State {
        Waiting, // not sent yet
        Working, // sent, or being checked
        Done, // cancelled, or retried
        Skipped, // nothing to do (ended already, stopped by the user before it was sent)
        Failed, // the server refused or could not be reached; nothing happened to it
    };
    Q_ENUM(State)

    struct Item
    {
        QString runId;
        QString title; // the workflow, as the list shows it
        QString workflowPermanentId; // where a lost retry's new run is looked for
        QString connection; // the run's connection in a merged list (WorkflowRun::source)
        RunStatus status = RunStatus::Unknown; // as listed when the job was made
        State state = State::Waiting;
        QString result; // a sentence: "Cancelled.", "Retried as wr_…", why it failed
        QString newRunId; // a retry's new run
        QString runType; // empty or `workflow_run`: a workflow run, the only kind with tags
        QList<RunTag> tags; // as listed, where tagsKnown
        bool tagsKnown = false;
    };

    static constexpr int kMaxRetriesAtOnce = 4;
    static constexpr int kRetrySpacingMs = 100; // at most ten new runs a second
    static constexpr int kMaxAttempts = 3; // sends of one request before it is given up
    static constexpr int kRetryLookBackSeconds = 300; // clocks of client and server may differ

    BulkJob(Kind kind, RunSource *source, QList<Item> items, QObject *parent = nullptr);
    ~BulkJob() override;

    /** Items of runs as a list shows them. */
    static Item itemOf(const WorkflowRun &run, const QString &title);

    /** What a Tag job does to each run (only what each still needs is sent). */
    void setTagChange(const RunTagChange &change) { m_tagChange = change; }
    const RunTagChange &tagChange() const { return m_tagChange; }

    void start();
    /** Sends nothing more; runs not sent yet are skipped, those under way finish. */
    void stop();

    Kind kind() const { return m_kind; }
    /** "Cancel 12 runs", "Retry 50 runs". */
    QString title() const;
    /** "10 cancelled, 1 not cancellable, 1 failed" so far, or what is still to come. */
    QString summary() const;
    const QList<Item> &items() const { return m_items; }
    int count(State state) const;
    int finishedCount() const;
    bool isFinished() const { return m_finished; }
    bool isStopped() const { return m_stopped; }
    QDateTime startedAt() const { return m_startedAt; }
    /** Requests sent so far (lookups included), by connection; for the report and tests. */
    int requestsSent() const { return m_requestsSent; }
    /** Plain text, one line per run, for the clipboard or an issue tracker. */
    QString report() const;

signals:
    void itemChanged(int index);
    /** A Tag job's run has these tags now, as its server answered. */
    void tagsApplied(const QString &runId, const QList<RunTag> &tags);
    void finished();

private:
    struct Batch; // cancels of one connection sent together
    void startCancels();
    void sendCancelBatch(QList<int> rows, int attempt);
    void cancelOneByOne(QList<int> rows);
    void checkCancelled(int row);
    void sendNext();
    void sendRetry(int row, int attempt);
    void startTags();
    void readTagsThenSend(int row);
    void sendTags(int row, const RunTagChange &change, int attempt);
    void findRetry(
        int row, int attempt, const ApiError &error, const QDateTime &sentAt, int lookups);
    void settle(int row, State state, const QString &result, const QString &newRunId = {});
    void finishIfDone();
    static bool isDefiniteRefusal(const ApiError &error);
    static int backoffMs(const ApiError &error, int attempt);

    Kind m_kind;
    QPointer<RunSource> m_source;
    QList<Item> m_items;
    QList<int> m_queue; // retries or tag changes not sent yet
    RunTagChange m_tagChange;
    int m_inFlight = 0;
    int m_requestsSent = 0;
    bool m_stopped = false;
    bool m_finished = false;
    bool m_started = false;
    QDateTime m_startedAt;
    QDateTime m_pausedUntil; // a server asked for a pause (429 Retry-After)
    QTimer *m_spacing;
};
