#include "screenshotload.h"

#include <QCoreApplication>
#include <QPointer>

#include "screenshotdecoder.h"

ArtifactContent::Cancel ScreenshotLoad::load(ArtifactFetcher *fetcher, RunSource *source,
    const QString &runId, const Artifact &artifact, QObject *context, int maxWidth,
    qreal pixelRatio, Done done)
{
    const QPointer<QObject> guarded(context);
    return ArtifactContent::fetch(fetcher, source, runId, artifact, context,
        [guarded, maxWidth, pixelRatio, done](const QByteArray &data, const QString &error) {
            if (!guarded)
                return;
            if (!error.isEmpty()) {
                done({}, {},
                    QCoreApplication::translate(
                        "ScreenshotLoad", "Could not load the screenshot: %1")
                        .arg(error));
                return;
            }
            ScreenshotDecoder::decodeInBackground(
                guarded, data, maxWidth, pixelRatio, [data, done](const QImage &image) {
                    if (image.isNull())
                        done({}, data,
                            QCoreApplication::translate(
                                "ScreenshotLoad", "The screenshot is not an image."));
                    else
                        done(image, data, {});
                });
        });
}
