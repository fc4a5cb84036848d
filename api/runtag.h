#pragma once

#include <optional>

#include <QHash>
#include <QJsonObject>
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
    /** Reads `env:prod` or `nightly` as typed; trimmed, not checked (see editError()). */
    static RunTag fromText(const QString &text);
    /**
     * Why a typed tag cannot be set on a run (empty, too long, `:` misplaced, a `*`, a group
     * the server keeps for itself), or empty when it can.
     */
    static QString editError(const QString &text);
    static constexpr int kMaxLength = 100;
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
 * Tags to set on runs and tags to take off (`POST /v1/runs/{id}/tags`). A run has one label
 * per group: setting `env:staging` replaces `env:prod`. A grouped tag is taken off by its
 * group, a standalone label by itself.
 */
struct RunTagChange
{
    QList<RunTag> set;
    QList<RunTag> remove;

    bool isEmpty() const { return set.isEmpty() && remove.isEmpty(); }
    /**
     * What is left to do on a run that has `current`: nothing when it is already so. A removal
     * is kept only where the run has exactly that tag, since the server takes a grouped tag off
     * by its group.
     */
    RunTagChange neededFor(const QList<RunTag> &current) const;
    /** "+env:prod −smoke", for reports. */
    QString text() const;
    /** TagApplyRequest. */
    QJsonObject toJson() const;
};

/** The tags a run has now (RunTagsResponse), in the server's order. */
std::optional<QList<RunTag>> runTagsFromResponse(const QByteArray &body, QString *error);

/** Palette colour names of grouped tags by RunTag::text() (`GET /v1/tag-values`). */
using TagColorNames = QHash<QString, QString>;
std::optional<TagColorNames> tagColorNamesFromJson(const QByteArray &body, QString *error);

/**
 * What a tag filter can offer while typing (`GET /v1/run-tag-suggestions`): `group:*` and
 * `group:label` for each group seen, and the standalone labels, sorted.
 */
std::optional<QStringList> tagSuggestionsFromJson(const QByteArray &body, QString *error);
