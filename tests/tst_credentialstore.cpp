// API keys on a machine without a keychain service: kept for the session, never on disk.

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "credentialstore.h"

using namespace Qt::StringLiterals;

class TestCredentialStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        // No session bus and a private home: exactly a bare CI machine, whatever runs here.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_home.filePath(u"no-bus"_s).toUtf8());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    }

    void withoutAKeychainTheKeyLivesForTheSessionAndTheUserIsTold()
    {
        CredentialStore store(u"RunwatchTest"_s);
        QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
        QString writeProblem = u"pending"_s;
        store.write(u"profile-1"_s, u"sk-secret-123"_s, this,
            [&](const QString &problem) { writeProblem = problem; });
        QTRY_VERIFY_WITH_TIMEOUT(writeProblem != u"pending"_s, 30000);
        QVERIFY2(writeProblem.contains(u"No keychain service"_s), qPrintable(writeProblem));
        QVERIFY(writeProblem.contains(u"never written to disk"_s));
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!store.isKeychainAvailable());

        QString secret;
        QString readProblem = u"pending"_s;
        store.read(u"profile-1"_s, this, [&](const QString &value, const QString &problem) {
            secret = value;
            readProblem = problem;
        });
        QTRY_VERIFY(readProblem != u"pending"_s);
        QCOMPARE(secret, u"sk-secret-123"_s);
        QVERIFY(readProblem.isEmpty());
    }

    void aNewSessionAsksAgainAndSaysWhy()
    {
        CredentialStore store(u"RunwatchTest"_s);
        QString secret = u"pending"_s;
        QString problem;
        store.read(u"profile-1"_s, this, [&](const QString &value, const QString &why) {
            secret = value;
            problem = why;
        });
        QTRY_VERIFY_WITH_TIMEOUT(secret != u"pending"_s, 30000);
        QVERIFY(secret.isEmpty());
        QVERIFY2(problem.contains(u"No keychain service"_s), qPrintable(problem));
    }

    void theKeyIsNowhereUnderHome()
    {
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains("sk-secret-123"), qPrintable(file.fileName()));
        }
    }

    void aGoneReceiverIsNotCalled()
    {
        CredentialStore store(u"RunwatchTest"_s);
        bool called = false;
        auto *receiver = new QObject;
        store.read(
            u"profile-1"_s, receiver, [&](const QString &, const QString &) { called = true; });
        delete receiver;
        // A read asked after it is answered after it: once that one is back, the first had
        // its chance to call.
        bool laterAnswered = false;
        QObject alive;
        store.read(u"profile-1"_s, &alive,
            [&](const QString &, const QString &) { laterAnswered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(laterAnswered, 60000);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
