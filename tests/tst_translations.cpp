// Runwatch in German: every text of the window and the launch form translated, plurals and
// dates as German has them, and Qt's own buttons in German too.

#include <algorithm>

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QXmlStreamReader>

#include "connectiondialog.h"
#include "launchrundialog.h"
#include "mainwindow.h"
#include "runformat.h"
#include "runlistmodel.h"
#include "shortcutsdialog.h"
#include "skyvernclient.h"
#include "support/testserver.h"
#include "translations.h"

using namespace Qt::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    QByteArray m_serverText; // every answer the windows showed, to tell data from chrome

    /** Every text a person reads on a window and in its menus. */
    static QSet<QString> visibleTexts(QWidget *top)
    {
        QSet<QString> texts {top->windowTitle()};
        const auto add = [&texts](const QString &text) {
            static const QRegularExpression tag(u"<[^>]*>"_s);
            QString plain = text;
            plain.remove(tag).remove(u'&'); // markup and mnemonics are no text
            if (!plain.trimmed().isEmpty())
                texts.insert(plain.trimmed());
        };
        for (QWidget *widget : top->findChildren<QWidget *>()) {
            if (!widget->isVisibleTo(top) || widget->objectName().startsWith(u"qt_"_s))
                continue;
            add(widget->toolTip());
            add(widget->accessibleName());
            if (auto *label = qobject_cast<QLabel *>(widget))
                add(label->text());
            else if (auto *button = qobject_cast<QAbstractButton *>(widget))
                add(button->text());
            else if (auto *edit = qobject_cast<QLineEdit *>(widget))
                add(edit->placeholderText());
            else if (auto *group = qobject_cast<QGroupBox *>(widget))
                add(group->title());
            else if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
                for (int i = 0; i < tabs->count(); ++i)
                    add(tabs->tabText(i));
            } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
                for (int i = 0; i < combo->count(); ++i)
                    add(combo->itemText(i));
            } else if (auto *header = qobject_cast<QHeaderView *>(widget)) {
                for (int i = 0; header->model() && i < header->count(); ++i)
                    add(header->model()->headerData(i, header->orientation()).toString());
            }
        }
        for (QAction *action : top->findChildren<QAction *>()) {
            add(action->text());
            add(action->toolTip());
        }
        return texts;
    }

    /**
     * Source texts the German file keeps as they are on purpose (names, "API", "Status"), as
     * patterns: "Runwatch — %1" stands for the title with any connection's name.
     */
    static QList<QRegularExpression> keptAsTheyAre()
    {
        QFile file(QStringLiteral(RUNWATCH_TS_DIR "/runwatch_de.ts"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("the German translation file is missing");
        QList<QRegularExpression> kept;
        QXmlStreamReader xml(&file);
        const auto failed = qScopeGuard([&xml] {
            if (xml.hasError())
                qFatal(
                    "the German translation file is unreadable: %s", qPrintable(xml.errorString()));
        });
        QString source;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            // Mnemonics aside: "&Server:" kept as "Se&rver:" is the same word.
            if (xml.name() == "source"_L1)
                source = xml.readElementText().remove(u'&').trimmed();
            else if (xml.name() == "translation"_L1
                && xml.readElementText(QXmlStreamReader::IncludeChildElements)
                        .remove(u'&')
                        .trimmed()
                    == source)
                kept.append(QRegularExpression(u'^'
                    + QRegularExpression::escape(source).replace(
                        QRegularExpression(u"\\\\%L?[0-9n]"_s), u".*"_s)
                    + u'$'));
        }
        return kept;
    }

    /** What the main window, the launch form and the other dialogs show, in today's language. */
    QSet<QString> textsOfEveryWindow()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        window.show();
        window.setSource(&client);
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        [&] { QTRY_VERIFY(table->model()->rowCount() > 0); }();
        table->setCurrentIndex(table->model()->index(0, 0)); // the detail pane shows a run
        QTest::qWait(300);
        QSet<QString> texts = visibleTexts(&window);

        LaunchRunDialog launch(&client);
        launch.show();
        [&] { QTRY_VERIFY(launch.findChildren<QLineEdit *>().size() > 3); }();
        texts.unite(visibleTexts(&launch));

        ConnectionDialog connection([](const ConnectionProfile &profile, const QString &key) {
            return std::unique_ptr<RunSource>(new SkyvernClient(profile.baseUrl, key));
        });
        connection.show();
        texts.unite(visibleTexts(&connection));
        ShortcutsDialog shortcuts;
        shortcuts.show();
        texts.unite(visibleTexts(&shortcuts));
        return texts;
    }

    /** The server's answers for what the windows show, so its own words are not counted. */
    QByteArray serverAnswers()
    {
        QNetworkAccessManager network;
        QByteArray all;
        for (const QString &path :
            {u"/v1/workflows?page_size=100"_s, u"/v1/workflows/runs?page=1&page_size=100"_s}) {
            QNetworkRequest request(m_server->url(path));
            request.setRawHeader("x-api-key", m_server->key());
            QNetworkReply *reply = network.get(request);
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(10000);
            all += reply->readAll();
            reply->deleteLater();
        }
        return all;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->isStarted());
        m_serverText = serverAnswers();
        QVERIFY(m_serverText.size() > 1000);
    }

    void theGermanWindowLeavesNoEnglishBehind()
    {
        const QSet<QString> english = textsOfEveryWindow();
        QVERIFY(english.size() > 60);
        QVERIFY(Translations::install(qApp, QLocale(QLocale::German, QLocale::Germany)));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QSet<QString> german = textsOfEveryWindow();
        const QList<QRegularExpression> kept = keptAsTheyAre();
        // Words, not the contract's identifiers (RESIDENTIAL_US, NONE), links or examples of
        // ids (wpid_…) that read the same in any language.
        static const QRegularExpression words(u"[A-Za-z]{2,}"_s);
        static const QRegularExpression identifier(u"^[A-Z0-9_-]+$|://|@|^[a-z]+_…$"_s);
        // A run's tags (a chip's tip lists them a line each) are the server's words.
        static const QRegularExpression tags(
            u"^(?=.*:)[\\w.-]+(:[\\w.-]+)?(\\n[\\w.-]+(:[\\w.-]+)?)*$"_s);
        QStringList untranslated;
        for (const QString &text : english) {
            const auto isKept = [&text](const QRegularExpression &pattern) {
                return pattern.match(text).hasMatch();
            };
            if (!german.contains(text) || !text.contains(words) || text.contains(identifier)
                || text.contains(tags) || std::any_of(kept.cbegin(), kept.cend(), isKept)
                || m_serverText.contains(text.toUtf8()))
                continue;
            untranslated.append(text);
        }
        untranslated.sort();
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(u" | "_s)));
        // Spot checks a German speaker would make at a glance.
        QVERIFY(german.contains(u"Abbrechen"_s)); // Qt's own Cancel, from Qt's catalogue
        QVERIFY(!german.contains(u"Cancel"_s));
    }

    void germanWordsFitTheirColumns()
    {
        QVERIFY(Translations::install(qApp, QLocale(QLocale::German, QLocale::Germany)));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        MainWindow window;
        window.show();
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        const QHeaderView *header = table->horizontalHeader();
        const QFontMetrics metrics = table->fontMetrics();
        // "Zeitüberschreitung" in its pill, "59 min 59 s" and a date with the year whole.
        QVERIFY(header->sectionSize(RunListModel::StatusColumn)
            >= metrics.horizontalAdvance(RunFormat::statusText(RunStatus::TimedOut, {})) + 18);
        QVERIFY(header->sectionSize(RunListModel::DurationColumn)
            >= metrics.horizontalAdvance(RunFormat::duration(3599000)));
        const QDateTime lastYear = QDateTime::currentDateTime().addYears(-1);
        QVERIFY(header->sectionSize(RunListModel::CreatedColumn) >= metrics.horizontalAdvance(
                    RunFormat::localTime(lastYear, QDateTime::currentDateTime())));
    }

    void pluralsAndDatesAreGerman()
    {
        QVERIFY(Translations::install(qApp, QLocale(QLocale::German, QLocale::Germany)));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const char *source = "%n run(s) as saved at %1 · %2";
        const QString one = QCoreApplication::translate("MainWindow", source, nullptr, 1);
        const QString many = QCoreApplication::translate("MainWindow", source, nullptr, 5);
        QVERIFY2(one.startsWith(u"1 "_s) && many.startsWith(u"5 "_s), qPrintable(one + many));
        QVERIFY2(one != QString(many).replace(u'5', u'1'), qPrintable(one + u" / "_s + many));
        QVERIFY2(one.startsWith(u"1 Ausführung,"_s), qPrintable(one)); // singular, German
        QVERIFY2(many.startsWith(u"5 Ausführungen,"_s), qPrintable(many));

        const QDateTime now(QDate(2026, 11, 29), QTime(16, 0), Qt::LocalTime);
        QCOMPARE(RunFormat::localTime(QDateTime(QDate(2026, 11, 29), QTime(14, 3, 7)), now),
            u"Heute 14:03:07"_s);
        QCOMPARE(RunFormat::localTime(QDateTime(QDate(2026, 3, 4), QTime(9, 5, 1)), now),
            u"04.03 09:05:01"_s);
        QCOMPARE(RunFormat::localTime(QDateTime(QDate(2025, 3, 4), QTime(9, 5, 1)), now),
            u"04.03.25 09:05:01"_s);
        // And in American English, its own order and clock.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(RunFormat::localTime(QDateTime(QDate(2026, 3, 4), QTime(21, 5, 1)), now),
            u"3/4 9:05:01 PM"_s);
        QLocale::setDefault(QLocale::c());
        QCOMPARE(RunFormat::localTime(QDateTime(QDate(2026, 3, 4), QTime(21, 5, 1)), now),
            u"4 Mar 21:05:01"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
