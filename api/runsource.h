#pragma once

#include <functional>

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>

#include "apierror.h"
#include "artifact.h"
#include "bulkcancelresult.h"
#include "launchrequest.h"
#include "requestid.h"
#include "rundetail.h"
#include "runquery.h"
#include "runtag.h"
#include "runtimeline.h"
#include "workflow.h"

class DeferredAnswers;

/**
 * What a source can do and what its runs carry, so views hide the filters, columns and actions
 * it has no use for instead of showing them greyed out.
 */
struct SourceFeatures
{
    bool allWorkflowsScope = true; // can list the runs of every workflow at once
    bool search = true;
    bool errorCode = true;
    bool createdRange = true;
    QList<RunStatus> statuses = allRunStatuses(); // the statuses it can filter by
    int maxStatuses = -1; // how many at once; -1: any number
    bool details = true; // has a detail endpoint (timings, screenshots, errors)
    bool launch = true;
    bool cancel = true;
    bool bulkCancel = true; // many runs in one request (cancelRuns)
    bool timeline = true; // a run's blocks, thoughts and actions (getTimeline)
    bool artifacts = true; // a run's screenshots, recording, logs (listArtifacts, content)
    bool retry = true; // a run started again with its parameters (retryRun)
    bool tags = true; // labels on runs, `env:prod` (getRunTags)
    bool tagFilter = true; // lists filtered by tags (RunFilter::tags)
    bool runTypes = true; // lists of every run type, filtered by type (RunFilter::runTypes)
    bool createdAt = true; // its runs carry these fields
    bool failureReason = true;
    bool workflowTitle = true;
    bool runSource = false; // runs of several connections: show where each came from
    QString defaultScope; // where allWorkflowsScope is false: the workflow to show first
    QStringList sourceNames; // a merged list: the connections it can be narrowed to

    /** The part of a filter this source can apply; the rest is dropped. */
    RunFilter restrict(const RunFilter &filter) const;

    /**
     * What a list merged from both sources can do. Calls about one run (details, cancel,
     * timeline, artifacts, retry) go to the run's own source, so they are on when either has
     * them; RunSource::featuresOf() says what one run's source can do.
     */
    SourceFeatures intersectedWith(const SourceFeatures &other) const;
};

/**
 * A run server as the dashboard sees it: lists, details, launching and cancelling. Models and
 * views talk to this interface only, so they know nothing of HTTP and another platform can
 * supply a different implementation.
 */
class RunSource : public QObject
{
    Q_OBJECT
public:
    template<typename T>
    using Handler = std::function<void(const ApiResult<T> &)>;
    using RunPageHandler = Handler<RunPage>;

    explicit RunSource(QObject *parent = nullptr);
    ~RunSource() override;

    /** Asks for one page; the handler runs later on this thread unless the request is canceled
     * or the context object is gone. */
    virtual RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) = 0;
    virtual RequestId getRun(const QString &runId, QObject *context, Handler<RunDetail> handler)
        = 0;
    virtual RequestId listWorkflows(QObject *context, Handler<QList<Workflow>> handler) = 0;
    /** Launches a run; the request is checked with validate() first. */
    virtual RequestId launchRun(
        const LaunchRequest &request, QObject *context, Handler<RunDetail> handler)
        = 0;
    virtual RequestId cancelRun(const QString &runId, QObject *context, Handler<bool> handler) = 0;
    /**
     * Cancels runs at once (at most kMaxCancelRuns): the answer names which were cancelled and
     * which could not be. A merged list answers for the runs of one connection at a time
     * (those of the first run), as getRunTags() does; ask again for the rest.
     */
    virtual RequestId cancelRuns(
        const QStringList &runIds, QObject *context, Handler<BulkCancelResult> handler);
    static constexpr int kMaxCancelRuns = 100; // the contract's maxItems

    // What the run did and left behind, and starting it again. A source without them answers a
    // refusal (ApiError::Kind::BadInput, "… does not offer …") later, as for any request.

    /** The run's blocks, thoughts and actions, oldest first (see RunTimeline). */
    virtual RequestId getTimeline(
        const QString &runId, QObject *context, Handler<RunTimeline> handler);
    /**
     * The run's artifacts, only of the given wire types (`screenshot_action`, `recording`…);
     * empty `types`: all of them.
     */
    virtual RequestId listArtifacts(const QString &runId, const QStringList &types,
        QObject *context, Handler<RunArtifacts> handler);
    /**
     * An artifact's bytes, fetched through the server with the API key. `runId` is the run it
     * belongs to (a merged list asks that run's connection). Prefer Artifact::directUrl() with
     * an ArtifactFetcher where there is one: it sends no key and keeps a copy on disk.
     */
    virtual RequestId getArtifactContent(const QString &runId, const QString &artifactId,
        QObject *context, Handler<QByteArray> handler);
    /**
     * The tags of runs (at most kMaxTagRuns at once): every run the server knows is in the
     * answer, with an empty list when it has none. A merged list answers for the runs of one
     * connection at a time (those of the first run); ask again for the rest.
     */
    virtual RequestId getRunTags(
        const QStringList &runIds, QObject *context, Handler<RunTags> handler);
    static constexpr int kMaxTagRuns = 100;
    /** Tag filter terms the server has seen, for completing (see tagSuggestionsFromJson()). */
    virtual RequestId getTagSuggestions(QObject *context, Handler<QStringList> handler);
    /**
     * Sets and takes off tags of one workflow run in one step; answers the run's tags after it.
     * Applying the same change twice leaves the same tags, so a lost answer may be sent again.
     */
    virtual RequestId applyRunTags(const QString &runId, const RunTagChange &change,
        QObject *context, Handler<QList<RunTag>> handler);
    /** The palette colour names the server keeps for grouped tags (`env:prod` → `red`). */
    virtual RequestId getTagColors(QObject *context, Handler<TagColorNames> handler);
    /** Starts a workflow run again with its original parameters; answers the new run. */
    virtual RequestId retryRun(const QString &runId, QObject *context, Handler<RunDetail> handler);
    /**
     * A shell command that sends the run's original request again (`curl …`), with the key as
     * a variable (`$SKYVERN_API_KEY`), never its value; empty when the source cannot say.
     */
    virtual QString launchCommand(const RunDetail &run) const;
    /** The source a run came from: this one, or in a merged list the run's own connection
     * (where a run like it is launched again). */
    virtual RunSource *sourceOf(const QString &runId)
    {
        Q_UNUSED(runId);
        return this;
    }

    /** Drops a pending request; its handler is never called. */
    virtual void cancelRequest(RequestId id) = 0;
    /**
     * The runs a list now shows, after it replaced its rows: a source may forget what it keeps
     * about any other run, so a session of many filters stays bounded.
     */
    virtual void retainRuns(const QSet<QString> &runIds) { Q_UNUSED(runIds); }
    /** What to call this source in the UI, e.g. the server's host. */
    virtual QString displayName() const = 0;
    virtual SourceFeatures features() const { return {}; }
    /** What the source can do for one run: a merged list answers for the run's connection. */
    virtual SourceFeatures featuresOf(const QString &runId) const
    {
        Q_UNUSED(runId);
        return features();
    }

signals:
    /** A request failed in a way worth another try, which follows after `delayMs`. */
    void retrying(const ApiError &error, int delayMs);

protected:
    /**
     * Runs `answer` later on `context`'s thread, as if from a server; the refusals of calls a
     * source does not offer come this way. A source that can cancel answers of its own routes
     * them there, so cancelRequest() drops them like requests; this default cannot.
     */
    virtual RequestId answerLater(QObject *context, std::function<void()> answer);

private:
    template<typename T>
    RequestId refuseLater(QObject *context, Handler<T> handler, const QString &message);

    DeferredAnswers *m_laterAnswers = nullptr; // made on first use
};
