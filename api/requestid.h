#pragma once

#include <QtGlobal>

/** Names one request of a RunSource, so it can be canceled. */
using RequestId = quint64;
