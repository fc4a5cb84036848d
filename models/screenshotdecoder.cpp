#include "screenshotdecoder.h"

#include <QBuffer>
#include <QFutureWatcher>
#include <QImageReader>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent>

QImage ScreenshotDecoder::decode(const QByteArray &data, int maxWidth, qreal pixelRatio)
{
    QBuffer buffer;
    buffer.setData(data);
    QImageReader reader(&buffer);
    const QSize size = reader.size();
    const int maxPixels = qRound(maxWidth * qMax(1.0, pixelRatio));
    if (maxWidth > 0 && size.isValid() && size.width() > maxPixels)
        reader.setScaledSize(QSize(maxPixels, qMax(1, size.height() * maxPixels / size.width())));
    QImage image = reader.read();
    if (maxWidth > 0 && !image.isNull())
        image.setDevicePixelRatio(
            qBound(1.0, qreal(image.width()) / maxWidth, qMax(1.0, pixelRatio)));
    return image;
}

namespace {
// Decoding has threads of its own: Qt's global pool also runs the artifact cache's disk reads
// and writes, which a burst of large screenshots must not queue behind. One thread fewer than
// the cores, so the GUI thread always has one.
QThreadPool *decodePool()
{
    // Owned by the application, which waits for its threads when it goes.
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setObjectName(QStringLiteral("screenshotDecoders"));
        pool->setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
    }
    return pool;
}
} // namespace

void ScreenshotDecoder::decodeInBackground(QObject *context, const QByteArray &data, int maxWidth,
    qreal pixelRatio, std::function<void(const QImage &)> done)
{
    auto *watcher = new QFutureWatcher<QImage>(context);
    QObject::connect(
        watcher, &QFutureWatcher<QImage>::finished, context, [watcher, done = std::move(done)] {
            watcher->deleteLater();
            done(watcher->result());
        });
    watcher->setFuture(QtConcurrent::run(
        decodePool(), [data, maxWidth, pixelRatio] { return decode(data, maxWidth, pixelRatio); }));
}
