#include "demoartifacts.h"

#include <QCryptographicHash>

#include "demodatabase.h"
#include "demosimulator.h"
#include "rundetail.h"

using namespace Qt::StringLiterals;

DemoArtifacts::DemoArtifacts(const DemoDatabase &database, const DemoSimulator &simulator,
    const QHash<QString, Workflow> &workflows)
    : m_database(database)
    , m_simulator(simulator)
    , m_workflows(workflows)
{ }

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
