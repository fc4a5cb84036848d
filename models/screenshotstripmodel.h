#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include "artifact.h"

class ThumbnailService;

/**
 * A run's screenshots in the order they were taken, the final one last: a short label each
 * ("Step 3 · 12:04:07") and its thumbnail once the thumbnail service has it. A view says which
 * rows it shows; only those and a margin around them are asked for.
 */
class ScreenshotStripModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ArtifactRole = Qt::UserRole, // Artifact
        ThumbnailStateRole, // ThumbnailState
        StepNumberRole, // int: the step it belongs to, counted from 1; 0 for none
    };
    enum ThumbnailState { ThumbnailLoading, ThumbnailReady, ThumbnailNotAnImage, ThumbnailFailed };
    Q_ENUM(ThumbnailState)

    /** Rows on each side of the visible ones whose thumbnails are fetched ahead of a scroll. */
    static constexpr int kMargin = 4;

    /** `thumbnails` fetches and keeps the thumbnails; the model does not own it. */
    explicit ScreenshotStripModel(ThumbnailService *thumbnails, QObject *parent = nullptr);

    /**
     * Shows a run's screenshots (other artifacts are left out). The same run again keeps the
     * rows it had and adds the new ones after them when it only grew; otherwise a reset.
     */
    void setScreenshots(const QString &runId, const QList<Artifact> &artifacts);
    void clear();
    QString runId() const { return m_runId; }

    /** The rows a view shows, first to last; their thumbnails are asked for, and a margin's. */
    void setVisibleRows(int first, int last);
    const Artifact *artifactAt(int row) const;
    int rowOf(const QString &artifactId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        Artifact artifact;
        QString key; // the thumbnail's, in the service
        int step = 0;
        QString label;
        QString description;
        ThumbnailState failure = ThumbnailLoading; // or NotAnImage / Failed once it is known
        QString error;
    };

    QList<Row> rowsFor(const QString &runId, const QList<Artifact> &artifacts) const;
    ThumbnailState stateOf(const Row &row) const;
    void thumbnailArrived(const QString &key, ThumbnailState failure, const QString &error);

    ThumbnailService *m_thumbnails;
    QString m_runId;
    QList<Row> m_rows;
    QHash<QString, int> m_rowByKey;
    QDateTime m_now; // labels read "Today …" against the time the list arrived
};
