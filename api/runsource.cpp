#include "runsource.h"

SourceFeatures SourceFeatures::intersectedWith(const SourceFeatures &other) const
{
    SourceFeatures both;
    both.allWorkflowsScope = allWorkflowsScope && other.allWorkflowsScope;
    both.search = search && other.search;
    both.errorCode = errorCode && other.errorCode;
    both.createdRange = createdRange && other.createdRange;
    both.statuses.clear();
    for (RunStatus status : statuses) {
        if (other.statuses.contains(status))
            both.statuses.append(status);
    }
    if (maxStatuses < 0 || other.maxStatuses < 0)
        both.maxStatuses = qMax(maxStatuses, other.maxStatuses);
    else
        both.maxStatuses = qMin(maxStatuses, other.maxStatuses);
    both.details = details || other.details;
    both.launch = false; // a launch needs one target; pick a single connection for it
    both.cancel = cancel || other.cancel;
    // A column is worth showing when some of the runs fill it.
    both.createdAt = createdAt || other.createdAt;
    both.failureReason = failureReason || other.failureReason;
    both.workflowTitle = workflowTitle || other.workflowTitle;
    both.runSource = true;
    return both;
}

RunSource::RunSource(QObject *parent)
    : QObject(parent)
{ }

RunSource::~RunSource() = default;
