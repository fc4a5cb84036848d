#include "artifactfetcher.h"

#include <memory>

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QPointer>

namespace {
constexpr qint64 kMaxArtifactBytes = 200 * 1024 * 1024;
}

ArtifactFetcher::ArtifactFetcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ArtifactFetcher::~ArtifactFetcher() = default;

void ArtifactFetcher::setCacheDirectory(const QString &directory, qint64 maxBytes)
{
    // A store of our own rather than the network manager's cache: an artifact's copy is used
    // whatever caching headers its host sent, which the manager's cache would follow.
    delete m_cache;
    m_cache = nullptr;
    if (directory.isEmpty())
        return;
    m_cache = new QNetworkDiskCache(this);
    m_cache->setCacheDirectory(directory);
    m_cache->setMaximumCacheSize(maxBytes);
}

void ArtifactFetcher::store(const QUrl &url, const QByteArray &data)
{
    if (!m_cache || data.isEmpty())
        return;
    QNetworkCacheMetaData metaData;
    metaData.setUrl(url);
    metaData.setSaveToDisk(true);
    if (QIODevice *device = m_cache->prepare(metaData)) {
        device->write(data);
        m_cache->insert(device); // drops the oldest entries beyond the size limit
    }
}

QString ArtifactFetcher::cacheDirectory() const
{
    return m_cache ? m_cache->cacheDirectory() : QString();
}

void ArtifactFetcher::fetch(const QUrl &url, QObject *context, Handler handler)
{
    QPointer<QObject> guard(context);
    const auto deliver = [guard, context, handler](const QByteArray &data, const QString &error) {
        if (context && !guard)
            return;
        handler(data, error);
    };
    if (url.isLocalFile()) {
        QFile file(url.toLocalFile());
        if (!file.exists()) {
            deliver({}, tr("The file %1 is not on this machine.").arg(url.toLocalFile()));
            return;
        }
        if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxArtifactBytes) {
            deliver({}, tr("The file %1 could not be read.").arg(url.toLocalFile()));
            return;
        }
        deliver(file.readAll(), {});
        return;
    }
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) {
        deliver({}, tr("Runwatch does not open %1 links.").arg(url.scheme()));
        return;
    }
    // Pre-signed links name one file for good, so a copy on disk is as good as the original.
    if (m_cache) {
        if (const std::unique_ptr<QIODevice> saved {m_cache->data(url)}) {
            deliver(saved->readAll(), {});
            return;
        }
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxArtifactBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, deliver] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status >= 400) {
            deliver({},
                status >= 400
                    ? tr("The artifact link answered HTTP %1 (it may have "
                         "expired).")
                          .arg(status)
                    : tr("The artifact could not be fetched: %1.").arg(reply->errorString()));
            return;
        }
        const QByteArray data = reply->readAll();
        store(url, data);
        deliver(data, {});
    });
}
