#include "launchrundialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "theme.h"

namespace {

enum ProxyChoice { ServerDefault = 0, CustomUrl = 1, GeoTarget = 2, FirstLocation = 3 };

QString parameterHint(const WorkflowParameter &parameter)
{
    switch (parameter.type) {
    case ParameterType::Integer:
        return QObject::tr("whole number");
    case ParameterType::Float:
        return QObject::tr("number");
    case ParameterType::Json:
        return QObject::tr("JSON");
    case ParameterType::FileUrl:
        return QObject::tr("file URL");
    case ParameterType::CredentialId:
        return QObject::tr("credential id");
    default:
        return QObject::tr("text");
    }
}

} // namespace

LaunchRunDialog::LaunchRunDialog(RunSource *source, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_workflow(new QComboBox(this))
    , m_workflowDescription(new QLabel(this))
    , m_parameterBox(new QWidget(this))
    , m_parameterForm(new QFormLayout(m_parameterBox))
    , m_title(new QLineEdit(this))
    , m_proxy(new QComboBox(this))
    , m_proxyUrl(new QLineEdit(this))
    , m_country(new QLineEdit(this))
    , m_subdivision(new QLineEdit(this))
    , m_city(new QLineEdit(this))
    , m_geoRow(new QWidget(this))
    , m_webhook(new QLineEdit(this))
    , m_totpUrl(new QLineEdit(this))
    , m_totpIdentifier(new QLineEdit(this))
    , m_browserSession(new QLineEdit(this))
    , m_browserProfile(new QLineEdit(this))
    , m_timeout(new QSpinBox(this))
    , m_headers(pairTable(QStringLiteral("headersTable"), tr("Header")))
    , m_runWith(new QComboBox(this))
    , m_aiFallback(new QComboBox(this))
    , m_metadata(pairTable(QStringLiteral("metadataTable"), tr("Tag")))
    , m_generalError(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("launchRunDialog"));
    setWindowTitle(tr("Run agent"));
    resize(640, 760);

    m_workflow->setObjectName(QStringLiteral("workflowComboBox"));
    m_workflow->addItem(tr("Loading workflows…"));
    m_workflow->setEnabled(false);
    m_workflowDescription->setWordWrap(true);
    m_workflowDescription->setTextFormat(Qt::PlainText); // written on the server
    // A softer colour of the palette, readable on light and dark alike (Mid is a frame's).
    m_workflowDescription->setForegroundRole(QPalette::PlaceholderText);
    m_parameterBox->setObjectName(QStringLiteral("parameterBox"));
    m_title->setObjectName(QStringLiteral("titleLineEdit"));
    m_title->setPlaceholderText(tr("Optional name for this run"));

    m_proxy->setObjectName(QStringLiteral("proxyComboBox"));
    m_proxy->addItem(tr("Server default"));
    m_proxy->addItem(tr("Custom proxy URL…"));
    m_proxy->addItem(tr("Country / subdivision / city…"));
    for (const QString &location : LaunchRequest::proxyLocations())
        m_proxy->addItem(location, location);
    m_proxyUrl->setObjectName(QStringLiteral("proxyUrlLineEdit"));
    m_proxyUrl->setPlaceholderText(QStringLiteral("http://user:password@proxy.example.com:8080"));
    m_proxyUrl->setEchoMode(QLineEdit::PasswordEchoOnEdit); // it may carry credentials
    m_country->setObjectName(QStringLiteral("countryLineEdit"));
    m_country->setPlaceholderText(tr("Country (US)"));
    m_country->setMaxLength(2);
    m_subdivision->setObjectName(QStringLiteral("subdivisionLineEdit"));
    m_subdivision->setPlaceholderText(tr("Subdivision (CA)"));
    m_city->setObjectName(QStringLiteral("cityLineEdit"));
    m_city->setPlaceholderText(tr("City"));
    auto *geoLayout = new QHBoxLayout(m_geoRow);
    geoLayout->setContentsMargins(0, 0, 0, 0);
    geoLayout->addWidget(m_country);
    geoLayout->addWidget(m_subdivision);
    geoLayout->addWidget(m_city, 1);
    connect(m_proxy, &QComboBox::currentIndexChanged, this, &LaunchRunDialog::updateProxyFields);

    m_webhook->setObjectName(QStringLiteral("webhookLineEdit"));
    m_webhook->setPlaceholderText(QStringLiteral("https://example.com/skyvern-webhook"));
    m_totpUrl->setObjectName(QStringLiteral("totpUrlLineEdit"));
    m_totpUrl->setPlaceholderText(QStringLiteral("https://my-totp-service.example/totp"));
    m_totpIdentifier->setObjectName(QStringLiteral("totpIdentifierLineEdit"));
    m_totpIdentifier->setPlaceholderText(QStringLiteral("john.doe@example.com"));
    m_browserSession->setObjectName(QStringLiteral("browserSessionLineEdit"));
    m_browserSession->setPlaceholderText(QStringLiteral("pbs_…"));
    m_browserProfile->setObjectName(QStringLiteral("browserProfileLineEdit"));
    m_browserProfile->setPlaceholderText(QStringLiteral("bp_…"));
    m_timeout->setObjectName(QStringLiteral("timeoutSpinBox"));
    // Wider than the server allows: a spin box capped at 480 drops the third digit of "999"
    // without a word. What is typed stays, and the check before sending says what is allowed.
    m_timeout->setRange(0, 99999);
    m_timeout->setSpecialValueText(tr("Server default (240 min)"));
    m_timeout->setSuffix(tr(" min (%1–%2)")
                             .arg(LaunchRequest::kMinTimeoutMinutes)
                             .arg(LaunchRequest::kMaxTimeoutMinutes));
    m_timeout->setToolTip(tr("From %1 to %2 minutes; 0 leaves it to the server")
                              .arg(LaunchRequest::kMinTimeoutMinutes)
                              .arg(LaunchRequest::kMaxTimeoutMinutes));
    m_runWith->setObjectName(QStringLiteral("runWithComboBox"));
    m_runWith->addItem(tr("Workflow setting"), QString());
    m_runWith->addItem(tr("Agent"), QStringLiteral("agent"));
    m_runWith->addItem(tr("Code"), QStringLiteral("code"));
    m_aiFallback->setObjectName(QStringLiteral("aiFallbackComboBox"));
    m_aiFallback->addItem(tr("Workflow setting"));
    m_aiFallback->addItem(tr("Fall back to AI if code fails"));
    m_aiFallback->addItem(tr("No fallback"));
    m_generalError->setObjectName(QStringLiteral("generalErrorLabel"));
    m_generalError->setWordWrap(true);
    m_generalError->setTextFormat(Qt::PlainText);
    m_generalError->setStyleSheet(
        QStringLiteral("color: %1;").arg(ThemeColors::failureText(palette()).name()));
    m_generalError->hide();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addRow = [this, form](const QString &label, QWidget *widget, const QString &field) {
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(widget);
        cellLayout->addWidget(errorLabel(field));
        m_fieldWidgets.insert(field, widget);
        form->addRow(label, cell);
        // The label names the input itself, for its mnemonic and for a screen reader.
        if (auto *labelWidget = qobject_cast<QLabel *>(form->labelForField(cell)))
            labelWidget->setBuddy(widget);
        widget->setAccessibleName(QString(label).remove(u'&'));
    };
    addRow(tr("&Workflow"), m_workflow, QStringLiteral("workflow_id"));
    form->addRow(QString(), m_workflowDescription);
    form->addRow(m_parameterBox);
    addRow(tr("&Title"), m_title, QStringLiteral("title"));
    auto *proxyBox = new QWidget(this);
    auto *proxyLayout = new QVBoxLayout(proxyBox);
    proxyLayout->setContentsMargins(0, 0, 0, 0);
    proxyLayout->addWidget(m_proxy);
    proxyLayout->addWidget(m_proxyUrl);
    proxyLayout->addWidget(m_geoRow);
    addRow(tr("&Proxy"), proxyBox, QStringLiteral("proxy_location"));
    addRow(tr("Web&hook URL"), m_webhook, QStringLiteral("webhook_url"));
    addRow(tr("TOTP &URL"), m_totpUrl, QStringLiteral("totp_url"));
    addRow(tr("TOTP &identifier"), m_totpIdentifier, QStringLiteral("totp_identifier"));
    addRow(tr("Browser &session"), m_browserSession, QStringLiteral("browser_session_id"));
    addRow(tr("Browser pr&ofile"), m_browserProfile, QStringLiteral("browser_profile_id"));
    addRow(tr("Ti&meout"), m_timeout, QStringLiteral("max_elapsed_time_minutes"));
    addRow(tr("Extra HTTP h&eaders"), m_headers, QStringLiteral("extra_http_headers"));
    addRow(tr("Ru&n with"), m_runWith, QStringLiteral("run_with"));
    addRow(tr("AI &fallback"), m_aiFallback, QStringLiteral("ai_fallback"));
    addRow(tr("Metadata ta&gs"), m_metadata, QStringLiteral("run_metadata"));

    auto *content = new QWidget(this);
    content->setLayout(form);
    auto *scroll = new QScrollArea(this);
    scroll->setAccessibleName(tr("Launch options"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Run"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("runButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LaunchRunDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);

    connect(m_workflow, &QComboBox::currentIndexChanged, this, &LaunchRunDialog::rebuildParameters);
    updateProxyFields();
    loadWorkflows();
}

QTableWidget *LaunchRunDialog::pairTable(const QString &objectName, const QString &keyTitle)
{
    auto *table = new QTableWidget(1, 2, this);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels({keyTitle, tr("Value")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setMinimumHeight(90);
    table->setMaximumHeight(120);
    table->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    // A new empty row appears when the last one is filled, so there is always one to type in.
    connect(table, &QTableWidget::itemChanged, table, [table](QTableWidgetItem *item) {
        if (item->row() == table->rowCount() - 1 && !item->text().isEmpty())
            table->insertRow(table->rowCount());
    });
    return table;
}

QList<std::pair<QString, QString>> LaunchRunDialog::pairs(const QTableWidget *table)
{
    QList<std::pair<QString, QString>> result;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QTableWidgetItem *key = table->item(row, 0);
        const QTableWidgetItem *value = table->item(row, 1);
        const QString keyText = key ? key->text() : QString();
        const QString valueText = value ? value->text() : QString();
        if (!keyText.isEmpty() || !valueText.isEmpty())
            result.append({keyText, valueText});
    }
    return result;
}

QLabel *LaunchRunDialog::errorLabel(const QString &field)
{
    auto *label = new QLabel(this);
    label->setObjectName(QStringLiteral("error_") + field);
    label->setTextFormat(Qt::PlainText); // the server's 422 messages
    label->setWordWrap(true);
    label->setStyleSheet(
        QStringLiteral("color: %1;").arg(ThemeColors::failureText(palette()).name()));
    label->hide();
    m_errors.insert(field, label);
    return label;
}

void LaunchRunDialog::setInitialWorkflow(const QString &workflowPermanentId)
{
    m_initialWorkflow = workflowPermanentId;
    const int index = m_workflow->findData(workflowPermanentId);
    if (index >= 0)
        m_workflow->setCurrentIndex(index);
}

void LaunchRunDialog::loadWorkflows()
{
    if (!m_source)
        return;
    m_source->listWorkflows(this, [this](const ApiResult<QList<Workflow>> &result) {
        if (!result.ok()) {
            m_workflow->setItemText(0, tr("Could not load workflows"));
            m_generalError->setText(result.error.message);
            m_generalError->show();
            return;
        }
        m_workflows = result.value;
        m_workflow->blockSignals(true);
        m_workflow->clear();
        for (const Workflow &workflow : std::as_const(m_workflows))
            m_workflow->addItem(workflow.title, workflow.workflowPermanentId);
        m_workflow->blockSignals(false);
        m_workflow->setEnabled(!m_workflows.isEmpty());
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_workflows.isEmpty());
        const int initial = m_workflow->findData(m_initialWorkflow);
        m_workflow->setCurrentIndex(initial >= 0 ? initial : 0);
        rebuildParameters();
        m_workflow->setFocus();
    });
}

void LaunchRunDialog::rebuildParameters()
{
    for (const auto &entry : std::as_const(m_parameterInputs)) {
        m_errors.remove(QStringLiteral("parameters.") + entry.first.key);
        m_fieldWidgets.remove(QStringLiteral("parameters.") + entry.first.key);
    }
    m_parameterInputs.clear();
    while (m_parameterForm->rowCount() > 0)
        m_parameterForm->removeRow(0);
    const int index = m_workflow->currentIndex();
    if (index < 0 || index >= m_workflows.size())
        return;
    const Workflow &workflow = m_workflows.at(index);
    m_workflowDescription->setText(workflow.description);
    QWidget *previous = m_workflow;
    for (const WorkflowParameter &parameter : workflow.parameters) {
        const QString field = QStringLiteral("parameters.") + parameter.key;
        QWidget *input = nullptr;
        if (parameter.type == ParameterType::Boolean) {
            auto *box = new QComboBox(m_parameterBox);
            box->addItem(tr("true"), QStringLiteral("true"));
            box->addItem(tr("false"), QStringLiteral("false"));
            const QJsonValue value = m_prefillValues.contains(parameter.key)
                ? m_prefillValues.value(parameter.key)
                : parameter.defaultValue;
            box->setCurrentIndex(value.toBool() ? 0 : 1);
            input = box;
        } else {
            auto *edit = new QLineEdit(m_parameterBox);
            edit->setText(LaunchRequest::parameterText(parameter, parameter.defaultValue));
            if (m_prefillValues.contains(parameter.key))
                edit->setText(
                    LaunchRequest::parameterText(parameter, m_prefillValues.value(parameter.key)));
            edit->setPlaceholderText(parameter.defaultValue.isNull()
                    ? tr("%1, required").arg(parameterHint(parameter))
                    : parameterHint(parameter));
            if (parameter.type == ParameterType::CredentialId)
                edit->setPlaceholderText(tr("credential id (cred_…), required"));
            input = edit;
        }
        input->setObjectName(QStringLiteral("param_") + parameter.key);
        // Rich text made from escaped parts: the description is the server's, shown as written.
        if (!parameter.description.isEmpty())
            input->setToolTip(QStringLiteral("<p>") + parameter.description.toHtmlEscaped()
                + QStringLiteral("</p>"));
        auto *cell = new QWidget(m_parameterBox);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(input);
        cellLayout->addWidget(errorLabel(field));
        m_fieldWidgets.insert(field, input);
        auto *label = new QLabel(parameter.key, m_parameterBox);
        label->setTextFormat(Qt::PlainText); // the workflow's own key, written on the server
        label->setBuddy(input);
        m_parameterForm->addRow(label, cell);
        cell->show(); // at once, so a quick Tab from the workflow picker lands on it
        m_parameterInputs.append({parameter, input});
        setTabOrder(previous, input);
        previous = input;
    }
    setTabOrder(previous, m_title);
    clearProblems();
}

void LaunchRunDialog::updateProxyFields()
{
    const int choice = m_proxy->currentIndex();
    m_proxyUrl->setVisible(choice == CustomUrl);
    m_geoRow->setVisible(choice == GeoTarget);
}

void LaunchRunDialog::prefill(const LaunchRequest &request, const QJsonObject &parameterValues)
{
    m_prefillValues = parameterValues;
    setInitialWorkflow(request.workflowId);
    if (!m_workflows.isEmpty())
        rebuildParameters();
    m_title->setText(request.title);
    switch (request.proxyKind) {
    case LaunchRequest::ProxyKind::ServerDefault:
        m_proxy->setCurrentIndex(ServerDefault);
        break;
    case LaunchRequest::ProxyKind::CustomUrl:
        m_proxy->setCurrentIndex(CustomUrl);
        m_proxyUrl->setText(request.proxyUrl);
        break;
    case LaunchRequest::ProxyKind::GeoTarget:
        m_proxy->setCurrentIndex(GeoTarget);
        m_country->setText(request.country);
        m_subdivision->setText(request.subdivision);
        m_city->setText(request.city);
        break;
    case LaunchRequest::ProxyKind::Location: {
        const int index = m_proxy->findData(request.proxyLocation);
        m_proxy->setCurrentIndex(index >= FirstLocation ? index : ServerDefault);
        break;
    }
    }
    updateProxyFields();
    m_webhook->setText(request.webhookUrl);
    m_totpUrl->setText(request.totpUrl);
    m_totpIdentifier->setText(request.totpIdentifier);
    m_browserSession->setText(request.browserSessionId);
    m_browserProfile->setText(request.browserProfileId);
    if (request.timeoutMinutes)
        m_timeout->setValue(*request.timeoutMinutes);
    setPairs(m_headers, request.extraHttpHeaders);
    const int runWith = m_runWith->findData(request.runWith);
    m_runWith->setCurrentIndex(runWith >= 0 ? runWith : 0);
    m_aiFallback->setCurrentIndex(request.aiFallback ? (*request.aiFallback ? 1 : 2) : 0);
    setPairs(m_metadata, request.metadata);
}

void LaunchRunDialog::setPairs(QTableWidget *table, const QList<std::pair<QString, QString>> &pairs)
{
    const QSignalBlocker quiet(table); // not a person typing: no row added per cell
    table->setRowCount(0);
    for (const auto &[key, value] : pairs) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(key));
        table->setItem(row, 1, new QTableWidgetItem(value));
    }
    table->insertRow(table->rowCount()); // always an empty one to type in
}

LaunchRequest LaunchRunDialog::request() const
{
    LaunchRequest request;
    request.workflowId = m_workflow->currentData().toString();
    for (const auto &[parameter, input] : m_parameterInputs) {
        QString text;
        if (auto *box = qobject_cast<QComboBox *>(input))
            text = box->currentData().toString();
        else if (auto *edit = qobject_cast<QLineEdit *>(input))
            text = edit->text();
        request.parameters.append({parameter, text});
    }
    request.title = m_title->text();
    const int choice = m_proxy->currentIndex();
    if (choice == CustomUrl) {
        request.proxyKind = LaunchRequest::ProxyKind::CustomUrl;
        request.proxyUrl = m_proxyUrl->text();
    } else if (choice == GeoTarget) {
        request.proxyKind = LaunchRequest::ProxyKind::GeoTarget;
        request.country = m_country->text();
        request.subdivision = m_subdivision->text();
        request.city = m_city->text();
    } else if (choice >= FirstLocation) {
        request.proxyKind = LaunchRequest::ProxyKind::Location;
        request.proxyLocation = m_proxy->currentData().toString();
    }
    request.webhookUrl = m_webhook->text();
    request.totpUrl = m_totpUrl->text();
    request.totpIdentifier = m_totpIdentifier->text();
    request.browserSessionId = m_browserSession->text();
    request.browserProfileId = m_browserProfile->text();
    if (m_timeout->value() > 0)
        request.timeoutMinutes = m_timeout->value();
    request.extraHttpHeaders = pairs(m_headers);
    request.runWith = m_runWith->currentData().toString();
    if (m_aiFallback->currentIndex() > 0)
        request.aiFallback = m_aiFallback->currentIndex() == 1;
    request.metadata = pairs(m_metadata);
    return request;
}

void LaunchRunDialog::clearProblems()
{
    for (QLabel *label : std::as_const(m_errors))
        label->hide();
    m_generalError->hide();
}

void LaunchRunDialog::showProblems(const QList<FieldProblem> &problems)
{
    clearProblems();
    QWidget *first = nullptr;
    QStringList unplaced;
    for (const FieldProblem &problem : problems) {
        // A message about a nested field ("proxy_location.url") belongs to its top field.
        QString field = problem.field;
        while (!m_errors.contains(field) && field.contains(QLatin1Char('.')))
            field = field.section(QLatin1Char('.'), 0, -2);
        QLabel *label = m_errors.value(field);
        if (!label) {
            unplaced.append(problem.field.isEmpty()
                    ? problem.message
                    : problem.field + QStringLiteral(": ") + problem.message);
            continue;
        }
        label->setText(label->isVisible() ? label->text() + QLatin1Char('\n') + problem.message
                                          : problem.message);
        label->show();
        if (!first)
            first = m_fieldWidgets.value(field);
    }
    if (!unplaced.isEmpty()) {
        m_generalError->setText(unplaced.join(QLatin1Char('\n')));
        m_generalError->show();
    }
    if (first)
        first->setFocus(Qt::OtherFocusReason);
}

void LaunchRunDialog::submit()
{
    const LaunchRequest launch = request();
    const QList<FieldProblem> problems = launch.validate();
    if (!problems.isEmpty()) {
        showProblems(problems);
        return;
    }
    if (!m_source)
        return;
    clearProblems();
    QPushButton *run = m_buttons->button(QDialogButtonBox::Ok);
    run->setEnabled(false);
    run->setText(tr("Starting…"));
    m_source->launchRun(launch, this, [this, run](const ApiResult<RunDetail> &result) {
        run->setEnabled(true);
        run->setText(tr("&Run"));
        if (result.ok()) {
            emit runLaunched(result.value, result.note);
            accept();
            return;
        }
        if (result.error.kind == ApiError::Kind::Validation
            && !result.error.fieldMessages.isEmpty()) {
            QList<FieldProblem> serverProblems;
            for (const QString &message : result.error.fieldMessages) {
                const int colon = int(message.indexOf(QStringLiteral(": ")));
                serverProblems.append(colon > 0
                        ? FieldProblem {message.left(colon), message.mid(colon + 2)}
                        : FieldProblem {QString(), message});
            }
            showProblems(serverProblems);
            return;
        }
        m_generalError->setText(result.error.message);
        m_generalError->show();
    });
}
