#include "thumbnailservice.h"

#include <QFutureWatcher>
#include <QtConcurrent>

#include "screenshotdecoder.h"

namespace {

/**
 * On a worker thread: the screenshot read at the box's width; a page taller than the box keeps
 * its top, which is what tells one page from another, rather than shrinking to a sliver.
 */
QImage thumbnailOf(const QByteArray &data, const QSize &box, qreal pixelRatio)
{
    QImage image = ScreenshotDecoder::decode(data, box.width(), pixelRatio);
    if (image.isNull())
        return image;
    const qreal ratio = image.devicePixelRatio();
    const int maxHeight = qRound(box.height() * ratio);
    if (image.height() > maxHeight) {
        image = image.copy(0, 0, image.width(), maxHeight);
        image.setDevicePixelRatio(ratio);
    }
    return image;
}

} // namespace

ThumbnailService::ThumbnailService(QObject *parent)
    : QObject(parent)
{ }

ThumbnailService::~ThumbnailService()
{
    cancelAll();
}

void ThumbnailService::setFetch(Fetch fetch)
{
    cancelAll();
    m_fetch = std::move(fetch);
}

void ThumbnailService::setThumbnailSize(const QSize &size, qreal pixelRatio)
{
    if (size == m_size && qFuzzyCompare(pixelRatio, m_pixelRatio))
        return;
    cancelAll();
    m_cache.clear();
    m_size = size;
    m_pixelRatio = pixelRatio;
}

QPixmap ThumbnailService::thumbnail(const QString &key) const
{
    const QPixmap *found = m_cache.object(key);
    return found ? *found : QPixmap();
}

void ThumbnailService::request(const QList<Request> &wanted)
{
    m_queue.clear();
    for (const Request &request : wanted) {
        if (!m_inFlight.contains(request.key) && !m_cache.contains(request.key))
            m_queue.append(request);
    }
    startNext();
}

void ThumbnailService::cancelAll()
{
    ++m_generation;
    m_queue.clear();
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const std::function<void()> &cancel : inFlight) {
        if (cancel)
            cancel();
    }
}

void ThumbnailService::startNext()
{
    while (m_fetch && m_inFlight.size() < kMaxConcurrent && !m_queue.isEmpty()) {
        const Request next = m_queue.takeFirst();
        const quint64 generation = m_generation;
        const QString key = next.key;
        m_inFlight.insert(key, {});
        const std::function<void()> cancel = m_fetch(next.artifact, this,
            [this, key, generation](const QByteArray &data, const QString &error) {
                if (generation != m_generation || !m_inFlight.contains(key))
                    return;
                if (!error.isEmpty()) {
                    finish(key);
                    emit thumbnailFailed(key, false, error);
                    return;
                }
                decode(key, data, generation);
            });
        // The fetch may have been canceled (or failed at once) while it was being started.
        if (generation == m_generation && m_inFlight.contains(key))
            m_inFlight[key] = cancel;
    }
}

void ThumbnailService::decode(const QString &key, const QByteArray &data, quint64 generation)
{
    ++m_decodeCount;
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, key, generation] {
        watcher->deleteLater();
        if (generation != m_generation || !m_inFlight.contains(key))
            return;
        const QImage image = watcher->result();
        finish(key);
        if (image.isNull()) {
            emit thumbnailFailed(key, true, {});
            return;
        }
        // A pixmap is made here, on the GUI thread, once; painting it costs no conversion.
        auto *pixmap = new QPixmap(QPixmap::fromImage(image));
        const qint64 bytes = qint64(pixmap->width()) * pixmap->height() * pixmap->depth() / 8;
        m_cache.insert(key, pixmap, qMax<qint64>(1, bytes));
        emit thumbnailReady(key);
    });
    const QSize box = m_size;
    const qreal ratio = m_pixelRatio;
    watcher->setFuture(QtConcurrent::run(
        &m_decoders, [data, box, ratio] { return thumbnailOf(data, box, ratio); }));
}

void ThumbnailService::finish(const QString &key)
{
    m_inFlight.remove(key);
    // The next one starts after this answer is handled, not inside it.
    QMetaObject::invokeMethod(this, &ThumbnailService::startNext, Qt::QueuedConnection);
}
