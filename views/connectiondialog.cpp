#include "connectiondialog.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "serveraddress.h"
#include "theme.h"

using namespace Qt::StringLiterals;

namespace {
QLabel *makeErrorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // may quote the server
    label->setWordWrap(true);
    label->setStyleSheet(u"color: %1;"_s.arg(ThemeColors::failureText(parent->palette()).name()));
    label->hide();
    return label;
}

void showProblem(QLabel *label, const QString &problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}
} // namespace

ConnectionDialog::ConnectionDialog(SourceFactory factory, QWidget *parent)
    : QDialog(parent)
    , m_factory(std::move(factory))
    , m_kind(new QComboBox(this))
    , m_keyLabel(new QLabel(tr("API &key:"), this))
    , m_workflowIds(new QLineEdit(this))
    , m_workflowRow(new QWidget(this))
    , m_cloud(new QRadioButton(tr("Skyvern &Cloud (api.skyvern.com)"), this))
    , m_custom(new QRadioButton(tr("&Self-hosted server:"), this))
    , m_name(new QLineEdit(this))
    , m_server(new QLineEdit(this))
    , m_serverError(makeErrorLabel(u"serverErrorLabel"_s, this))
    , m_allowInsecure(new QCheckBox(tr("Allow plain &http to this host (the key is sent "
                                       "unencrypted)"),
          this))
    , m_apiKey(new QLineEdit(this))
    , m_apiKeyError(makeErrorLabel(u"apiKeyErrorLabel"_s, this))
    , m_keyNote(new QLabel(this))
    , m_testButton(new QPushButton(tr("&Test connection"), this))
    , m_testResult(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connection"));
    setMinimumWidth(560);

    m_kind->setObjectName(u"kindComboBox"_s);
    m_kind->addItem(tr("Skyvern (Cloud or self-hosted)"), int(ConnectionProfile::Kind::Skyvern));
    m_kind->addItem(tr("Workflow platform (limit/offset runs API)"),
        int(ConnectionProfile::Kind::WorkflowPlatform));
    m_workflowIds->setObjectName(u"workflowIdsLineEdit"_s);
    m_workflowIds->setPlaceholderText(
        tr("Workflow ids to watch, separated by commas: wf_price_scan = Price scan, wf_b"));
    m_workflowIds->setToolTip(tr("The platform lists no workflows: name the ones to watch by id, "
                                 "each optionally followed by \"= name to show\"."));
    m_cloud->setObjectName(u"cloudRadioButton"_s);
    m_custom->setObjectName(u"customRadioButton"_s);
    auto *group = new QButtonGroup(this);
    group->addButton(m_cloud);
    group->addButton(m_custom);
    m_cloud->setChecked(true);
    m_name->setObjectName(u"nameLineEdit"_s);
    m_name->setPlaceholderText(tr("Optional, e.g. Production"));
    m_server->setObjectName(u"serverLineEdit"_s);
    m_server->setAccessibleName(tr("Server address"));
    m_server->setPlaceholderText(tr("https://skyvern.example.com"));
    m_allowInsecure->setObjectName(u"allowInsecureCheckBox"_s);
    m_apiKey->setObjectName(u"apiKeyLineEdit"_s);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("Settings → API keys in the Skyvern app"));
    auto *reveal = m_apiKey->addAction(QIcon(), QLineEdit::TrailingPosition);
    reveal->setText(tr("Show"));
    reveal->setToolTip(tr("Show or hide the key"));
    reveal->setCheckable(true);
    connect(reveal, &QAction::toggled, this, [this](bool shown) {
        m_apiKey->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_keyNote->setObjectName(u"keyNoteLabel"_s);
    m_keyNote->setWordWrap(true);
    m_keyNote->setTextFormat(Qt::PlainText);
    m_keyNote->setText(tr("The key is kept in the system keychain, never in a settings file."));
    m_keyNote->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_testButton->setObjectName(u"testButton"_s);
    m_testResult->setObjectName(u"testResultLabel"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText); // quotes the server's answer
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setAccessibleName(tr("Connection test result"));
    m_buttons->setObjectName(u"buttonBox"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto *form = new QFormLayout;
    m_form = form;
    auto *serverBox = new QVBoxLayout;
    serverBox->addWidget(m_cloud);
    serverBox->addWidget(m_custom);
    serverBox->addWidget(m_server);
    serverBox->addWidget(m_serverError);
    serverBox->addWidget(m_allowInsecure);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Server:"), serverBox);
    // The label names the address field itself, for its mnemonic.
    if (auto *serverLabel = qobject_cast<QLabel *>(form->labelForField(serverBox)))
        serverLabel->setBuddy(m_server);
    auto *workflowLayout = new QHBoxLayout(m_workflowRow);
    workflowLayout->setContentsMargins(0, 0, 0, 0);
    workflowLayout->addWidget(m_workflowIds);
    form->addRow(tr("&Workflows:"), m_workflowRow);
    form->addRow(tr("&Name:"), m_name);
    auto *keyBox = new QVBoxLayout;
    keyBox->addWidget(m_apiKey);
    keyBox->addWidget(m_apiKeyError);
    keyBox->addWidget(m_keyNote);
    m_keyLabel->setBuddy(m_apiKey);
    form->addRow(m_keyLabel, keyBox);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testResult, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateKind);
    connect(m_cloud, &QRadioButton::toggled, this, &ConnectionDialog::updateServerField);
    connect(m_server, &QLineEdit::textChanged, this, &ConnectionDialog::updateServerField);
    connect(m_server, &QLineEdit::textEdited, this, [this] { m_custom->setChecked(true); });
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    updateKind();
}

ConnectionProfile::Kind ConnectionDialog::kind() const
{
    return ConnectionProfile::Kind(m_kind->currentData().toInt());
}

void ConnectionDialog::updateKind()
{
    const bool platform = kind() == ConnectionProfile::Kind::WorkflowPlatform;
    // The platform has no cloud address of its own: it is always a server the user names.
    m_cloud->setVisible(!platform);
    if (platform)
        m_custom->setChecked(true);
    m_workflowRow->setVisible(platform);
    m_form->labelForField(m_workflowRow)->setVisible(platform);
    m_keyLabel->setText(platform ? tr("&Token:") : tr("API &key:"));
    m_apiKey->setPlaceholderText(platform ? tr("Bearer token of the platform's API")
                                          : tr("Settings → API keys in the Skyvern app"));
    updateServerField();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::setProfile(const ConnectionProfile &profile, const QString &apiKey)
{
    m_profileId = profile.id;
    m_kind->setCurrentIndex(m_kind->findData(int(profile.kind)));
    m_workflowIds->setText(profile.workflowsText());
    const bool cloud = profile.kind == ConnectionProfile::Kind::Skyvern
        && (!profile.baseUrl.isValid()
            || profile.baseUrl == QUrl(QString::fromLatin1(ServerAddress::kSkyvernCloud)));
    (cloud ? m_cloud : m_custom)->setChecked(true);
    m_server->setText(cloud ? QString() : profile.baseUrl.toString());
    m_name->setText(profile.name);
    m_allowInsecure->setChecked(profile.allowInsecureHttp);
    m_apiKey->setText(apiKey);
    updateServerField();
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile profile;
    profile.id = m_profileId.isEmpty() ? ConnectionProfile::newId() : m_profileId;
    profile.name = m_name->text().trimmed();
    profile.baseUrl = typedUrl();
    profile.allowInsecureHttp = m_custom->isChecked() && m_allowInsecure->isChecked();
    profile.kind = kind();
    if (profile.kind == ConnectionProfile::Kind::WorkflowPlatform) {
        profile.setWorkflowsFromText(m_workflowIds->text());
    }
    return profile;
}

QString ConnectionDialog::apiKey() const
{
    return m_apiKey->text().trimmed();
}

void ConnectionDialog::setKeyNote(const QString &note)
{
    m_keyNote->setText(note);
    m_keyNote->setStyleSheet(u"color: %1;"_s.arg(ThemeColors::warningText(palette()).name()));
}

QUrl ConnectionDialog::typedUrl() const
{
    if (m_cloud->isChecked() && kind() == ConnectionProfile::Kind::Skyvern)
        return QUrl(QString::fromLatin1(ServerAddress::kSkyvernCloud));
    return ServerAddress::fromUserInput(m_server->text());
}

void ConnectionDialog::updateServerField()
{
    m_server->setEnabled(m_custom->isChecked());
    const QUrl url = typedUrl();
    // Offer the escape hatch only where it applies: http to another machine.
    m_allowInsecure->setVisible(m_custom->isChecked() && url.scheme() == "http"_L1
        && !url.host().isEmpty() && !ServerAddress::isLoopback(url));
    showProblem(m_serverError, {});
}

bool ConnectionDialog::validate()
{
    const ConnectionProfile edited = profile();
    const QString serverProblem = edited.problem();
    showProblem(m_serverError, serverProblem);
    const QString keyProblem
        = apiKey().isEmpty() ? tr("Enter the %1.").arg(edited.secretName()) : QString();
    showProblem(m_apiKeyError, keyProblem);
    if (!serverProblem.isEmpty())
        (m_custom->isChecked() ? static_cast<QWidget *>(m_server) : m_cloud)->setFocus();
    else if (!keyProblem.isEmpty())
        m_apiKey->setFocus();
    return serverProblem.isEmpty() && keyProblem.isEmpty();
}

void ConnectionDialog::testConnection()
{
    if (!validate())
        return;
    m_testSource = m_factory(profile(), apiKey());
    if (!m_testSource)
        return;
    m_testButton->setEnabled(false);
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Asking %1…").arg(typedUrl().host()));
    RunQuery query;
    query.pageSize = 1;
    m_testSource->listRuns(query, this, [this](const ApiResult<RunPage> &result) {
        m_testButton->setEnabled(true);
        if (result.ok()) {
            m_testResult->setStyleSheet(
                u"color: %1;"_s.arg(ThemeColors::successText(palette()).name()));
            m_testResult->setText(result.value.runs.isEmpty()
                    ? tr("Connected. The server has no runs yet.")
                    : tr("Connected. The newest run is %1.")
                          .arg(result.value.runs.constFirst().workflowRunId));
        } else {
            m_testResult->setStyleSheet(
                u"color: %1;"_s.arg(ThemeColors::failureText(palette()).name()));
            m_testResult->setText(result.error.message);
        }
    });
}

void ConnectionDialog::accept()
{
    if (validate())
        QDialog::accept();
}
