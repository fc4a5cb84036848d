#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "apierror.h"
#include "runfilter.h"
#include "workflowrun.h"

/** One page request of a run list: the scope (all workflows or one), the filter and the page. */
struct RunQuery
{
    QString workflowPermanentId; // empty: runs of all workflows
    RunFilter filter;
    int page = 1; // 1-based, as the server counts
    int pageSize = 50;
};

/** One page of runs as the server answered it. */
struct RunPage
{
    RunQuery query;
    QList<WorkflowRun> runs;
    /** Said by servers that page with a flag; Skyvern's lists give no total. */
    std::optional<bool> hasMore;
    /** Where several connections are merged: those that failed, each with its own sentence. */
    QList<ApiError> partialErrors;
    /** Worth telling the user though the page is good: runs skipped as unreadable, say. */
    QStringList notes;

    /** The last page: the server said so, or (without a flag) the page came back short. */
    bool isLastPage() const { return hasMore ? !*hasMore : runs.size() < query.pageSize; }
};
