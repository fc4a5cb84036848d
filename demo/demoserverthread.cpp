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
    m_server = server;
    server->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, server, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(server, [this, server] {
        QString error;
        if (server->start(&error)) {
            DemoEndpoints endpoints;
            endpoints.skyvernUrl = server->baseUrl();
            endpoints.apiKey = server->apiKey();
            if (DemoPlatformServer *platform = server->platform()) {
                endpoints.platformUrl = platform->baseUrl();
                endpoints.platformToken = platform->token();
                endpoints.platformWorkflows = DemoPlatformServer::workflowIds();
            }
            emit started(endpoints);
        } else
            emit failed(error);
    });
}

int DemoServerThread::requestsHandled() const
{
    return m_server ? m_server->requestsHandled() : 0;
}
