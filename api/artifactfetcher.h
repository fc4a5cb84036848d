#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

/**
 * Fetches run artifacts (screenshots, recordings, downloaded files). Artifact links are
 * pre-signed URLs, often on another host, so this fetcher never sends an API key. A `file://`
 * link (self-hosted servers) is read from disk when the file exists here. Disk reads and writes
 * happen on worker threads, and every answer arrives later, never inside fetch().
 */
class ArtifactFetcher final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const QByteArray &data, const QString &error)>;

    explicit ArtifactFetcher(QObject *parent = nullptr);
    ~ArtifactFetcher() override;

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    /**
     * Keeps fetched artifacts in this directory (at most `maxBytes`, oldest dropped first):
     * an artifact's link never changes what it points to, so a screenshot seen once opens
     * without the network. Empty: no disk cache.
     */
    void setCacheDirectory(const QString &directory, qint64 maxBytes = kDefaultCacheBytes);
    QString cacheDirectory() const { return m_cacheDirectory; }
    static constexpr qint64 kDefaultCacheBytes = 256LL * 1024 * 1024;
    /** The largest artifact accepted, whether it comes over the network or from disk. */
    void setMaxArtifactBytes(qint64 bytes) { m_maxBytes = bytes; }
    qint64 maxArtifactBytes() const { return m_maxBytes; }
    static constexpr qint64 kDefaultMaxArtifactBytes = 200LL * 1024 * 1024;
    /**
     * Fetches one artifact. The handler runs on this thread after fetch() has returned, never
     * inside it, and not at all once `context` is gone.
     */
    void fetch(const QUrl &url, QObject *context, Handler handler);

private:
    struct Loaded
    {
        QByteArray data;
        QString error;
        bool found = true; // false: not in the disk cache, ask the network
    };
    struct Store;

    // On worker threads:
    static Loaded readLocal(const QString &path, qint64 maxBytes);
    static Loaded readStored(Store &store, const QUrl &url, qint64 maxBytes);
    static void write(Store &store, const QUrl &url, const QByteArray &data);
    static QString tooLarge(qint64 bytes, qint64 maxBytes);

    void download(const QUrl &url, const std::function<void(const Loaded &)> &deliver);
    /** Runs `work` on a worker thread and hands its result to `done` on this thread. */
    void offThread(std::function<Loaded()> work, std::function<void(const Loaded &)> done);

    QNetworkAccessManager *m_network;
    // Shared with the worker threads reading and writing it, so it outlives a fetcher deleted
    // while one of them is still busy.
    std::shared_ptr<Store> m_store;
    QString m_cacheDirectory;
    int m_timeoutMs = 30000;
    qint64 m_maxBytes = kDefaultMaxArtifactBytes;
};
