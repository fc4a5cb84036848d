#pragma once

#include <QCache>
#include <QImage>
#include <QListWidget>
#include <QStringList>

class ArtifactFetcher;

/**
 * A run's screenshots in a row, newest first: thumbnails fetched and decoded in the background,
 * and a larger view on a click or Enter.
 */
class ScreenshotStrip final : public QListWidget
{
    Q_OBJECT
public:
    static constexpr int kThumbnailCacheKiB = 16 * 1024;
    static constexpr int kThumbnailWidth = 200;

    explicit ScreenshotStrip(ArtifactFetcher *artifacts, QWidget *parent = nullptr);

    /** Shows the screenshots of `runId`; the same links again leave the strip as it is. */
    void showScreenshots(const QString &runId, const QStringList &urls);
    /** Empties the strip, so the next run's screenshots are fetched afresh. */
    void clearScreenshots();

protected:
    void wheelEvent(QWheelEvent *event) override;

private:
    /** A thumbnail-sized box saying what stands in for the screenshot. */
    QIcon placeholder(const QString &text) const;
    void showThumbnail(QListWidgetItem *item, const QImage &thumbnail);
    void openScreenshot(int index);

    ArtifactFetcher *m_artifacts;
    QString m_runId;
    QStringList m_urls;
    // Thumbnails of screenshots seen lately, by link; the cost is in KiB, so a long day of
    // clicking through runs stays within a few megabytes.
    QCache<QString, QImage> m_thumbnails {kThumbnailCacheKiB};
};
