#pragma once

#include <memory>

#include <QObject>
#include <QStringList>

class QLocalServer;
class QLockFile;

/**
 * One running Runwatch per user and setup: a second start hands its arguments (links to open)
 * to the first instead of opening a second window. The first holds a lock file and listens on a
 * local socket, both in the user's runtime directory (QStandardPaths::RuntimeLocation, only the
 * user can enter it); a lock left by a process that died is taken over.
 *
 * `key` tells setups apart that must not share a window: another settings file, the demo, a
 * server given on the command line.
 */
class SingleInstance final : public QObject
{
    Q_OBJECT
public:
    enum class Role {
        First, // this process runs the window; messageReceived() brings later starts' arguments
        HandedOver, // the running instance took the arguments: this process ends
        Alone, // the running instance did not answer: this one runs on its own
    };

    explicit SingleInstance(const QString &key, QObject *parent = nullptr);
    ~SingleInstance() override;

    /** Becomes the first instance, or hands `arguments` to it. Blocks for at most a few seconds. */
    Role claim(const QStringList &arguments);
    /** Where the lock and the socket live (without their endings), for tests. */
    QString basePath() const { return m_base; }

    static constexpr qsizetype kMaxMessageBytes = 64 * 1024;

signals:
    /** A later start's arguments; empty when it only asked for the window. */
    void messageReceived(const QStringList &arguments);

private:
    bool listen();
    bool handOver(const QStringList &arguments);
    void readFrom(class QLocalSocket *socket);

    QString m_base;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
};
