#include "apilog.h"

Q_LOGGING_CATEGORY(lcApi, "runwatch.api", QtWarningMsg)
