#include "downloadedfileslist.h"

#include <QFileDialog>
#include <QSaveFile>
#include <QTextDocument>

#include "artifactfetcher.h"

DownloadedFilesList::DownloadedFilesList(ArtifactFetcher *artifacts, QWidget *parent)
    : QListWidget(parent)
    , m_artifacts(artifacts)
{
    setObjectName(QStringLiteral("downloadedFilesList"));
    setToolTip(tr("Double-click to save a copy"));
    connect(this, &QListWidget::itemActivated, this, &DownloadedFilesList::save);
}

void DownloadedFilesList::setFiles(const QList<DownloadedFile> &files)
{
    clear();
    for (const DownloadedFile &file : files) {
        auto *item = new QListWidgetItem(file.filename.isEmpty() ? file.url : file.filename, this);
        item->setData(Qt::UserRole, file.url);
        // Tooltips render what looks like HTML; this one says the server's words as text.
        item->setToolTip(Qt::convertFromPlainText(
            file.checksum.isEmpty() ? file.url : tr("%1\nSHA-256 %2").arg(file.url, file.checksum),
            Qt::WhiteSpaceNormal));
    }
    if (files.isEmpty()) {
        // Only says there is nothing: neither selectable nor activatable.
        auto *none = new QListWidgetItem(tr("None"), this);
        none->setFlags(Qt::NoItemFlags);
    }
    // As tall as its rows, up to four; an empty list should not take a block of the pane.
    const int rows = qMin(4, count());
    setFixedHeight(rows * sizeHintForRow(0) + 2 * frameWidth() + 2);
}

void DownloadedFilesList::save(QListWidgetItem *item)
{
    const QUrl url(item->data(Qt::UserRole).toString());
    if (url.isEmpty())
        return;
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save downloaded file"), item->text());
    if (path.isEmpty())
        return;
    m_artifacts->fetch(url, this, [this, path](const QByteArray &data, const QString &error) {
        QSaveFile file(path);
        if (!error.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(data) < 0
            || !file.commit())
            emit saveFailed(error.isEmpty() ? tr("Could not save %1.").arg(path) : error);
    });
}
