#include "artifactfetcher.h"

#include <QFile>
#include <QNetworkAccessManager>
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
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxArtifactBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [reply, deliver] {
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
        deliver(reply->readAll(), {});
    });
}
