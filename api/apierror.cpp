#include "apierror.h"

#include <QCoreApplication>

ApiError ApiError::badInput(const QString &message)
{
    ApiError error;
    error.kind = Kind::BadInput;
    error.message = message;
    return error;
}

void ApiError::quoteRequestId(const QString &id)
{
    // Servers that tag answers with a request id want it quoted to their support.
    if (id.isEmpty())
        return;
    requestId = id;
    message += QCoreApplication::translate("ApiError", " Request id: %1.").arg(id);
}
