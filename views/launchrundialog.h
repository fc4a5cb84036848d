#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>

#include "launchrequest.h"
#include "rundetail.h"
#include "runsource.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QWidget;

/**
 * "Run agent…": a form for launching a workflow run. One input per workflow parameter, typed
 * from its definition, and the contract's run options. Checks everything before sending and
 * puts the server's 422 messages next to the fields they name.
 */
class LaunchRunDialog final : public QDialog
{
    Q_OBJECT
public:
    LaunchRunDialog(RunSource *source, QWidget *parent = nullptr);

    /** Preselects a workflow (the one the list is scoped to, say). */
    void setInitialWorkflow(const QString &workflowPermanentId);
    /**
     * Fills the form from a run's request (Edit and retry): its workflow, options and, once the
     * workflow's parameters are known, their values.
     */
    void prefill(const LaunchRequest &request, const QJsonObject &parameterValues);
    LaunchRequest request() const;

signals:
    /** `note` says how it went when that is worth knowing (a reconciled lost answer). */
    void runLaunched(const RunDetail &run, const QString &note);

private:
    void loadWorkflows();
    void rebuildParameters();
    void updateProxyFields();
    void submit();
    void showProblems(const QList<FieldProblem> &problems);
    void clearProblems();
    QLabel *errorLabel(const QString &field);
    QTableWidget *pairTable(const QString &objectName, const QString &keyTitle);
    static QList<std::pair<QString, QString>> pairs(const QTableWidget *table);

    QPointer<RunSource> m_source;
    QList<Workflow> m_workflows;
    QString m_initialWorkflow;
    QJsonObject m_prefillValues; // parameter values to put in once the workflow's form is built
    static void setPairs(QTableWidget *table, const QList<std::pair<QString, QString>> &pairs);
    QHash<QString, QLabel *> m_errors;
    QHash<QString, QWidget *> m_fieldWidgets;
    QList<std::pair<WorkflowParameter, QWidget *>> m_parameterInputs;

    QComboBox *m_workflow;
    QLabel *m_workflowDescription;
    QWidget *m_parameterBox;
    QFormLayout *m_parameterForm;
    QLineEdit *m_title;
    QComboBox *m_proxy;
    QLineEdit *m_proxyUrl;
    QLineEdit *m_country;
    QLineEdit *m_subdivision;
    QLineEdit *m_city;
    QWidget *m_geoRow;
    QLineEdit *m_webhook;
    QLineEdit *m_totpUrl;
    QLineEdit *m_totpIdentifier;
    QLineEdit *m_browserSession;
    QLineEdit *m_browserProfile;
    QSpinBox *m_timeout;
    QTableWidget *m_headers;
    QComboBox *m_runWith;
    QComboBox *m_aiFallback;
    QTableWidget *m_metadata;
    QLabel *m_generalError;
    QDialogButtonBox *m_buttons;
};
