#pragma once

#include <QObject>
#include <QStringList>
#include <QThread>
#include <QUrl>

#include "demoserver.h"

/** Where the demo's two platforms listen and what they expect. */
struct DemoEndpoints
{
    QUrl skyvernUrl;
    QString apiKey;
    QUrl platformUrl; // empty when the second platform is off
    QString platformToken;
    QStringList platformWorkflows;
};

/**
 * Runs a DemoServer on its own thread, so the app's window never waits on the server's
 * database or image drawing. Announces the address once the server listens.
 */
class DemoServerThread final : public QObject
{
    Q_OBJECT
public:
    explicit DemoServerThread(QObject *parent = nullptr);
    ~DemoServerThread() override;

    void start(const DemoServerOptions &options);
    /** Requests the server has answered (or dropped), safe to read from any thread. */
    int requestsHandled() const;

signals:
    void started(const DemoEndpoints &endpoints);
    void failed(const QString &reason);

private:
    QThread m_thread;
    DemoServer *m_server = nullptr;
};
