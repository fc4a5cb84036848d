#include "recordingplayer.h"

#include <limits>
#include <utility>

#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QProxyStyle>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTemporaryFile>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "artifact.h"
#include "artifactfetcher.h"
#include "failuredelegate.h"
#include "mediaplayback.h"
#include "recordingchaptermodel.h"
#include "rundetail.h"
#include "runformat.h"
#include "runsource.h"
#include "runtimemodule.h"
#include "themedicon.h"

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSeekMs = 5000;
// An end this far before the stated length is a file cut short, not rounding.
constexpr qint64 kCutShortMs = 1000;
constexpr double kSpeeds[] = {0.5, 1.0, 1.5, 2.0, 4.0};
constexpr int kNormalSpeedIndex = 1;

/** http(s) with a host: anything else would hand a server-chosen target to the desktop. */
bool isWebLink(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == "https"_L1 || url.scheme() == "http"_L1);
}

/** A click on the slider's groove goes to the place clicked, as in every media player. */
class ClickToPlaceStyle final : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    int styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
        QStyleHintReturn *returnData) const override
    {
        if (hint == SH_Slider_AbsoluteSetButtons)
            return Qt::LeftButton;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }
};

} // namespace

RecordingPlayer::RecordingPlayer(ArtifactFetcher *artifacts, QWidget *parent)
    : QWidget(parent)
    , m_artifacts(artifacts)
    , m_message(new QLabel(this))
    , m_openButton(new QPushButton(tr("Open in another app"), this))
    , m_picture(new QWidget(this))
    , m_screen(new QWidget(m_picture))
    , m_chapters(new RecordingChapterModel(this))
    , m_chapterList(new QListView(m_picture))
    , m_screenLayout(new QVBoxLayout(m_screen))
    , m_controls(new QWidget(this))
    , m_playButton(new QPushButton(m_controls))
    , m_slider(new QSlider(Qt::Horizontal, m_controls))
    , m_positionLabel(new QLabel(m_controls))
    , m_durationLabel(new QLabel(m_controls))
    , m_speedCombo(new QComboBox(m_controls))
{
    setObjectName(QStringLiteral("recordingPlayer"));
    setAccessibleName(tr("Recording"));
    // A click on the picture gives the keys to the player (Space, Left, Right).
    setFocusPolicy(Qt::ClickFocus);
    m_openUrl = [](const QUrl &url) { return QDesktopServices::openUrl(url); };

    m_message->setObjectName(QStringLiteral("recordingMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // errors quote the server and the backend
    m_openButton->setObjectName(QStringLiteral("recordingOpenButton"));
    m_openButton->setAccessibleName(tr("Open the recording in another app"));
    m_openButton->hide();
    connect(m_openButton, &QPushButton::clicked, this, &RecordingPlayer::openElsewhere);

    m_screenLayout->setContentsMargins(0, 0, 0, 0);
    m_screen->setMinimumHeight(160);

    // The run's steps beside the picture: the one playing is selected as the recording goes
    // on, and a click (or Enter) on one plays from there.
    m_chapterList->setObjectName(QStringLiteral("recordingChapterList"));
    m_chapterList->setAccessibleName(tr("Steps in the recording"));
    m_chapterList->setToolTip(tr("The run's steps: click one to play from there"));
    m_chapterList->setModel(m_chapters);
    m_chapterList->setItemDelegate(
        new FailureDelegate(RecordingChapterModel::FailedRole, m_chapterList));
    m_chapterList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Long steps wrap rather than hide behind a sideways scroll bar; thousands are laid out
    // in batches so a long run opens at once.
    m_chapterList->setWordWrap(true);
    m_chapterList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chapterList->setResizeMode(QListView::Adjust);
    m_chapterList->setLayoutMode(QListView::Batched);
    m_chapterList->setMinimumHeight(80);
    connect(m_chapterList, &QListView::clicked, this, &RecordingPlayer::seekToChapter);
    connect(m_chapterList, &QListView::activated, this, &RecordingPlayer::seekToChapter);
    // The steps under the picture: the pane is tall and narrow, and a step reads in one line.
    auto *pictureColumn = new QVBoxLayout(m_picture);
    pictureColumn->setContentsMargins(0, 0, 0, 0);
    pictureColumn->addWidget(m_screen, 3);
    pictureColumn->addWidget(m_chapterList, 2);

    m_playButton->setObjectName(QStringLiteral("recordingPlayButton"));
    // Our own icon: the style's is a PNG, whose reading would load every image plugin at
    // start-up for a tab not yet shown.
    m_playButton->setIcon(ThemedIcon::action(u"media-playback-start"_s));
    m_playButton->setText(tr("Play"));
    m_playButton->setAccessibleName(tr("Play"));
    m_playButton->setToolTip(tr("Play or pause (Space)"));
    connect(m_playButton, &QPushButton::clicked, this, &RecordingPlayer::togglePlayback);

    m_slider->setObjectName(QStringLiteral("recordingPositionSlider"));
    m_slider->setAccessibleName(tr("Position in the recording"));
    m_slider->setToolTip(tr("Position (Left and Right move 5 seconds)"));
    m_slider->setSingleStep(int(kSeekMs));
    m_slider->setPageStep(int(kSeekMs));
    // The application's style by name (under the dark theme's rim for check boxes).
    QString styleName = QApplication::style()->name();
    if (const auto *proxy = qobject_cast<QProxyStyle *>(QApplication::style());
        proxy && styleName.isEmpty() && proxy->baseStyle())
        styleName = proxy->baseStyle()->name();
    auto *sliderStyle = new ClickToPlaceStyle(styleName);
    sliderStyle->setParent(m_slider);
    m_slider->setStyle(sliderStyle);
    // Set from the player under a blocker, so a change here is always the user's.
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (m_player)
            m_player->setPosition(value);
    });

    m_positionLabel->setObjectName(QStringLiteral("recordingPositionLabel"));
    m_positionLabel->setAccessibleName(tr("Position"));
    m_durationLabel->setObjectName(QStringLiteral("recordingDurationLabel"));
    m_durationLabel->setAccessibleName(tr("Length"));

    m_speedCombo->setObjectName(QStringLiteral("recordingSpeedComboBox"));
    m_speedCombo->setAccessibleName(tr("Playback speed"));
    m_speedCombo->setToolTip(tr("Playback speed"));
    const QLocale locale;
    for (const double speed : kSpeeds)
        m_speedCombo->addItem(tr("%1×").arg(locale.toString(speed)), speed);
    m_speedCombo->setCurrentIndex(kNormalSpeedIndex);
    connect(m_speedCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_player)
            m_player->setPlaybackRate(m_speedCombo->currentData().toDouble());
    });
    // A speed chosen, Space plays and pauses again instead of reopening the list.
    connect(m_speedCombo, &QComboBox::activated, this, [this] { setFocus(Qt::OtherFocusReason); });

    // Space plays and pauses wherever the focus is in the player: the picture, the steps, the
    // speed (which would otherwise open its list) or a button.
    auto *space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    space->setContext(Qt::WidgetWithChildrenShortcut);
    connect(space, &QShortcut::activated, this, &RecordingPlayer::togglePlayback);
    // Left and Right seek wherever the focus is in the player, a button or the slider alike.
    for (const auto &[key, step] :
        {std::pair {Qt::Key_Left, -kSeekMs}, std::pair {Qt::Key_Right, kSeekMs}}) {
        auto *shortcut = new QShortcut(QKeySequence(key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, step = step] { seekBy(step); });
    }

    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(m_openButton, 0, Qt::AlignTop);
    auto *controlRow = new QHBoxLayout(m_controls);
    controlRow->setContentsMargins(0, 0, 0, 0);
    controlRow->addWidget(m_playButton);
    controlRow->addWidget(m_positionLabel);
    controlRow->addWidget(m_slider, 1);
    controlRow->addWidget(m_durationLabel);
    controlRow->addWidget(m_speedCombo);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(messageRow);
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_controls);
    layout->addStretch(); // keeps the message at the top while there is nothing to play
    clear();
}

RecordingPlayer::~RecordingPlayer()
{
    cancelPending();
    m_player.reset(); // lets go of the file it reads before the file goes
}

void RecordingPlayer::setUrlOpener(UrlOpener opener)
{
    m_openUrl = std::move(opener);
}

void RecordingPlayer::setSource(RunSource *source)
{
    cancelPending();
    m_source = source;
    clear();
}

void RecordingPlayer::cancelPending()
{
    ++m_generation;
    m_playWhenLoaded = false;
    if (m_cancelContent)
        std::exchange(m_cancelContent, {})();
    if (!m_source)
        return;
    for (RequestId *request : {&m_artifactsRequest, &m_runRequest, &m_timelineRequest}) {
        if (*request)
            m_source->cancelRequest(*request);
        *request = 0;
    }
}

void RecordingPlayer::clear()
{
    cancelPending();
    unload();
    m_run = WorkflowRun();
    m_loadedRunId.clear();
    setMessage(tr("Select a run to watch its recording."));
}

void RecordingPlayer::showRun(const WorkflowRun &run)
{
    const bool sameRun = run.workflowRunId == m_run.workflowRunId;
    // A run still going has no recording yet: looked for again when it moves on.
    const bool moved = sameRun && !m_hasMedia && run.status != m_run.status;
    if (!sameRun)
        clear();
    m_run = run;
    if (isVisible() && (!sameRun || moved || m_loadedRunId != run.workflowRunId))
        load();
}

void RecordingPlayer::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    createPlayer();
    if (!m_run.workflowRunId.isEmpty() && m_loadedRunId != m_run.workflowRunId)
        load();
}

void RecordingPlayer::hideEvent(QHideEvent *event)
{
    // Nothing plays where nobody watches.
    if (m_player && m_player->state() == MediaPlayback::State::Playing)
        m_player->pause();
    QWidget::hideEvent(event);
}

bool RecordingPlayer::createPlayer()
{
    if (m_player)
        return true;
    if (!m_playerError.isEmpty())
        return false; // said once; a module that did not load will not load on the next run
    QString error;
    const auto create = reinterpret_cast<MediaPlayback::Create>(
        RuntimeModule::resolve(u"media"_s, MediaPlayback::kCreateSymbol, &error));
    if (!create) {
        m_playerError = error;
        return false;
    }
    MediaPlayback::Listener listener;
    listener.durationChanged = [this](qint64 duration) { showDuration(duration); };
    listener.positionChanged = [this](qint64 position) { showPosition(position); };
    listener.stateChanged = [this](MediaPlayback::State state) {
        const bool playing = state == MediaPlayback::State::Playing;
        m_playButton->setIcon(
            ThemedIcon::action(playing ? u"media-playback-pause"_s : u"media-playback-start"_s));
        m_playButton->setText(playing ? tr("Pause") : tr("Play"));
        m_playButton->setAccessibleName(m_playButton->text());
    };
    listener.statusChanged = [this](MediaPlayback::Status status) {
        if (status == MediaPlayback::Status::Loaded && m_hasMedia) {
            m_player->setPlaybackRate(m_speedCombo->currentData().toDouble());
            m_controls->setEnabled(true);
            // Paused rather than stopped: the backend shows the first picture, and the one at
            // each place the slider or a step is moved to, without playing.
            // Only on the first load: the backend reports loaded again when a recording that
            // ended is played anew, and that play must go on.
            if (std::exchange(m_firstLoad, false)) {
                if (std::exchange(m_playWhenLoaded, false))
                    m_player->play();
                else if (m_player->state() == MediaPlayback::State::Stopped)
                    m_player->pause();
            }
        } else if (status == MediaPlayback::Status::Ended) {
            showEnd();
        }
    };
    listener.failed = [this](MediaPlayback::Error error, const QString &errorString) {
        showPlayerError(error, errorString);
    };
    m_player.reset(create(this, listener));
    m_video = m_player->videoView();
    m_video->setObjectName(QStringLiteral("recordingVideoView"));
    m_video->setAccessibleName(tr("Recording"));
    m_video->setParent(m_screen);
    m_screenLayout->addWidget(m_video);
    return true;
}

void RecordingPlayer::load()
{
    if (!m_source || m_run.workflowRunId.isEmpty())
        return;
    cancelPending();
    unload();
    const QString runId = m_run.workflowRunId;
    m_loadedRunId = runId;
    const quint64 generation = m_generation;
    setMessage(tr("Loading the recording…"));
    loadChapters();
    if (!m_source->featuresOf(runId).artifacts) {
        askRunForRecording({});
        return;
    }
    m_artifactsRequest = m_source->listArtifacts(
        runId, {u"recording"_s}, this, [this, generation](const ApiResult<RunArtifacts> &result) {
            m_artifactsRequest = 0;
            if (generation != m_generation)
                return;
            if (result.ok()) {
                for (const Artifact &artifact : result.value.artifacts) {
                    if (artifact.isRecording()) {
                        fetchArtifact(artifact);
                        return;
                    }
                }
            }
            askRunForRecording(result.ok() ? QString() : result.error.message);
        });
}

void RecordingPlayer::askRunForRecording(const QString &artifactsError)
{
    const quint64 generation = m_generation;
    m_runRequest = m_source->getRun(m_run.workflowRunId, this,
        [this, generation, artifactsError](const ApiResult<RunDetail> &result) {
            m_runRequest = 0;
            if (generation != m_generation)
                return;
            const QUrl link(result.value.recordingUrl);
            if (result.ok() && isWebLink(link)) {
                fetchLink(link);
                return;
            }
            const QString error = !artifactsError.isEmpty()
                ? artifactsError
                : (result.ok() ? QString() : result.error.message);
            if (!error.isEmpty())
                setMessage(tr("The recording could not be looked for: %1").arg(error), true);
            else
                setMessage(tr("This run has no recording."));
        });
}

void RecordingPlayer::fetchArtifact(const Artifact &artifact)
{
    rememberWebLink(artifact.directUrl());
    m_cancelContent = ArtifactContent::fetch(
        m_artifacts, m_source, m_run.workflowRunId, artifact, this, fetched(m_generation));
}

void RecordingPlayer::fetchLink(const QUrl &url)
{
    rememberWebLink(url);
    m_artifacts->fetch(url, this, fetched(m_generation));
}

void RecordingPlayer::rememberWebLink(const QUrl &url)
{
    // Only a web link is handed to another app; a file:// or other scheme never is.
    if (isWebLink(url))
        m_webLink = url;
}

ArtifactFetcher::Handler RecordingPlayer::fetched(quint64 generation)
{
    return [this, generation](const QByteArray &data, const QString &error) {
        if (generation != m_generation)
            return;
        m_cancelContent = {};
        if (!error.isEmpty()) {
            setMessage(tr("The recording could not be fetched: %1").arg(error), true);
            return;
        }
        play(data);
    };
}

void RecordingPlayer::play(const QByteArray &data)
{
    if (data.isEmpty()) {
        setMessage(tr("The recording is an empty file."), true);
        return;
    }
    if (!createPlayer()) {
        setMessage(tr("Recordings cannot be played: %1").arg(m_playerError), true);
        return;
    }
    if (!m_player->isAvailable()) {
        setMessage(tr("Recordings cannot be played on this machine: Qt Multimedia found no "
                      "backend to play them with."),
            true);
        return;
    }
    // GStreamer seeks reliably in a file; from a QIODevice (Qt 6.4's appsrc) a seek or a speed
    // change now and then reads from the wrong place and the demuxer gives up. The file is the
    // user's alone (0600) and goes when the recording is unloaded.
    auto file
        = std::make_shared<QTemporaryFile>(QDir::tempPath() + u"/runwatch-recording-XXXXXX"_s);
    if (!file->open()) {
        setMessage(
            tr("The recording could not be saved for playing: %1").arg(file->errorString()), true);
        return;
    }
    m_file = file;
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, file, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        if (!watcher->result()) {
            setMessage(
                tr("The recording could not be saved for playing: %1").arg(file->errorString()),
                true);
            return;
        }
        setMessage({});
        m_hasMedia = true;
        m_firstLoad = true;
        m_player->setSource(QUrl::fromLocalFile(file->fileName()));
        setPlayable(true);
        m_controls->setEnabled(false); // until the player has read the file
    });
    // Recordings run to many megabytes: written off the GUI thread.
    watcher->setFuture(QtConcurrent::run([file, data] {
        const bool written = file->write(data) == data.size() && file->flush();
        file->close(); // the file stays until the object goes
        return written;
    }));
}

void RecordingPlayer::unload()
{
    m_hasMedia = false;
    m_webLink.clear();
    if (m_player) {
        m_player->stop();
        m_player->setSource(QUrl());
        m_player->clearPicture(); // no frame of the last run stays
    }
    m_file.reset(); // after the player let go of it
    m_chapters->clear();
    m_currentChapter = -1;
    showDuration(0);
    showPosition(0);
    setPlayable(false);
}

void RecordingPlayer::setPlayable(bool playable)
{
    m_picture->setVisible(playable);
    m_controls->setVisible(playable);
    showChapterList();
}

void RecordingPlayer::showChapterList()
{
    m_chapterList->setVisible(m_chapters->rowCount() > 0);
}

void RecordingPlayer::loadChapters()
{
    if (!m_source->featuresOf(m_run.workflowRunId).timeline)
        return; // the recording plays on without steps beside it
    const quint64 generation = m_generation;
    m_timelineRequest = m_source->getTimeline(
        m_run.workflowRunId, this, [this, generation](const ApiResult<RunTimeline> &result) {
            m_timelineRequest = 0;
            if (generation != m_generation || !result.ok())
                return; // the Timeline tab says what went wrong; the recording needs no steps
            m_chapters->setTimeline(result.value, m_run.startedAt, m_run.finishedAt);
            if (m_player)
                m_chapters->setRecordingDuration(m_player->duration());
            m_currentChapter = -1;
            showChapterList();
            followPlayhead(m_player ? m_player->position() : 0);
        });
}

void RecordingPlayer::followPlayhead(qint64 position)
{
    const int chapter = m_chapters->chapterAt(position);
    if (chapter == m_currentChapter)
        return;
    // Steps closer together than the recording can tell apart share a place: the one chosen
    // stays chosen.
    if (chapter >= 0 && m_currentChapter >= 0
        && m_chapters->offsetOf(chapter) == m_chapters->offsetOf(m_currentChapter))
        return;
    selectChapter(chapter);
}

void RecordingPlayer::selectChapter(int chapter)
{
    m_currentChapter = chapter;
    if (chapter < 0) {
        m_chapterList->clearSelection();
        return;
    }
    const QModelIndex index = m_chapters->index(chapter);
    m_chapterList->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_chapterList->scrollTo(index);
    emit playheadAtAction(m_run.workflowRunId, m_chapters->actionIdOf(chapter));
}

void RecordingPlayer::seekToChapter(const QModelIndex &index)
{
    if (!m_player || !m_hasMedia || !index.isValid())
        return;
    const qint64 offset = m_chapters->offsetOf(index.row());
    selectChapter(index.row());
    m_player->setPosition(offset);
    showPosition(offset);
    m_player->play(); // plays from there, as the list says
}

void RecordingPlayer::playWhenReady()
{
    if (m_player && m_hasMedia && m_controls->isEnabled()) {
        m_player->play();
        return;
    }
    m_playWhenLoaded = true; // once this run's recording is loaded
}

void RecordingPlayer::togglePlayback()
{
    if (!m_player || !m_hasMedia)
        return;
    if (m_player->state() == MediaPlayback::State::Playing) {
        m_player->pause();
        return;
    }
    if (m_player->hasEnded())
        m_player->setPosition(0); // Play after the end watches it again
    m_player->play();
}

void RecordingPlayer::seekBy(qint64 milliseconds)
{
    if (!m_player || !m_hasMedia || !m_player->isSeekable())
        return;
    const qint64 duration = m_player->duration();
    qint64 target = qMax<qint64>(0, m_player->position() + milliseconds);
    if (duration > 0)
        target = qMin(target, duration);
    m_player->setPosition(target);
}

void RecordingPlayer::showPosition(qint64 position)
{
    m_positionLabel->setText(RunFormat::clock(position));
    followPlayhead(position);
    if (m_slider->isSliderDown())
        return; // the hand on the slider decides where it is
    const QSignalBlocker blocker(m_slider);
    m_slider->setValue(int(qMin<qint64>(position, m_slider->maximum())));
}

void RecordingPlayer::showDuration(qint64 duration)
{
    m_chapters->setRecordingDuration(duration);
    m_durationLabel->setText(RunFormat::clock(duration));
    const QSignalBlocker blocker(m_slider);
    m_slider->setRange(0, int(qMin<qint64>(duration, std::numeric_limits<int>::max())));
}

void RecordingPlayer::showEnd()
{
    const qint64 duration = m_player->duration();
    const qint64 reached = m_player->position();
    // A file cut short plays what it has and ends early without an error: said here.
    if (duration > 0 && reached + kCutShortMs < duration)
        setMessage(tr("The recording stops at %1 of its %2: the file is incomplete.")
                       .arg(RunFormat::clock(reached), RunFormat::clock(duration)),
            true);
}

void RecordingPlayer::showPlayerError(MediaPlayback::Error error, const QString &errorString)
{
    QString text;
    switch (error) {
    case MediaPlayback::Error::Format:
        text = tr("This machine has nothing that plays the recording's format (%1). Installing "
                  "the GStreamer plugins (gstreamer1.0-plugins-good, gstreamer1.0-libav) may help.")
                   .arg(errorString);
        break;
    case MediaPlayback::Error::Resource:
        text = tr("The recording could not be read; the file may be damaged or incomplete (%1).")
                   .arg(errorString);
        break;
    case MediaPlayback::Error::Other:
        text = tr("The recording could not be played: %1").arg(errorString);
        break;
    }
    setPlayable(false);
    setMessage(text, true);
}

void RecordingPlayer::setMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_openButton->setVisible(problem && !m_webLink.isEmpty());
    m_openButton->setToolTip(m_webLink.toDisplayString());
}

void RecordingPlayer::openElsewhere()
{
    if (!isWebLink(m_webLink))
        return; // only web links get the button; this is the second lock
    if (m_openUrl(m_webLink))
        return;
    setMessage(tr("Nothing on this machine could open %1.").arg(m_webLink.toDisplayString()), true);
}
