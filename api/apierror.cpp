#include "apierror.h"

ApiError ApiError::badInput(const QString &message)
{
    ApiError error;
    error.kind = Kind::BadInput;
    error.message = message;
    return error;
}
