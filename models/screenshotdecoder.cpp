#include "screenshotdecoder.h"

#include <QBuffer>
#include <QFutureWatcher>
#include <QImageReader>
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
        [data, maxWidth, pixelRatio] { return decode(data, maxWidth, pixelRatio); }));
}
