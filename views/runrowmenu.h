#pragma once

#include <QMenu>
#include <QPointer>

#include "rundetail.h"
#include "runsource.h"
#include "workflowrun.h"

/**
 * The menu of one row of the run list: copy its id or link, cancel it, open its recording,
 * or narrow the list to its workflow or one of its error codes. Offers only what the run and
 * its source have; links and codes the list does not carry are looked up in the run's detail
 * while the menu is open.
 */
class RunRowMenu final : public QMenu
{
    Q_OBJECT
public:
    /** `detail` is the run's detail when already known (its runId empty otherwise). */
    RunRowMenu(const WorkflowRun &run, const RunDetail &detail, const QStringList &errorCodes,
        RunSource *source, const SourceFeatures &features, bool canScope,
        QWidget *parent = nullptr);
    ~RunRowMenu() override;

    const WorkflowRun &run() const { return m_run; }
    /** Offers to copy the run's runwatch:// link (nothing for an empty one). */
    void addRunwatchLink(const QString &link);
    /** Offers to watch the run until it ends, or to stop watching it. */
    void addWatch(bool watched);

signals:
    void cancelRequested(const WorkflowRun &run);
    void retryRequested(const WorkflowRun &run);
    void editAndRetryRequested(const RunDetail &run);
    /** Play the run's recording in the Recording tab. */
    void playRecordingRequested(const WorkflowRun &run);
    void watchRequested(const WorkflowRun &run, bool watch);
    /** Something went to the clipboard, in a sentence that says what. */
    void copied(const QString &message);
    void filterByWorkflowRequested(const QString &workflowPermanentId);
    void filterByErrorCodeRequested(const QString &errorCode);
    /** Something the user asked for could not be done, in a sentence. */
    void problem(const QString &message);

private:
    void showDetail(const RunDetail &detail);
    void addErrorCodes(const QStringList &codes);
    static bool isWebLink(const QUrl &url);

    WorkflowRun m_run;
    QPointer<RunSource> m_source;
    QAction *m_copyCurl = nullptr;
    QAction *m_editRetry = nullptr;
    RunDetail m_detail;
    QString m_curl;
    SourceFeatures m_features;
    RequestId m_pending = 0;
    QUrl m_link;
    QUrl m_recording;
    QStringList m_codes;
    QAction *m_copyLink;
    QAction *m_openRecording;
    QAction *m_lookingUp;
    QAction *m_codeSeparator;
};
