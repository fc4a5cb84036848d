#include "screenshotdecoder.h"

#include <QBuffer>
#include <QImageReader>

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
