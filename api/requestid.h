#pragma once

#include <QtGlobal>

/**
 * Names one request of a RunSource, so it can be canceled. Ids come from one counter for the
 * whole process, so an id handed through several sources (a merged list forwarding to a
 * member, a client splitting a page into chunks) can never be mistaken for another request.
 */
using RequestId = quint64;

/** A fresh id, never 0 and never handed out before in this process. */
RequestId nextRequestId();
