#include "mergedrunsource.h"

#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

struct MergedRunSource::Cursor
{
    int member = 0;
    int nextPage = 1;
    bool exhausted = false;
    // The member's last page as it answered (shared, not copied: a poll brings ten pages of
    // which one page is kept) and how many of its runs were handed out.
    QList<WorkflowRun> page;
    qsizetype taken = 0;
    RequestId inflight = 0;

    bool isEmpty() const { return taken >= page.size(); }
    const WorkflowRun &next() const { return page.at(taken); }
};

struct MergedRunSource::Listing
{
    QString key;
    RunFilter filter;
    int pageSize = 50;
    int deliveredPages = 0;
    QList<Cursor> cursors;
    // Members that failed in this listing: they are missing from every later page too, so
    // every page says so, not only the one that found out.
    QList<ApiError> failures;
    QStringList notes; // members left out because they cannot filter as asked
    int asked = 0; // members the filter lets in
};

struct MergedRunSource::Job
{
    RequestId id = 0;
    RunQuery query;
    std::shared_ptr<Listing> listing;
    int skip = 0; // runs to drop before the page (when a listing is rebuilt)
    QList<WorkflowRun> out;
    QList<ApiError> errors;
    QStringList notes;
    QPointer<QObject> context;
    bool hasContext = false;
    RunPageHandler handler;
    bool canceled = false;
};

namespace {
QString listingKey(const RunFilter &filter, int pageSize)
{
    // Saved form: a relative range must not make every page a new listing as the clock moves.
    return filter.toSavedQuery().toString(QUrl::FullyEncoded) + u"|%1"_s.arg(pageSize);
}

// The statuses of `filter` a member filters by: the merged list offers every member's.
QList<RunStatus> ownStatuses(const RunFilter &filter, const SourceFeatures &features)
{
    QList<RunStatus> own;
    for (RunStatus status : filter.statuses) {
        if (features.statuses.contains(status))
            own.append(status);
    }
    return own;
}
} // namespace

MergedRunSource::MergedRunSource(QList<Member> members, QObject *parent)
    : RunSource(parent)
    , m_members(std::move(members))
    , m_laterAnswers(new DeferredAnswers(this))
{
    for (const Member &member : std::as_const(m_members)) {
        if (!member.source)
            continue;
        const QString name = member.name;
        connect(member.source, &RunSource::retrying, this,
            [this, name](const ApiError &error, int delayMs) {
                ApiError named = error;
                named.source = name;
                named.message = name + u": "_s + error.message;
                emit retrying(named, delayMs);
            });
    }
}

MergedRunSource::~MergedRunSource()
{
    const auto jobs = std::exchange(m_jobs, {});
    for (const auto &job : jobs) {
        job->canceled = true;
        for (Cursor &cursor : job->listing->cursors) {
            RunSource *source = m_members.at(cursor.member).source;
            if (cursor.inflight && source)
                source->cancelRequest(cursor.inflight);
        }
    }
}

QString MergedRunSource::displayName() const
{
    return tr("All connections");
}

SourceFeatures MergedRunSource::features() const
{
    if (m_members.isEmpty())
        return {};
    SourceFeatures merged = m_members.constFirst().source
        ? m_members.constFirst().source->features()
        : SourceFeatures();
    for (const Member &member : m_members) {
        if (member.source)
            merged = merged.intersectedWith(member.source->features());
    }
    merged.allWorkflowsScope = true; // the merged list is every workflow of every member
    merged.createdRange = false; // workflows' date ranges do not merge
    merged.runSource = true;
    for (const Member &member : m_members) {
        if (!merged.sourceNames.contains(member.name))
            merged.sourceNames.append(member.name);
    }
    // One connection is nothing to choose from.
    if (merged.sourceNames.size() < 2)
        merged.sourceNames.clear();
    return merged;
}

RunSource *MergedRunSource::sourceOf(const QString &runId)
{
    const int member = ownerOf(runId);
    RunSource *own = member >= 0 ? m_members.at(member).source.data() : nullptr;
    return own ? own : this;
}

SourceFeatures MergedRunSource::featuresOf(const QString &runId) const
{
    const int member = ownerOf(runId);
    if (member < 0)
        return features();
    SourceFeatures own = m_members.at(member).source->features();
    own.runSource = true;
    return own;
}

template<typename T>
RequestId MergedRunSource::answerLater(QObject *context, Handler<T> handler, ApiResult<T> result)
{
    return m_laterAnswers->post(context, [handler, result] { handler(result); });
}

template<typename T, typename Call>
RequestId MergedRunSource::forward(int member, Handler<T> handler, Call call)
{
    // Ids come from one counter for the process, so the member's id is ours to hand out too;
    // it is remembered until the answer comes, so cancelRequest knows where to send it.
    auto id = std::make_shared<RequestId>(0);
    *id = call([guard = QPointer<MergedRunSource>(this), id, handler](const ApiResult<T> &result) {
        if (guard)
            guard->m_forwarded.remove(*id);
        handler(result);
    });
    m_forwarded.insert(*id, member);
    return *id;
}

RequestId MergedRunSource::listRuns(const RunQuery &query, QObject *context, RunPageHandler handler)
{
    auto job = std::make_shared<Job>();
    job->id = nextRequestId();
    job->query = query;
    job->context = context;
    job->hasContext = context != nullptr;
    job->handler = std::move(handler);
    const int pageSize = qMax(1, query.pageSize);
    const QString key = listingKey(query.filter, pageSize);
    // Page n continues where page n-1 of the same listing stopped; anything else starts over.
    std::shared_ptr<Listing> listing = m_listings.value(key);
    const bool continues = listing && query.page > 1 && listing->deliveredPages == query.page - 1;
    if (!continues) {
        listing = std::make_shared<Listing>();
        listing->key = key;
        listing->filter = query.filter;
        listing->pageSize = pageSize;
        // Members the filter leaves out are not asked at all: a noisy server cannot crowd
        // out the one the user chose.
        for (int i = 0; i < m_members.size(); ++i) {
            const Member &member = m_members.at(i);
            bool left
                = !query.filter.sources.isEmpty() && !query.filter.sources.contains(member.name);
            // A filter one member cannot apply (an error code found on a Skyvern run) narrows
            // the others; that member is said to be left out, not to have failed.
            const SourceFeatures features
                = member.source ? member.source->features() : SourceFeatures();
            QString cannot;
            if (!query.filter.statuses.isEmpty() && ownStatuses(query.filter, features).isEmpty())
                cannot = tr("%1 is not shown: it cannot filter by the status you picked.");
            else if (!query.filter.errorCode.isEmpty() && !features.errorCode)
                cannot = tr("%1 is not shown: it cannot filter by error code.");
            else if (!query.filter.searchKey.isEmpty() && !features.search)
                cannot = tr("%1 is not shown: it cannot search runs.");
            if (!left && !cannot.isEmpty()) {
                listing->notes.append(cannot.arg(member.name));
                left = true;
            }
            listing->cursors.append(Cursor {i, 1, member.source.isNull() || left, {}, 0, 0});
            listing->asked += left ? 0 : 1;
        }
        m_listings.insert(key, listing);
        job->skip = (qMax(1, query.page) - 1) * pageSize;
    }
    job->listing = listing;
    m_jobs.insert(job->id, job);
    // Never answered from inside this call, even when the buffers hold the whole page: a model
    // asking for more from inside its own row signals would otherwise get rows in the middle of
    // announcing others.
    QMetaObject::invokeMethod(
        this,
        [this, job] {
            if (!job->canceled)
                pump(job);
        },
        Qt::QueuedConnection);
    return job->id;
}

void MergedRunSource::pump(const std::shared_ptr<Job> &job)
{
    Listing &listing = *job->listing;
    const int wanted = job->skip + listing.pageSize;
    job->out.reserve(wanted);
    while (job->out.size() < wanted) {
        // A member whose next run is unknown must answer before anything is handed out.
        bool waiting = false;
        for (int i = 0; i < listing.cursors.size(); ++i) {
            Cursor &cursor = listing.cursors[i];
            if (!m_members.at(cursor.member).source)
                cursor.exhausted = true; // a connection removed meanwhile has nothing more
            if (!cursor.exhausted && cursor.isEmpty()) {
                waiting = true;
                if (!cursor.inflight)
                    fetch(job, i);
            }
        }
        if (waiting)
            return;
        int newest = -1;
        for (int i = 0; i < listing.cursors.size(); ++i) {
            const Cursor &cursor = listing.cursors.at(i);
            if (cursor.isEmpty())
                continue;
            if (newest < 0
                || cursor.next().orderTime() > listing.cursors.at(newest).next().orderTime())
                newest = i;
        }
        if (newest < 0)
            break; // every member is exhausted
        // Only runs handed out are asked about later: a poll buffers ten members' pages, and
        // remembering all of them cost a lookup in a large table each.
        Cursor &from = listing.cursors[newest];
        job->out.append(from.next());
        ++from.taken;
        WorkflowRun &out = job->out.last();
        if (out.source.isEmpty())
            out.source = m_members.at(from.member).name;
        m_owner.insert(out.workflowRunId, from.member);
    }
    finish(job);
}

void MergedRunSource::fetch(const std::shared_ptr<Job> &job, int index)
{
    Cursor &cursor = job->listing->cursors[index];
    const Member &member = m_members.at(cursor.member);
    RunQuery query;
    query.workflowPermanentId = member.scope;
    query.filter = job->listing->filter;
    query.filter.statuses = ownStatuses(query.filter, member.source->features());
    query.page = cursor.nextPage;
    query.pageSize = job->listing->pageSize;
    const std::weak_ptr<Listing> weakListing = job->listing;
    cursor.inflight = member.source->listRuns(
        query, this, [this, job, index, weakListing](const ApiResult<RunPage> &result) {
            const std::shared_ptr<Listing> listing = weakListing.lock();
            if (!listing || job->canceled)
                return;
            Cursor &cursor = listing->cursors[index];
            cursor.inflight = 0;
            const Member &member = m_members.at(cursor.member);
            if (!result.ok()) {
                // This member is out of this listing; the others carry on.
                cursor.exhausted = true;
                ApiError error = result.error;
                error.source = member.name;
                error.message = member.name + u": "_s + error.message;
                listing->failures.append(error);
            } else {
                // A page is asked for once the last one is used up.
                cursor.page = result.value.runs;
                cursor.taken = 0;
                for (const ApiError &error : result.value.partialErrors)
                    job->errors.append(error);
                for (const QString &note : result.value.notes)
                    job->notes.append(member.name + u": "_s + note);
                cursor.nextPage += 1;
                cursor.exhausted = result.value.isLastPage();
            }
            pump(job);
        });
}

void MergedRunSource::finish(const std::shared_ptr<Job> &job)
{
    m_jobs.remove(job->id);
    if (job->canceled || (job->hasContext && !job->context))
        return;
    job->listing->deliveredPages = job->query.page;
    ApiResult<RunPage> result;
    result.value.query = job->query;
    const bool nothingOut = job->out.isEmpty();
    result.value.runs = job->skip == 0 ? std::move(job->out) : job->out.mid(job->skip);
    bool more = false;
    for (const Cursor &cursor : std::as_const(job->listing->cursors))
        more = more || !cursor.exhausted || !cursor.isEmpty();
    result.value.hasMore = more;
    const QList<ApiError> errors = job->listing->failures + job->errors;
    result.value.partialErrors = errors;
    result.value.notes = job->listing->notes + job->notes;
    // A connection of several workflows is a member per workflow: said once, not per member.
    result.value.notes.removeDuplicates();
    if (nothingOut && !errors.isEmpty() && job->listing->failures.size() >= job->listing->asked) {
        // Nothing worked: that is an error, not an empty list.
        result.error = errors.constFirst();
        QStringList messages;
        for (const ApiError &error : errors)
            messages.append(error.message);
        result.error.message = messages.join(u' ');
    }
    job->handler(result);
}

QString MergedRunSource::connectionOf(const QString &runId) const
{
    const int member = ownerOf(runId);
    return member >= 0 ? m_members.at(member).connectionId : QString();
}

int MergedRunSource::ownerOf(const QString &runId) const
{
    const int member = m_owner.value(runId, -1);
    return member >= 0 && m_members.at(member).source ? member : -1;
}

template<typename T, typename Call>
RequestId MergedRunSource::forwardForRun(
    const QString &runId, QObject *context, Handler<T> handler, Call call)
{
    if (const int member = ownerOf(runId); member >= 0) {
        RunSource *source = m_members.at(member).source;
        return forward<T>(member, std::move(handler),
            [&](Handler<T> wrapped) { return call(source, std::move(wrapped)); });
    }
    ApiResult<T> result;
    result.error = ApiError::badInput(tr("Run %1 is not in the loaded lists.").arg(runId));
    return answerLater(context, std::move(handler), result);
}

RequestId MergedRunSource::answerLater(QObject *context, std::function<void()> answer)
{
    return m_laterAnswers->post(context, std::move(answer));
}

RequestId MergedRunSource::getRun(
    const QString &runId, QObject *context, Handler<RunDetail> handler)
{
    return forwardForRun<RunDetail>(
        runId, context, std::move(handler), [&](RunSource *source, Handler<RunDetail> wrapped) {
            return source->getRun(runId, context, std::move(wrapped));
        });
}

RequestId MergedRunSource::listWorkflows(QObject *context, Handler<QList<Workflow>> handler)
{
    // The merged list is always every workflow; there is nothing to pick.
    return answerLater(context, std::move(handler), ApiResult<QList<Workflow>>());
}

RequestId MergedRunSource::launchRun(
    const LaunchRequest &, QObject *context, Handler<RunDetail> handler)
{
    ApiResult<RunDetail> result;
    result.error = ApiError::badInput(tr("Pick one connection to launch a run on."));
    return answerLater(context, std::move(handler), result);
}

RequestId MergedRunSource::cancelRun(const QString &runId, QObject *context, Handler<bool> handler)
{
    return forwardForRun<bool>(
        runId, context, std::move(handler), [&](RunSource *source, Handler<bool> wrapped) {
            return source->cancelRun(runId, context, std::move(wrapped));
        });
}

QStringList MergedRunSource::runsOfFirstOwner(const QStringList &runIds) const
{
    const int owner = ownerOf(runIds.value(0));
    QStringList sameOwner;
    for (const QString &id : runIds) {
        if (ownerOf(id) == owner)
            sameOwner.append(id);
    }
    return sameOwner;
}

RequestId MergedRunSource::getTagSuggestions(QObject *context, Handler<QStringList> handler)
{
    for (const Member &member : std::as_const(m_members)) {
        if (member.source && member.source->features().tags)
            return member.source->getTagSuggestions(context, std::move(handler));
    }
    return RunSource::getTagSuggestions(context, std::move(handler));
}

RequestId MergedRunSource::getTagColors(QObject *context, Handler<TagColorNames> handler)
{
    for (const Member &member : std::as_const(m_members)) {
        if (member.source && member.source->features().tags)
            return member.source->getTagColors(context, std::move(handler));
    }
    return RunSource::getTagColors(context, std::move(handler));
}

RequestId MergedRunSource::applyRunTags(const QString &runId, const RunTagChange &change,
    QObject *context, Handler<QList<RunTag>> handler)
{
    return forwardForRun<QList<RunTag>>(
        runId, context, std::move(handler), [&](RunSource *source, Handler<QList<RunTag>> wrapped) {
            return source->applyRunTags(runId, change, context, std::move(wrapped));
        });
}

RequestId MergedRunSource::cancelRuns(
    const QStringList &runIds, QObject *context, Handler<BulkCancelResult> handler)
{
    const QStringList sameOwner = runsOfFirstOwner(runIds);
    return forwardForRun<BulkCancelResult>(runIds.value(0), context, std::move(handler),
        [&](RunSource *source, Handler<BulkCancelResult> wrapped) {
            return source->cancelRuns(sameOwner, context, std::move(wrapped));
        });
}

RequestId MergedRunSource::getRunTags(
    const QStringList &runIds, QObject *context, Handler<RunTags> handler)
{
    // One connection at a time: the first run's, with those of its runs asked for.
    const QStringList sameOwner = runsOfFirstOwner(runIds);
    return forwardForRun<RunTags>(runIds.value(0), context, std::move(handler),
        [&](RunSource *source, Handler<RunTags> wrapped) {
            return source->getRunTags(sameOwner, context, std::move(wrapped));
        });
}

RequestId MergedRunSource::getTimeline(
    const QString &runId, QObject *context, Handler<RunTimeline> handler)
{
    return forwardForRun<RunTimeline>(
        runId, context, std::move(handler), [&](RunSource *source, Handler<RunTimeline> wrapped) {
            return source->getTimeline(runId, context, std::move(wrapped));
        });
}

RequestId MergedRunSource::listArtifacts(
    const QString &runId, const QStringList &types, QObject *context, Handler<RunArtifacts> handler)
{
    return forwardForRun<RunArtifacts>(
        runId, context, std::move(handler), [&](RunSource *source, Handler<RunArtifacts> wrapped) {
            return source->listArtifacts(runId, types, context, std::move(wrapped));
        });
}

RequestId MergedRunSource::getArtifactContent(
    const QString &runId, const QString &artifactId, QObject *context, Handler<QByteArray> handler)
{
    return forwardForRun<QByteArray>(
        runId, context, std::move(handler), [&](RunSource *source, Handler<QByteArray> wrapped) {
            return source->getArtifactContent(runId, artifactId, context, std::move(wrapped));
        });
}

RequestId MergedRunSource::retryRun(
    const QString &runId, QObject *context, Handler<RunDetail> handler)
{
    // The new run is on the same connection: remember it, so its details can be asked for
    // before a list shows it.
    const int member = ownerOf(runId);
    Handler<RunDetail> remember
        = [guard = QPointer<MergedRunSource>(this), member, handler = std::move(handler)](
              const ApiResult<RunDetail> &result) {
              if (guard && member >= 0 && result.ok() && !result.value.runId.isEmpty())
                  guard->m_owner.insert(result.value.runId, member);
              handler(result);
          };
    return forwardForRun<RunDetail>(
        runId, context, std::move(remember), [&](RunSource *source, Handler<RunDetail> wrapped) {
            return source->retryRun(runId, context, std::move(wrapped));
        });
}

void MergedRunSource::retainRuns(const QSet<QString> &runIds)
{
    // Runs fetched but not handed out yet are still to come: keep them too.
    QSet<QString> keep = runIds;
    for (const auto &listing : std::as_const(m_listings)) {
        for (const Cursor &cursor : std::as_const(listing->cursors)) {
            for (qsizetype i = cursor.taken; i < cursor.page.size(); ++i)
                keep.insert(cursor.page.at(i).workflowRunId);
        }
    }
    for (auto it = m_owner.begin(); it != m_owner.end();) {
        if (keep.contains(it.key()))
            ++it;
        else
            it = m_owner.erase(it);
    }
    for (const Member &member : std::as_const(m_members)) {
        if (member.source)
            member.source->retainRuns(keep);
    }
}

void MergedRunSource::cancelRequest(RequestId id)
{
    if (m_laterAnswers->cancel(id))
        return;
    if (const auto forwarded = m_forwarded.constFind(id); forwarded != m_forwarded.cend()) {
        if (RunSource *source = m_members.at(*forwarded).source)
            source->cancelRequest(id);
        m_forwarded.erase(forwarded);
        return;
    }
    const std::shared_ptr<Job> job = m_jobs.take(id);
    if (!job)
        return;
    job->canceled = true;
    for (Cursor &cursor : job->listing->cursors) {
        RunSource *source = m_members.at(cursor.member).source;
        if (cursor.inflight && source)
            source->cancelRequest(cursor.inflight);
        cursor.inflight = 0;
    }
    // Runs it took from the buffers were never handed out; the listing cannot go on.
    if (m_listings.value(job->listing->key) == job->listing)
        m_listings.remove(job->listing->key);
}

QString MergedRunSource::launchCommand(const RunDetail &run) const
{
    const int member = ownerOf(run.runId);
    return member < 0 ? QString() : m_members.at(member).source->launchCommand(run);
}
