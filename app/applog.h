#pragma once

#include <QLoggingCategory>

// The application's own categories: the run cache on disk, the keychain, start-up and
// connections (QT_LOGGING_RULES="runwatch.*.debug=true" for all of Runwatch).
Q_DECLARE_LOGGING_CATEGORY(lcCache)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
