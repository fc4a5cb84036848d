#pragma once

#include <functional>
#include <memory>

#include <QString>
#include <QUrl>

class QWidget;

/**
 * What the Recording tab asks of a media player. Qt Multimedia plays the recordings, but it
 * lives in a module (RuntimeModule "media") loaded when a recording is first shown: linked into
 * the program, it and the desktop's sound libraries cost every start-up a few milliseconds.
 * Everything here is inline, so the module needs nothing from the program it is loaded into.
 */
class MediaPlayback
{
public:
    enum class State { Stopped, Playing, Paused };
    enum class Status { Other, Loaded, Ended };
    enum class Error { Format, Resource, Other };
    /** Told of the player's changes, on the GUI thread. */
    struct Listener
    {
        std::function<void(qint64 milliseconds)> durationChanged;
        std::function<void(qint64 milliseconds)> positionChanged;
        std::function<void(State)> stateChanged;
        std::function<void(Status)> statusChanged;
        std::function<void(Error, const QString &errorString)> failed;
    };
    /** The module's one function: a player made in `parent`, which owns its widget. */
    using Create = MediaPlayback *(*)(QWidget *parent, const Listener &listener);
    static constexpr char kCreateSymbol[] = "runwatch_create_media_playback";

    MediaPlayback() = default;
    MediaPlayback(const MediaPlayback &) = delete;
    MediaPlayback &operator=(const MediaPlayback &) = delete;
    /** Stops; the listener is not called from here on. */
    virtual ~MediaPlayback() = default;

    /** Paints the frames; a child of the player's parent, to be put in a layout. */
    virtual QWidget *videoView() const = 0;
    /** Whether the desktop has a backend to play with at all. */
    virtual bool isAvailable() const = 0;
    virtual void setSource(const QUrl &file) = 0;
    virtual void play() = 0;
    virtual void pause() = 0;
    virtual void stop() = 0;
    virtual State state() const = 0;
    virtual bool hasEnded() const = 0;
    virtual bool isSeekable() const = 0;
    virtual qint64 duration() const = 0;
    virtual qint64 position() const = 0;
    virtual void setPosition(qint64 milliseconds) = 0;
    virtual void setPlaybackRate(double rate) = 0;
    /** No picture of the last recording stays when another is loaded. */
    virtual void clearPicture() = 0;
};
