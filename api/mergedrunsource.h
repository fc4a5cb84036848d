#pragma once

#include <memory>

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

#include "deferredanswers.h"
#include "runsource.h"

/**
 * Several sources shown as one list, newest first by when each run began. Pages are merged
 * k-way: a run is only handed out once every member that could still have a newer one has
 * answered, so paging never reorders what is on screen. A member that fails is reported on the
 * page (partialErrors, with its name) while the others keep working. Everything about one run
 * (details, cancelling, timeline, artifacts, retry) goes to the member that listed the run.
 */
class MergedRunSource final : public RunSource
{
    Q_OBJECT
public:
    struct Member
    {
        QPointer<RunSource> source;
        QString name; // shown in the source column and in its errors
        QString scope; // for members that list one workflow at a time; empty: all
        QString connectionId = {}; // the connection the member is, where the caller has ids
    };

    explicit MergedRunSource(QList<Member> members, QObject *parent = nullptr);
    ~MergedRunSource() override;

    RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) override;
    RunSource *sourceOf(const QString &runId) override;
    RequestId getRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override;
    RequestId listWorkflows(QObject *context, Handler<QList<Workflow>> handler) override;
    RequestId launchRun(
        const LaunchRequest &request, QObject *context, Handler<RunDetail> handler) override;
    RequestId cancelRun(const QString &runId, QObject *context, Handler<bool> handler) override;
    RequestId cancelRuns(
        const QStringList &runIds, QObject *context, Handler<BulkCancelResult> handler) override;
    /** The first connection's that has tags. */
    RequestId getTagSuggestions(QObject *context, Handler<QStringList> handler) override;
    /** The first connection's that has tags, as for suggestions. */
    RequestId getTagColors(QObject *context, Handler<TagColorNames> handler) override;
    RequestId applyRunTags(const QString &runId, const RunTagChange &change, QObject *context,
        Handler<QList<RunTag>> handler) override;
    RequestId getRunTags(
        const QStringList &runIds, QObject *context, Handler<RunTags> handler) override;
    RequestId getTimeline(
        const QString &runId, QObject *context, Handler<RunTimeline> handler) override;
    RequestId listArtifacts(const QString &runId, const QStringList &types, QObject *context,
        Handler<RunArtifacts> handler) override;
    RequestId getArtifactContent(const QString &runId, const QString &artifactId, QObject *context,
        Handler<QByteArray> handler) override;
    RequestId retryRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override;
    QString launchCommand(const RunDetail &run) const override;
    void cancelRequest(RequestId id) override;
    void retainRuns(const QSet<QString> &runIds) override;
    /** The connection id of the member that listed a run; empty when not listed or not given. */
    QString connectionOf(const QString &runId) const;
    /** Runs whose connection is remembered, for details and cancelling. */
    qsizetype knownRuns() const { return m_owner.size(); }
    QString displayName() const override;
    SourceFeatures features() const override;
    /** The features of the connection that listed the run; features() for a run not listed. */
    SourceFeatures featuresOf(const QString &runId) const override;

protected:
    RequestId answerLater(QObject *context, std::function<void()> answer) override;

private:
    struct Cursor;
    struct Listing;
    struct Job;

    void pump(const std::shared_ptr<Job> &job);
    void fetch(const std::shared_ptr<Job> &job, int cursor);
    void finish(const std::shared_ptr<Job> &job);
    int ownerOf(const QString &runId) const;
    /** The runs of `runIds` listed by the same member as the first. */
    QStringList runsOfFirstOwner(const QStringList &runIds) const;
    template<typename T>
    RequestId answerLater(QObject *context, Handler<T> handler, ApiResult<T> result);
    /** Hands a call to the member that listed the run; its id cancels through this source. */
    template<typename T, typename Call>
    RequestId forward(int member, Handler<T> handler, Call call);
    /**
     * Calls `call` on the source that listed `runId` and forwards the answer, or answers that
     * the run is not in the loaded lists.
     */
    template<typename T, typename Call>
    RequestId forwardForRun(const QString &runId, QObject *context, Handler<T> handler, Call call);

    QList<Member> m_members;
    QHash<QString, std::shared_ptr<Listing>> m_listings; // by filter and page size
    QHash<RequestId, std::shared_ptr<Job>> m_jobs;
    QHash<QString, int> m_owner; // run id -> member that listed it
    QHash<RequestId, int> m_forwarded; // calls in flight at a member, by the member's id
    DeferredAnswers *m_laterAnswers; // answers given without a member
};
