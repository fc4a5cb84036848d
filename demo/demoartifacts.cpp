#include "demoartifacts.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "demodatabase.h"
#include "demosimulator.h"
#include "rundetail.h"

using namespace Qt::StringLiterals;

DemoArtifacts::DemoArtifacts(const DemoDatabase &database, const DemoSimulator &simulator,
    const QHash<QString, Workflow> &workflows, const DemoFaultOptions &faults)
    : m_database(database)
    , m_simulator(simulator)
    , m_workflows(workflows)
    , m_hugeEvidence(faults.hugeEvidence)
    , m_brokenEvidence(faults.brokenEvidence)
{
    QFile recording(u":/demo/demo-recording.webm"_s);
    if (recording.open(QIODevice::ReadOnly))
        m_recording = recording.readAll();
}

void DemoArtifacts::addLinks(RunDetail &detail, const QUrl &base, const DemoRun &run) const
{
    const QString root = base.toString() + u"/artifacts/"_s + run.runId;
    // The server keeps the last three screenshots, newest first.
    for (int step = run.stepCount; step >= 1 && step > run.stepCount - 3; --step)
        detail.screenshotUrls.append(root + u"/screenshots/%1.png"_s.arg(step));
    if (run.stepCount > 0)
        detail.recordingUrl = root + u"/recording.mjpeg"_s;
    for (const QString &name : run.downloadedFiles) {
        DownloadedFile file;
        file.url = root + u"/files/"_s + name;
        file.filename = name;
        const QByteArray content = downloadedFileContent(run, name);
        file.checksum = QString::fromLatin1(
            QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        file.fileSize = content.size();
        file.modifiedAt = run.finishedAt;
        detail.downloadedFiles.append(file);
    }
    detail.appUrl = base.toString() + u"/runs/"_s + run.runId;
}

DemoReply DemoArtifacts::serve(const QStringList &segments) const
{
    if (segments.isEmpty())
        return DemoReply::detail(404, u"Not Found"_s);
    const auto run = m_database.run(segments.first());
    if (!run)
        return DemoReply::detail(404, u"Artifact not found"_s);
    DemoReply reply;
    if (segments.size() == 3 && segments.at(1) == "screenshots"_L1
        && segments.at(2).endsWith(".png"_L1)) {
        bool ok = false;
        const int step = segments.at(2).chopped(4).toInt(&ok);
        const QList<ScreenshotScene> frames = scenes(*run);
        if (!ok || step < 1 || step > frames.size())
            return DemoReply::detail(404, u"Artifact not found"_s);
        reply.body = ScreenshotPainter::png(frames.at(step - 1));
        reply.contentType = "image/png";
        return reply;
    }
    if (segments.size() == 2 && segments.at(1) == "recording.mjpeg"_L1 && run->stepCount > 0) {
        reply.body = ScreenshotPainter::recording(scenes(*run));
        reply.contentType = "video/x-motion-jpeg";
        return reply;
    }
    if (segments.size() == 3 && segments.at(1) == "evidence"_L1)
        return evidence(*run, segments.at(2));
    if (segments.size() == 3 && segments.at(1) == "files"_L1
        && run->downloadedFiles.contains(segments.at(2))) {
        reply.body = downloadedFileContent(*run, segments.at(2));
        reply.contentType = "text/csv";
        return reply;
    }
    return DemoReply::detail(404, u"Artifact not found"_s);
}

DemoReply DemoArtifacts::appPage(const QString &runId) const
{
    const auto run = m_database.run(runId);
    if (!run)
        return DemoReply::detail(404, u"Run not found"_s);
    DemoReply reply;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = (u"<!doctype html><title>%1</title><h1>Run %1</h1><p>Status: %2</p>"
                  "<p>This page stands in for the Skyvern app's run page.</p>"_s)
                     .arg(run->runId.toHtmlEscaped(), run->status.toHtmlEscaped())
                     .toUtf8();
    return reply;
}

QList<ScreenshotScene> DemoArtifacts::scenes(const DemoRun &run) const
{
    QList<ScreenshotScene> frames;
    const QString title = run.runType == "workflow_run"_L1
        ? m_workflows.value(run.workflowPermanentId).title
        : run.title;
    QString url = run.runType == "workflow_run"_L1 ? m_simulator.startUrl(run.workflowPermanentId)
                                                   : run.taskRequest.value("url"_L1).toString();
    if (url.isEmpty())
        url = u"https://example.com"_s;
    const bool failed = run.status == "failed"_L1 || run.status == "terminated"_L1
        || run.status == "timed_out"_L1;
    for (int step = 1; step <= run.stepCount; ++step) {
        ScreenshotScene scene;
        scene.url = url;
        scene.pageTitle = title;
        scene.step = step;
        scene.stepCount = qMax(run.plannedSteps, run.stepCount);
        scene.stepLabel = m_simulator.stepLabel(run.workflowPermanentId, step);
        scene.accentSeed = qHash(run.workflowPermanentId);
        if (failed && step == run.stepCount)
            scene.errorBanner = run.failureReason;
        frames.append(scene);
    }
    return frames;
}

QByteArray DemoArtifacts::downloadedFileContent(const DemoRun &run, const QString &name) const
{
    QByteArray csv = "run_id,file,line,amount\n";
    for (int line = 1; line <= 5; ++line)
        csv += run.runId.toLatin1() + ',' + name.toUtf8() + ',' + QByteArray::number(line) + ','
            + QByteArray::number(line * 137 % 900 + 100) + ".00\n";
    return csv;
}

DemoTimeline DemoArtifacts::timeline(const DemoRun &run, const QUrl &base) const
{
    DemoTimeline::Setting setting;
    const bool workflowRun = run.runType == "workflow_run"_L1;
    const Workflow workflow = m_workflows.value(run.workflowPermanentId);
    setting.title = workflowRun ? workflow.title : run.title;
    setting.description
        = workflowRun ? workflow.description : run.taskRequest.value("prompt"_L1).toString();
    setting.startUrl = workflowRun ? m_simulator.startUrl(run.workflowPermanentId)
                                   : run.taskRequest.value("url"_L1).toString();
    for (int step = 1; step <= qMax(run.plannedSteps, run.stepCount); ++step)
        setting.stepLabels.append(m_simulator.stepLabel(run.workflowPermanentId, step));
    setting.accentSeed = qHash(run.workflowPermanentId);
    return DemoTimeline(run, setting, base, m_hugeEvidence);
}

DemoReply DemoArtifacts::content(const QString &artifactId) const
{
    const auto run = m_database.run(DemoTimeline::runOfArtifact(artifactId));
    if (!run)
        return DemoReply::detail(404, u"Artifact not found"_s);
    return evidence(*run, artifactId);
}

DemoReply DemoArtifacts::evidence(const DemoRun &run, const QString &artifactId) const
{
    const DemoTimeline timeline = this->timeline(run, QUrl());
    const DemoTimeline::Item *item = timeline.item(artifactId);
    if (!item)
        return DemoReply::detail(404, u"Artifact not found"_s);
    const Artifact &artifact = item->artifact;
    DemoReply reply;
    if (artifact.isScreenshot()) {
        reply.contentType = "image/png";
        // A storage error page where the first action's screenshot should be.
        if (m_brokenEvidence && artifactId == DemoTimeline::artifactId(run.runId, u"s1a1"_s))
            reply.body = "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>";
        else
            reply.body = ScreenshotPainter::png(item->scene);
    } else if (artifact.isRecording()) {
        reply.contentType = "video/webm";
        reply.body = m_brokenEvidence ? m_recording.left(m_recording.size() * 2 / 5) : m_recording;
    } else if (artifact.artifactType == "download"_L1) {
        reply.contentType = "text/csv";
        reply.body = downloadedFileContent(run, item->fileName);
    } else if (artifact.artifactType == "har"_L1) {
        const QJsonObject log {{u"version"_s, u"1.2"_s},
            {u"creator"_s, QJsonObject {{u"name"_s, u"runwatch-demo-server"_s}}},
            {u"pages"_s, QJsonArray {}}, {u"entries"_s, QJsonArray {}}};
        reply.body = QJsonDocument(QJsonObject {{u"log"_s, log}}).toJson(QJsonDocument::Compact);
    } else if (artifact.artifactType == "skyvern_log"_L1) {
        reply.contentType = "text/plain; charset=utf-8";
        for (const DemoTimeline::Item &other : timeline.items()) {
            if (other.artifact.artifactType == "screenshot_action"_L1)
                reply.body += other.artifact.createdAt.toString(Qt::ISODateWithMs).toUtf8()
                    + " INFO action finished step_id=" + other.artifact.stepId.toUtf8() + '\n';
        }
    } else {
        reply.body = QJsonDocument(
            QJsonObject {{u"artifact_id"_s, artifact.artifactId},
                {u"artifact_type"_s, artifact.artifactType}, {u"run_id"_s, run.runId}})
                         .toJson(QJsonDocument::Compact);
    }
    return reply;
}
