#pragma once

#include <functional>

#include <QJsonObject>
#include <QObject>
#include <QString>

#include "apierror.h"
#include "launchrequest.h"
#include "rundetail.h"
#include "runquery.h"
#include "workflow.h"

using RequestId = quint64;

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
    /** Drops a pending request; its handler is never called. */
    virtual void cancelRequest(RequestId id) = 0;
    /** What to call this source in the UI, e.g. the server's host. */
    virtual QString displayName() const = 0;
};
