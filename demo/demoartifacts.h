#pragma once

#include <QHash>
#include <QList>
#include <QStringList>
#include <QUrl>

#include "demoreply.h"
#include "demorun.h"
#include "screenshotpainter.h"
#include "workflow.h"

class DemoDatabase;
class DemoSimulator;
struct RunDetail;

/**
 * What runs point at and the demo serves without a key, as pre-signed links would be:
 * screenshots drawn on request, a Motion-JPEG recording, downloaded files and the stand-in for
 * the app's run page; and the links to them in a run's detail.
 */
class DemoArtifacts
{
public:
    DemoArtifacts(const DemoDatabase &database, const DemoSimulator &simulator,
        const QHash<QString, Workflow> &workflows);

    /** Answers `GET /artifacts/{run_id}/…`, given the segments after "artifacts". */
    DemoReply serve(const QStringList &segments) const;
    /** Answers `GET /runs/{run_id}`. */
    DemoReply appPage(const QString &runId) const;
    /** Adds the links to a run's screenshots, recording, files and app page, under `base`. */
    void addLinks(RunDetail &detail, const QUrl &base, const DemoRun &run) const;

private:
    QList<ScreenshotScene> scenes(const DemoRun &run) const;
    QByteArray downloadedFileContent(const DemoRun &run, const QString &name) const;

    const DemoDatabase &m_database;
    const DemoSimulator &m_simulator;
    const QHash<QString, Workflow> &m_workflows;
};
