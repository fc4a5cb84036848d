#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include "notificationpolicy.h"

/**
 * Desktop notifications about runs, through the freedesktop Notifications service on the
 * session bus (org.freedesktop.Notifications, as every Linux desktop and dunst provide): a title,
 * a body with the workflow, the failure reason and the error code, an "Open" action that brings
 * the run up in Runwatch, and an urgency by status. Events that come close together are held a
 * moment and a burst becomes one digest per connection ("12 runs failed on Skyvern Cloud, 9 with
 * CAPTCHA_DETECTED") instead of a pop-up each. Without the service nothing is sent and nothing
 * fails: lastSummary() still says what would have been, for the window and the tray.
 */
class NotificationCenter final : public QObject
{
    Q_OBJECT
public:
    explicit NotificationCenter(QObject *parent = nullptr);

    /** Whether a notification service answers on the session bus now (asks the bus: blocks). */
    bool isServiceAvailable() const;
    /** Holds an event for the digest window; sent (alone or digested) when it closes. */
    void add(const RunEvent &event);
    /** How long events are gathered before they are sent; a burst inside it is one digest. */
    void setDigestWindow(int milliseconds) { m_digest.setInterval(milliseconds); }
    /** From this many events of one connection in a window on, they are told as one digest. */
    static constexpr int kDigestFrom = 4;
    /** A notification that says they work, from Preferences; sent at once. */
    void sendTest();
    /** The last thing told, in a sentence (also where no service runs). */
    QString lastSummary() const { return m_lastSummary; }

signals:
    /** The user clicked a notification's "Open": show this run. */
    void openRequested(const QString &connectionId, const QString &runId);
    /** Something was told (or would have been, without a service); `summary` says what. */
    void told(const QString &summary);

private slots:
    void onActionInvoked(uint id, const QString &actionKey);
    void onClosed(uint id, uint reason);

private:
    void flush();
    void send(const QString &summary, const QString &body, int urgency, const RunEvent *single);

    QTimer m_digest;
    QList<RunEvent> m_pending;
    QHash<uint, std::pair<QString, QString>> m_openable; // notification id → connection, run
    QString m_lastSummary;
};
