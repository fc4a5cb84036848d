#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include "evidencebundle.h"
#include "runsource.h"

class ArtifactFetcher;

/**
 * Gathers what one run left behind and writes it as a zip: `run.json` (the run, its request's
 * secrets replaced), `timeline.json`, every screenshot and the recording (`screenshots/`,
 * `recording/`), its other artifacts and downloaded files, and a `README.txt` saying what the
 * run was, where to find it, and what could not be fetched. Asks one thing at a time; what a
 * source does not have is left out and said so, and a failure to read the run itself stops it.
 */
class EvidenceBundleJob final : public QObject
{
    Q_OBJECT
public:
    EvidenceBundleJob(RunSource *source, ArtifactFetcher *fetcher, const WorkflowRun &run,
        const QString &path, QObject *parent = nullptr);

    /** Links the README names besides the run's own (its runwatch:// link). */
    void setRunLink(const QString &link) { m_runLink = link; }
    void start();
    void cancel();
    const QList<EvidenceBundle::Entry> &entries() const { return m_entries; }
    /** What could not be fetched, a sentence each. */
    const QStringList &missing() const { return m_missing; }

signals:
    void progress(int done, int total);
    /** Written (empty error), or why not; the file is then not there. */
    void finished(const QString &error);

private:
    void readDetail();
    void readTimeline();
    void readArtifacts();
    void fetchNext();
    void write();
    void fail(const QString &error);
    void add(const QString &name, const QByteArray &data);
    QString readme() const;

    struct Pending
    {
        QString name; // where it goes in the zip, without an extension where it is guessed
        QString artifactId; // fetched through the server, when there is no direct link
        QUrl url; // fetched without the key
    };

    QPointer<RunSource> m_source;
    QPointer<ArtifactFetcher> m_fetcher;
    WorkflowRun m_run;
    QString m_path;
    QString m_runLink;
    RunDetail m_detail;
    bool m_hasDetail = false;
    QList<Pending> m_pending;
    int m_total = 0;
    QList<EvidenceBundle::Entry> m_entries;
    QStringList m_missing;
    bool m_canceled = false;
    bool m_done = false;
};
