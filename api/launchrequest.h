#pragma once

#include <optional>
#include <utility>

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "workflow.h"

/** A problem with one field of a launch, named by its wire path ("parameters.count"). */
struct FieldProblem
{
    QString field;
    QString message;
};

/**
 * What the user asks for when launching a workflow run (`POST /v1/run/workflows`). Checks
 * itself before anything is sent and renders the contract's request body.
 */
struct LaunchRequest
{
    Q_DECLARE_TR_FUNCTIONS(LaunchRequest)

public:
    enum class ProxyKind { ServerDefault, Location, CustomUrl, GeoTarget };

    QString workflowId; // wpid_...
    QList<std::pair<WorkflowParameter, QString>> parameters; // definition and typed text
    QString title;
    ProxyKind proxyKind = ProxyKind::ServerDefault;
    QString proxyLocation; // one of proxyLocations()
    QString proxyUrl;
    QString country;
    QString subdivision;
    QString city;
    QString webhookUrl;
    QString totpUrl;
    QString totpIdentifier;
    QString browserSessionId;
    QString browserProfileId;
    std::optional<int> timeoutMinutes;
    QList<std::pair<QString, QString>> extraHttpHeaders;
    QString runWith; // empty: the workflow's setting; else agent or code
    std::optional<bool> aiFallback;
    QList<std::pair<QString, QString>> metadata;

    static constexpr int kMinTimeoutMinutes = 1;
    static constexpr int kMaxTimeoutMinutes = 480;

    /**
     * The request a run was started with (`run_request` of its detail), read back into a form
     * to edit: the options as they were, the parameters' values in `parameterValues` (their
     * definitions come from the workflow). Fields it does not know are left out.
     */
    static LaunchRequest fromRunRequest(
        const QJsonObject &runRequest, QJsonObject *parameterValues);

    /** Every problem found, in form order; empty when the request can be sent. */
    QList<FieldProblem> validate() const;
    QJsonObject toJson() const;

    static QStringList proxyLocations();
    /** Reads the text typed for a parameter as its type; nullopt with a reason when it is not. */
    static std::optional<QJsonValue> parameterValue(
        const WorkflowParameter &parameter, const QString &text, QString *error);
    /** The text to prefill for a parameter's default value. */
    static QString parameterText(const WorkflowParameter &parameter, const QJsonValue &value);
};
