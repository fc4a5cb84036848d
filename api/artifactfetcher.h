#pragma once

#include <functional>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkDiskCache;

/**
 * Fetches run artifacts (screenshots, recordings, downloaded files). Artifact links are
 * pre-signed URLs, often on another host, so this fetcher never sends an API key. A `file://`
 * link (self-hosted servers) is read from disk when the file exists here.
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
    QString cacheDirectory() const;
    static constexpr qint64 kDefaultCacheBytes = 256LL * 1024 * 1024;
    /** Fetches one artifact; the handler runs on this thread unless `context` is gone. */
    void fetch(const QUrl &url, QObject *context, Handler handler);

private:
    void store(const QUrl &url, const QByteArray &data);

    QNetworkAccessManager *m_network;
    QNetworkDiskCache *m_cache = nullptr; // null: nothing kept on disk
    int m_timeoutMs = 30000;
};
