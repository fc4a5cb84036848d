#pragma once

#include <QList>
#include <QListWidget>

#include "rundetail.h"

class ArtifactFetcher;

/** The files a run downloaded; activating one saves a copy where the user chooses. */
class DownloadedFilesList final : public QListWidget
{
    Q_OBJECT
public:
    explicit DownloadedFilesList(ArtifactFetcher *artifacts, QWidget *parent = nullptr);

    void setFiles(const QList<DownloadedFile> &files);

signals:
    /** A copy could not be saved; `message` says why, for the user. */
    void saveFailed(const QString &message);

private:
    void save(QListWidgetItem *item);

    ArtifactFetcher *m_artifacts;
};
