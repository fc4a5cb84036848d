#include "demoserverthread.h"

DemoServerThread::DemoServerThread(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("demo-server"));
}

DemoServerThread::~DemoServerThread()
{
    m_thread.quit();
    m_thread.wait();
}

void DemoServerThread::start(const DemoServerOptions &options)
{
    auto *server = new DemoServer(options);
    server->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, server, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(server, [this, server] {
        QString error;
        if (server->start(&error))
            emit started(server->baseUrl(), server->apiKey());
        else
            emit failed(error);
    });
}
