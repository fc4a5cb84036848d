#include "artifactcontent.h"

#include <QCoreApplication>
#include <QPointer>

#include "artifact.h"
#include "runsource.h"

ArtifactContent::Cancel ArtifactContent::fetch(ArtifactFetcher *fetcher, RunSource *source,
    const QString &runId, const Artifact &artifact, QObject *context, ArtifactFetcher::Handler done)
{
    const QUrl direct = artifact.directUrl();
    if (!direct.isEmpty()) {
        fetcher->fetch(direct, context, std::move(done)); // a link that needs no key
        return {};
    }
    if (!source) {
        QMetaObject::invokeMethod(
            context,
            [done] { done({}, QCoreApplication::translate("ArtifactContent", "Not connected.")); },
            Qt::QueuedConnection);
        return {};
    }
    const QPointer<RunSource> guarded(source);
    const RequestId request = source->getArtifactContent(
        runId, artifact.artifactId, context, [done](const ApiResult<QByteArray> &result) {
            done(result.value, result.ok() ? QString() : result.error.message);
        });
    return [guarded, request] {
        if (guarded)
            guarded->cancelRequest(request);
    };
}
