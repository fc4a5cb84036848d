#pragma once

#include <functional>

#include <QByteArray>
#include <QImage>
#include <QString>

#include "artifactcontent.h"

/** One screenshot for a view to show large: fetched, then decoded off the GUI thread. */
namespace ScreenshotLoad {
/**
 * The decoded image and the bytes it came from (to save as the server sent them), or a null
 * image and a sentence for the user: why it could not be fetched, or that it is not an image.
 */
using Done = std::function<void(const QImage &image, const QByteArray &data, const QString &error)>;
/**
 * Fetches `artifact` (ArtifactContent::fetch) and decodes it at most `maxWidth` wide for a
 * screen of `pixelRatio` (ScreenshotDecoder; 0: full size). `done` runs on `context`'s thread,
 * never once `context` is gone.
 */
ArtifactContent::Cancel load(ArtifactFetcher *fetcher, RunSource *source, const QString &runId,
    const Artifact &artifact, QObject *context, int maxWidth, qreal pixelRatio, Done done);
} // namespace ScreenshotLoad
