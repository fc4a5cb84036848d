// Runwatch's figures, each a ratio to a floor measured in the same run or an absolute figure on
// this machine, each with a target and its spread over the rounds: fetch-to-visible against
// curl, decoding against QJsonDocument alone, start-up against a bare Qt window (with where the
// time goes), memory after starting on the demo, CPU while watching 50 active runs, memory
// while reading 1,000 runs' screenshots, a strip of 300 screenshots scrolled end to end, a run
// list of 100,000 runs (memory, local filter, a poll of 50 changes, sort, failures grouped by
// cause), "All connections" over 10 x 10,000 runs, a timeline of 2,000 actions on screen,
// 100,000 loaded runs exported to a file and History over 100,000 stored runs. Usage:
// bench_runwatch [results.json [section ...]], the sections fetch, decode, startup, memory,
// idle, hidden, notify, images, filmstrip, evidence, scale, merged, groups, bulk, timeline,
// export and history.

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPainter>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include "application.h"
#include "artifactfetcher.h"
#include "benchsupport.h"
#include "bulkjob.h"
#include "demoserverthread.h"
#include "failuregroupmodel.h"
#include "heaptuning.h"
#include "historyview.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "notificationcenter.h"
#include "rundetailpane.h"
#include "runexportjob.h"
#include "runhistory.h"
#include "runhistorystore.h"
#include "runlistmodel.h"
#include "runsortproxymodel.h"
#include "runtimeline.h"
#include "runtimelineview.h"
#include "screenshotfilmstrip.h"
#include "skyvernclient.h"
#include "timelinemodel.h"

using namespace Qt::StringLiterals;

namespace {

void waitFor(QObject *sender, const char *signal)
{
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, SLOT(quit()));
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
}

/** Serves runs made up on the fly, so the model holds the only copy of each. */
class GeneratedSource final : public RunSource
{
public:
    explicit GeneratedSource(int total)
        : m_total(total)
    { }

    /** One of several sources merged: its runs' ids its own, its times between the others'. */
    int member = 0;

    WorkflowRun make(int index) const
    {
        WorkflowRun run;
        run.workflowRunId = u"wr_%1"_s.arg(900000000000LL - index - member * 1000000000LL);
        run.workflowPermanentId = u"wpid_%1"_s.arg(index % 10);
        run.workflowTitle = u"Workflow %1"_s.arg(index % 10);
        static const RunStatus statuses[] {RunStatus::Completed, RunStatus::Failed,
            RunStatus::Running, RunStatus::TimedOut, RunStatus::Canceled};
        run.status = m_changed.contains(index) ? RunStatus::Completed : statuses[index % 5];
        run.statusText = runStatusToWire(run.status);
        run.createdAt = m_epoch.addSecs(-60LL * index - 6LL * member);
        run.startedAt = run.createdAt.addSecs(5 + index % 50);
        if (!isActiveStatus(run.status))
            run.finishedAt = run.startedAt.addSecs(30 + (index * 7919) % 3600);
        run.modifiedAt
            = m_changed.contains(index) ? m_epoch.addSecs(m_changed.value(index)) : run.startedAt;
        run.triggerType = TriggerType::Api;
        if (variedFailures && isFailedStatus(run.status))
            addFailure(run, index);
        else if (run.status == RunStatus::Failed)
            run.failureReason = u"Could not find the button on page %1"_s.arg(index % 97);
        return run;
    }
    std::function<void()> onAnswer; // the moment an answer is handed over
    /** Runs made once and answered from memory, as pages a list already loaded. */
    QList<WorkflowRun> loaded;
    /**
     * Failures as a real list has them: one of 30 causes, each a reason with numbers and a
     * link that differ from run to run, a third of them with a failure category instead.
     */
    bool variedFailures = false;
    static constexpr int kCauses = 30;
    /** The cause of a failed run made with variedFailures, 0 to kCauses - 1. */
    static int causeOf(int index) { return (index / 5 * 7 + index % 5) % kCauses; }

    /**
     * `count` runs among the newest `within` end (or end again) now: each call another
     * `count`, spread evenly, until all of them have.
     */
    void changeNewest(int count, int within)
    {
        ++m_round;
        const int step = within / count;
        for (int i = (m_round - 1) % step; i < within; i += step)
            m_changed.insert(i, m_round);
    }

    RequestId listRuns(const RunQuery &query, QObject *context, RunPageHandler handler) override
    {
        ApiResult<RunPage> result;
        result.value.query = query;
        const int first = (query.page - 1) * query.pageSize;
        if (!loaded.isEmpty())
            result.value.runs = loaded.mid(first, query.pageSize); // already in memory
        else
            for (int i = first; i < qMin(m_total, first + query.pageSize); ++i)
                result.value.runs.append(make(i));
        QTimer::singleShot(0, context, [this, handler, result] {
            if (onAnswer)
                onAnswer();
            handler(result);
        });
        return ++m_id;
    }
    /** Screenshots for each run's detail: `count` links to one image, told apart by run. */
    void setScreenshots(const QUrl &image, int count)
    {
        m_screenshot = image;
        m_screenshotCount = count;
    }
    RequestId getRun(const QString &runId, QObject *context, Handler<RunDetail> handler) override
    {
        ApiResult<RunDetail> result;
        result.value.runId = runId;
        result.value.status = RunStatus::Completed;
        for (int i = 0; i < m_screenshotCount; ++i) {
            QUrl url = m_screenshot;
            url.setQuery(u"run=%1&shot=%2"_s.arg(runId).arg(i));
            result.value.screenshotUrls.append(url.toString());
        }
        QTimer::singleShot(0, context, [handler, result] { handler(result); });
        return ++m_id;
    }
    /** What listArtifacts answers for any run. */
    QList<Artifact> artifacts;
    RequestId listArtifacts(const QString &runId, const QStringList &, QObject *context,
        Handler<RunArtifacts> handler) override
    {
        ApiResult<RunArtifacts> result;
        result.value.artifacts = m_evidenceCount > 0 ? evidenceOf(runId) : artifacts;
        QTimer::singleShot(0, context, [handler, result] { handler(result); });
        return ++m_id;
    }
    /**
     * Each run its own `count` screenshots (links to one image, told apart by run, so no cache
     * serves one run from another's) and a timeline of one block with an action per screenshot.
     */
    void setEvidence(const QUrl &image, int count)
    {
        m_evidenceImage = image;
        m_evidenceCount = count;
    }
    RequestId getTimeline(
        const QString &runId, QObject *context, Handler<RunTimeline> handler) override
    {
        ApiResult<RunTimeline> result;
        TimelineEntry block;
        block.kind = TimelineEntry::Kind::Block;
        block.block.label = u"navigate"_s;
        block.block.status = RunStatus::Failed;
        for (const Artifact &shot : evidenceOf(runId)) {
            TimelineAction action;
            action.actionId = shot.artifactId + u"_action"_s;
            action.actionType = u"click"_s;
            action.status = ActionStatus::Completed;
            action.reasoning = u"The button that submits the form is below the fold"_s;
            action.stepId = shot.stepId;
            action.screenshotArtifactId = shot.artifactId;
            action.startedAt = shot.createdAt;
            block.block.actions.append(action);
        }
        if (!block.block.actions.isEmpty())
            block.block.actions.last().status = ActionStatus::Failed;
        result.value.entries.append(block);
        QTimer::singleShot(0, context, [handler, result] { handler(result); });
        return ++m_id;
    }
    RequestId listWorkflows(QObject *, Handler<QList<Workflow>>) override { return 0; }
    RequestId launchRun(const LaunchRequest &, QObject *, Handler<RunDetail>) override { return 0; }
    RequestId cancelRun(const QString &, QObject *, Handler<bool>) override { return 0; }
    void cancelRequest(RequestId) override { }
    QString displayName() const override { return u"generated"_s; }

private:
    static void addFailure(WorkflowRun &run, int index)
    {
        static const QString kFailures[] {u"Could not find"_s, u"Timed out waiting for"_s,
            u"Could not click"_s, u"Unexpected text in"_s, u"Navigation failed at"_s,
            u"Login rejected at"_s};
        static const QString kPlaces[] {u"the checkout button"_s, u"the search form"_s,
            u"the login page"_s, u"the price table"_s, u"the download link"_s};
        static const QString kCategories[] {u"TIMEOUT"_s, u"ELEMENT_NOT_FOUND"_s,
            u"NAVIGATION_FAILURE"_s, u"AUTHENTICATION"_s, u"ANTI_BOT"_s, u"DATA_EXTRACTION"_s,
            u"LLM_ERROR"_s, u"UNKNOWN"_s};
        const int cause = causeOf(index);
        run.failureReason = u"%1 %2 after %3 s on https://shop%4.example/p/%5 (task tsk_%6)"_s
                                .arg(kFailures[cause % 6], kPlaces[cause / 6])
                                .arg(20 + index % 300)
                                .arg(index % 40)
                                .arg(index)
                                .arg(index * 31);
        if (index % 3 == 0)
            run.failureCategory = QJsonArray {QJsonObject {{u"category"_s, kCategories[cause % 8]},
                {u"confidence_float"_s, 0.8}, {u"reasoning"_s, run.failureReason}}};
    }

    int m_total;
    QDateTime m_epoch = QDateTime::currentDateTimeUtc();
    QHash<int, int> m_changed; // run index to the round it last changed in
    int m_round = 0;
    RequestId m_id = 0;
    QUrl m_screenshot;
    int m_screenshotCount = 0;
    QUrl m_evidenceImage;
    int m_evidenceCount = 0;

    QList<Artifact> evidenceOf(const QString &runId) const
    {
        QList<Artifact> shots;
        for (int i = 0; i < m_evidenceCount; ++i) {
            Artifact shot;
            shot.artifactId = u"a_%1_%2"_s.arg(runId).arg(i);
            shot.artifactType = u"screenshot_action"_s;
            shot.stepId = u"stp_%1_%2"_s.arg(runId).arg(i);
            QUrl url = m_evidenceImage;
            url.setQuery(u"run=%1&shot=%2"_s.arg(runId).arg(i));
            shot.uri = url.toString();
            shot.createdAt = m_epoch.addSecs(i);
            shots.append(shot);
        }
        return shots;
    }
};

/** Starts a demo server on its own thread, as the app runs it, and waits until it listens. */
DemoEndpoints startServer(DemoServerThread &thread, const DemoServerOptions &options)
{
    std::optional<DemoEndpoints> endpoints;
    QObject::connect(&thread, &DemoServerThread::started, &thread,
        [&endpoints](const DemoEndpoints &started) { endpoints = started; });
    thread.start(options);
    while (!endpoints)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return *endpoints;
}

double curlSeconds(const QUrl &url, const QString &key, QByteArray *body = nullptr)
{
    QProcess curl;
    curl.start(u"curl"_s,
        {u"-s"_s, u"-H"_s, u"x-api-key: "_s + key, u"-o"_s, body ? u"-"_s : u"/dev/null"_s, u"-w"_s,
            body ? QString() : u"%{time_total}"_s, url.toString()});
    curl.waitForFinished(30000);
    const QByteArray out = curl.readAllStandardOutput();
    if (body) {
        *body = out;
        return 0;
    }
    return out.toDouble();
}

/** Launches `count` fresh runs of workflows that need no parameters filled in; how many started. */
int launchRuns(const DemoEndpoints &served, int count)
{
    SkyvernClient client(served.skyvernUrl, served.apiKey);
    QList<Workflow> workflows;
    client.listWorkflows(qApp, [&workflows](const ApiResult<QList<Workflow>> &result) {
        workflows = result.value;
        QCoreApplication::exit(0);
    });
    QCoreApplication::exec();
    QStringList launchable;
    for (const Workflow &workflow : std::as_const(workflows)) {
        if (std::all_of(workflow.parameters.begin(), workflow.parameters.end(),
                [](const WorkflowParameter &p) { return !p.defaultValue.isNull(); }))
            launchable.append(workflow.workflowPermanentId);
    }
    int launched = 0;
    int answered = 0;
    for (int i = 0; i < count && !launchable.isEmpty(); ++i) {
        LaunchRequest request;
        request.workflowId = launchable.at(i % launchable.size());
        client.launchRun(request, qApp, [&](const ApiResult<RunDetail> &result) {
            launched += result.ok() ? 1 : 0;
            if (++answered == count)
                QCoreApplication::exit(0);
        });
    }
    if (!launchable.isEmpty())
        QCoreApplication::exec();
    return launched;
}

/** Loads pages until the list holds every run its source has. */
void loadEverything(RunListModel &model)
{
    waitFor(&model, SIGNAL(pageLoaded(int, int, bool)));
    while (model.canFetchMore({})) {
        model.fetchMore({});
        waitFor(&model, SIGNAL(pageLoaded(int, int, bool)));
    }
}

/** The local filter (two statuses and a search) put on and taken off again, per change. */
Spread localFilterMs(RunSortProxyModel &proxy)
{
    RunFilter local;
    local.statuses = {RunStatus::Failed, RunStatus::TimedOut};
    local.searchKey = u"wr_8999999"_s;
    (void)proxy.rowCount(); // the proxy maps rows once someone asks
    return spreadMs(9, [&] {
        proxy.setLocalFilter(local);
        (void)proxy.rowCount();
        proxy.setLocalFilter({});
        (void)proxy.rowCount();
    }).scaled(0.5);
}

/** Polls timed from the first answer handed to the list to the list being up to date. */
struct PollRounds
{
    QList<double> ms;
    QList<double> rowsChanged; // dataChanged signals per poll
    int resets = 0;
};

PollRounds timePolls(RunListModel &model, const QList<GeneratedSource *> &sources, int rounds,
    const std::function<void()> &changeRuns)
{
    PollRounds polls;
    for (int round = 0; round < rounds; ++round) {
        changeRuns();
        QElapsedTimer poll;
        for (GeneratedSource *source : sources) {
            source->onAnswer = [&poll] {
                if (!poll.isValid())
                    poll.start();
            };
        }
        QSignalSpy changed(&model, &RunListModel::dataChanged);
        QSignalSpy resets(&model, &RunListModel::modelReset);
        model.refresh();
        waitFor(&model, SIGNAL(refreshed(int, int, int)));
        polls.ms.append(poll.nsecsElapsed() / 1e6);
        polls.rowsChanged.append(changed.count());
        polls.resets += int(resets.count());
    }
    for (GeneratedSource *source : sources)
        source->onAnswer = nullptr;
    return polls;
}

} // namespace

int main(int argc, char *argv[])
{
    HeapTuning::apply(); // the figures of views run here are of the heap runwatch has
    QApplication app(argc, argv); // the image figures show the detail pane
    // bench_runwatch [results.json [section...]]: the sections are listed at the top.
    const QStringList sections = QCoreApplication::arguments().mid(2);
    const auto wanted = [&sections](const char *name) {
        return sections.isEmpty() || sections.contains(QLatin1String(name));
    };
    BenchResults results;
    BenchResults::printHeader();

    DemoServerOptions options;
    options.platform = false;
    options.tickMs = 3600000;
    DemoServerThread server;
    const DemoEndpoints endpoints = startServer(server, options);
    const QUrl pageUrl(
        endpoints.skyvernUrl.toString() + u"/v1/workflows/runs?page=1&page_size=100"_s);

    // Fetch-to-visible: issuing a 100-run page request to the rows being in the model.
    if (wanted("fetch")) {
        SkyvernClient client(endpoints.skyvernUrl, endpoints.apiKey);
        RunListModel model;
        model.setPageSize(100);
        model.setSource(&client);
        waitFor(&model, SIGNAL(pageLoaded(int, int, bool)));
        // curl times itself (its process start-up is not in its figure).
        const auto [floor, ours] = interleavedMs(
            25, [&] { return curlSeconds(pageUrl, endpoints.apiKey) * 1000; },
            [&] {
                return timedMs([&] {
                    model.reload();
                    waitFor(&model, SIGNAL(pageLoaded(int, int, bool)));
                });
            });
        results.context(u"fetch_to_visible_ms"_s, Spread::of(ours), u"ms"_s, u"100 runs"_s);
        results.context(u"curl_fetch_ms"_s, Spread::of(floor), u"ms"_s, u"the floor"_s);
        results.figure(u"fetch_to_visible_ratio"_s,
            Spread::of(ours, floor, [](double a, double b) { return a / b; }), u"x"_s,
            Target::atMost(1.3), u"to curl, round by round"_s);
    }

    // Decoding a 100-run page against parsing the same bytes alone.
    if (wanted("decode")) {
        QByteArray body;
        curlSeconds(pageUrl, endpoints.apiKey, &body);
        const double megabytes = body.size() / 1e6;
        // Rounds of 100 parses each: one parse is too short for the clock.
        const auto [parse, decode] = interleavedMs(
            50,
            [&] {
                return timedMs([&] {
                    for (int i = 0; i < 100; ++i)
                        (void)QJsonDocument::fromJson(body);
                }) / 100;
            },
            [&] {
                return timedMs([&] {
                    QString error;
                    for (int i = 0; i < 100; ++i)
                        (void)workflowRunsFromJson(body, &error);
                }) / 100;
            });
        const auto perSecond = [megabytes](double ms) { return megabytes / (ms / 1000); };
        QList<double> decodeRates;
        QList<double> parseRates;
        for (qsizetype i = 0; i < decode.size(); ++i) {
            decodeRates.append(perSecond(decode.at(i)));
            parseRates.append(perSecond(parse.at(i)));
        }
        results.context(
            u"decode_mb_per_s"_s, Spread::of(decodeRates), u"MB/s"_s, u"100-run page"_s);
        results.context(u"json_parse_mb_per_s"_s, Spread::of(parseRates), u"MB/s"_s,
            u"the floor: QJsonDocument alone"_s);
        results.figure(u"decode_share_of_floor"_s,
            Spread::of(parse, decode, [](double a, double b) { return a / b; }), u"x"_s,
            Target::atLeast(0.5), u"parse time over decode time, round by round"_s);
    }

    // Start-up: process start to the window painted with rows, against a bare Qt window.
    if (wanted("startup")) {
        // A server of its own, so its port can be taken over by one that never answers.
        auto own = std::make_unique<DemoServerThread>();
        const DemoEndpoints served = startServer(*own, options);
        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"RUNWATCH_API_KEY"_s, served.apiKey);
        const QStringList arguments {u"--server"_s, served.skyvernUrl.toString(), u"--settings"_s,
            home.filePath(u"settings.ini"_s), u"--report-first-paint"_s};
        // Milliseconds until the program says it painted, or -1; its checkpoints (milliseconds
        // since its main() began, by name) in `checkpoints` if asked for.
        using Checkpoints = QList<std::pair<QString, double>>;
        const auto startUp = [&environment](const QString &program, const QStringList &args,
                                 Checkpoints *checkpoints = nullptr) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.setProcessChannelMode(QProcess::SeparateChannels);
            QElapsedTimer timer;
            timer.start();
            process.start(program, args);
            double painted = -1;
            QByteArray output;
            while (painted < 0 && process.waitForReadyRead(30000)) {
                output += process.readAllStandardOutput();
                if (output.contains("painted"))
                    painted = timer.nsecsElapsed() / 1e6;
            }
            process.waitForFinished(30000);
            output += process.readAllStandardOutput();
            for (const QByteArray &line : output.split('\n')) {
                // "checkpoint <ms> <what>"
                const QList<QByteArray> words = line.split(' ');
                if (checkpoints && words.size() > 2 && words.first() == "checkpoint")
                    checkpoints->append({QString::fromUtf8(line.mid(line.indexOf(' ', 11) + 1)),
                        words.at(1).toDouble()});
            }
            return painted;
        };
        // The first start fills the cache from the server. The measured ones paint from it
        // while the server has not answered yet, as a remote one would not have this soon:
        // a local one answering at once would compete for the same cores.
        const double cold = startUp(QString::fromUtf8(RUNWATCH_PATH), arguments);
        own.reset();
        QTcpServer silent; // accepts connections and never answers
        if (!silent.listen(QHostAddress::LocalHost, quint16(served.skyvernUrl.port())))
            qFatal("cannot take over port %d", served.skyvernUrl.port());
        QList<Checkpoints> breakdowns;
        QList<double> bareBeforeMain;
        QList<double> listWindow; // the second floor, started right after each bare window
        // Before main(): starting the process, loading the program and its libraries, static
        // initialisers; the rest of the figure after the checkpoint of the first paint (Runwatch
        // goes on after it, to fill in the run it made current).
        const auto beforeMain = [](double painted, const Checkpoints &checkpoints) {
            for (const auto &[what, at] : checkpoints) {
                if (what.startsWith(u"first paint"_s))
                    return painted - at;
            }
            return 0.0;
        };
        const auto [ours, floor] = interleavedMs(
            25,
            [&] {
                Checkpoints checkpoints;
                const double painted
                    = startUp(QString::fromUtf8(RUNWATCH_PATH), arguments, &checkpoints);
                checkpoints.prepend({u"before main()"_s, beforeMain(painted, checkpoints)});
                breakdowns.append(checkpoints);
                return painted;
            },
            [&] {
                Checkpoints checkpoints;
                const double painted
                    = startUp(QString::fromUtf8(BARE_WINDOW_PATH), {}, &checkpoints);
                bareBeforeMain.append(beforeMain(painted, checkpoints));
                listWindow.append(startUp(QString::fromUtf8(LIST_WINDOW_PATH), {}));
                return painted;
            });
        results.context(u"startup_first_start_ms"_s, Spread::once(cold), u"ms"_s,
            u"no saved list yet, the server answering"_s);
        results.context(u"startup_cached_ms"_s, Spread::of(ours), u"ms"_s,
            u"to the saved list painted; median of 25"_s);
        results.context(u"startup_bare_window_ms"_s, Spread::of(floor), u"ms"_s,
            u"the floor: a bare Qt window painted"_s);
        // Round by round, each start over the floor started beside it.
        const auto ratios = [](const QList<double> &over, const QList<double> &under) {
            return Spread::of(over, under, [](double a, double b) { return a / b; });
        };
        results.figure(u"startup_ratio"_s, ratios(ours, floor), u"x"_s, Target::atMost(1.5),
            u"to the bare window, round by round"_s);
        // Where the time goes: each checkpoint's own share (since the one before), by name.
        QStringList order;
        QHash<QString, QList<double>> shares;
        for (const Checkpoints &checkpoints : std::as_const(breakdowns)) {
            double previous = 0;
            for (const auto &[what, at] : checkpoints) {
                if (!order.contains(what))
                    order.append(what);
                shares[what].append(what == u"before main()"_s ? at : at - previous);
                if (what != u"before main()"_s)
                    previous = at;
            }
        }
        // How far the target is from what any window showing a list can do, and Runwatch from
        // that window.
        results.context(u"startup_list_window_ms"_s, Spread::of(listWindow), u"ms"_s,
            u"a second floor: Qt's table of 50 rows, Runwatch's Qt libraries"_s);
        results.context(u"startup_list_window_ratio"_s, ratios(listWindow, floor), u"x"_s,
            u"the list window to the bare window, round by round"_s);
        results.context(u"startup_ratio_to_list_window"_s, ratios(ours, listWindow), u"x"_s,
            u"Runwatch to the list window, round by round"_s);
        results.context(u"startup_bare_window_before_main_ms"_s, Spread::of(bareBeforeMain),
            u"ms"_s, u"of the floor: process start to its main()"_s);
        for (const QString &what : std::as_const(order))
            results.context(u"startup_step: "_s + what, Spread::of(shares.value(what)), u"ms"_s,
                u"time since the step before"_s);
        // One more start under a profiler, to see inside a step, e.g.
        // RUNWATCH_BENCH_PROFILE="perf record -g -o startup.perf --".
        QStringList profiler
            = QProcess::splitCommand(qEnvironmentVariable("RUNWATCH_BENCH_PROFILE"));
        if (!profiler.isEmpty()) {
            const QString program = profiler.takeFirst();
            startUp(program, profiler + QStringList {QString::fromUtf8(RUNWATCH_PATH)} + arguments);
        }
    }

    // Memory: Runwatch started on its demo (its server in the same process), as a new user
    // starts it, resident a few seconds later once the first page is on screen.
    if (wanted("memory")) {
        QList<double> resident;
        QList<double> peak;
        for (int round = 0; round < 5; ++round) {
            QTemporaryDir home;
            QProcess runwatch;
            runwatch.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            runwatch.start(QString::fromUtf8(RUNWATCH_PATH),
                {u"--demo"_s, u"--settings"_s, home.filePath(u"settings.ini"_s)});
            runwatch.waitForStarted();
            QEventLoop loop;
            QTimer::singleShot(4000, &loop, &QEventLoop::quit);
            loop.exec();
            QFile status(u"/proc/%1/status"_s.arg(runwatch.processId()));
            if (status.open(QIODevice::ReadOnly)) {
                for (const QByteArray &line : status.readAll().split('\n')) {
                    const QList<QByteArray> words = line.simplified().split(' ');
                    if (words.value(0) == "VmRSS:")
                        resident.append(words.value(1).toDouble() / 1024);
                    else if (words.value(0) == "VmHWM:")
                        peak.append(words.value(1).toDouble() / 1024);
                }
            }
            runwatch.terminate();
            runwatch.waitForFinished(10000);
        }
        results.figure(u"memory_after_start_mb"_s, Spread::of(resident), u"MB"_s,
            Target::atMost(50), u"resident 4 s after starting on the demo"_s);
        results.context(
            u"memory_start_peak_mb"_s, Spread::of(peak), u"MB"_s, u"the most resident by then"_s);
    }

    // Idle: the app watching 50 active runs, CPU time over a minute of polling; then the same
    // with the window minimised, polled only because a notification could be due.
    const int idleSeconds = qEnvironmentVariableIsSet("RUNWATCH_BENCH_IDLE_SECONDS")
        ? qEnvironmentVariableIntValue("RUNWATCH_BENCH_IDLE_SECONDS")
        : 60;
    struct IdleFigures
    {
        int launched = 0;
        double cpu = 0; // seconds of CPU over idleSeconds
        int requests = 0;
    };
    const auto watchFiftyRuns = [&app, &options, idleSeconds](bool minimized) {
        IdleFigures figures;
        DemoServerOptions slow = options;
        slow.tickMs = 20000; // runs move on a few times a minute, as real ones do
        slow.runCount = 200;
        DemoServerThread idleServer;
        const DemoEndpoints served = startServer(idleServer, slow);

        figures.launched = launchRuns(served, 50);

        QTemporaryDir home;
        QStringList arguments {u"--server"_s, served.skyvernUrl.toString(), u"--settings"_s,
            home.filePath(u"settings.ini"_s)};
        if (minimized) {
            // Any failure on this connection is to be told: it is polled while minimised.
            QSettings settings(home.filePath(u"settings.ini"_s), QSettings::IniFormat);
            settings.setValue(u"notifications/policy"_s,
                QJsonDocument(
                    QJsonObject {{u"important_connections"_s, QJsonArray {u"command-line"_s}}})
                    .toJson(QJsonDocument::Compact));
            arguments.append(u"--minimized"_s);
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"RUNWATCH_API_KEY"_s, served.apiKey);
        QProcess runwatch;
        runwatch.setProcessEnvironment(environment);
        runwatch.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        runwatch.start(QString::fromUtf8(RUNWATCH_PATH), arguments);
        runwatch.waitForStarted();
        const auto wait = [](int ms) {
            QEventLoop loop;
            QTimer::singleShot(ms, &loop, &QEventLoop::quit);
            loop.exec();
        };
        wait(5000); // started, first page in, polling
        const double cpuBefore = processCpuSeconds(runwatch.processId());
        const int requestsBefore = idleServer.requestsHandled();
        wait(idleSeconds * 1000);
        if (runwatch.state() != QProcess::Running)
            qWarning(
                "idle: runwatch exited during the measurement (exit code %d): the figure is void",
                runwatch.exitCode());
        figures.cpu = processCpuSeconds(runwatch.processId()) - cpuBefore;
        figures.requests = idleServer.requestsHandled() - requestsBefore;
        runwatch.terminate();
        runwatch.waitForFinished(10000);
        return figures;
    };
    if (wanted("idle")) {
        const IdleFigures shown = watchFiftyRuns(false);
        results.figure(u"idle_active_runs"_s, Spread::once(shown.launched), u"runs"_s,
            Target::exactly(50), u"launched and watched"_s);
        results.figure(u"idle_cpu_percent"_s, Spread::once(100.0 * shown.cpu / idleSeconds), u"%"_s,
            Target::atMost(1), u"of a core, over %1 s"_s.arg(idleSeconds));
        results.context(
            u"idle_requests"_s, Spread::once(shown.requests), u"requests"_s, u"one poll per 3 s"_s);
        results.context(u"idle_cpu_ms_per_request"_s,
            Spread::once(shown.requests ? 1000.0 * shown.cpu / shown.requests : 0), u"ms"_s,
            u"poll, merge, repaint"_s);
    }
    if (wanted("hidden")) {
        const IdleFigures hidden = watchFiftyRuns(true);
        results.figure(u"hidden_active_runs"_s, Spread::once(hidden.launched), u"runs"_s,
            Target::exactly(50), u"launched and watched"_s);
        results.figure(u"hidden_cpu_percent"_s, Spread::once(100.0 * hidden.cpu / idleSeconds),
            u"%"_s, Target::atMost(1),
            u"of a core, over %1 s; expected below idle_cpu_percent"_s.arg(idleSeconds));
        results.context(u"hidden_requests"_s, Spread::once(hidden.requests), u"requests"_s,
            u"one poll per 15 s"_s);
    }

    // Notify: a watched run ends on the server; the time until Runwatch tells of it.
    if (wanted("notify")) {
        QTemporaryDir home;
        LaunchOptions launch;
        launch.demo = true;
        launch.demoTickMs = 3600000; // runs end only when told to
        launch.settingsFile = home.filePath(u"settings.ini"_s);
        launch.keychainService = u"RunwatchBench"_s;
        Application runwatch(launch);
        runwatch.start();
        RunListModel *listed = runwatch.window()->runListModel();
        while (listed->isLoading() || listed->rowCount() == 0)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        SkyvernClient server(runwatch.demoServerUrl(), runwatch.demoApiKey());
        // Enough active runs for every sample, in the list before the first.
        launchRuns({runwatch.demoServerUrl(), runwatch.demoApiKey(), {}, {}, {}}, 12);
        listed->reload();
        while (listed->isLoading() || listed->activeRunCount() < 12)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        QSet<QString> used; // a run told of may still read active in the list for a poll
        const auto latencies = [&](int samples, int pollMs) {
            QList<double> measured;
            for (int i = 0; i < samples; ++i) {
                const WorkflowRun *active = nullptr;
                for (int row = 0; row < listed->rowCount() && !active; ++row) {
                    if (isActiveStatus(listed->runAt(row)->status)
                        && !used.contains(listed->runAt(row)->workflowRunId))
                        active = listed->runAt(row);
                }
                if (!active)
                    break;
                used.insert(active->workflowRunId);
                runwatch.watch(*active, true);
                // Ended at any moment between two polls, as runs do.
                QTest::qWait(QRandomGenerator::global()->bounded(pollMs));
                QSignalSpy told(runwatch.notifications(), &NotificationCenter::told);
                QElapsedTimer clock;
                bool cancelled = false;
                server.cancelRun(active->workflowRunId, &app, [&](const ApiResult<bool> &result) {
                    cancelled = result.ok();
                    clock.start(); // ended on the server from here
                });
                QElapsedTimer deadline;
                deadline.start();
                while ((!cancelled || told.isEmpty()) && deadline.elapsed() < 60000)
                    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
                if (told.isEmpty()) {
                    qWarning("notify: run %s was not told of within a minute (cancelled: %d)",
                        qPrintable(active->workflowRunId), int(cancelled));
                    break;
                }
                measured.append(clock.nsecsElapsed() / 1e6);
            }
            return measured;
        };
        runwatch.window()->show();
        const QList<double> shown = latencies(8, MainWindow::kActivePollMs);
        runwatch.window()->showMinimized();
        const QList<double> hidden = latencies(4, 10000);
        results.figure(u"notify_latency_ms"_s, Spread::of(shown), u"ms"_s,
            Target::atMost(MainWindow::kActivePollMs + 200).inEveryRound(),
            u"one poll (every 3 s) + 200 ms; runs ended at random moments"_s);
        results.figure(u"notify_latency_minimized_ms"_s, Spread::of(hidden), u"ms"_s,
            Target::atMost(10200).inEveryRound(), u"watched runs looked at every 10 s, + 200 ms"_s);
    }

    // Images: the detail pane shown for 1,000 runs in turn, four screenshots each.
    if (wanted("images")) {
        QTemporaryDir files;
        QImage page(1280, 800, QImage::Format_RGB32); // a screenshot-sized page with content
        {
            QPainter painter(&page);
            painter.fillRect(page.rect(), QColor(246, 247, 249));
            for (int line = 0; line < 40; ++line)
                painter.drawText(
                    40, 40 + line * 18, u"Row %1 of a page a browser agent saw"_s.arg(line));
        }
        const QString path = files.filePath(u"shot.png"_s);
        page.save(path);
        constexpr int kRuns = 1000;
        GeneratedSource source(kRuns);
        source.setScreenshots(QUrl::fromLocalFile(path), 4);
        ArtifactFetcher artifacts;
        RunDetailPane pane(&artifacts);
        pane.setSource(&source);
        pane.resize(600, 900);
        pane.show();
        auto *strip = pane.findChild<QListWidget *>(u"screenshotStrip"_s);
        const auto allShown = [strip] {
            for (int i = 0; i < strip->count(); ++i) {
                if (strip->item(i)->toolTip()
                    != QCoreApplication::translate("RunDetailPane", "Click for a larger view"))
                    return false;
            }
            return strip->count() == 4;
        };
        qint64 afterFirst = 0;
        qint64 peak = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < kRuns; ++i) {
            pane.showRun(source.make(i));
            while (!allShown())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            peak = qMax(peak, residentKib());
            if (i == 99)
                afterFirst = residentKib();
        }
        const double perRun = timer.nsecsElapsed() / 1e6 / kRuns;
        const qint64 after = residentKib();
        results.context(
            u"images_ms_per_run"_s, Spread::once(perRun), u"ms"_s, u"4 screenshots decoded"_s);
        results.figure(u"images_rss_growth_mb"_s, Spread::once((after - afterFirst) / 1024.0),
            u"MB"_s, Target::atMost(5), u"runs 100 to 1000: bounded"_s);
        results.context(
            u"images_rss_peak_mb"_s, Spread::once(peak / 1024.0), u"MB"_s, u"whole process"_s);
    }

    // Filmstrip: a run's 300 screenshots scrolled end to end as a wheel does, a notch every
    // 16 ms, while their thumbnails are read and decoded in the background. The figure is the
    // longest the GUI thread went without running a 1 ms heartbeat timer.
    if (wanted("filmstrip")) {
        constexpr int kShots = 300;
        QTemporaryDir files;
        QImage page(1280, 800, QImage::Format_RGB32);
        {
            QPainter painter(&page);
            painter.fillRect(page.rect(), QColor(246, 247, 249));
            for (int line = 0; line < 40; ++line)
                painter.drawText(
                    40, 40 + line * 18, u"Row %1 of a page a browser agent saw"_s.arg(line));
        }
        QByteArray png;
        {
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            page.save(&buffer, "PNG");
        }
        GeneratedSource source(1);
        const QDateTime start = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < kShots; ++i) {
            const QString path = files.filePath(u"shot-%1.png"_s.arg(i));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(png) != png.size())
                qFatal("cannot write %s", qPrintable(path));
            Artifact shot;
            shot.artifactId = u"a_%1"_s.arg(i);
            shot.artifactType = u"screenshot_action"_s;
            shot.stepId = u"stp_%1"_s.arg(i / 3);
            shot.uri = QUrl::fromLocalFile(path).toString();
            shot.createdAt = start.addSecs(i);
            source.artifacts.append(shot);
        }
        // Each round a new strip, its thumbnails not yet decoded.
        QList<double> stalls;
        QList<double> decodes;
        double seconds = 0;
        for (int round = 0; round < 3; ++round) {
            ArtifactFetcher artifacts;
            ScreenshotFilmstrip filmstrip(&artifacts);
            filmstrip.setSource(&source);
            filmstrip.resize(900, 700);
            filmstrip.show();
            filmstrip.showRun(source.make(0));
            auto *strip = filmstrip.findChild<QListView *>(u"filmstripListView"_s);
            ThumbnailService *thumbnails = filmstrip.thumbnails();
            const auto settle = [thumbnails] {
                QElapsedTimer waited;
                waited.start();
                do
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
                while ((thumbnails->inFlightCount() + thumbnails->queuedCount() > 0
                           || waited.elapsed() < 500)
                    && waited.elapsed() < 60000);
            };
            while (strip->model()->rowCount() < kShots)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            QScrollBar *bar = strip->horizontalScrollBar();
            bar->setValue(0);
            settle();
            const int decodedBefore = thumbnails->decodeCount();

            QElapsedTimer clock;
            clock.start();
            qint64 last = 0;
            qint64 longest = 0;
            QTimer heartbeat;
            heartbeat.setTimerType(Qt::PreciseTimer);
            heartbeat.setInterval(1);
            QObject::connect(&heartbeat, &QTimer::timeout, [&] {
                const qint64 now = clock.nsecsElapsed();
                longest = qMax(longest, now - last);
                last = now;
            });
            QTimer wheel;
            wheel.setTimerType(Qt::PreciseTimer);
            wheel.setInterval(16);
            QObject::connect(&wheel, &QTimer::timeout, [&] {
                if (bar->value() >= bar->maximum()) {
                    QCoreApplication::exit(0);
                    return;
                }
                bar->setValue(bar->value() + 120);
            });
            last = clock.nsecsElapsed();
            heartbeat.start();
            wheel.start();
            QCoreApplication::exec();
            heartbeat.stop();
            wheel.stop();
            seconds = clock.nsecsElapsed() / 1e9;
            settle();
            stalls.append(longest / 1e6);
            decodes.append(thumbnails->decodeCount() - decodedBefore);
        }
        results.figure(u"filmstrip_300_longest_stall_ms"_s, Spread::of(stalls), u"ms"_s,
            Target::atMost(16),
            u"scrolled end to end in %1 s; three new strips"_s.arg(seconds, 0, 'f', 1));
        results.context(u"filmstrip_300_decodes"_s, Spread::of(decodes), u"images"_s,
            u"those scrolled past, once"_s);
    }

    // Evidence: 1,000 runs opened one after another with their Timeline (the failing action's
    // screenshot large) and Screenshots tabs on screen, 30 screenshots each, every one its
    // own; memory must level off once the caches are full.
    if (wanted("evidence")) {
        QTemporaryDir files;
        QImage page(1280, 800, QImage::Format_RGB32);
        {
            QPainter painter(&page);
            painter.fillRect(page.rect(), QColor(246, 247, 249));
            for (int line = 0; line < 40; ++line)
                painter.drawText(
                    40, 40 + line * 18, u"Row %1 of a page a browser agent saw"_s.arg(line));
        }
        const QString path = files.filePath(u"shot.png"_s);
        page.save(path);
        constexpr int kRuns = 1000;
        constexpr int kShots = 30;
        GeneratedSource source(kRuns);
        source.setEvidence(QUrl::fromLocalFile(path), kShots);
        ArtifactFetcher artifacts;
        QWidget tabs;
        auto *timeline = new RunTimelineView(&artifacts, &tabs);
        auto *filmstrip = new ScreenshotFilmstrip(&artifacts, &tabs);
        auto *layout = new QHBoxLayout(&tabs);
        layout->addWidget(timeline);
        layout->addWidget(filmstrip);
        timeline->setSource(&source);
        filmstrip->setSource(&source);
        tabs.resize(1600, 800);
        tabs.show();
        auto *tree = timeline->findChild<QTreeView *>(u"timelineTreeView"_s);
        auto *shown = timeline->findChild<QLabel *>(u"timelineScreenshotLabel"_s);
        auto *strip = filmstrip->findChild<QListView *>(u"filmstripListView"_s);
        ThumbnailService *thumbnails = filmstrip->thumbnails();
        const auto settled = [&] {
            return strip->model()->rowCount() == kShots && tree->currentIndex().isValid()
                && !shown->pixmap().isNull() && thumbnails->inFlightCount() == 0
                && thumbnails->queuedCount() == 0;
        };
        // Resident memory is read after every run. One reading moves by a few megabytes with
        // which screenshots the cache holds at that moment (it cycles as runs come and go) and
        // what the heap has handed back, so each point is the mean over a hundred runs.
        QList<double> resident;
        resident.reserve(kRuns);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < kRuns; ++i) {
            const WorkflowRun run = source.make(i);
            timeline->showRun(run);
            filmstrip->showRun(run);
            QElapsedTimer waited;
            waited.start();
            while (!settled() && waited.elapsed() < 30000)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
            resident.append(residentKib() / 1024.0);
        }
        const double perRun = timer.nsecsElapsed() / 1e6 / kRuns;
        const auto meanOfRuns = [&resident](int from) { // runs from+1 … from+100
            const auto start = resident.cbegin() + from;
            return std::accumulate(start, start + 100, 0.0) / 100;
        };
        const double after100 = meanOfRuns(100);
        results.context(u"evidence_ms_per_run"_s, Spread::once(perRun), u"ms"_s,
            u"timeline + %1 screenshots"_s.arg(kShots));
        results.figure(u"evidence_rss_after_100_mb"_s, Spread::once(resident.at(99)), u"MB"_s,
            Target::atMost(120), u"whole process, 100 runs opened"_s);
        results.figure(u"evidence_rss_growth_mb"_s, Spread::once(meanOfRuns(900) - after100),
            u"MB"_s, Target::atMost(10), u"mean of runs 901-1000 over runs 101-200: bounded"_s);
        results.figure(u"evidence_rss_growth_late_mb"_s,
            Spread::once(meanOfRuns(900) - meanOfRuns(500)), u"MB"_s, Target::atMost(2),
            u"mean of runs 901-1000 over runs 501-600: about 0"_s);
        const double peak = *std::max_element(resident.cbegin(), resident.cend());
        results.context(u"evidence_rss_peak_mb"_s, Spread::once(peak), u"MB"_s, u"whole process"_s);
    }

    // A run list of 100,000 runs; History records what the polls bring, as in the window.
    if (wanted("scale")) {
        constexpr int kRuns = 100000;
        GeneratedSource source(kRuns);
        RunListModel model;
        model.setPageSize(1000);
        const qint64 before = residentKib();
        model.setSource(&source);
        loadEverything(model);
        const qint64 after = residentKib();
        results.figure(u"memory_per_run_bytes"_s, Spread::once((after - before) * 1024.0 / kRuns),
            u"B"_s, Target::atMost(1024), u"the list of 100,000 runs"_s);
        // History's copy, a small record per run, as the window keeps one beside the list.
        RunHistory history;
        history.setKeyOf([](const WorkflowRun &) { return u"bench"_s; });
        history.setScope({u"bench"_s});
        QList<WorkflowRun> loaded;
        for (int row = 0; row < model.rowCount(); ++row) {
            loaded.append(*model.runAt(row));
            if (loaded.size() == 1000 || row == model.rowCount() - 1)
                history.record(std::exchange(loaded, {}));
        }
        results.context(u"history_memory_per_run_bytes"_s,
            Spread::once((residentKib() - after) * 1024.0 / kRuns), u"B"_s,
            u"History's record of each run, beside the list's"_s);
        QObject::connect(&model, &RunListModel::runsReceived, &history, &RunHistory::record);

        RunSortProxyModel proxy;
        proxy.setSourceModel(&model);
        results.figure(u"local_filter_100k_ms"_s, localFilterMs(proxy), u"ms"_s, Target::atMost(30),
            u"status and search on, then off"_s);

        const Spread sort = spreadMs(9, [&] {
            proxy.sort(RunListModel::DurationColumn, Qt::DescendingOrder);
            proxy.sort(-1);
        });
        results.figure(u"sort_by_duration_100k_ms"_s, sort, u"ms"_s, Target::atMost(50),
            u"sorted, then back to the server's order"_s);

        // Polls in which 50 of the newest 1,000 runs end, each time others.
        const PollRounds polls
            = timePolls(model, {&source}, 25, [&source] { source.changeNewest(50, 1000); });
        results.figure(u"poll_50_changes_100k_ms"_s, Spread::of(polls.ms), u"ms"_s,
            Target::atMost(1), u"answer handed over to the list and History up to date"_s);
        results.figure(u"poll_rows_changed"_s, Spread::of(polls.rowsChanged), u"signals"_s,
            Target::exactly(50).inEveryRound(), u"dataChanged per poll"_s);
        results.figure(u"poll_model_resets"_s, Spread::once(polls.resets), u"signals"_s,
            Target::exactly(0), u"over the polls"_s);
    }

    // The failures of 100,000 loaded runs grouped by cause: attaching the groups to the list
    // (a full grouping, as after the list is replaced), then a poll of 50 changes followed.
    if (wanted("groups")) {
        constexpr int kRuns = 100000;
        GeneratedSource source(kRuns);
        source.variedFailures = true;
        RunListModel model;
        model.setPageSize(1000);
        model.setSource(&source);
        loadEverything(model);
        // Codes for seven failures in ten, as details told them: mostly one code per cause.
        int failures = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const WorkflowRun *run = model.runAt(row);
            if (!isFailedStatus(run->status) || failures++ % 10 >= 7)
                continue;
            const int cause = GeneratedSource::causeOf(row) + (row % 11 == 0 ? 1 : 0);
            model.setErrorCodes(run->workflowRunId,
                {u"E_%1"_s.arg(cause % GeneratedSource::kCauses), u"E_SECONDARY"_s});
        }

        FailureGroupModel groups;
        QList<double> times;
        for (int round = 0; round < 15; ++round) {
            groups.setRunList(nullptr);
            times.append(timedMs([&] { groups.setRunList(&model); }));
        }
        int children = 0;
        for (int row = 0; row < groups.rowCount(); ++row)
            children += groups.rowCount(groups.index(row, 0));
        results.figure(u"groups_100k_ms"_s, Spread::of(times), u"ms"_s, Target::atMost(50),
            u"every failure grouped by code and cause"_s);
        results.figure(u"groups_failures"_s, Spread::once(groups.failureCount()), u"runs"_s,
            Target::exactly(failures), u"of 100,000"_s);
        results.figure(u"groups_codes"_s, Spread::once(groups.rowCount()), u"groups"_s,
            Target::exactly(31), u"30 causes' codes and no code"_s);
        results.context(u"groups_causes"_s, Spread::once(children), u"groups"_s, u"second level"_s);

        QSignalSpy resets(&groups, &FailureGroupModel::modelReset);
        const int failuresBefore = groups.failureCount();
        const PollRounds polls
            = timePolls(model, {&source}, 9, [&source] { source.changeNewest(50, 1000); });
        results.figure(u"groups_poll_50_changes_100k_ms"_s, Spread::of(polls.ms), u"ms"_s,
            Target::atMost(10), u"the list and the groups up to date"_s);
        results.figure(u"groups_poll_resets"_s, Spread::once(resets.count()), u"signals"_s,
            Target::exactly(0), u"over the polls"_s);
        results.context(u"groups_after_poll"_s, Spread::once(groups.failureCount()), u"runs"_s,
            u"fewer than %1: changed runs completed"_s.arg(failuresBefore));
    }

    // "All connections" over 10 connections of 10,000 runs each: a poll of the merged list
    // (50 runs changed across the members) and the local filter over the 100,000 rows.
    if (wanted("merged")) {
        constexpr int kMembers = 10;
        constexpr int kRunsEach = 10000;
        std::vector<std::unique_ptr<GeneratedSource>> sources;
        QList<MergedRunSource::Member> members;
        for (int i = 0; i < kMembers; ++i) {
            sources.push_back(std::make_unique<GeneratedSource>(kRunsEach));
            sources.back()->member = i;
            members.append({sources.back().get(), u"Connection %1"_s.arg(i + 1), {}, {}});
        }
        MergedRunSource merged(members);
        RunListModel model;
        model.setPageSize(1000);
        RunHistory history; // as in the window, each run under its own connection
        history.setKeyOf([](const WorkflowRun &run) { return run.source; });
        QObject::connect(&model, &RunListModel::runsReceived, &history, &RunHistory::record);
        model.setSource(&merged);
        loadEverything(model);
        results.figure(u"merged_rows"_s, Spread::once(model.rowCount()), u"runs"_s,
            Target::exactly(kMembers * kRunsEach), u"every member's runs listed once"_s);

        // Each poll, five of each member's 20 newest runs end: 50 changes in the 1,000 rows a
        // poll covers (a page, as the list loads 1,000 a page here).
        QList<GeneratedSource *> answering;
        for (const auto &source : sources)
            answering.append(source.get());
        const PollRounds polls = timePolls(model, answering, 25, [&answering] {
            for (GeneratedSource *source : answering)
                source->changeNewest(5, 20);
        });
        results.figure(u"merged_poll_50_changes_100k_ms"_s, Spread::of(polls.ms), u"ms"_s,
            Target::atMost(5), u"10 members answering, merged, the list up to date"_s);
        results.figure(u"merged_poll_rows_changed"_s, Spread::of(polls.rowsChanged), u"signals"_s,
            Target::exactly(50).inEveryRound(), u"dataChanged per poll"_s);

        RunSortProxyModel proxy;
        proxy.setSourceModel(&model);
        results.figure(u"merged_local_filter_100k_ms"_s, localFilterMs(proxy), u"ms"_s,
            Target::atMost(30), u"status and search on, then off"_s);
    }

    // Bulk jobs on loopback: 1,000 runs waiting, cancelled at once; 100 ended runs retried.
    if (wanted("bulk")) {
        SkyvernClient client(endpoints.skyvernUrl, endpoints.apiKey);
        const int launched = launchRuns(endpoints, 1000);
        QList<BulkJob::Item> waiting;
        for (int page = 1; waiting.size() < launched && page <= 20; ++page) {
            RunQuery query;
            query.filter.statuses = {RunStatus::Created, RunStatus::Queued, RunStatus::Running};
            query.pageSize = 100;
            query.page = page;
            bool last = false;
            client.listRuns(query, qApp, [&](const ApiResult<RunPage> &result) {
                for (const WorkflowRun &run : result.value.runs)
                    waiting.append(BulkJob::itemOf(run, run.workflowTitle));
                last = !result.ok() || result.value.isLastPage();
                QCoreApplication::exit(0);
            });
            QCoreApplication::exec();
            if (last)
                break;
        }
        const int before = client.requestsIssued();
        BulkJob cancel(BulkJob::Kind::Cancel, &client, waiting);
        QElapsedTimer clock;
        clock.start();
        QObject::connect(&cancel, &BulkJob::finished, qApp, [] { QCoreApplication::exit(0); });
        cancel.start();
        if (!cancel.isFinished())
            QCoreApplication::exec();
        results.figure(u"bulk_cancel_runs"_s, Spread::once(cancel.count(BulkJob::State::Done)),
            u"runs"_s, Target::exactly(double(waiting.size())), u"all of those waiting"_s);
        results.figure(u"bulk_cancel_requests"_s, Spread::once(client.requestsIssued() - before),
            u"requests"_s, Target::atMost(std::ceil(waiting.size() / 100.0)),
            u"runs / 100: the contract's limit per request"_s);
        results.context(u"bulk_cancel_ms"_s, Spread::once(clock.nsecsElapsed() / 1e6), u"ms"_s,
            u"%1 runs, one connection"_s.arg(waiting.size()));

        QList<BulkJob::Item> ended;
        RunQuery failed;
        failed.filter.statuses = {RunStatus::Failed, RunStatus::Completed};
        failed.pageSize = 100;
        client.listRuns(failed, qApp, [&](const ApiResult<RunPage> &result) {
            for (const WorkflowRun &run : result.value.runs)
                ended.append(BulkJob::itemOf(run, run.workflowTitle));
            QCoreApplication::exit(0);
        });
        QCoreApplication::exec();
        BulkJob retry(BulkJob::Kind::Retry, &client, ended);
        QObject::connect(&retry, &BulkJob::finished, qApp, [] { QCoreApplication::exit(0); });
        clock.start();
        retry.start();
        if (!retry.isFinished())
            QCoreApplication::exec();
        const double seconds = clock.nsecsElapsed() / 1e9;
        results.figure(u"bulk_retry_runs"_s, Spread::once(retry.count(BulkJob::State::Done)),
            u"runs"_s, Target::exactly(double(ended.size())), u"every ended run"_s);
        // Retries are paced to spare the server: no faster than the spacing allows.
        results.figure(u"bulk_retry_per_s"_s,
            Spread::once(retry.count(BulkJob::State::Done) / seconds), u"runs/s"_s,
            Target::atMost(1000.0 / BulkJob::kRetrySpacingMs + 0.5),
            u"spaced %1 ms, %2 at once"_s.arg(BulkJob::kRetrySpacingMs)
                .arg(BulkJob::kMaxRetriesAtOnce));
    }

    // A timeline of 2,000 actions, from its answer's bytes to the tree painted with the
    // failing action selected and in view (decode, model, expand, select, paint).
    if (wanted("timeline")) {
        DemoServerOptions huge = options;
        huge.faults.hugeEvidence = true;
        DemoServerThread hugeServer;
        const DemoEndpoints served = startServer(hugeServer, huge);
        QByteArray runs;
        curlSeconds(QUrl(served.skyvernUrl.toString()
                        + u"/v1/workflows/runs?page=1&page_size=100&status=failed"_s),
            served.apiKey, &runs);
        QString error;
        const auto failed = workflowRunsFromJson(runs, &error);
        if (!failed || failed->isEmpty())
            qFatal("no failed run to time: %s", qPrintable(error));
        QByteArray body;
        curlSeconds(QUrl(served.skyvernUrl.toString() + u"/v1/runs/"_s
                        + failed->constFirst().workflowRunId + u"/timeline"_s),
            served.apiKey, &body);
        TimelineModel model;
        QTreeView tree;
        tree.setUniformRowHeights(true);
        tree.setModel(&model);
        tree.resize(700, 500);
        tree.show();
        qsizetype actions = 0;
        const Spread decode = spreadMs(15, [&] { (void)RunTimeline::fromJson(body, &error); });
        const Spread shown = spreadMs(15, [&] {
            const auto timeline = RunTimeline::fromJson(body, &error);
            if (!timeline)
                qFatal("timeline not read: %s", qPrintable(error));
            actions = timeline->actionCount();
            model.setTimeline(*timeline);
            tree.expandAll();
            const QModelIndex failing = model.indexOf(timeline->failurePosition());
            tree.setCurrentIndex(failing);
            tree.scrollTo(failing, QAbstractItemView::PositionAtCenter);
            tree.repaint();
        });
        results.figure(u"timeline_2000_actions_ms"_s, shown, u"ms"_s, Target::atMost(100),
            u"bytes to the tree painted on the failing action"_s);
        results.context(u"timeline_decode_share_ms"_s, decode, u"ms"_s,
            u"of the above, off the GUI thread in the app"_s);
        results.figure(u"timeline_actions"_s, Spread::once(double(actions)), u"actions"_s,
            Target::exactly(2000), u"in the answer"_s);
    }

    // Exporting 100,000 runs once they are in memory (the server's time left out): paging
    // through a source that answers from memory, writing each page into a QSaveFile on disk.
    if (wanted("export")) {
        constexpr int kRuns = 100000;
        GeneratedSource source(kRuns);
        source.variedFailures = true;
        source.loaded.reserve(kRuns);
        for (int i = 0; i < kRuns; ++i)
            source.loaded.append(source.make(i));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"runs.export"_s);
        QList<RunExportWriter::Column> shown;
        for (int column : {RunListModel::StatusColumn, RunListModel::WorkflowColumn,
                 RunListModel::CreatedColumn, RunListModel::DurationColumn,
                 RunListModel::FailureReasonColumn, RunListModel::ErrorCodesColumn})
            shown.append({column, u"column %1"_s.arg(column)});
        const auto runsPerSecond = [&](const RunExportWriter &writer, qint64 *bytes) {
            const QList<double> times = timesMs(5, [&] {
                RunExportJob job(&source, RunQuery(), writer, path);
                bool done = false;
                QObject::connect(&job, &RunExportJob::finished, [&done] { done = true; });
                QObject::connect(&job, &RunExportJob::failed,
                    [](const QString &why) { qFatal("export failed: %s", qPrintable(why)); });
                job.start();
                while (!done)
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
                if (job.runsWritten() != kRuns)
                    qFatal("exported %d runs of %d", job.runsWritten(), kRuns);
            });
            *bytes = QFileInfo(path).size();
            QList<double> rates;
            for (const double ms : times)
                rates.append(kRuns / (ms / 1000.0));
            return Spread::of(rates);
        };
        qint64 bytes = 0;
        results.figure(u"export_csv_100k_runs_per_s"_s, runsPerSecond(RunExportWriter(), &bytes),
            u"runs/s"_s, Target::atLeast(50000), u"CSV, every field"_s);
        results.context(
            u"export_csv_100k_mb"_s, Spread::once(bytes / 1e6), u"MB"_s, u"every field"_s);
        results.figure(u"export_csv_shown_100k_runs_per_s"_s,
            runsPerSecond(RunExportWriter(RunExportWriter::Format::Csv,
                              RunExportWriter::Fields::AsShown, shown),
                &bytes),
            u"runs/s"_s, Target::atLeast(50000), u"CSV, six columns as shown"_s);
        results.figure(u"export_jsonl_100k_runs_per_s"_s,
            runsPerSecond(RunExportWriter(RunExportWriter::Format::JsonLines), &bytes), u"runs/s"_s,
            Target::atLeast(50000), u"JSON Lines, every field"_s);
    }

    // History over 100,000 stored runs of 90 days: the summary and the whole view drawn
    // (charts and both tables), and reading them back from the SQLite file.
    if (wanted("history")) {
        constexpr int kRuns = 100000;
        const QDateTime now = QDateTime::currentDateTime();
        QList<HistoryRun> runs;
        runs.reserve(kRuns);
        QRandomGenerator random(7);
        static const RunStatus kEnded[] {RunStatus::Completed, RunStatus::Completed,
            RunStatus::Completed, RunStatus::Failed, RunStatus::TimedOut, RunStatus::Canceled};
        for (int i = 0; i < kRuns; ++i) {
            HistoryRun run;
            run.connection = u"bench"_s;
            run.runId = u"wr_%1"_s.arg(i);
            run.createdMs = now.addSecs(-qint64(i) * 77).toMSecsSinceEpoch(); // 89 days
            run.startedMs = run.createdMs + 2000;
            run.finishedMs = run.startedMs + random.bounded(600000);
            run.status = kEnded[random.bounded(6)];
            run.workflowId = u"wpid_%1"_s.arg(i % 40);
            run.workflowTitle = u"Workflow %1"_s.arg(i % 40);
            if (run.status == RunStatus::Failed)
                run.errorCodes = {u"E_%1"_s.arg(random.bounded(25))};
            run.computeUnits = i % 2 ? random.bounded(4000) / 100.0 : -1;
            runs.append(run);
        }
        const QDateTime from(now.date().addDays(-89), QTime(0, 0));
        RunHistory history;
        history.setScope({u"bench"_s});
        history.addStored(u"bench"_s, runs);
        const Spread summarized = spreadMs(7, [&] {
            const HistorySummary summary
                = history.summarize(from, now.addSecs(1), HistoryBucketSize::Day);
            if (summary.runs != kRuns)
                qFatal("summarized %d runs of %d", summary.runs, kRuns);
        });
        HistoryView view(&history);
        view.setRangeDays(90);
        view.resize(1400, 860);
        view.show();
        QCoreApplication::processEvents();
        const Spread draw = spreadMs(7, [&] {
            view.refresh();
            const QPixmap drawn = view.grab();
            if (drawn.isNull() || view.summary().runs != kRuns)
                qFatal("History did not draw %d runs", kRuns);
        });
        results.figure(u"history_100k_draw_ms"_s, draw, u"ms"_s, Target::atMost(100),
            u"summary, charts and tables drawn"_s);
        results.context(u"history_100k_summary_ms"_s, summarized, u"ms"_s, u"of the above"_s);
        QTemporaryDir dir;
        {
            RunHistoryStore store(dir.filePath(u"history.sqlite"_s));
            store.open(nullptr);
            store.save(runs);
        }
        const Spread load = spreadMs(5, [&] {
            RunHistoryStore store(dir.filePath(u"history.sqlite"_s));
            store.open(nullptr);
            if (store.load(u"bench"_s).size() != kRuns)
                qFatal("the file gave back fewer runs");
        });
        results.context(u"history_100k_file_read_ms"_s, load, u"ms"_s,
            u"on a worker thread, once per connection and start"_s);
    }

    QTextStream(stdout) << '\n'
                        << results.figureCount() - results.missedCount() << " of "
                        << results.figureCount() << " targets met" << Qt::endl;
    if (argc > 1) {
        QFile out(QString::fromLocal8Bit(argv[1]));
        if (out.open(QIODevice::WriteOnly))
            out.write(QJsonDocument(results.toJson()).toJson());
    }
    return results.missedCount() == 0 ? 0 : 1;
}
