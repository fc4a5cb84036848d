#pragma once

#include <optional>

#include <QByteArray>
#include <QString>
#include <QStringList>

/** What a server said about cancelling several runs at once (`BulkCancelRunsResponse`). */
struct BulkCancelResult
{
    QStringList cancelled; // run ids the server cancelled
    QStringList failed; // run ids it could not cancel (ended already, unknown, …)

    /** Reads the answer; ids that are not strings are skipped, a wrong shape is an error. */
    static std::optional<BulkCancelResult> fromJson(const QByteArray &body, QString *error);
};
