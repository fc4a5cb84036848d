#include "evidencebundlejob.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include "artifactfetcher.h"
#include "runformat.h"

using namespace Qt::StringLiterals;

namespace {
// The extension a file's first bytes say it has; servers' names and types do not always.
QString extensionOf(const QByteArray &data)
{
    if (data.startsWith("\x89PNG"))
        return u".png"_s;
    if (data.startsWith("\xFF\xD8"))
        return u".jpg"_s;
    if (data.startsWith("\x1A\x45\xDF\xA3"))
        return u".webm"_s;
    if (data.mid(4, 4) == "ftyp")
        return u".mp4"_s;
    if (data.startsWith("{") || data.startsWith("["))
        return u".json"_s;
    return u".bin"_s;
}

// A name from a server made safe to be a path in the zip: no directories, no odd characters.
QString safeName(const QString &name)
{
    static const QRegularExpression unsafe(u"[^A-Za-z0-9._-]+"_s);
    QString safe = name.section(u'/', -1).section(u'\\', -1);
    safe.replace(unsafe, u"_"_s);
    while (safe.startsWith(u'.'))
        safe.remove(0, 1);
    return safe.isEmpty() ? u"file"_s : safe.left(120);
}
} // namespace

EvidenceBundleJob::EvidenceBundleJob(RunSource *source, ArtifactFetcher *fetcher,
    const WorkflowRun &run, const QString &path, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_fetcher(fetcher)
    , m_run(run)
    , m_path(path)
{ }

void EvidenceBundleJob::start()
{
    if (!m_source) {
        fail(tr("The connection is closed."));
        return;
    }
    if (m_source->featuresOf(m_run.workflowRunId).details)
        readDetail();
    else
        readTimeline(); // the run as its list gave it is all there is
}

void EvidenceBundleJob::cancel()
{
    m_canceled = true;
    fail(tr("Canceled; nothing was saved."));
}

void EvidenceBundleJob::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    emit finished(error);
}

void EvidenceBundleJob::add(const QString &name, const QByteArray &data)
{
    m_entries.append({name, data});
}

void EvidenceBundleJob::readDetail()
{
    m_source->getRun(m_run.workflowRunId, this, [this](const ApiResult<RunDetail> &detail) {
        if (m_done)
            return;
        if (!detail.ok()) {
            fail(tr("The run could not be read: %1").arg(detail.error.message));
            return;
        }
        m_detail = detail.value;
        m_hasDetail = true;
        readTimeline();
    });
}

void EvidenceBundleJob::readTimeline()
{
    if (!m_source || !m_source->featuresOf(m_run.workflowRunId).timeline) {
        readArtifacts();
        return;
    }
    m_source->getTimeline(
        m_run.workflowRunId, this, [this](const ApiResult<RunTimeline> &timeline) {
            if (m_done)
                return;
            if (timeline.ok())
                add(u"timeline.json"_s, QJsonDocument(timeline.value.toJson()).toJson());
            else
                m_missing.append(tr("The timeline: %1").arg(timeline.error.message));
            readArtifacts();
        });
}

void EvidenceBundleJob::readArtifacts()
{
    const auto thenFiles = [this] {
        for (const DownloadedFile &file : std::as_const(m_detail.downloadedFiles)) {
            const QUrl url(file.url);
            if (url.isValid() && !url.isEmpty())
                m_pending.append({u"files/"_s
                        + safeName(file.filename.isEmpty() ? url.fileName() : file.filename),
                    {}, url});
        }
        m_total = int(m_pending.size());
        fetchNext();
    };
    if (!m_source || !m_source->featuresOf(m_run.workflowRunId).artifacts) {
        thenFiles();
        return;
    }
    m_source->listArtifacts(
        m_run.workflowRunId, {}, this, [this, thenFiles](const ApiResult<RunArtifacts> &artifacts) {
            if (m_done)
                return;
            if (!artifacts.ok()) {
                m_missing.append(
                    tr("The screenshots, recording and logs: %1").arg(artifacts.error.message));
                thenFiles();
                return;
            }
            int screenshot = 0;
            for (const Artifact &artifact : artifacts.value.artifacts) {
                QString name;
                if (artifact.isScreenshot())
                    name = u"screenshots/%1-%2"_s.arg(++screenshot, 3, 10, QChar(u'0'))
                               .arg(safeName(artifact.artifactType));
                else if (artifact.isRecording())
                    name = u"recording/"_s + safeName(artifact.artifactId);
                else
                    name = u"artifacts/%1-%2"_s.arg(
                        safeName(artifact.artifactType), safeName(artifact.artifactId));
                m_pending.append({name, artifact.artifactId, artifact.directUrl()});
            }
            thenFiles();
        });
}

void EvidenceBundleJob::fetchNext()
{
    if (m_done)
        return;
    emit progress(m_total - int(m_pending.size()), m_total);
    if (m_pending.isEmpty()) {
        write();
        return;
    }
    const Pending next = m_pending.takeFirst();
    const bool guessExtension = !next.name.startsWith("files/"_L1);
    const auto keep = [this, next, guessExtension](const QByteArray &data, const QString &error) {
        if (m_done)
            return;
        if (error.isEmpty())
            add(next.name + (guessExtension ? extensionOf(data) : QString()), data);
        else
            m_missing.append(u"%1: %2"_s.arg(next.name, error));
        fetchNext();
    };
    if (!next.url.isEmpty() && m_fetcher) {
        m_fetcher->fetch(next.url, this, keep);
    } else if (!next.artifactId.isEmpty() && m_source) {
        m_source->getArtifactContent(m_run.workflowRunId, next.artifactId, this,
            [keep](const ApiResult<QByteArray> &content) {
                keep(content.value, content.ok() ? QString() : content.error.message);
            });
    } else {
        keep({}, tr("there is no link to fetch it from"));
    }
}

void EvidenceBundleJob::write()
{
    // The run as its server answered (its original request included), with whatever names a
    // secret replaced throughout: headers, TOTP settings, passwords, tokens.
    const QJsonObject run
        = EvidenceBundle::redacted(m_hasDetail ? m_detail.toJson() : m_run.toJson());
    m_entries.prepend({u"run.json"_s, QJsonDocument(run).toJson()});
    m_entries.append({u"README.txt"_s, readme().toUtf8()});
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (m_canceled)
            return; // said already; a zip written in the meantime stays (it is whole)
        m_done = true;
        emit finished(watcher->result());
    });
    // Compressing a recording takes a moment: off the GUI thread.
    watcher->setFuture(QtConcurrent::run(
        [path = m_path, entries = m_entries] { return EvidenceBundle::write(path, entries); }));
}

QString EvidenceBundleJob::readme() const
{
    const WorkflowRun &run = m_run;
    QStringList lines {
        u"Evidence of run %1"_s.arg(run.workflowRunId),
        QString(),
        u"Workflow: %1 (%2)"_s.arg(run.workflowTitle, run.workflowPermanentId),
        u"Status: %1"_s.arg(RunFormat::statusText(run.status, run.statusText)),
    };
    if (run.createdAt.isValid())
        lines.append(u"Created: %1"_s.arg(run.createdAt.toUTC().toString(Qt::ISODate)));
    if (run.finishedAt.isValid())
        lines.append(u"Finished: %1"_s.arg(run.finishedAt.toUTC().toString(Qt::ISODate)));
    if (!run.failureReason.isEmpty() || !m_detail.failureReason.isEmpty())
        lines.append(u"Failure reason: %1"_s.arg(
            m_detail.failureReason.isEmpty() ? run.failureReason : m_detail.failureReason));
    if (!run.source.isEmpty())
        lines.append(u"Connection: %1"_s.arg(run.source));
    if (!m_detail.appUrl.isEmpty())
        lines.append(u"In the Skyvern app: %1"_s.arg(m_detail.appUrl));
    if (!m_runLink.isEmpty())
        lines.append(u"In Runwatch: %1"_s.arg(m_runLink));
    lines << QString() << u"Contents:"_s;
    lines.append(u"  run.json: the run as the server answered it; the secrets of its request "
                 "(header values, TOTP settings, anything named like a password, token or key) "
                 "are replaced by \"%1\"."_s.arg(EvidenceBundle::kRedacted));
    for (const EvidenceBundle::Entry &entry : m_entries) {
        if (entry.name != "run.json"_L1 && entry.name != "README.txt"_L1)
            lines.append(
                u"  %1 (%2)"_s.arg(entry.name, QLocale::c().formattedDataSize(entry.data.size())));
    }
    if (!m_missing.isEmpty()) {
        lines << QString() << u"Not included (could not be fetched):"_s;
        for (const QString &missing : m_missing)
            lines.append(u"  "_s + missing);
    }
    lines << QString()
          << u"Written by Runwatch on %1."_s.arg(
                 QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    return lines.join(u'\n') + u'\n';
}
