#pragma once

#include <memory>

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include "connectionprofile.h"
#include "launchoptions.h"
#include "mainwindow.h"
#include "notificationpolicy.h"
#include "runlink.h"
#include "settings.h"
#include "theme.h"

class ConnectionManager;
class CredentialStore;
class DemoServerThread;
class MainWindow;
class NotificationCenter;
class TrayController;
class BackgroundListPoller;
class WatchedRunModel;
class WatchedRunPoller;
class RunSource;
class HistoryKeeper;
class SavedListController;
struct RunFilter;
struct WorkflowRun;
struct DemoEndpoints;

/**
 * Builds the window and wires it to the connections: the one on the command line, the saved
 * ones, or the built-in demo (one connection per platform) when there are none. Shows one
 * connection or all of them merged and persists the view of each and the window between
 * sessions; ConnectionManager keeps the connections and their secrets, SavedListController the
 * saved lists.
 */
class Application final : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kAllConnections = "all";

    explicit Application(LaunchOptions options, QObject *parent = nullptr);
    ~Application() override;

    void start();
    MainWindow *window() const { return m_window.get(); }
    /** Opens the connection dialog for the shown connection (or a new one). */
    void openConnectionDialog(const ConnectionProfile &profile, const QString &note = {});
    /** Shows one connection (by id) or kAllConnections. */
    void showConnection(const QString &id);
    QString currentConnection() const { return m_current; }
    QList<ConnectionProfile> profiles() const;
    QUrl demoServerUrl() const { return m_demoUrl; }
    QString demoApiKey() const { return m_demoKey; }
    /** Saves the window and the shown lists, as on close; the session manager asks at logout. */
    void commitSession();
    /**
     * Opens runwatch:// links (see RunLink): each on its connection, its run selected. A link
     * that is not one, or names a connection this Runwatch does not have, is said in the window
     * and opens nothing. Links that come before the first connection is up wait for it.
     * `raise`: bring the window to the front (a later start handed them over).
     */
    void openLinks(const QStringList &links, bool raise);
    /** The link that opens `run` of the shown connection (or of its own, in the merged list). */
    QString linkTo(const WorkflowRun &run) const;
    /** Watches a run until it ends (or stops); watched runs survive a restart. */
    void watch(const WorkflowRun &run, bool watch);
    bool isWatched(const WorkflowRun &run) const;
    /** The watched runs of every connection, newest watch first. */
    WatchedRunModel *watchedRuns() const { return m_watchedRuns; }
    WatchedRunPoller *watchedRunPoller() const { return m_watchedPoller; }
    BackgroundListPoller *importantConnectionPoller() const { return m_importantPoller; }
    NotificationCenter *notifications() const { return m_notifications; }
    TrayController *tray() const { return m_tray; }
    NotificationPolicy notificationPolicy() const { return m_policy; }
    void setNotificationPolicy(const NotificationPolicy &policy);
    /** Opens Preferences (Ctrl+,); OK applies and stores what it says. */
    void openPreferences();

signals:
    /** A source is connected and its first page requested. */
    void connected(const QString &displayName);

private:
    void openLink(const RunLink &link);
    /** The connection a listed run is of: the shown one, or in the merged list its own. */
    QString connectionOf(const WorkflowRun &run) const;
    void onRunEnded(const WorkflowRun &run, RunStatus previous);
    /** A run ended, seen by the list or by the watched runs' poller: told once, by the policy. */
    void onEnded(RunEvent event);
    void stopWatching(const QString &connectionId, const QString &runId);
    /** What the shown list says of watched runs in it (status, and the title a launch lacks). */
    void refreshWatchedFromList();
    /** The workflow a listed run is shown under (its title, or the workflows list's); empty
     * when it is not listed. A launch's or a detail's answer carries no title of its own. */
    QString listedTitle(const QString &runId) const;
    /** Important connections other than the one shown are looked at in the background. */
    void updateImportantTargets();
    void saveWatched();
    /** Puts the policy and the watches to work: the tray's pause, polling while unseen. */
    void applyNotificationPolicy();
    /** Closing the window with a tray: keep running there? Asked once, a setting after. */
    MainWindow::CloseChoice keepInTray();
    void raiseWindow();
    void setTheme(Theme theme);
    void startDemo();
    void onDemoStarted(const DemoEndpoints &endpoints);
    void restoreView(const QString &viewKey);
    /** Points History at a connection (or every one, for the merged list). */
    void showHistoryOf(const QString &id);
    void saveWindow();
    void updateSwitcher();
    void acceptProfile(const ConnectionProfile &profile, const QString &secret);
    void removeCurrentProfile();
    ConnectionProfile profile(const QString &id) const;
    /**
     * The connection the window opens on (empty: the demo) and, in `profiles`, the
     * connections it comes with.
     */
    QString firstConnection(QList<ConnectionProfile> *profiles) const;
    /** Which list a connection's view shows, as the key its saved list goes by; empty for the
     * demo's views, which are never saved. */
    QString keyOf(const QString &id, const QString &scope, const RunFilter &filter) const;
    QString savedListKey(const QString &id) const;

    LaunchOptions m_options;
    Settings m_settings;
    CredentialStore *m_credentials;
    std::unique_ptr<MainWindow> m_window;
    ConnectionManager *m_connections;
    QString m_current;
    bool m_connectedOnce = false; // links are opened from then on
    QList<RunLink> m_pendingLinks;
    NotificationCenter *m_notifications;
    TrayController *m_tray;
    NotificationPolicy m_policy;
    WatchedRunModel *m_watchedRuns;
    WatchedRunPoller *m_watchedPoller;
    BackgroundListPoller *m_importantPoller; // important connections out of sight
    QSet<QString> m_ended; // "connection id/run id" of runs whose end was handled
    QString m_firstConnection; // the one the window opens on; empty: the demo
    QString m_viewKey;
    SavedListController *m_savedLists;
    HistoryKeeper *m_historyKeeper;
    DemoServerThread *m_demoServer = nullptr;
    QUrl m_demoUrl;
    QString m_demoKey;
};
