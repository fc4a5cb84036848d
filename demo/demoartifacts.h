#pragma once

#include <QHash>
#include <QList>
#include <QStringList>
#include <QUrl>

#include "demofaults.h"
#include "demoreply.h"
#include "demorun.h"
#include "demotimeline.h"
#include "screenshotpainter.h"
#include "workflow.h"

class DemoDatabase;
class DemoSimulator;
struct RunDetail;

/**
 * What runs point at and the demo serves without a key, as pre-signed links would be:
 * screenshots drawn on request, a Motion-JPEG recording, downloaded files and the stand-in for
 * the app's run page; and the links to them in a run's detail. Also what a run did and left
 * (DemoTimeline): its timeline, its artifact list and each artifact's bytes, served with the
 * key under /v1 and without it under the artifacts' pre-signed links.
 */
class DemoArtifacts
{
public:
    /** `faults` says whether runs' evidence is huge or broken (DemoFaultOptions). */
    DemoArtifacts(const DemoDatabase &database, const DemoSimulator &simulator,
        const QHash<QString, Workflow> &workflows, const DemoFaultOptions &faults);

    /** Answers `GET /artifacts/{run_id}/…`, given the segments after "artifacts". */
    DemoReply serve(const QStringList &segments) const;
    /** What the run did and left, with pre-signed links under `base`. */
    DemoTimeline timeline(const DemoRun &run, const QUrl &base) const;
    /** An artifact's bytes, as `GET /v1/artifacts/{artifact_id}/content` answers them. */
    DemoReply content(const QString &artifactId) const;
    /** Answers `GET /runs/{run_id}`. */
    DemoReply appPage(const QString &runId) const;
    /** Adds the links to a run's screenshots, recording, files and app page, under `base`. */
    void addLinks(RunDetail &detail, const QUrl &base, const DemoRun &run) const;

private:
    QList<ScreenshotScene> scenes(const DemoRun &run) const;
    QByteArray downloadedFileContent(const DemoRun &run, const QString &name) const;
    DemoReply evidence(const DemoRun &run, const QString &artifactId) const;

    const DemoDatabase &m_database;
    const DemoSimulator &m_simulator;
    const QHash<QString, Workflow> &m_workflows;
    bool m_hugeEvidence;
    bool m_brokenEvidence;
    QByteArray m_recording; // the WebM every run's recording artifact plays
};
