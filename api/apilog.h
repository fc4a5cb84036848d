#pragma once

#include <QLoggingCategory>

// What the api layer says about its requests (method, path, answer, time; never a header or a
// key). Quiet but for warnings until QT_LOGGING_RULES="runwatch.api.debug=true" asks for more.
Q_DECLARE_LOGGING_CATEGORY(lcApi)
