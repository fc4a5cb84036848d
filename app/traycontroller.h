#pragma once

#include <QDateTime>
#include <QIcon>
#include <QList>
#include <QObject>

#include "notificationpolicy.h"

class QAction;
class QMenu;
class QSystemTrayIcon;

/**
 * Runwatch in the system tray: an icon that says the state at a glance (all quiet, runs
 * active, or new failures since the user last looked, with their count) and a menu to open the
 * window, pause notifications for an hour, jump to one of the last five notable runs, or quit.
 * Where the desktop has no tray (StatusNotifierItem or XEmbed host) there is no icon and the
 * window behaves as it always did; the state is kept all the same.
 */
class TrayController final : public QObject
{
    Q_OBJECT
public:
    enum class State { Quiet, Active, NewFailures };
    static constexpr int kNotableRuns = 5;

    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    /** Shows the icon when the desktop has a tray; whether it did. */
    bool showIcon();
    bool isIconShown() const;

    void setActiveRuns(int count);
    /** A run ended: failures count until the user looks; told ones are listed in the menu. */
    void runEnded(const RunEvent &event, bool told);
    /** The user looked (the window came to the front): new failures are no longer new. */
    void markSeen();
    void setPausedUntil(const QDateTime &until);

    State state() const;
    int unseenFailures() const { return m_unseenFailures; }
    QString toolTip() const;
    /** The icon for the state: the application's, with a dot for activity or a count of failures.
     */
    QIcon icon() const;
    QMenu *menu() const { return m_menu; }

signals:
    void openRequested();
    void openRunRequested(const QString &connectionId, const QString &runId);
    /** Pause notifications for an hour (true) or resume them (false). */
    void pauseRequested(bool pause);
    void quitRequested();

private:
    void update();
    void rebuildNotable();

    QMenu *m_menu;
    QAction *m_open;
    QAction *m_pause;
    QAction *m_notableHeader;
    QList<QAction *> m_notableActions;
    QAction *m_quit;
    QSystemTrayIcon *m_icon = nullptr;
    int m_activeRuns = 0;
    int m_unseenFailures = 0;
    QDateTime m_pausedUntil;
    QList<RunEvent> m_notable; // newest first
};
