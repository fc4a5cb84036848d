#pragma once

#include <memory>

#include <QObject>
#include <QStringList>
#include <QUrl>

class DemoServerThread;
class MainWindow;
class SkyvernClient;

/** What the command line asked for. */
struct LaunchOptions
{
    bool demo = false;
    QUrl serverUrl;
    QString apiKey;
    bool allowInsecureHttp = false;
    int demoTickMs = 1000;
    quint32 demoSeed = 1;

    /** Reads arguments and the environment; on failure says why in `error`. */
    static LaunchOptions parse(const QStringList &arguments, QString *error);
};

/** Builds the window and connects it to the demo server or a real Skyvern server. */
class Application final : public QObject
{
    Q_OBJECT
public:
    explicit Application(LaunchOptions options, QObject *parent = nullptr);
    ~Application() override;

    void start();
    MainWindow *window() const { return m_window.get(); }

private:
    void connectTo(const QUrl &baseUrl, const QString &apiKey);

    LaunchOptions m_options;
    std::unique_ptr<MainWindow> m_window;
    DemoServerThread *m_demoServer = nullptr;
    SkyvernClient *m_client = nullptr;
};
