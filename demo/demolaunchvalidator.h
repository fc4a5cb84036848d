#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QString>

#include "demorun.h"
#include "workflow.h"

/** What a launch body comes to once checked: the run it asks for, or why there is none. */
struct DemoLaunchCheck
{
    int status = 200; // 200; 422 with `errors`; 404 with `message` for an unknown workflow
    QJsonArray errors; // FastAPI-style field errors
    QString message;
    DemoRun run; // on 200, everything the request sets; ids, times and plan are the server's
};

/**
 * Checks the body of `POST /v1/run/workflows` as Skyvern's server does, with its error types,
 * locations and wording, against the workflows the server knows. Pure: no store, no clock.
 */
class DemoLaunchValidator
{
public:
    explicit DemoLaunchValidator(const QHash<QString, Workflow> &workflows);

    DemoLaunchCheck check(const QByteArray &body) const;

private:
    const QHash<QString, Workflow> &m_workflows;
};
