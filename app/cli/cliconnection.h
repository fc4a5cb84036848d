#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "cliarguments.h"
#include "connectionprofile.h"

class CredentialStore;
class DemoServer;
class RunSource;

/**
 * Finds the server the command line talks to and its key: a saved connection of the Runwatch
 * window (its key from the keychain, or SKYVERN_API_KEY when set), a server named with --server
 * (its key from SKYVERN_API_KEY only), or the built-in demo started in this process. Says
 * `ready` once the source can be asked, or `failed` with one sentence.
 */
class CliConnection final : public QObject
{
    Q_OBJECT
public:
    explicit CliConnection(CliConnectionOptions options, QObject *parent = nullptr);
    ~CliConnection() override;

    void open();
    /** The source once ready, null before. */
    RunSource *source() const { return m_source.get(); }
    const ConnectionProfile &profile() const { return m_profile; }

signals:
    void ready();
    void failed(const QString &message);

private:
    void openSaved();
    void openDemo();
    void connectWith(const QString &secret);

    CliConnectionOptions m_options;
    ConnectionProfile m_profile;
    CredentialStore *m_credentials = nullptr;
    std::unique_ptr<DemoServer> m_demo;
    std::unique_ptr<RunSource> m_source;
};
