// A run's evidence bundle, against the demo servers on loopback: the zip is whole by `unzip -t`,
// lists what `zipinfo` says, holds the run with its request's secrets replaced, the timeline,
// every screenshot the server lists and the recording, and a README naming the run; a run of the
// workflow platform gives what that platform has; a failing server leaves no file; a missing zip
// module is said. The row menu's action saves one by the keyboard.

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "artifactfetcher.h"
#include "demoplatformserver.h"
#include "evidencebundle.h"
#include "evidencebundlejob.h"
#include "mainwindow.h"
#include "runlistmodel.h"
#include "runtimemodule.h"
#include "skyvernclient.h"
#include "support/testserver.h"
#include "translations.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

class TestEvidenceBundle : public QObject
{
    Q_OBJECT

    /** A tool's output; these never talk to the in-process server, so waiting is safe. */
    static QString run(const QString &program, const QStringList &arguments, int *exitCode)
    {
        QProcess process;
        process.start(program, arguments);
        process.waitForFinished(20000);
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return QString::fromUtf8(process.readAllStandardOutput());
    }

    static QList<WorkflowRun> runsOf(RunSource &source, RunStatus status)
    {
        RunQuery query;
        query.pageSize = 50;
        query.filter.statuses = {status};
        std::optional<ApiResult<RunPage>> page;
        QObject context;
        source.listRuns(
            query, &context, [&page](const ApiResult<RunPage> &value) { page = value; });
        if (!QTest::qWaitFor([&page] { return page.has_value(); }, 20000) || !page->ok())
            return {};
        return page->value.runs;
    }

    /** Runs a job to its end; the error it finished with. */
    static QString bundle(RunSource &source, ArtifactFetcher &fetcher, const WorkflowRun &run,
        const QString &path, EvidenceBundleJob **kept = nullptr)
    {
        auto *job = new EvidenceBundleJob(&source, &fetcher, run, path);
        job->setRunLink(u"runwatch://run/demo/%1"_s.arg(run.workflowRunId));
        std::optional<QString> error;
        QObject::connect(job, &EvidenceBundleJob::finished,
            [&error](const QString &message) { error = message; });
        job->start();
        if (!QTest::qWaitFor([&error] { return error.has_value(); }, 60000))
            return u"timed out"_s;
        if (kept)
            *kept = job;
        else
            delete job;
        return *error;
    }

private slots:
    void initTestCase() { Translations::install(qApp, QLocale(QLocale::English)); }

    void secretsOfTheRequestAreReplaced()
    {
        const QJsonObject request {{u"workflow_id"_s, u"wpid_1"_s},
            {u"extra_http_headers"_s, QJsonObject {{u"X-Tenant"_s, u"acme"_s}}},
            {u"totp_identifier"_s, u"ops@example.com"_s},
            {u"parameters"_s,
                QJsonObject {{u"login_password"_s, u"hunter2"_s}, {u"zip"_s, u"94107"_s},
                    {u"nested"_s, QJsonArray {QJsonObject {{u"api_key"_s, u"sk-1"_s}}}}}}};
        const QJsonObject clean = EvidenceBundle::redacted(request);
        const QByteArray text = QJsonDocument(clean).toJson();
        for (const char *secret : {"acme", "ops@example.com", "hunter2", "sk-1"})
            QVERIFY2(!text.contains(secret), secret);
        // What is not a secret stays, and the header's name says which header there was.
        QVERIFY(text.contains("94107"));
        QVERIFY(clean.value("extra_http_headers"_L1).toObject().contains(u"X-Tenant"_s));
        QCOMPARE(clean.value("workflow_id"_L1).toString(), u"wpid_1"_s);
    }

    void aFailedRunsBundleHoldsEverythingItLeftBehind()
    {
        TestServer server(3600000, 300);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        ArtifactFetcher fetcher;
        const QList<WorkflowRun> failed = runsOf(client, RunStatus::Failed);
        QVERIFY(!failed.isEmpty());
        const WorkflowRun run = failed.first();
        QTemporaryDir dir;
        const QString path = dir.filePath(u"evidence.zip"_s);
        EvidenceBundleJob *job = nullptr;
        QCOMPARE(bundle(client, fetcher, run, path, &job), QString());
        std::unique_ptr<EvidenceBundleJob> owned(job);
        QVERIFY2(job->missing().isEmpty(), qPrintable(job->missing().join(u'\n')));

        int exitCode = -1;
        const QString tested = TestEvidenceBundle::run(u"unzip"_s, {u"-t"_s, path}, &exitCode);
        QCOMPARE(exitCode, 0);
        QVERIFY(tested.contains(u"No errors detected"_s));
        const QStringList names = TestEvidenceBundle::run(u"zipinfo"_s, {u"-1"_s, path}, &exitCode)
                                      .split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(exitCode, 0);
        QVERIFY(names.contains(u"run.json"_s));
        QVERIFY(names.contains(u"timeline.json"_s));
        QVERIFY(names.contains(u"README.txt"_s));
        // Every screenshot the server lists, and the recording, as the files they are.
        std::optional<ApiResult<RunArtifacts>> artifacts;
        client.listArtifacts(run.workflowRunId, {}, this,
            [&artifacts](const ApiResult<RunArtifacts> &value) { artifacts = value; });
        QTRY_VERIFY(artifacts.has_value() && artifacts->ok());
        const qsizetype screenshots
            = std::count_if(artifacts->value.artifacts.cbegin(), artifacts->value.artifacts.cend(),
                [](const Artifact &artifact) { return artifact.isScreenshot(); });
        QVERIFY(screenshots > 0);
        QCOMPARE(names.filter(QRegularExpression(u"^screenshots/\\d{3}-.*\\.(png|jpg)$"_s)).size(),
            screenshots);
        QCOMPARE(names.filter(QRegularExpression(u"^recording/.*\\.(webm|mp4)$"_s)).size(), 1);

        // The run, with what its request held as secrets replaced.
        const QString json
            = TestEvidenceBundle::run(u"unzip"_s, {u"-p"_s, path, u"run.json"_s}, &exitCode);
        const QJsonObject saved = QJsonDocument::fromJson(json.toUtf8()).object();
        QCOMPARE(saved.value("run_id"_L1).toString(), run.workflowRunId);
        QVERIFY(!saved.value("failure_reason"_L1).toString().isEmpty());
        const QJsonObject request = saved.value("run_request"_L1).toObject();
        const QJsonObject headers = request.value("extra_http_headers"_L1).toObject();
        for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
            QCOMPARE(it.value().toString(), EvidenceBundle::kRedacted);
        if (request.contains("totp_identifier"_L1) && !request.value("totp_identifier"_L1).isNull())
            QCOMPARE(request.value("totp_identifier"_L1).toString(), EvidenceBundle::kRedacted);
        // The README says which run, where to find it, and what is inside.
        const QString readme
            = TestEvidenceBundle::run(u"unzip"_s, {u"-p"_s, path, u"README.txt"_s}, &exitCode);
        QVERIFY(readme.contains(run.workflowRunId));
        QVERIFY(readme.contains(u"runwatch://run/demo/"_s));
        QVERIFY(readme.contains(u"timeline.json"_s));
    }

    void thePlatformsRunGivesWhatThePlatformHas()
    {
        TestServer server(3600000, 100);
        QVERIFY(server.isStarted() && server.server()->platform());
        WorkflowPlatformClient platform(server.server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        ArtifactFetcher fetcher;
        RunQuery query;
        query.workflowPermanentId = DemoPlatformServer::workflowIds().constFirst();
        std::optional<ApiResult<RunPage>> page;
        platform.listRuns(query, this, [&page](const ApiResult<RunPage> &value) { page = value; });
        QTRY_VERIFY(page.has_value() && page->ok() && !page->value.runs.isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"platform.zip"_s);
        QCOMPARE(bundle(platform, fetcher, page->value.runs.first(), path), QString());
        int exitCode = -1;
        const QStringList names = TestEvidenceBundle::run(u"zipinfo"_s, {u"-1"_s, path}, &exitCode)
                                      .split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(names, (QStringList {u"run.json"_s, u"README.txt"_s}));
    }

    void aFailingServerLeavesNoFile()
    {
        SkyvernClient client(QUrl(u"http://127.0.0.1:9"_s), u"key"_s);
        client.setTimeout(2000);
        ArtifactFetcher fetcher;
        WorkflowRun run;
        run.workflowRunId = u"wr_gone"_s;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"never.zip"_s);
        const QString error = bundle(client, fetcher, run, path);
        QVERIFY2(error.startsWith(u"The run could not be read"_s), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }

    // Zips are written by a module loaded with the first bundle: one that is not there, or not
    // what it should be, is said with where it was looked for.
    void aMissingModuleIsNamedWithWhereItWasLookedFor()
    {
        QString error;
        QVERIFY(!RuntimeModule::resolve(u"no-such-part"_s, "anything", &error));
        QVERIFY2(
            error.startsWith(u"librunwatch-no-such-part.so is not installed"_s), qPrintable(error));
        for (const QString &directory : RuntimeModule::searchPaths())
            QVERIFY2(error.contains(QDir::toNativeSeparators(directory)), qPrintable(error));
        error.clear();
        QVERIFY(!RuntimeModule::resolve(u"zip"_s, "no_such_function", &error));
        QVERIFY2(error.contains(u"librunwatch-zip.so could not be loaded: "_s), qPrintable(error));
        error.clear();
        QVERIFY(RuntimeModule::resolve(u"zip"_s, EvidenceBundle::kZipSymbol, &error));
        QVERIFY(error.isEmpty());
    }

    void theRowMenuSavesOneByTheKeyboard()
    {
        TestServer server(3600000, 200);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        MainWindow window;
        window.resize(1300, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSource(&client);
        RunListModel *model = window.runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 5, 20000);
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        QApplication::setActiveWindow(&window);
        table->setFocus();
        table->selectRow(0);
        QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier); // the row's menu
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr);
        auto *save = menu->findChild<QAction *>(u"saveEvidenceAction"_s);
        QVERIFY(save);
        save->trigger();
        menu->close();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog *>(u"evidenceFileDialog"_s)) != nullptr);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"from-the-menu.zip"_s);
        QSignalSpy saved(&window, &MainWindow::evidenceSaved);
        emit dialog->fileSelected(path);
        dialog->close();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 30000);
        QCOMPARE(saved.first().first().toString(), path);
        int exitCode = -1;
        run(u"unzip"_s, {u"-t"_s, path}, &exitCode);
        QCOMPARE(exitCode, 0);
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestEvidenceBundle)
#include "tst_evidencebundle.moc"
