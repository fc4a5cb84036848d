#pragma once

#include <memory>

#include <QObject>
#include <QStringList>
#include <QUrl>

#include "connectionprofile.h"
#include "settings.h"

class CredentialStore;
class DemoServerThread;
class MainWindow;
class RunSource;

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
    QString keychainService = QStringLiteral("Runwatch");

    /** Reads arguments and the environment; on failure says why in `error`. */
    static LaunchOptions parse(const QStringList &arguments, QString *error);
};

/**
 * Builds the window and connects it to a server: the one on the command line, the saved
 * connection, or the built-in demo server when there is none. Persists the view and the window
 * between sessions and keeps API keys in the keychain.
 */
class Application final : public QObject
{
    Q_OBJECT
public:
    explicit Application(LaunchOptions options, QObject *parent = nullptr);
    ~Application() override;

    void start();
    MainWindow *window() const { return m_window.get(); }
    /** Opens the connection dialog (also the toolbar's "Connection…"). */
    void openConnectionDialog(const QString &note = {});
    QUrl demoServerUrl() const { return m_demoUrl; }
    QString demoApiKey() const { return m_demoKey; }

signals:
    /** A source is connected and its first page requested. */
    void connected(const QString &displayName);

private:
    void startDemo();
    void restoreView(const QString &viewKey);
    void connectTo(const ConnectionProfile &profile, const QString &apiKey, const QString &viewKey);
    void saveWindow();

    LaunchOptions m_options;
    Settings m_settings;
    CredentialStore *m_credentials;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<RunSource> m_source;
    DemoServerThread *m_demoServer = nullptr;
    QUrl m_demoUrl;
    QString m_demoKey;
    ConnectionProfile m_profile;
    QString m_apiKey;
    QString m_viewKey;
};
