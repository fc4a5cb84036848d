// Fetching artifacts: every answer comes after fetch() has returned, wherever the bytes come
// from, and an artifact over the size cap is refused wherever it is, on disk or on the wire.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "artifactfetcher.h"
#include "support/scriptedserver.h"

using namespace Qt::StringLiterals;

class TestArtifactFetcher : public QObject
{
    Q_OBJECT

    ScriptedServer m_host;
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
            qWarning("could not write %s", qPrintable(path));
        return path;
    }

    struct Answer
    {
        bool called = false;
        bool beforeReturn = false;
        QByteArray data;
        QString error;
    };
    /** Fetches and notes whether the handler ran before fetch() returned. */
    std::shared_ptr<Answer> fetch(ArtifactFetcher &fetcher, const QUrl &url)
    {
        auto answer = std::make_shared<Answer>();
        auto returned = std::make_shared<bool>(false);
        fetcher.fetch(url, this, [answer, returned](const QByteArray &data, const QString &error) {
            answer->called = true;
            answer->beforeReturn = !*returned;
            answer->data = data;
            answer->error = error;
        });
        *returned = true;
        return answer;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_host.setAnswer(u"/shot.png"_s, {200, "png bytes", {}, false});
    }

    void answersOnlyAfterFetchReturns_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("ok");
        QTest::newRow("local file") << u"local"_s << true;
        QTest::newRow("missing local file") << u"missing"_s << false;
        QTest::newRow("refused scheme") << u"scheme"_s << false;
        QTest::newRow("disk cache") << u"cached"_s << true;
        QTest::newRow("network") << u"network"_s << true;
    }
    void answersOnlyAfterFetchReturns()
    {
        QFETCH(QString, kind);
        QFETCH(bool, ok);
        ArtifactFetcher fetcher;
        QTemporaryDir cache;
        QUrl url;
        if (kind == "local"_L1) {
            url = QUrl::fromLocalFile(writeFile(u"local.bin"_s, "local bytes"));
        } else if (kind == "missing"_L1) {
            url = QUrl::fromLocalFile(m_dir.filePath(u"nothing-here"_s));
        } else if (kind == "scheme"_L1) {
            url = QUrl(u"smb://server/share/file.png"_s);
        } else {
            url = m_host.url(u"/shot.png"_s);
            if (kind == "cached"_L1) {
                fetcher.setCacheDirectory(cache.path());
                const auto first = fetch(fetcher, url);
                QTRY_VERIFY(first->called);
                QCOMPARE(first->data, QByteArray("png bytes"));
            }
        }
        const int requests = m_host.requestCount();
        const auto answer = fetch(fetcher, url);
        QVERIFY(!answer->called);
        QTRY_VERIFY(answer->called);
        QVERIFY(!answer->beforeReturn);
        QCOMPARE(answer->error.isEmpty(), ok);
        if (kind == "cached"_L1)
            QCOMPARE(m_host.requestCount(), requests); // from disk, not the host
    }

    void anArtifactOverTheCapIsRefusedWhereverItIs_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("local file") << u"local"_s;
        QTest::newRow("disk cache") << u"cached"_s;
        QTest::newRow("network") << u"network"_s;
    }
    void anArtifactOverTheCapIsRefusedWhereverItIs()
    {
        QFETCH(QString, kind);
        constexpr qint64 kCap = 64 * 1024;
        const QByteArray overCap(kCap + 1, 'x');
        QTemporaryDir cache;
        ArtifactFetcher fetcher;
        fetcher.setMaxArtifactBytes(kCap);
        QUrl url;
        if (kind == "local"_L1) {
            // Sparse: only its size matters, and it is never read.
            const QString path = m_dir.filePath(u"large.png"_s);
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(kCap + 1));
            url = QUrl::fromLocalFile(path);
        } else {
            url = m_host.url(u"/large-"_s + kind + u".png"_s);
            m_host.setAnswer(url.path(), {200, overCap, {}, false});
        }
        if (kind == "cached"_L1) {
            // Kept by a fetcher allowed more, then read by one allowed less.
            ArtifactFetcher earlier;
            earlier.setCacheDirectory(cache.path());
            const auto first = fetch(earlier, url);
            QTRY_VERIFY(first->called);
            QCOMPARE(first->data.size(), overCap.size());
            fetcher.setCacheDirectory(cache.path());
        }
        const int requests = m_host.requestCount();
        const auto answer = fetch(fetcher, url);
        QTRY_VERIFY(answer->called);
        QVERIFY(answer->data.isEmpty());
        QVERIFY2(answer->error.contains(u"more than"_s), qPrintable(answer->error));
        if (kind == "cached"_L1)
            QCOMPARE(m_host.requestCount(), requests); // refused from disk, not fetched again

        // Just under the cap is fine.
        const QByteArray atCap(kCap, 'y');
        const QUrl fits = kind == "local"_L1 ? QUrl::fromLocalFile(writeFile(u"fits.png"_s, atCap))
                                             : m_host.url(u"/fits.png"_s);
        m_host.setAnswer(u"/fits.png"_s, {200, atCap, {}, false});
        const auto fitting = fetch(fetcher, fits);
        QTRY_VERIFY(fitting->called);
        QCOMPARE(fitting->data, atCap);
    }

    void aGoneContextIsNotAnswered()
    {
        ArtifactFetcher fetcher;
        auto context = std::make_unique<QObject>();
        bool called = false;
        const QUrl local = QUrl::fromLocalFile(writeFile(u"context.bin"_s, "bytes"));
        fetcher.fetch(local, context.get(),
            [&called](const QByteArray &, const QString &) { called = true; });
        context.reset();
        // A later fetch of the same file, answered in turn, shows the first had its chance.
        bool later = false;
        fetcher.fetch(local, this, [&later](const QByteArray &, const QString &) { later = true; });
        QTRY_VERIFY(later);
        QVERIFY(!called);
    }

    void theDiskCacheIsPrivateToTheUser()
    {
        const QString folder = m_dir.filePath(u"artifacts"_s);
        ArtifactFetcher fetcher;
        fetcher.setCacheDirectory(folder);
        const auto answer = fetch(fetcher, m_host.url(u"/shot.png"_s));
        QTRY_VERIFY(answer->called);
        QCOMPARE(QFile::permissions(folder)
                & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeGroup | QFile::ExeOther),
            QFile::Permissions());
    }
};

QTEST_MAIN(TestArtifactFetcher)
#include "tst_artifactfetcher.moc"
