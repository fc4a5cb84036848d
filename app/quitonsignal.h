#pragma once

#include <QObject>

class QSocketNotifier;

/**
 * Turns SIGTERM, SIGINT and SIGHUP into an ordinary quit of the event loop, so a session
 * logout, `kill` or Ctrl+C saves the window and the lists as closing the window does. A signal
 * handler may do almost nothing, so it only writes a byte to a socket the event loop watches.
 */
class QuitOnSignal final : public QObject
{
    Q_OBJECT
public:
    explicit QuitOnSignal(QObject *parent = nullptr);
    ~QuitOnSignal() override;

private:
    QSocketNotifier *m_notifier = nullptr;
};
