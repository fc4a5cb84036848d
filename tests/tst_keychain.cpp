// API keys in a real keychain: a private session bus with gnome-keyring's secret service, as a
// desktop session has. Keys survive a new store (a restart) and can be removed.

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "credentialstore.h"

using namespace Qt::StringLiterals;

namespace {
struct ReadResult
{
    QString secret = u"pending"_s;
    QString problem;
};

ReadResult readKey(CredentialStore &store, const QString &account, QObject *context)
{
    ReadResult result;
    store.read(account, context, [&](const QString &secret, const QString &problem) {
        result.secret = secret;
        result.problem = problem;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.secret != u"pending"_s, 30000); }();
    return result;
}

QString writeKey(
    CredentialStore &store, const QString &account, const QString &secret, QObject *context)
{
    QString outcome = u"pending"_s;
    store.write(account, secret, context, [&](const QString &problem) { outcome = problem; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(outcome != u"pending"_s, 30000); }();
    return outcome;
}
} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;

private slots:
    void initTestCase()
    {
        const QString busDaemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
        const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
        if (busDaemon.isEmpty() || keyringDaemon.isEmpty())
            QSKIP("dbus-daemon and gnome-keyring-daemon are needed (scripts/deps installs them)");
        for (const char *dir : {"config", "data", "runtime"})
            QVERIFY(QDir(m_home.path()).mkpath(QString::fromLatin1(dir)));
        QFile::setPermissions(
            m_home.filePath(u"runtime"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_home.filePath(u"runtime"_s).toUtf8());

        m_bus.start(
            busDaemon, {u"--session"_s, u"--nofork"_s, u"--nopidfile"_s, u"--print-address=1"_s});
        QVERIFY(m_bus.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY(!address.isEmpty());
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        m_keyring.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
        m_keyring.start(
            keyringDaemon, {u"--foreground"_s, u"--components=secrets"_s, u"--unlock"_s});
        QVERIFY(m_keyring.waitForStarted());
        m_keyring.write("runwatch-test-login\n");
        m_keyring.closeWriteChannel();
        // The daemon claims its bus name shortly after starting.
        const auto secretsReady = [] {
            QProcess ask;
            ask.start(u"dbus-send"_s,
                {u"--session"_s, u"--print-reply"_s, u"--dest=org.freedesktop.DBus"_s,
                    u"/org/freedesktop/DBus"_s, u"org.freedesktop.DBus.NameHasOwner"_s,
                    u"string:org.freedesktop.secrets"_s});
            return ask.waitForFinished(5000) && ask.readAllStandardOutput().contains("true");
        };
        QTRY_VERIFY_WITH_TIMEOUT(secretsReady(), 20000);
    }

    void cleanupTestCase()
    {
        for (QProcess *process : {&m_keyring, &m_bus}) {
            if (process->state() != QProcess::NotRunning) {
                process->terminate();
                process->waitForFinished(5000);
            }
        }
    }

    void aStoredKeySurvivesARestart()
    {
        {
            CredentialStore store(u"RunwatchTest"_s);
            const QString problem = writeKey(store, u"profile-a"_s, u"sk-live-abc"_s, this);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY(store.isKeychainAvailable());
        }
        CredentialStore restarted(u"RunwatchTest"_s);
        const ReadResult read = readKey(restarted, u"profile-a"_s, this);
        QVERIFY2(read.problem.isEmpty(), qPrintable(read.problem));
        QCOMPARE(read.secret, u"sk-live-abc"_s);
    }

    void eachProfileHasItsOwnKey()
    {
        CredentialStore store(u"RunwatchTest"_s);
        QVERIFY(writeKey(store, u"profile-b"_s, u"sk-b"_s, this).isEmpty());
        QCOMPARE(readKey(store, u"profile-a"_s, this).secret, u"sk-live-abc"_s);
        QCOMPARE(readKey(store, u"profile-b"_s, this).secret, u"sk-b"_s);
        QCOMPARE(readKey(store, u"profile-none"_s, this).secret, QString());
    }

    void aRemovedKeyIsGone()
    {
        {
            CredentialStore store(u"RunwatchTest"_s);
            QString outcome = u"pending"_s;
            store.remove(u"profile-b"_s, this, [&](const QString &problem) { outcome = problem; });
            QTRY_VERIFY_WITH_TIMEOUT(outcome != u"pending"_s, 30000);
            QVERIFY2(outcome.isEmpty(), qPrintable(outcome));
        }
        CredentialStore restarted(u"RunwatchTest"_s);
        QCOMPARE(readKey(restarted, u"profile-b"_s, this).secret, QString());
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
