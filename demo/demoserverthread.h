#pragma once

#include <QObject>
#include <QThread>
#include <QUrl>

#include "demoserver.h"

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

signals:
    void started(const QUrl &baseUrl, const QString &apiKey);
    void failed(const QString &reason);

private:
    QThread m_thread;
};
