#pragma once

#include <functional>

#include <QObject>
#include <QString>

#include "apierror.h"
#include "runquery.h"

using RequestId = quint64;

/**
 * Where run lists come from. Models talk to this interface only, so they know nothing of HTTP
 * and a test or another platform can supply a different source.
 */
class RunSource : public QObject
{
    Q_OBJECT
public:
    using RunPageHandler = std::function<void(const ApiResult<RunPage> &)>;

    explicit RunSource(QObject *parent = nullptr);
    ~RunSource() override;

    /** Asks for one page; the handler runs later on this thread unless the request is canceled
     * or the context object is gone. */
    virtual RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) = 0;
    /** Drops a pending request; its handler is never called. */
    virtual void cancelRequest(RequestId id) = 0;
    /** What to call this source in the UI, e.g. the server's host. */
    virtual QString displayName() const = 0;
};
