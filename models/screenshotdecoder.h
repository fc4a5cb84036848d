#pragma once

#include <functional>

#include <QByteArray>
#include <QImage>

class QObject;

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
/**
 * decode() on a worker thread, the image handed to `done` on `context`'s thread; never if
 * `context` is gone by then. A large PNG takes tens of milliseconds: never on the GUI thread.
 */
void decodeInBackground(QObject *context, const QByteArray &data, int maxWidth, qreal pixelRatio,
    std::function<void(const QImage &)> done);
} // namespace ScreenshotDecoder
