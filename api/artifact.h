#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

class LenientRead;

/**
 * A file a run left behind (the contract's `Artifact`): a screenshot, the recording, a log, a
 * download. `stepId` ties it to the actions of that step (TimelineAction::stepId), and
 * `workflowRunBlockId` to a block; an action names its own screenshot by `artifactId`.
 *
 * Its bytes come from directUrl() when there is one, fetched with ArtifactFetcher, which never
 * sends the API key (a pre-signed link, usually on another host, or a local file); otherwise
 * from RunSource::getArtifactContent(), which asks the server with the key.
 */
struct Artifact
{
    QString artifactId;
    QString artifactType; // screenshot_action, screenshot_final, recording, har, ... (wire value)
    QString uri; // where the server stores it: s3://…, file://…
    QString signedUrl; // a pre-signed https link, when the server made one
    QString bundleKey;
    QString checksum;
    std::optional<qint64> fileSize;
    QString runId;
    QString taskId;
    QString stepId;
    QString workflowRunId;
    QString workflowRunBlockId;
    QString observerThoughtId;
    QString browserSessionId;
    QString organizationId;
    bool archived = false;
    QDateTime createdAt;
    QDateTime modifiedAt;

    /** screenshot, screenshot_action, screenshot_final, screenshot_llm, ... */
    bool isScreenshot() const;
    bool isRecording() const;
    /** A link that can be fetched without the API key, or an empty URL when there is none. */
    QUrl directUrl() const;

    /** Decodes one artifact; on failure returns nullopt and says which field was wrong. */
    static std::optional<Artifact> fromJson(
        const QJsonObject &json, const QString &path, LenientRead &read, QString *error);
    QJsonObject toJson() const;
};

/**
 * The answer of `GET /v1/runs/{run_id}/artifacts`, read leniently: an artifact that cannot be
 * read is left out and the notes say so, and a list longer than kMaxArtifacts is cut with a
 * note. Only an answer that is not a JSON array, or whose every artifact is unreadable, is an
 * error. Artifacts keep the server's order.
 */
struct RunArtifacts
{
    QList<Artifact> artifacts;
    QStringList notes;

    static constexpr qsizetype kMaxArtifacts = 20000;

    // Both look through the whole list: a view asking for every action keeps its own index.
    /** Those tied to a step (the screenshots of its actions, say), in the list's order. */
    QList<Artifact> ofStep(const QString &stepId) const;
    /** The one with this id, or nullopt. */
    std::optional<Artifact> find(const QString &artifactId) const;

    static std::optional<RunArtifacts> fromJson(const QByteArray &body, QString *error);
    QJsonArray toJson() const;
};
