#pragma once

#include <functional>

#include <QByteArray>
#include <QWidget>

#include "artifact.h"
#include "artifactcontent.h"
#include "requestid.h"
#include "thumbnailservice.h"
#include "workflowrun.h"

class ArtifactFetcher;
class QLabel;
class QListView;
class QModelIndex;
class QPushButton;
class QTimer;
class QToolButton;
struct RunArtifacts;
class RunSource;
class ScreenshotStripModel;
class ScreenshotViewer;

/**
 * The Screenshots tab: every screenshot of a run in a strip of thumbnails, oldest first, and
 * the selected one large below it, to fit, zoom, pan and save. Thumbnails are fetched only for
 * the part of the strip on screen. The list is asked for when the tab is first shown for a run,
 * and again when the run moves.
 */
class ScreenshotFilmstrip final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kThumbnailWidth = 160;
    static constexpr int kThumbnailHeight = 100;

    explicit ScreenshotFilmstrip(ArtifactFetcher *artifacts, QWidget *parent = nullptr);
    ~ScreenshotFilmstrip() override;

    void setSource(RunSource *source);
    /** Shows a run (the list's summary); loads when the tab is visible. */
    void showRun(const WorkflowRun &run);
    void clear();
    /**
     * Writes the shown screenshot to `path`, its bytes as they were fetched, on a worker
     * thread; screenshotSaved() or saveFailed() follows. Save… asks for the path, then calls
     * this.
     */
    void saveTo(const QString &path);
    /** The name Save… proposes: the run's id and the screenshot's step. */
    QString suggestedFileName() const;

    QString runId() const { return m_run.workflowRunId; }
    ScreenshotStripModel *model() const { return m_model; }
    ThumbnailService *thumbnails() const { return m_thumbnails; }

signals:
    void screenshotSaved(const QString &path);
    void saveFailed(const QString &path, const QString &error);

protected:
    void showEvent(QShowEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void load();
    void showScreenshots(const QString &runId, const RunArtifacts &artifacts);
    void showSelected(const QModelIndex &index);
    void stepTo(int row);
    void scheduleVisibleRows();
    void updateVisibleRows();
    void updateZoomControls();
    void chooseSaveFile();
    void setMessage(const QString &text);
    void cancelPending();

    ArtifactFetcher *m_artifacts;
    RunSource *m_source = nullptr;
    WorkflowRun m_run;
    QString m_loadedRunId;
    RequestId m_listRequest = 0;
    ArtifactContent::Cancel m_cancelShown; // cancels the fetch of the shown screenshot
    quint64 m_shownGeneration = 0;
    QByteArray m_shownBytes; // as fetched, for Save…
    QString m_saveDirectory;

    ThumbnailService *m_thumbnails;
    ScreenshotStripModel *m_model;
    QTimer *m_visibleTimer;
    QLabel *m_message;
    QWidget *m_content; // the strip, its controls and the viewer: hidden without a run
    QListView *m_strip;
    QLabel *m_position;
    QToolButton *m_zoomOut;
    QLabel *m_zoomLabel;
    QToolButton *m_zoomIn;
    QToolButton *m_fit;
    QToolButton *m_actualSize;
    QPushButton *m_save;
    ScreenshotViewer *m_viewer;
};
