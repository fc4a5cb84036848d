#include "applog.h"

Q_LOGGING_CATEGORY(lcCache, "runwatch.cache", QtWarningMsg)
Q_LOGGING_CATEGORY(lcKeychain, "runwatch.keychain", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApp, "runwatch.app", QtWarningMsg)
