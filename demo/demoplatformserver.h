#pragma once

#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include "demohttplistener.h"
#include "demoplatformstore.h"
#include "demoreply.h"

/**
 * The second platform of the demo: `GET /v1/workflows/{id}/runs` with limit/offset paging, an
 * optional status, a bearer token, and every answer in a `{code, data, message, requestId}`
 * envelope, errors included. Seeded deterministically; active runs move on with the clock and
 * new ones start now and then. The workflow `wf_maintenance` answers HTTP 200 with code 503 in
 * its envelope, as the platform does during maintenance.
 */
class DemoPlatformServer final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxLimit = 100;
    static constexpr int kDefaultLimit = 20;

    DemoPlatformServer(quint32 seed, const QString &token, const DemoHttpLimits &limits = {},
        QObject *parent = nullptr);

    /** Opens (and seeds if new) the runs in `databasePath`, then listens on loopback. */
    bool start(const QString &databasePath, quint16 port, int runsPerWorkflow, QString *error);
    QUrl baseUrl() const;
    QString token() const { return m_token; }
    /** The workflows it has runs for (the maintenance one is not among them). */
    static QStringList workflowIds();
    static QString maintenanceWorkflowId();
    /** Moves active runs on and sometimes starts one (the clock calls this; tests may too). */
    void tick();

private:
    DemoReply route(const DemoHttpRequest &request);
    DemoReply envelope(int httpStatus, int code, const QString &message, const QJsonValue &data);
    DemoPlatformRun newRun(const QString &workflowId, const QDateTime &startedAt);
    QList<DemoPlatformRun> seedRuns(int runsPerWorkflow, const QDateTime &now);
    static QJsonObject itemJson(const DemoPlatformRun &run);

    QRandomGenerator m_random;
    QString m_token;
    DemoPlatformStore m_store;
    DemoHttpListener *m_listener = nullptr;
    quint64 m_requests = 0;
};
