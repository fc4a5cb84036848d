#pragma once

#include <functional>
#include <memory>

#include <QUrl>
#include <QWidget>

#include "artifactcontent.h"
#include "mediaplayback.h"
#include "requestid.h"
#include "workflowrun.h"

class ArtifactFetcher;
class QComboBox;
class QLabel;
class QListView;
class QModelIndex;
class QPushButton;
class QSlider;
class QTemporaryFile;
class QVBoxLayout;
class RecordingChapterModel;
class RunSource;
struct Artifact;

/**
 * The Recording tab: plays a run's recording (the browser as the run saw it) with play/pause,
 * a position slider and a choice of speed. The recording is looked for when the tab is shown for
 * a run, fetched without the API key where its link allows, and played from a private temporary
 * file. The media player, and with it Qt Multimedia (a module, see MediaPlayback), is made only
 * when the tab is first shown, so a Runwatch that never shows a recording loads nothing of it.
 */
class RecordingPlayer final : public QWidget
{
    Q_OBJECT
public:
    RecordingPlayer(ArtifactFetcher *artifacts, QWidget *parent = nullptr);
    ~RecordingPlayer() override;

    using UrlOpener = std::function<bool(const QUrl &url)>;
    /** How "Open in another app" hands a web link on; QDesktopServices::openUrl unless replaced. */
    void setUrlOpener(UrlOpener opener);

    void setSource(RunSource *source);
    /** Shows a run (the list's summary); looks for its recording when the tab is visible. */
    void showRun(const WorkflowRun &run);
    /** Stops playback and forgets the run. */
    void clear();

    /** The run's steps as places in the recording (see RecordingChapterModel). */
    RecordingChapterModel *chapters() const { return m_chapters; }

    QString runId() const { return m_run.workflowRunId; }
    /** Plays the shown run's recording as soon as it is loaded (now, if it is). */
    void playWhenReady();

signals:
    /** The recording has reached one of the run's actions (played, dragged or chosen there). */
    void playheadAtAction(const QString &runId, const QString &actionId);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    /** Loads the media module and makes the player, once; false (and m_playerError) if not. */
    bool createPlayer();
    void load();
    void fetchArtifact(const Artifact &artifact);
    /** Without a recording among the artifacts, the run's own recording link. */
    void askRunForRecording(const QString &artifactsError);
    void fetchLink(const QUrl &url);
    void rememberWebLink(const QUrl &url);
    /** Plays what was fetched, unless another run or recording was asked for since. */
    ArtifactFetcher::Handler fetched(quint64 generation);
    /** Saves the recording to a private temporary file and loads it. */
    void play(const QByteArray &data);
    void unload();
    void cancelPending();
    void togglePlayback();
    void seekBy(qint64 milliseconds);
    void showPosition(qint64 position);
    void showDuration(qint64 duration);
    void showEnd();
    void showPlayerError(MediaPlayback::Error error, const QString &errorString);
    /** A sentence above the player; `problem` also offers the web link in another app. */
    void setMessage(const QString &text, bool problem = false);
    void setPlayable(bool playable);
    void openElsewhere();
    void loadChapters();
    /** Selects the step the recording is at, as it plays. */
    void followPlayhead(qint64 position);
    /** Selects a step (-1: none) and tells the timeline. */
    void selectChapter(int chapter);
    void seekToChapter(const QModelIndex &index);
    void showChapterList();

    ArtifactFetcher *m_artifacts;
    RunSource *m_source = nullptr;
    UrlOpener m_openUrl;
    WorkflowRun m_run;
    QString m_loadedRunId;
    RequestId m_artifactsRequest = 0;
    RequestId m_runRequest = 0;
    RequestId m_timelineRequest = 0;
    ArtifactContent::Cancel m_cancelContent;
    quint64 m_generation = 0; // answers of fetches for an earlier load are dropped
    QUrl m_webLink; // the recording's http(s) link, for another app
    bool m_hasMedia = false;
    bool m_playWhenLoaded = false;
    bool m_firstLoad = false; // a recording was handed to the player and has not loaded yet

    std::unique_ptr<MediaPlayback> m_player; // made when the tab is first shown
    QString m_playerError; // why the media module could not be loaded
    QWidget *m_video = nullptr; // paints the player's frames
    std::shared_ptr<QTemporaryFile> m_file; // what the player reads; shared with its writer

    QLabel *m_message;
    QPushButton *m_openButton;
    QWidget *m_picture; // the screen and the steps beside it
    QWidget *m_screen;
    RecordingChapterModel *m_chapters;
    QListView *m_chapterList;
    int m_currentChapter = -1;
    QVBoxLayout *m_screenLayout;
    QWidget *m_controls;
    QPushButton *m_playButton;
    QSlider *m_slider;
    QLabel *m_positionLabel;
    QLabel *m_durationLabel;
    QComboBox *m_speedCombo;
};
