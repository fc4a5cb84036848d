#include "artifactfetcher.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QLocale>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QPointer>
#include <QtConcurrent>

/**
 * The copies on disk. QNetworkDiskCache is used as a plain store here, never installed on the
 * network manager, so a copy is used whatever caching headers its host sent. It is not
 * thread-safe, so one worker at a time reads or writes it.
 */
struct ArtifactFetcher::Store
{
    QMutex mutex;
    QNetworkDiskCache cache;
};

ArtifactFetcher::ArtifactFetcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ArtifactFetcher::~ArtifactFetcher() = default;

void ArtifactFetcher::setCacheDirectory(const QString &directory, qint64 maxBytes)
{
    m_store.reset(); // a worker still using the old one keeps it until it is done
    m_cacheDirectory = directory;
    if (directory.isEmpty())
        return;
    m_store = std::make_shared<Store>();
    m_store->cache.setCacheDirectory(directory);
    // Screenshots of the user's runs: nobody else on the machine looks at them.
    QDir().mkpath(directory);
    QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_store->cache.setMaximumCacheSize(maxBytes);
}

QString ArtifactFetcher::tooLarge(qint64 bytes, qint64 maxBytes)
{
    const QLocale locale;
    return tr("The artifact is %1, more than the %2 Runwatch reads.")
        .arg(locale.formattedDataSize(bytes), locale.formattedDataSize(maxBytes));
}

ArtifactFetcher::Loaded ArtifactFetcher::readLocal(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.exists())
        return {{}, tr("The file %1 is not on this machine.").arg(path)};
    if (file.size() > maxBytes)
        return {{}, tooLarge(file.size(), maxBytes)};
    if (!file.open(QIODevice::ReadOnly))
        return {{}, tr("The file %1 could not be read.").arg(path)};
    // At most one byte past the cap, in case the file grew since its size was read.
    QByteArray data = file.read(maxBytes + 1);
    if (data.size() > maxBytes)
        return {{}, tooLarge(data.size(), maxBytes)};
    return {data, {}};
}

ArtifactFetcher::Loaded ArtifactFetcher::readStored(Store &store, const QUrl &url, qint64 maxBytes)
{
    QMutexLocker lock(&store.mutex);
    const QNetworkCacheMetaData metaData = store.cache.metaData(url);
    if (!metaData.isValid())
        return {{}, {}, false};
    // The size is noted beside each copy, so one over the cap is refused before it is read.
    // A copy without it (kept by an older Runwatch) is fetched again.
    bool known = false;
    qint64 size = 0;
    for (const auto &[name, value] : metaData.rawHeaders()) {
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            size = value.toLongLong(&known);
    }
    if (!known) {
        store.cache.remove(url);
        return {{}, {}, false};
    }
    if (size > maxBytes)
        return {{}, tooLarge(size, maxBytes)};
    const std::unique_ptr<QIODevice> saved {store.cache.data(url)};
    if (!saved)
        return {{}, {}, false};
    return {saved->readAll(), {}};
}

void ArtifactFetcher::write(Store &store, const QUrl &url, const QByteArray &data)
{
    QMutexLocker lock(&store.mutex);
    QNetworkCacheMetaData metaData;
    metaData.setUrl(url);
    metaData.setSaveToDisk(true);
    metaData.setRawHeaders({{"Content-Length", QByteArray::number(data.size())}});
    if (QIODevice *device = store.cache.prepare(metaData)) {
        device->write(data);
        store.cache.insert(device); // drops the oldest entries beyond the size limit
    }
}

void ArtifactFetcher::offThread(
    std::function<Loaded()> work, std::function<void(const Loaded &)> done)
{
    // The watcher answers through this thread's event loop, so never inside fetch(); deleted
    // with the fetcher, it answers nobody.
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void ArtifactFetcher::fetch(const QUrl &url, QObject *context, Handler handler)
{
    QPointer<QObject> guard(context);
    const auto deliver = [guard, context, handler = std::move(handler)](const Loaded &loaded) {
        if (context && !guard)
            return;
        handler(loaded.data, loaded.error);
    };
    const qint64 maxBytes = m_maxBytes;
    if (url.isLocalFile()) {
        offThread(
            [path = url.toLocalFile(), maxBytes] { return readLocal(path, maxBytes); }, deliver);
        return;
    }
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) {
        const Loaded refused {{}, tr("Runwatch does not open %1 links.").arg(url.scheme())};
        QMetaObject::invokeMethod(
            this, [deliver, refused] { deliver(refused); }, Qt::QueuedConnection);
        return;
    }
    if (!m_store) {
        download(url, deliver);
        return;
    }
    // Pre-signed links name one file for good, so a copy on disk is as good as the original.
    offThread([store = m_store, url, maxBytes] { return readStored(*store, url, maxBytes); },
        [this, url, deliver](const Loaded &stored) {
            if (stored.found)
                deliver(stored);
            else
                download(url, deliver);
        });
}

void ArtifactFetcher::download(const QUrl &url, const std::function<void(const Loaded &)> &deliver)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    const qint64 maxBytes = m_maxBytes;
    auto refusedSize = std::make_shared<qint64>(0);
    connect(reply, &QNetworkReply::downloadProgress, reply,
        [reply, maxBytes, refusedSize](qint64 received, qint64 total) {
            // A announced size over the cap is refused before its bytes come.
            if (received > maxBytes || total > maxBytes) {
                *refusedSize = qMax(received, total);
                reply->abort();
            }
        });
    connect(
        reply, &QNetworkReply::finished, this, [this, reply, url, deliver, maxBytes, refusedSize] {
            reply->deleteLater();
            if (*refusedSize > 0) {
                deliver({{}, tooLarge(*refusedSize, maxBytes)});
                return;
            }
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() != QNetworkReply::NoError || status >= 400) {
                deliver({{},
                    status >= 400
                        ? tr("The artifact link answered HTTP %1 (it may have expired).")
                              .arg(status)
                        : tr("The artifact could not be fetched: %1.").arg(reply->errorString())});
                return;
            }
            const QByteArray data = reply->readAll();
            if (data.size() > maxBytes) {
                deliver({{}, tooLarge(data.size(), maxBytes)});
                return;
            }
            if (!m_store || data.isEmpty()) {
                deliver({data, {}});
                return;
            }
            // Answered once the copy is on disk, so a fetch after this answer finds it there.
            offThread(
                [store = m_store, url, data] {
                    write(*store, url, data);
                    return Loaded {data, {}};
                },
                deliver);
        });
}
