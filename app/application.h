#pragma once

#include <map>
#include <memory>

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include "connectionprofile.h"
#include "runcache.h"
#include "settings.h"

class CredentialStore;
class DemoServerThread;
class MainWindow;
class MergedRunSource;
class RunSource;
struct DemoEndpoints;

/** What the command line asked for. */
struct LaunchOptions
{
    bool demo = false;
    QUrl serverUrl;
    QString apiKey;
    bool allowInsecureHttp = false;
    int demoTickMs = 1000;
    quint32 demoSeed = 1;
    QString settingsFile; // empty: the user's settings
    // Saved run lists for the first paint; empty: next to the settings file, or the user's cache.
    QString cacheFile;
    QString keychainService = QStringLiteral("Runwatch");
    // For the start-up benchmark: print "painted N rows" once rows are on screen, then quit.
    bool reportFirstPaint = false;

    /** Reads arguments and the environment; on failure says why in `error`. */
    static LaunchOptions parse(const QStringList &arguments, QString *error);
};

/**
 * Builds the window and connects it to servers: the one on the command line, the saved
 * connections, or the built-in demo (one connection per platform) when there are none. Shows
 * one connection or all of them merged, persists the view of each and the window between
 * sessions, and keeps secrets in the keychain.
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
    QList<ConnectionProfile> profiles() const { return m_profiles; }
    QUrl demoServerUrl() const { return m_demoUrl; }
    QString demoApiKey() const { return m_demoKey; }

signals:
    /** A source is connected and its first page requested. */
    void connected(const QString &displayName);

private:
    void startDemo();
    void onDemoStarted(const DemoEndpoints &endpoints);
    void restoreView(const QString &viewKey);
    void saveWindow();
    void updateSwitcher();
    void acceptProfile(const ConnectionProfile &profile, const QString &secret);
    void removeCurrentProfile();
    ConnectionProfile profile(const QString &id) const;
    RunSource *sourceFor(const ConnectionProfile &profile);
    /**
     * The connection the window opens on (empty: the demo) and, in `profiles`, the
     * connections it comes with.
     */
    QString firstConnection(QList<ConnectionProfile> *profiles) const;
    /** Starts reading the saved list of m_firstConnection's view on another thread. */
    void prefetchSavedList();
    /** Which list a connection's current view shows, as the key its saved list goes by. */
    QString savedListKey(const QString &id) const;
    /** The run cache, opened on first use; null when it cannot be used. */
    RunCache *runCache();
    bool isDemoView(const QString &id) const;
    /** Paints the list saved for a connection's view, if any, until its first page is in. */
    void showSavedList(const QString &id);
    /** Saves the shown list for the view it was loaded for (the demo's never: it is new each time).
     */
    void scheduleSave();
    void saveList();
    /** Drops the window's source first, so nothing it holds dangles. */
    void dropSources(const QString &id);

    LaunchOptions m_options;
    Settings m_settings;
    CredentialStore *m_credentials;
    std::unique_ptr<MainWindow> m_window;
    QList<ConnectionProfile> m_profiles;
    QHash<QString, QString> m_secrets; // this session's, by profile id
    std::map<QString, std::unique_ptr<RunSource>> m_sources;
    std::unique_ptr<MergedRunSource> m_merged;
    QString m_current;
    QString m_firstConnection; // the one the window opens on; empty: the demo
    QString m_viewKey;
    std::unique_ptr<RunCache> m_runCache;
    QFuture<std::optional<SavedRuns>> m_prefetch;
    QString m_prefetchKey;
    QString m_savedShownKey; // the view whose saved list is on screen
    QTimer *m_saveTimer;
    QString m_saveKey; // the view the rows to save belong to
    DemoServerThread *m_demoServer = nullptr;
    QUrl m_demoUrl;
    QString m_demoKey;
};
