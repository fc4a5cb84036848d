#pragma once

#include <memory>

#include <QAtomicInt>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QTimer>
#include <QUrl>

#include "demoartifacts.h"
#include "demodatabase.h"
#include "demofaults.h"
#include "demohttplistener.h"
#include "demoplatformserver.h"
#include "demoreply.h"
#include "demosimulator.h"
#include "demotags.h"

/** How to start a demo server. */
struct DemoServerOptions
{
    quint16 port = 0; // 0: any free port
    QString databasePath; // empty: a fresh temporary file
    quint32 seed = 1;
    QString apiKey = QStringLiteral("demo-key");
    int tickMs = 1000; // how often active runs move on
    int spawnEveryMs = 0; // 0: no scheduled runs appear on their own
    int runCount = 2000;
    // Seeded failure reasons and workflow names made of what breaks careless exports: quotes,
    // commas, line breaks, right-to-left text, a formula, 5 KB of text (see DemoSimulator).
    bool hostileText = false;
    // The second platform, on a listener of its own (its paths clash with Skyvern's).
    bool platform = true;
    quint16 platformPort = 0;
    QString platformToken = QStringLiteral("demo-token");
    int platformRunsPerWorkflow = 400;
    DemoFaultOptions faults; // none by default
    DemoHttpLimits http; // what either listener accepts from one client
};

/**
 * A local HTTP server on loopback that speaks Skyvern's wire contract for everything Runwatch
 * uses: run lists with their filters and paging, run details, launching, cancelling and
 * retrying runs, the workflow list, runs' timelines and artifacts, and the screenshots,
 * recordings and files runs refer to. State lives in a SQLite file; runs move on by themselves
 * on a clock.
 */
class DemoServer final : public QObject
{
    Q_OBJECT
public:
    explicit DemoServer(DemoServerOptions options, QObject *parent = nullptr);
    ~DemoServer() override;

    /** Opens (and seeds if new) the store, then listens. Returns false with a reason. */
    bool start(QString *error);
    QUrl baseUrl() const;
    QString apiKey() const { return m_options.apiKey; }
    /** Requests answered (or dropped) so far; safe to read from any thread. */
    int requestsHandled() const { return m_requestsHandled.loadRelaxed(); }
    /** How many answers got a fault so far. */
    int faultsInjected() const { return m_faults.injected(); }
    /** Misbehaves differently from now on (none: answers truthfully again). */
    void setFaults(const DemoFaultOptions &faults) { m_faults = DemoFaultInjector(faults); }
    /** The second platform's listener, or null when options.platform is off. */
    DemoPlatformServer *platform() const { return m_platform; }
    /** Moves every active run on by one step (the clock calls this; tests may too). */
    void tick();
    /** Stops or restarts the clock, so a test can hold runs where they are and tick by hand. */
    void setClockPaused(bool paused);
    /** A run as the server stores it (its parameters, its plan), for tests to check. */
    std::optional<DemoRun> storedRun(const QString &runId) const { return m_database.run(runId); }

private:
    using Reply = DemoReply;

    void handle(const DemoHttpRequest &request, DemoHttpResponder responder);
    Reply route(const DemoHttpRequest &request);
    Reply listRuns(const DemoHttpRequest &request, const QString &workflowPermanentId);
    Reply getRun(const QUrl &base, const QString &runId);
    Reply launchRun(const QUrl &base, const QByteArray &body);
    Reply cancelRun(const QString &runId);
    /** `GET /v1/runs`: every run type, with run type, workflow and tag filters. */
    Reply listAllRuns(const DemoHttpRequest &request);
    QJsonObject taskRunItemJson(const DemoRun &run) const;
    /** `POST /v1/runs/cancel`: at most 100 ids; says which were cancelled and which not. */
    Reply cancelRuns(const QByteArray &body);
    Reply retryRun(const QUrl &base, const QString &runId);
    Reply listWorkflows(const DemoHttpRequest &request);
    Reply timeline(const QUrl &base, const QString &runId);
    Reply runTags(const DemoHttpRequest &request);
    Reply tagsOfRun(const QString &runId);
    Reply applyTags(const QString &runId, const QByteArray &body);
    Reply tagValues(const DemoHttpRequest &request);
    QJsonObject runTagsResponse(const DemoRun &run) const;
    /** The tags a run has now: those set through the API, or those it was made with. */
    QList<DemoTag> tagsOf(const DemoRun &run) const;
    /** RunTagSuggestionsResponse. */
    QJsonObject tagSuggestions() const;
    Reply listArtifacts(const DemoHttpRequest &request, const QUrl &base, const QString &runId);

    QJsonObject listItemJson(const DemoRun &run) const;
    QJsonObject detailJson(const QUrl &base, const DemoRun &run) const;

    static Reply json(int status, const QJsonValue &value);
    static Reply detail(int status, const QString &message);
    static Reply validationError(const QJsonArray &errors);

    DemoServerOptions m_options;
    std::unique_ptr<class QTemporaryDir> m_temporaryDir;
    DemoDatabase m_database;
    DemoSimulator m_simulator;
    QHash<QString, Workflow> m_workflows;
    QList<Workflow> m_workflowOrder;
    DemoArtifacts m_artifacts; // after what it refers to
    QTimer m_clock;
    QTimer m_spawner;
    DemoHttpListener *m_listener = nullptr;
    DemoPlatformServer *m_platform = nullptr;
    DemoFaultInjector m_faults;
    QAtomicInt m_requestsHandled;
};
