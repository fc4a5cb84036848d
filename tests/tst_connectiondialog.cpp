// The connection dialog, typed into like a person: addresses checked at the field, plain http
// off this machine refused unless explicitly allowed, "Test connection" against a real server.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpServer>
#include <QTest>

#include "connectiondialog.h"
#include "skyvernclient.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

class TestConnectionDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    static std::unique_ptr<RunSource> makeClient(
        const ConnectionProfile &profile, const QString &key)
    {
        return std::make_unique<SkyvernClient>(profile.baseUrl, key);
    }

    template<typename T>
    static T *child(QWidget *dialog, const QString &name)
    {
        T *widget = dialog->findChild<T *>(name);
        [&] { QVERIFY2(widget, qPrintable(name)); }();
        return widget;
    }

    static void typeServer(ConnectionDialog &dialog, const QString &address, const QString &key)
    {
        // A person clicks the button's label, not the empty middle of a stretched row.
        auto *custom = child<QRadioButton>(&dialog, u"customRadioButton"_s);
        QTest::mouseClick(custom, Qt::LeftButton, {}, QPoint(8, custom->height() / 2));
        auto *server = child<QLineEdit>(&dialog, u"serverLineEdit"_s);
        server->clear();
        QTest::keyClicks(server, address);
        auto *apiKey = child<QLineEdit>(&dialog, u"apiKeyLineEdit"_s);
        apiKey->clear();
        QTest::keyClicks(apiKey, key);
    }

    static void clickConnect(ConnectionDialog &dialog)
    {
        auto *buttons = child<QDialogButtonBox>(&dialog, u"buttonBox"_s);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 50);
        QVERIFY(m_server->isStarted());
    }

    void theKeyIsMasked()
    {
        ConnectionDialog dialog(&makeClient);
        QCOMPARE(child<QLineEdit>(&dialog, u"apiKeyLineEdit"_s)->echoMode(), QLineEdit::Password);
    }

    void plainHttpToAnotherMachineIsRefusedUntilAllowed()
    {
        ConnectionDialog dialog(&makeClient);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typeServer(dialog, u"http://runs.example.com:8000"_s, u"sk-1"_s);
        clickConnect(dialog);
        auto *error = child<QLabel>(&dialog, u"serverErrorLabel"_s);
        QVERIFY(dialog.isVisible());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"Refusing plain http"_s), qPrintable(error->text()));

        auto *allow = child<QCheckBox>(&dialog, u"allowInsecureCheckBox"_s);
        QVERIFY(allow->isVisible());
        QTest::mouseClick(allow, Qt::LeftButton, {}, QPoint(8, allow->height() / 2));
        clickConnect(dialog);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.profile().allowInsecureHttp);
        QCOMPARE(dialog.profile().baseUrl, QUrl(u"http://runs.example.com:8000"_s));
    }

    void loopbackHttpNeedsNoCheckbox()
    {
        ConnectionDialog dialog(&makeClient);
        dialog.show();
        typeServer(dialog, u"http://127.0.0.1:8000/"_s, u"sk-1"_s);
        QVERIFY(!child<QCheckBox>(&dialog, u"allowInsecureCheckBox"_s)->isVisible());
        clickConnect(dialog);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.profile().baseUrl, QUrl(u"http://127.0.0.1:8000"_s));
        QVERIFY(!dialog.profile().allowInsecureHttp);
    }

    void badInputIsNamedAtTheField_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("message");
        QTest::newRow("no address")
            << QString() << u"k"_s << u"serverErrorLabel"_s << u"Enter the server's address"_s;
        QTest::newRow("not a url")
            << u"http://"_s << u"k"_s << u"serverErrorLabel"_s << u"is not a server address"_s;
        QTest::newRow("ftp") << u"ftp://files.example.com"_s << u"k"_s << u"serverErrorLabel"_s
                             << u"must start with https://"_s;
        QTest::newRow("credentials in url")
            << u"https://me:pw@skyvern.example.com"_s << u"k"_s << u"serverErrorLabel"_s
            << u"Leave the user name and password out"_s;
        QTest::newRow("no key") << u"https://skyvern.example.com"_s << QString()
                                << u"apiKeyErrorLabel"_s << u"Enter the API key"_s;
    }

    void badInputIsNamedAtTheField()
    {
        QFETCH(QString, address);
        QFETCH(QString, key);
        QFETCH(QString, errorLabel);
        QFETCH(QString, message);
        ConnectionDialog dialog(&makeClient);
        dialog.show();
        typeServer(dialog, address, key);
        clickConnect(dialog);
        QVERIFY(dialog.isVisible());
        auto *label = child<QLabel>(&dialog, errorLabel);
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().contains(message), qPrintable(label->text()));
    }

    void platformWorkflowsTakeAnOptionalNameToShow()
    {
        ConnectionDialog dialog(&makeClient);
        auto *kind = dialog.findChild<QComboBox *>(u"kindComboBox"_s);
        kind->setCurrentIndex(kind->findData(int(ConnectionProfile::Kind::WorkflowPlatform)));
        auto *workflows = dialog.findChild<QLineEdit *>(u"workflowIdsLineEdit"_s);
        QTest::keyClicks(workflows, u"wf_price_scan = Price scan, wf_lead_router wf_b"_s);
        const ConnectionProfile profile = dialog.profile();
        QCOMPARE(
            profile.workflowIds, QStringList({u"wf_price_scan"_s, u"wf_lead_router"_s, u"wf_b"_s}));
        QCOMPARE(profile.workflowNames.value(u"wf_price_scan"_s), u"Price scan"_s);
        QCOMPARE(profile.workflowNames.size(), 1);

        // Shown again as typed when the connection is edited.
        ConnectionDialog again(&makeClient);
        again.setProfile(profile, u"token"_s);
        QCOMPARE(again.findChild<QLineEdit *>(u"workflowIdsLineEdit"_s)->text(),
            u"wf_price_scan = Price scan, wf_lead_router, wf_b"_s);
    }

    void aBareHostBecomesHttps()
    {
        ConnectionDialog dialog(&makeClient);
        dialog.show();
        typeServer(dialog, u"  skyvern.example.com/ "_s, u"k"_s);
        clickConnect(dialog);
        QCOMPARE(dialog.profile().baseUrl, QUrl(u"https://skyvern.example.com"_s));
    }

    void testConnectionSaysWhatTheServerSaid()
    {
        ConnectionDialog dialog(&makeClient);
        dialog.show();
        const QString address = m_server->server()->baseUrl().toString();
        typeServer(dialog, address, u"wrong-key"_s);
        auto *test = child<QPushButton>(&dialog, u"testButton"_s);
        auto *result = child<QLabel>(&dialog, u"testResultLabel"_s);
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"API key"_s), 20000);

        typeServer(dialog, address, u"test-key"_s);
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(u"Connected"_s), 20000);
        QVERIFY(result->text().contains(u"wr_"_s));
        QVERIFY(dialog.isVisible()); // testing saves nothing and closes nothing
    }

    void anUnreachableServerIsSaidAtTheTestButton()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        ConnectionDialog dialog(&makeClient);
        dialog.show();
        typeServer(dialog, u"http://127.0.0.1:%1"_s.arg(port), u"sk-1"_s);
        QTest::mouseClick(child<QPushButton>(&dialog, u"testButton"_s), Qt::LeftButton);
        auto *result = child<QLabel>(&dialog, u"testResultLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"refused"_s), 20000);
        QVERIFY(child<QPushButton>(&dialog, u"testButton"_s)->isEnabled());
    }

    void anEditedProfileKeepsItsId()
    {
        ConnectionProfile saved;
        saved.id = u"profile-7"_s;
        saved.name = u"Staging"_s;
        saved.baseUrl = QUrl(u"https://staging.example.com"_s);
        ConnectionDialog dialog(&makeClient);
        dialog.setProfile(saved, u"sk-old"_s);
        dialog.show();
        QVERIFY(child<QRadioButton>(&dialog, u"customRadioButton"_s)->isChecked());
        auto *name = child<QLineEdit>(&dialog, u"nameLineEdit"_s);
        name->clear();
        QTest::keyClicks(name, u"Staging EU"_s);
        clickConnect(dialog);
        QCOMPARE(dialog.profile().id, u"profile-7"_s);
        QCOMPARE(dialog.profile().name, u"Staging EU"_s);
        QCOMPARE(dialog.apiKey(), u"sk-old"_s);
    }

    void skyvernCloudIsTheDefault()
    {
        ConnectionDialog dialog(&makeClient);
        dialog.show();
        QVERIFY(child<QRadioButton>(&dialog, u"cloudRadioButton"_s)->isChecked());
        QVERIFY(!child<QLineEdit>(&dialog, u"serverLineEdit"_s)->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&dialog, u"apiKeyLineEdit"_s), u"sk-cloud"_s);
        clickConnect(dialog);
        QCOMPARE(dialog.profile().baseUrl, QUrl(u"https://api.skyvern.com"_s));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
