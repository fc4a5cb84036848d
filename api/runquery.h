#pragma once

#include <QList>
#include <QString>

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

    /** The list endpoints give no total; a short page is the last one. */
    bool isLastPage() const { return runs.size() < query.pageSize; }
};
