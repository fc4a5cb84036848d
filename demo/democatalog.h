#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "workflow.h"

/** A failure the demo can produce: the error code a workflow raises and how it reads. */
struct DemoFailure
{
    QString errorCode;
    QString reason;
    QString category;
};

/** A demo workflow: what it is, where it starts, what it takes and how it ends. */
struct DemoWorkflowTemplate
{
    QString title;
    QString description;
    QString startUrl;
    QList<WorkflowParameter> parameters;
    QStringList stepLabels;
    QString downloadName; // a file completed runs download, or empty
};

/** The fixed material the demo data is drawn from. */
namespace DemoCatalog {
QList<DemoWorkflowTemplate> workflows();
QList<DemoFailure> failures();
/** Sample values for a parameter of the given workflow, picked by index. */
QJsonValue sampleValue(const WorkflowParameter &parameter, int index);
} // namespace DemoCatalog
