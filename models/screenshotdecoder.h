#pragma once

#include <QByteArray>
#include <QImage>

/** Screenshots as a screen shows them: decoded small where small is all that is drawn. */
namespace ScreenshotDecoder {
/**
 * Decodes an image at most `maxWidth` device-independent pixels wide (0: as it is) for a
 * screen of `pixelRatio`: a 2x screen gets up to twice the pixels, marked with the ratio, and
 * draws them sharp; an image smaller than the space keeps its own size. Reading at the smaller
 * size means a thumbnail never holds a full screenshot in memory. Thread-safe; a null image
 * for bytes that are not one.
 */
QImage decode(const QByteArray &data, int maxWidth, qreal pixelRatio);
} // namespace ScreenshotDecoder
