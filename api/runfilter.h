#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include "runstatus.h"

class QUrlQuery;
struct WorkflowRun;

/**
 * What the user filters runs by. It renders the server's own query parameters (status,
 * search_key, error_code, created_at_start/end) and answers the part it can check locally.
 */
struct RunFilter
{
    static constexpr int kMaxTextLength = 500;

    QList<RunStatus> statuses;
    QString searchKey;
    QString errorCode;
    QDateTime createdAfter; // inclusive; by-workflow lists only
    QDateTime createdBefore; // exclusive; by-workflow lists only
    // "Created in the last N seconds", measured again at every request so a list kept open all
    // day keeps showing the last hour; by-workflow lists only. Takes the place of createdAfter.
    int createdWithinSeconds = 0;
    // A merged list: the names of the connections to show; empty: all of them. Not a server
    // parameter: the merged list asks only these.
    QStringList sources;
    // Only on servers that list every run type (`GET /v1/runs`): tag terms (`env:prod`, `env:*`,
    // a label; AND across groups, OR within one) and run types (`task_v2`, `workflow_run`, …).
    QStringList tags;
    QStringList runTypes;
    // Several workflows at once (`workflow_permanent_id`, repeated; one is the list's scope).
    QStringList workflowIds;
    static constexpr int kMaxTagTerms = 20; // the contract's maxItems
    static constexpr int kMaxWorkflows = 50; // the same
    static constexpr int kMaxTagLength = 100;

    bool isEmpty() const;
    /** Tags, run types or several workflows: only `GET /v1/runs` filters by them. */
    bool needsEveryRunType() const
    {
        return !tags.isEmpty() || !runTypes.isEmpty() || !workflowIds.isEmpty();
    }
    /** Why a tag term cannot be sent (empty, too long, `:` misplaced), or empty when it can. */
    static QString tagTermError(const QString &term);
    /** Whether a created-at bound applies (absolute or relative). */
    bool hasCreatedRange() const;
    /** The inclusive lower bound as of `now`: createdAfter, or now minus the relative window. */
    QDateTime effectiveCreatedAfter(const QDateTime &now) const;
    /** A sentence saying what is wrong, or empty when the server would accept the filter. */
    QString validationError() const;
    void addTo(QUrlQuery &query, bool includeDateRange) const;
    /** Reads the parameters addTo() writes; unknown statuses and parameters are skipped. */
    static RunFilter fromQuery(const QUrlQuery &query);
    /**
     * The whole filter for saving and as a key: the server's parameters plus what only Runwatch
     * knows (`created_within` in seconds, repeatable `source`), with a relative range kept
     * relative rather than resolved to today's time.
     */
    QUrlQuery toSavedQuery() const;
    static RunFilter fromSavedQuery(const QUrlQuery &query);
    /** Whether a run comes from one of the chosen connections (all when none are chosen). */
    bool matchesSource(const WorkflowRun &run) const;

    /** Whether a run passes the status filter (the part a list item lets us check locally). */
    bool matchesStatus(const WorkflowRun &run) const;
    /**
     * The local part of the filter: status, source, type, workflows, and the search text in what
     * a list item carries (run id, workflow id and title, failure reason, extra headers) or in
     * `shown`: what the list shows of the run beside it (a workflow title, a reason learned from
     * its detail, its error codes). The server searches parameters too, so this narrows loaded
     * rows at once while its answer is on the way; the answer then replaces them.
     */
    bool matchesLocally(const WorkflowRun &run, const QStringList &shown = {}) const;

    bool operator==(const RunFilter &other) const;
    bool operator!=(const RunFilter &other) const { return !(*this == other); }
};
