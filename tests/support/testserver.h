#pragma once

#include <memory>

#include <QTemporaryDir>
#include <QTest>

#include "demoserver.h"

/** A demo server on a free loopback port with its own SQLite file, for one test. */
class TestServer
{
public:
    explicit TestServer(int tickMs = 3600000, int runCount = 2000, quint32 seed = 7,
        const DemoFaultOptions &faults = {})
    {
        DemoServerOptions options;
        options.databasePath = m_dir.filePath(QStringLiteral("demo.sqlite"));
        options.tickMs = tickMs;
        options.runCount = runCount;
        options.seed = seed;
        options.apiKey = QStringLiteral("test-key");
        options.faults = faults;
        m_server = std::make_unique<DemoServer>(options);
        QString error;
        m_started = m_server->start(&error);
        if (!m_started)
            qWarning("demo server did not start: %s", qPrintable(error));
    }

    bool isStarted() const { return m_started; }
    DemoServer *server() const { return m_server.get(); }
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(m_server->baseUrl().toString() + pathAndQuery);
    }
    QByteArray key() const { return m_server->apiKey().toUtf8(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<DemoServer> m_server;
    bool m_started = false;
};
