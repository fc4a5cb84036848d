#pragma once

#include <QtGlobal>

/** What the demo's HTTP front end accepts from one client before it refuses or hangs up. */
struct DemoHttpLimits
{
    qsizetype maxHeadBytes = 32 * 1024; // request line, headers and chunk trailers together
    int maxHeaderLines = 100;
    qsizetype maxBodyBytes = 1024 * 1024; // launches are a few kilobytes
    int idleTimeoutMs = 30000; // silence after which a connection is closed
};
