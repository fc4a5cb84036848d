#include "modellog.h"

Q_LOGGING_CATEGORY(lcModel, "runwatch.model", QtWarningMsg)
