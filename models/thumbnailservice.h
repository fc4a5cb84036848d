#pragma once

#include <functional>

#include <QCache>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPixmap>
#include <QSize>
#include <QString>
#include <QThreadPool>

#include "artifact.h"

/**
 * Thumbnails of screenshots for a strip of them: the bytes come from a fetch function it is
 * handed (it knows no network), are decoded small on worker threads a few at a time, only for
 * the screenshots a view says it shows, and the results are kept in a cache bounded by bytes,
 * so a run of hundreds of screenshots holds only those seen lately.
 */
class ThumbnailService final : public QObject
{
    Q_OBJECT
public:
    using Delivered = std::function<void(const QByteArray &data, const QString &error)>;
    /**
     * Starts fetching a screenshot's bytes and hands them (or an error) to `done` later on
     * `context`'s thread, never inside the call, and not at all once `context` is gone.
     * Returns what cancels the fetch, or nothing where it cannot be canceled.
     */
    using Fetch = std::function<std::function<void()>(
        const Artifact &artifact, QObject *context, Delivered done)>;

    /** One thumbnail wanted: `key` names it in the cache and in the signals. */
    struct Request
    {
        QString key;
        Artifact artifact;
    };

    static constexpr int kMaxConcurrent = 4;
    static constexpr qint64 kDefaultCacheBytes = 32LL * 1024 * 1024;

    explicit ThumbnailService(QObject *parent = nullptr);
    ~ThumbnailService() override;

    void setFetch(Fetch fetch);
    /**
     * The box a thumbnail fits in, in device-independent pixels, for a screen of `pixelRatio`.
     * A change empties the cache and drops what is under way.
     */
    void setThumbnailSize(const QSize &size, qreal pixelRatio);
    QSize thumbnailSize() const { return m_size; }
    void setCacheBytes(qint64 bytes) { m_cache.setMaxCost(bytes); }

    /** The thumbnail of `key`, or a null pixmap when it is not at hand. */
    QPixmap thumbnail(const QString &key) const;
    /**
     * What is wanted now, most wanted first; replaces the last wish. Thumbnails at hand and
     * those under way are not fetched again; the rest wait for a free slot.
     */
    void request(const QList<Request> &wanted);
    /** Forgets what was wanted and cancels what is under way (another run, another source). */
    void cancelAll();

    int inFlightCount() const { return int(m_inFlight.size()); }
    int queuedCount() const { return int(m_queue.size()); }
    /** How many screenshots were decoded: what a strip costs as it is scrolled. */
    int decodeCount() const { return m_decodeCount; }

signals:
    void thumbnailReady(const QString &key);
    /** No thumbnail: the bytes are not an image (`notAnImage`) or did not arrive (`error`). */
    void thumbnailFailed(const QString &key, bool notAnImage, const QString &error);

private:
    void startNext();
    void decode(const QString &key, const QByteArray &data, quint64 generation);
    void finish(const QString &key);

    Fetch m_fetch;
    QSize m_size {160, 100};
    qreal m_pixelRatio = 1;
    QList<Request> m_queue;
    QHash<QString, std::function<void()>> m_inFlight; // key → what cancels its fetch
    quint64 m_generation = 0; // answers of an older one are dropped
    QCache<QString, QPixmap> m_cache {kDefaultCacheBytes}; // cost: bytes
    int m_decodeCount = 0;
    // Decoding has threads of its own: Qt's raster painting splits its work over the global
    // pool and waits for it, so decodes queued there would hold up the GUI thread's painting.
    QThreadPool m_decoders;
};
