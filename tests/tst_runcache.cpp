// The saved run lists behind the instant first paint: what goes in comes out field for field,
// each view keeps its own list, the file stays bounded, and a damaged file costs only the list.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "runcache.h"

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
        RunCache broken(notADatabase.fileName());
        QString error;
        QVERIFY(!broken.open(&error));
        QVERIFY2(error.contains(notADatabase.fileName()), qPrintable(error));
        QVERIFY(!broken.save(u"view"_s, {run(1)}));
        QVERIFY(!broken.load(u"view"_s));
    }
};

QTEST_GUILESS_MAIN(TestRunCache)
#include "tst_runcache.moc"
