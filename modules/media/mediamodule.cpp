// The media module: recordings played with Qt Multimedia, loaded when a recording is first
// shown so that Qt Multimedia and the desktop's media libraries stay out of every start-up.

#include <type_traits>

#include <QMediaPlayer>
#include <QPainter>
#include <QPointer>
#include <QVideoFrame>
#include <QVideoSink>
#include <QWidget>

#include "mediaplayback.h"

namespace {
/**
 * The player's current frame, fitted with its aspect kept, on black. Qt 6.4's QVideoWidget
 * paints through a native child window whose backing store it never frees; a sink painted here
 * is plain widget painting, the same on every platform plugin.
 */
class VideoView final : public QWidget
{
public:
    explicit VideoView(QWidget *parent)
        : QWidget(parent)
        , m_sink(new QVideoSink(this))
    {
        setAttribute(Qt::WA_OpaquePaintEvent);
        // GStreamer hands an empty frame at the end and around a seek while paused: the last
        // picture stays rather than a black screen, so a paused recording can be looked at.
        connect(m_sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
            if (!frame.isValid())
                return;
            m_frame = frame;
            update();
        });
    }

    QVideoSink *sink() const { return m_sink; }
    void clearPicture()
    {
        m_frame = QVideoFrame();
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), Qt::black);
        if (!m_frame.isValid())
            return;
        QVideoFrame::PaintOptions options;
        options.backgroundColor = Qt::black;
        options.aspectRatioMode = Qt::KeepAspectRatio;
        m_frame.paint(&painter, rect(), options);
    }

private:
    QVideoSink *m_sink;
    QVideoFrame m_frame;
};

class QtMediaPlayback final : public MediaPlayback
{
public:
    QtMediaPlayback(QWidget *parent, const Listener &listener)
        : m_player(new QMediaPlayer(parent))
        , m_view(new VideoView(parent))
    {
        m_player->setVideoSink(m_view->sink());
        // Recordings of a browser have no sound, so no audio output is made.
        QObject::connect(m_player, &QMediaPlayer::durationChanged, m_player,
            [call = listener.durationChanged](qint64 duration) { call(duration); });
        QObject::connect(m_player, &QMediaPlayer::positionChanged, m_player,
            [call = listener.positionChanged](qint64 position) { call(position); });
        QObject::connect(m_player, &QMediaPlayer::playbackStateChanged, m_player,
            [call = listener.stateChanged](
                QMediaPlayer::PlaybackState state) { call(stateOf(state)); });
        QObject::connect(m_player, &QMediaPlayer::mediaStatusChanged, m_player,
            [call = listener.statusChanged](QMediaPlayer::MediaStatus status) {
                call(status == QMediaPlayer::LoadedMedia     ? Status::Loaded
                        : status == QMediaPlayer::EndOfMedia ? Status::Ended
                                                             : Status::Other);
            });
        QObject::connect(m_player, &QMediaPlayer::errorOccurred, m_player,
            [call = listener.failed](QMediaPlayer::Error error, const QString &errorString) {
                if (error == QMediaPlayer::NoError)
                    return;
                call(error == QMediaPlayer::FormatError        ? Error::Format
                        : error == QMediaPlayer::ResourceError ? Error::Resource
                                                               : Error::Other,
                    errorString);
            });
    }

    ~QtMediaPlayback() override
    {
        // Silenced first: stopping reports a state, and the listener's owner is going.
        QObject::disconnect(m_player, nullptr, m_player, nullptr);
        m_player->setSource(QUrl()); // before the file it reads from goes
        delete m_player;
    }

    QWidget *videoView() const override { return m_view; }
    bool isAvailable() const override { return m_player->isAvailable(); }
    void setSource(const QUrl &file) override { m_player->setSource(file); }
    void play() override { m_player->play(); }
    void pause() override { m_player->pause(); }
    void stop() override { m_player->stop(); }
    State state() const override { return stateOf(m_player->playbackState()); }
    bool hasEnded() const override { return m_player->mediaStatus() == QMediaPlayer::EndOfMedia; }
    bool isSeekable() const override { return m_player->isSeekable(); }
    qint64 duration() const override { return m_player->duration(); }
    qint64 position() const override { return m_player->position(); }
    void setPosition(qint64 milliseconds) override { m_player->setPosition(milliseconds); }
    void setPlaybackRate(double rate) override { m_player->setPlaybackRate(rate); }
    void clearPicture() override
    {
        if (m_view)
            m_view->clearPicture();
    }

private:
    static State stateOf(QMediaPlayer::PlaybackState state)
    {
        switch (state) {
        case QMediaPlayer::PlayingState:
            return State::Playing;
        case QMediaPlayer::PausedState:
            return State::Paused;
        case QMediaPlayer::StoppedState:
            break;
        }
        return State::Stopped;
    }

    QMediaPlayer *m_player; // a child of the parent, so it is found where the player is shown
    QPointer<VideoView> m_view; // the parent's widget tree owns it
};
} // namespace

extern "C" Q_DECL_EXPORT MediaPlayback *runwatch_create_media_playback(
    QWidget *parent, const MediaPlayback::Listener &listener)
{
    // Checked against the type the program calls it through.
    static_assert(std::is_same_v<decltype(&runwatch_create_media_playback), MediaPlayback::Create>);
    return new QtMediaPlayback(parent, listener);
}
