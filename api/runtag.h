#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

/**
 * One tag on a run, as Skyvern keeps them: a label in a group (`env:prod`: key `env`, value
 * `prod`) or a standalone label (no key).
 */
struct RunTag
{
    QString key; // empty: a standalone label
    QString value;

    /** As written in a filter and shown on a chip: `env:prod`, or `nightly`. */
    QString text() const { return key.isEmpty() ? value : key + u':' + value; }
    bool operator==(const RunTag &other) const { return key == other.key && value == other.value; }
};

/** The tags of several runs, by run id; a run with none is present with an empty list. */
struct RunTags
{
    QHash<QString, QList<RunTag>> byRun;

    /** A RunTagsBatchResponse; entries that are not tags are skipped, the rest kept. */
    static std::optional<RunTags> fromJson(const QByteArray &body, QString *error);
};

/**
 * What a tag filter can offer while typing (`GET /v1/run-tag-suggestions`): `group:*` and
 * `group:label` for each group seen, and the standalone labels, sorted.
 */
std::optional<QStringList> tagSuggestionsFromJson(const QByteArray &body, QString *error);
