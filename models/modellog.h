#pragma once

#include <QLoggingCategory>

// What the models do with the answers: reloads, polls merged, rows changed
// (QT_LOGGING_RULES="runwatch.model.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcModel)
