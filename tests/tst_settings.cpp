// Preferences survive a restart: connections, the view of each connection, the window layout.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "settings.h"

using namespace Qt::StringLiterals;

class TestSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void profilesRoundTripAndTheCurrentOneIsRemembered()
    {
        ConnectionProfile production;
        production.id = ConnectionProfile::newId();
        production.name = u"Production"_s;
        production.baseUrl = QUrl(u"https://api.skyvern.com"_s);
        ConnectionProfile lab;
        lab.id = ConnectionProfile::newId();
        lab.baseUrl = QUrl(u"http://10.0.0.5:8000"_s);
        lab.allowInsecureHttp = true;
        lab.kind = ConnectionProfile::Kind::WorkflowPlatform;
        lab.workflowIds = {u"wf_invoice_sync"_s, u"wf_price_scan"_s};
        {
            Settings settings(file("profiles.ini"));
            settings.saveProfile(production);
            settings.saveProfile(lab);
            lab.name = u"Lab"_s;
            settings.saveProfile(lab); // replaces, does not duplicate
            settings.setCurrentProfileId(production.id);
        }
        Settings reopened(file("profiles.ini"));
        const QList<ConnectionProfile> profiles = reopened.profiles();
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles.at(0), production);
        QCOMPARE(profiles.at(1), lab);
        QCOMPARE(reopened.currentProfile(), production);
        QCOMPARE(profiles.at(1).displayName(), u"Lab"_s);
    }

    void aRemovedProfileIsGoneAndAnotherBecomesCurrent()
    {
        Settings settings(file("remove.ini"));
        ConnectionProfile a;
        a.id = u"a"_s;
        a.baseUrl = QUrl(u"https://a.example"_s);
        ConnectionProfile b = a;
        b.id = u"b"_s;
        settings.saveProfile(a);
        settings.saveProfile(b);
        settings.removeProfile(u"b"_s);
        QCOMPARE(settings.profiles().size(), 1);
        QCOMPARE(settings.currentProfileId(), u"a"_s);
    }

    void noSavedProfileMeansAnInvalidCurrentOne()
    {
        Settings settings(file("empty.ini"));
        QVERIFY(settings.profiles().isEmpty());
        QVERIFY(!settings.currentProfile().isValid());
    }

    void filtersRoundTripExactlyIncludingAwkwardText_data()
    {
        QTest::addColumn<QString>("searchKey");
        QTest::newRow("plain") << u"invoice"_s;
        QTest::newRow("query syntax") << u"a&b=c #d +e %20 ?"_s;
        QTest::newRow("unicode and rtl") << u"résumé 東京 שלום"_s;
        QTest::newRow("json") << u"{\"x-tenant\": \"acme\"}"_s;
    }

    void filtersRoundTripExactlyIncludingAwkwardText()
    {
        QFETCH(QString, searchKey);
        RunFilter filter;
        filter.statuses = {RunStatus::Failed, RunStatus::TimedOut};
        filter.searchKey = searchKey;
        filter.errorCode = u"LOGIN_FAILED"_s;
        filter.createdAfter = QDateTime(QDate(2026, 11, 1), QTime(8, 30), Qt::UTC);
        filter.createdBefore = QDateTime(QDate(2026, 11, 2), QTime(0, 0), Qt::UTC);
        {
            Settings settings(file("filters.ini"));
            settings.setView(u"https://api.skyvern.com"_s, u"wpid_123"_s, filter);
        }
        Settings reopened(file("filters.ini"));
        QCOMPARE(reopened.filter(u"https://api.skyvern.com"_s), filter);
        QCOMPARE(reopened.scope(u"https://api.skyvern.com"_s), u"wpid_123"_s);
    }

    void aPresetRangeIsSavedAsAPresetNotAClockTime()
    {
        RunFilter filter;
        filter.createdWithinSeconds = 3600;
        {
            Settings settings(file("preset.ini"));
            settings.setView(u"demo"_s, u"wpid_123"_s, filter);
        }
        Settings reopened(file("preset.ini"));
        QCOMPARE(reopened.filter(u"demo"_s), filter);
        QVERIFY(!reopened.filter(u"demo"_s).createdAfter.isValid());
    }

    void aPlatformsWorkflowNamesAreSavedWithItsProfile()
    {
        ConnectionProfile profile;
        profile.id = u"ops"_s;
        profile.kind = ConnectionProfile::Kind::WorkflowPlatform;
        profile.baseUrl = QUrl(u"https://ops.example.com"_s);
        profile.workflowIds = {u"wf_price_scan"_s, u"wf_b"_s};
        profile.workflowNames.insert(u"wf_price_scan"_s, u"Price = scan"_s);
        {
            Settings settings(file("names.ini"));
            settings.setProfiles({profile});
        }
        Settings reopened(file("names.ini"));
        QCOMPARE(reopened.profiles(), QList<ConnectionProfile>({profile}));
    }

    void eachConnectionKeepsItsOwnView()
    {
        Settings settings(file("views.ini"));
        RunFilter failed;
        failed.statuses = {RunStatus::Failed};
        settings.setView(u"demo"_s, u"wpid_a"_s, failed);
        settings.setView(u"production"_s, QString(), RunFilter());
        QCOMPARE(settings.filter(u"demo"_s), failed);
        QVERIFY(settings.filter(u"production"_s).isEmpty());
        QVERIFY(settings.filter(u"never-seen"_s).isEmpty());
        QCOMPARE(settings.scope(u"demo"_s), u"wpid_a"_s);
    }

    void windowStateRoundTrips()
    {
        {
            Settings settings(file("window.ini"));
            settings.setWindowGeometry(QByteArray("geometry\0bytes", 14));
            settings.setWindowLayout(QByteArray("layout"));
        }
        Settings reopened(file("window.ini"));
        QCOMPARE(reopened.windowGeometry(), QByteArray("geometry\0bytes", 14));
        QCOMPARE(reopened.windowLayout(), QByteArray("layout"));
    }

    void theFileIsPrivateToTheUser()
    {
        const QString path = file("private.ini");
        {
            Settings settings(path);
            settings.setWindowLayout(QByteArray("layout"));
        }
        const auto others
            = QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
        QCOMPARE(QFile::permissions(path) & others, QFile::Permissions());
        {
            Settings settings(path); // a later save replaces the file: still private
            settings.setWindowLayout(QByteArray("another layout"));
        }
        QCOMPARE(QFile::permissions(path) & others, QFile::Permissions());
        // A file named on the command line leaves its folder as it was.
        QVERIFY(QFileInfo(path).dir().exists());
        QVERIFY(QFile::permissions(QFileInfo(path).path()) & QFile::ReadOwner);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
