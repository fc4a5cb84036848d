#include "artifact.h"

#include <QCoreApplication>

#include "jsonreader.h"
#include "lenientread.h"

using namespace Qt::StringLiterals;

namespace {
// A file size past a terabyte is a broken server, not a recording.
constexpr qint64 kMaxFileSize = 1LL << 40;
} // namespace

bool Artifact::isScreenshot() const
{
    return artifactType.startsWith("screenshot"_L1);
}

bool Artifact::isRecording() const
{
    return artifactType == "recording"_L1;
}

QUrl Artifact::directUrl() const
{
    const QUrl signedLink(signedUrl);
    if (signedLink.isValid()
        && (signedLink.scheme() == "https"_L1 || signedLink.scheme() == "http"_L1))
        return signedLink;
    // Self-hosted servers store artifacts on their own disk; on the same machine it is readable.
    const QUrl stored(uri);
    if (stored.isLocalFile())
        return stored;
    return {};
}

std::optional<Artifact> Artifact::fromJson(
    const QJsonObject &json, const QString &path, LenientRead &read, QString *error)
{
    JsonReader reader(json, path);
    Artifact artifact;
    artifact.artifactId = reader.requiredString("artifact_id"_L1);
    artifact.artifactType = reader.requiredString("artifact_type"_L1);
    artifact.uri = reader.requiredString("uri"_L1);
    artifact.organizationId = reader.requiredString("organization_id"_L1);
    artifact.createdAt = reader.requiredTimestamp("created_at"_L1);
    artifact.modifiedAt = reader.requiredTimestamp("modified_at"_L1);
    artifact.signedUrl = read.text(reader, "signed_url"_L1);
    artifact.bundleKey = reader.optionalString("bundle_key"_L1);
    artifact.checksum = reader.optionalString("checksum"_L1);
    artifact.fileSize = read.integer(reader, "file_size"_L1, 0, kMaxFileSize);
    artifact.runId = reader.optionalString("run_id"_L1);
    artifact.taskId = reader.optionalString("task_id"_L1);
    artifact.stepId = reader.optionalString("step_id"_L1);
    artifact.workflowRunId = reader.optionalString("workflow_run_id"_L1);
    artifact.workflowRunBlockId = reader.optionalString("workflow_run_block_id"_L1);
    artifact.observerThoughtId = reader.optionalString("observer_thought_id"_L1);
    artifact.browserSessionId = reader.optionalString("browser_session_id"_L1);
    artifact.archived = reader.optionalBool("archived"_L1).value_or(false);
    if (!reader.ok()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return artifact;
}

QJsonObject Artifact::toJson() const
{
    return {
        {u"artifact_id"_s, artifactId},
        {u"artifact_type"_s, artifactType},
        {u"uri"_s, uri},
        {u"signed_url"_s, jsonStringOrNull(signedUrl)},
        {u"bundle_key"_s, jsonStringOrNull(bundleKey)},
        {u"checksum"_s, jsonStringOrNull(checksum)},
        {u"file_size"_s, fileSize ? QJsonValue(*fileSize) : QJsonValue()},
        {u"run_id"_s, jsonStringOrNull(runId)},
        {u"task_id"_s, jsonStringOrNull(taskId)},
        {u"step_id"_s, jsonStringOrNull(stepId)},
        {u"workflow_run_id"_s, jsonStringOrNull(workflowRunId)},
        {u"workflow_run_block_id"_s, jsonStringOrNull(workflowRunBlockId)},
        {u"observer_thought_id"_s, jsonStringOrNull(observerThoughtId)},
        {u"browser_session_id"_s, jsonStringOrNull(browserSessionId)},
        {u"organization_id"_s, organizationId},
        {u"archived"_s, archived},
        {u"created_at"_s, jsonTimestampOrNull(createdAt)},
        {u"modified_at"_s, jsonTimestampOrNull(modifiedAt)},
    };
}

QList<Artifact> RunArtifacts::ofStep(const QString &stepId) const
{
    QList<Artifact> found;
    for (const Artifact &artifact : artifacts) {
        if (artifact.stepId == stepId)
            found.append(artifact);
    }
    return found;
}

std::optional<Artifact> RunArtifacts::find(const QString &artifactId) const
{
    for (const Artifact &artifact : artifacts) {
        if (artifact.artifactId == artifactId)
            return artifact;
    }
    return std::nullopt;
}

std::optional<RunArtifacts> RunArtifacts::fromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, false, u"expected a JSON array of artifacts"_s, error);
    if (!document)
        return std::nullopt;
    const QJsonArray array = document->array();
    const qsizetype count = qMin(array.size(), kMaxArtifacts);
    LenientRead read;
    RunArtifacts list;
    list.artifacts.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonValueConstRef item = array.constBegin()[i];
        const QString path = u"[%1]"_s.arg(i);
        if (!item.isObject()) {
            read.skip(u"%1: expected an object, got %2"_s.arg(path, jsonTypeName(item)));
            continue;
        }
        QString problem;
        std::optional<Artifact> artifact
            = Artifact::fromJson(item.toObject(), path, read, &problem);
        if (artifact)
            list.artifacts.append(std::move(*artifact));
        else
            read.skip(problem);
    }
    if (list.artifacts.isEmpty() && read.skipped() > 0) {
        if (error)
            *error = read.firstSkipped();
        return std::nullopt; // nothing readable: the answer is broken, not one artifact
    }
    if (array.size() > count)
        read.limit(QCoreApplication::translate(
            "RunArtifacts", "The run has %1 artifacts; only the first %2 were read.")
                       .arg(array.size())
                       .arg(kMaxArtifacts));
    list.notes = read.notes(QT_TRANSLATE_N_NOOP(
        "LenientRead", "%n artifact(s) the server sent could not be read and are not shown (%1)."));
    return list;
}

QJsonArray RunArtifacts::toJson() const
{
    QJsonArray array;
    for (const Artifact &artifact : artifacts)
        array.append(artifact.toJson());
    return array;
}
