#pragma once

#include <functional>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

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
    /** Fetches one artifact; the handler runs on this thread unless `context` is gone. */
    void fetch(const QUrl &url, QObject *context, Handler handler);

private:
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 30000;
};
