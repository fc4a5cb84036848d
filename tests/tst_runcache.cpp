// The saved run lists behind the instant first paint: what goes in comes out field for field,
// each view keeps its own list, the file stays bounded, and a damaged file costs only the list.

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "platformrunpage.h"
#include "runcache.h"
#include "support/testhttp.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

class TestRunCache : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static WorkflowRun run(int index)
    {
        WorkflowRun run;
        run.workflowRunId = u"wr_%1"_s.arg(index);
        run.workflowId = u"w_1"_s;
        run.workflowPermanentId = u"wpid_1"_s;
        run.organizationId = u"o_1"_s;
        run.status = RunStatus::Failed;
        run.statusText = u"failed"_s;
        run.createdAt = QDateTime(QDate(2026, 11, 2), QTime(9, 30, index % 60), Qt::UTC);
        run.modifiedAt = run.createdAt.addSecs(90);
        run.startedAt = run.createdAt.addSecs(3);
        run.finishedAt = run.createdAt.addSecs(80);
        run.workflowTitle = u"Invoice download — مرحبا"_s;
        run.triggerType = TriggerType::Api;
        run.triggerText = u"api"_s;
        run.failureReason = u"Login failed"_s;
        run.extraHttpHeaders = {{u"X-Team"_s, u"qa"_s}};
        run.maxElapsedTimeMinutes = 30;
        run.aiFallback = true;
        return run;
    }

private slots:
    void aListComesBackFieldForField()
    {
        RunCache cache(m_dir.filePath(u"roundtrip.sqlite"_s));
        QVERIFY(cache.open(nullptr));
        WorkflowRun platform = run(2);
        platform.source = u"Acme platform"_s;
        platform.workflowVersion = 7;
        platform.triggeredBy = u"ops@acme.test"_s;
        platform.sourceRunId = u"r_1"_s;
        platform.computeUnits = 1.25;
        platform.isSimulation = true;
        const QList<WorkflowRun> runs {run(1), platform};
        const QDateTime savedAt(QDate(2026, 11, 3), QTime(8, 0), Qt::UTC);
        QVERIFY(cache.save(u"view"_s, runs, savedAt));

        RunCache reopened(m_dir.filePath(u"roundtrip.sqlite"_s));
        QVERIFY(reopened.open(nullptr));
        const auto saved = reopened.load(u"view"_s);
        QVERIFY(saved);
        QCOMPARE(saved->savedAt, savedAt);
        QCOMPARE(saved->runs.size(), 2);
        QVERIFY(saved->runs.at(0) == runs.at(0));
        QVERIFY(saved->runs.at(1) == runs.at(1));
    }

    void eachViewKeepsItsOwnListAndTheNewestSaveWins()
    {
        RunCache cache(m_dir.filePath(u"views.sqlite"_s));
        QVERIFY(cache.open(nullptr));
        QVERIFY(cache.save(u"all"_s, {run(1), run(2)}));
        QVERIFY(cache.save(u"failed"_s, {run(3)}));
        QVERIFY(cache.save(u"all"_s, {run(4)}));
        QCOMPARE(cache.load(u"all"_s)->runs.constFirst().workflowRunId, u"wr_4"_s);
        QCOMPARE(cache.load(u"failed"_s)->runs.size(), 1);
        QVERIFY(!cache.load(u"never saved"_s));
    }

    void theFileStaysBounded()
    {
        RunCache cache(m_dir.filePath(u"bounded.sqlite"_s));
        QVERIFY(cache.open(nullptr));
        QList<WorkflowRun> many;
        for (int i = 0; i < RunCache::kMaxRunsPerView + 50; ++i)
            many.append(run(i));
        QVERIFY(cache.save(u"big"_s, many));
        QCOMPARE(cache.load(u"big"_s)->runs.size(), RunCache::kMaxRunsPerView);
        const QDateTime start = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < RunCache::kMaxViews + 5; ++i)
            QVERIFY(cache.save(u"view %1"_s.arg(i), {run(i)}, start.addSecs(i + 1)));
        // The views looked at longest ago made way.
        QVERIFY(!cache.load(u"big"_s));
        QVERIFY(!cache.load(u"view 0"_s));
        QVERIFY(cache.load(u"view %1"_s.arg(RunCache::kMaxViews + 4)));
    }

    void aDamagedListIsIgnoredAndAnUnusableFileSaysWhy()
    {
        const QString path = m_dir.filePath(u"damaged.sqlite"_s);
        {
            RunCache cache(path);
            QVERIFY(cache.open(nullptr));
            QVERIFY(cache.save(u"view"_s, {run(1)}));
        }
        {
            auto database = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"damage"_s);
            database.setDatabaseName(path);
            QVERIFY(database.open());
            QSqlQuery query(database);
            QVERIFY(query.exec(u"UPDATE saved_lists SET runs = '[{\"workflow_run_id\": 3'"_s));
        }
        QSqlDatabase::removeDatabase(u"damage"_s);
        RunCache cache(path);
        QVERIFY(cache.open(nullptr));
        QVERIFY(!cache.load(u"view"_s));

        QFile notADatabase(m_dir.filePath(u"text.sqlite"_s));
        QVERIFY(notADatabase.open(QIODevice::WriteOnly));
        notADatabase.write(QByteArray(4096, 'x'));
        notADatabase.close();
        RunCache recovered(notADatabase.fileName());
        QString error;
        QVERIFY2(recovered.open(&error), qPrintable(error));
        QVERIFY2(recovered.notice().contains(u"set aside"_s), qPrintable(recovered.notice()));
        QVERIFY(recovered.save(u"view"_s, {run(1)}));
        QCOMPARE(recovered.load(u"view"_s)->runs.size(), 1);
        // The damaged file is kept beside it, untouched, for a look.
        const QStringList aside
            = QDir(m_dir.path()).entryList({u"text.sqlite.damaged-*"_s}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QFile kept(m_dir.filePath(aside.constFirst()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray(4096, 'x'));

        // A file where its folder should be cannot be helped: that says why.
        QFile blocker(m_dir.filePath(u"blocker"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        RunCache broken(m_dir.filePath(u"blocker/runs.sqlite"_s));
        QVERIFY(!broken.open(&error));
        QVERIFY2(error.contains(u"blocker/runs.sqlite"_s), qPrintable(error));
        QVERIFY(!broken.save(u"view"_s, {run(1)}));
        QVERIFY(!broken.load(u"view"_s));
    }

    void aFileDamagedInsideIsSetAsideAndANewOneStarted()
    {
        const QString path = m_dir.filePath(u"torn.sqlite"_s);
        {
            RunCache cache(path);
            QVERIFY(cache.open(nullptr));
            QList<WorkflowRun> many;
            for (int i = 0; i < 200; ++i)
                many.append(run(i));
            for (int view = 0; view < 20; ++view)
                QVERIFY(cache.save(u"view %1"_s.arg(view), many));
        }
        // A torn write: pages in the middle of the file overwritten with garbage.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 64 * 1024);
        file.seek(file.size() / 2);
        file.write(QByteArray(16 * 1024, '\xA5'));
        file.close();
        RunCache cache(path);
        QString error;
        QVERIFY2(cache.open(&error), qPrintable(error));
        QVERIFY2(cache.notice().contains(u"damaged"_s), qPrintable(cache.notice()));
        QVERIFY(!cache.load(u"view 3"_s)); // a new, empty file
        QVERIFY(cache.save(u"view 3"_s, {run(1)}));
        QCOMPARE(cache.load(u"view 3"_s)->runs.size(), 1);
    }

    void theFileAndItsFolderArePrivateToTheUser()
    {
        const QString folder = m_dir.filePath(u"private"_s);
        RunCache cache(folder + u"/runs.sqlite"_s);
        QVERIFY(cache.open(nullptr));
        QVERIFY(cache.save(u"view"_s, {run(1)}));
        const auto owner = QFile::ReadOwner | QFile::WriteOwner;
        QCOMPARE(QFile::permissions(folder + u"/runs.sqlite"_s)
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        QVERIFY((QFile::permissions(folder + u"/runs.sqlite"_s) & owner) == owner);
        QCOMPARE(QFile::permissions(folder)
                & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeGroup | QFile::ExeOther),
            QFile::Permissions());
    }

    void platformAndMergedListsComeBackFromRealAnswers()
    {
        // Built from what the platform's server really sends (no created_at, its own status
        // words, compute units) and a Skyvern server's, merged as "All connections" shows them.
        TestServer server(3600000, 60);
        QVERIFY(server.isStarted());
        QNetworkRequest request(QUrl(server.server()->platform()->baseUrl().toString()
            + u"/v1/workflows/wf_price_scan/runs?limit=30"_s));
        request.setRawHeader("Authorization", "Bearer demo-token");
        static QNetworkAccessManager network;
        QNetworkReply *reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QString error;
        const auto platform = PlatformRunPage::fromJson(reply->readAll(), &error);
        reply->deleteLater();
        QVERIFY2(platform, qPrintable(error));
        QCOMPARE(platform->runs.size(), 30);
        QVERIFY(!platform->runs.constFirst().createdAt.isValid());

        const HttpAnswer skyvern
            = httpRequest("GET", server.url(u"/v1/workflows/runs?page_size=10"_s), server.key());
        const auto skyvernRuns = workflowRunsFromJson(skyvern.body, &error);
        QVERIFY2(skyvernRuns, qPrintable(error));

        QList<WorkflowRun> merged;
        for (WorkflowRun run : platform->runs) {
            run.source = u"Ops platform"_s;
            merged.append(run);
        }
        for (WorkflowRun run : *skyvernRuns) {
            run.source = u"Skyvern"_s;
            merged.append(run);
        }
        WorkflowRun partial = platform->runs.constFirst();
        partial.workflowRunId += u"-partial"_s;
        partial.status = RunStatus::Partial;
        partial.statusText = u"partial"_s;
        merged.append(partial);

        RunCache cache(m_dir.filePath(u"platform.sqlite"_s));
        QVERIFY(cache.open(nullptr));
        QVERIFY(cache.save(u"platform"_s, platform->runs));
        QVERIFY(cache.save(u"all"_s, merged));
        const auto savedPlatform = cache.load(u"platform"_s);
        QVERIFY(savedPlatform);
        QCOMPARE(savedPlatform->runs.size(), platform->runs.size());
        for (int i = 0; i < platform->runs.size(); ++i)
            QVERIFY2(
                savedPlatform->runs.at(i) == platform->runs.at(i), qPrintable(QString::number(i)));
        const auto savedMerged = cache.load(u"all"_s);
        QVERIFY(savedMerged);
        QCOMPARE(savedMerged->runs.size(), merged.size());
        for (int i = 0; i < merged.size(); ++i)
            QVERIFY2(savedMerged->runs.at(i) == merged.at(i), qPrintable(QString::number(i)));
        QCOMPARE(savedMerged->runs.constLast().status, RunStatus::Partial);
    }
};

QTEST_GUILESS_MAIN(TestRunCache)
#include "tst_runcache.moc"
