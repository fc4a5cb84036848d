#pragma once

#include <functional>

#include <QPointer>
#include <QWidget>

#include "rundetail.h"
#include "runsource.h"
#include "tagchips.h"
#include "workflowrun.h"

class ArtifactFetcher;
class DownloadedFilesList;
class JsonTreeModel;
class QFormLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QTreeView;
class QUrl;
class QVBoxLayout;
class ScreenshotStrip;
class TagChipsView;

/**
 * The selected run in full: status, ids with copy buttons, timings with queue wait and
 * duration, failure reason and errors, screenshots loaded in the background (newest first),
 * links, downloaded files, output and the original request. Opening a run never blocks.
 */
class RunDetailPane final : public QWidget
{
    Q_OBJECT
public:
    explicit RunDetailPane(ArtifactFetcher *artifacts, QWidget *parent = nullptr);

    using UrlOpener = std::function<bool(const QUrl &url)>;
    /**
     * How a web link is handed on; QDesktopServices::openUrl unless replaced (by a test, or a
     * build that must not start a browser). Returns whether something took it.
     */
    void setUrlOpener(UrlOpener opener);

    void setSource(RunSource *source);
    /** Hides what the source cannot tell or do (details, cancelling). */
    void setFeatures(const SourceFeatures &features);
    /** Shows what the list knows at once, then the full run when it arrives. */
    void showRun(const WorkflowRun &run);
    /** Brings an active run's running time up to the clock (the window calls it each second). */
    void tickDurations();
    enum class TagsState {
        Unavailable, // the run's source has no tags, or the run is not a workflow run
        Loading,
        Known,
    };
    /** The shown run's tags as the list knows them. */
    void setTags(const QList<TagChips::Chip> &chips, TagsState state);
    /** Fetches the shown run again (its row changed); screenshots already shown stay. */
    void refresh();
    void clear();
    QString runId() const { return m_summary.workflowRunId; }
    const RunDetail &detail() const { return m_detail; }

signals:
    /** The run's error codes, so the filter bar can offer them. */
    void errorCodesSeen(const QString &runId, const QStringList &codes);
    /** The user canceled the run; the list should pick up its new status. */
    void runCanceled(const QString &runId);
    /** The user asked to start the run again (Retry…); the window confirms it. */
    void retryRequested(const WorkflowRun &run);
    /** The user asked for the launch form filled in from this run (Edit and retry…). */
    void editAndRetryRequested(const RunDetail &run);
    /** The user asked to add or take off tags of the shown run (Edit tags…). */
    void editTagsRequested(const WorkflowRun &run);
    /** Something went to the clipboard, in a sentence that says what. */
    void copied(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();
    void showDetailSections(bool details);
    void requestDetail();
    void showSummary();
    /** The Timing lines of the shown run, reckoned against the clock now. */
    void showTimes();
    void showDetail();
    void cancelRun();
    bool canRetry() const;
    void setMessage(const QString &text, bool error);
    void showLink(QLabel *label, const QString &link, const QString &name);
    void openLink(const QString &link);
    QWidget *idRow(const QString &objectName);

    QPointer<RunSource> m_source;
    WorkflowRun m_summary;
    RunDetail m_detail;
    bool m_hasDetail = false;
    bool m_failureShown = false;
    bool m_messageIsError = false;
    RequestId m_pending = 0;

    QLabel *m_status;
    QLabel *m_title;
    QLabel *m_message;
    QLabel *m_runId;
    QLabel *m_workflowId;
    QLabel *m_trigger;
    QLabel *m_times;
    QWidget *m_tagsRow;
    QLabel *m_tagsLabel = nullptr; // the form's label of the row, hidden with it
    TagChipsView *m_tags;
    QLabel *m_noTags;
    QPushButton *m_editTags;
    QLabel *m_failure;
    QLabel *m_errors;
    ScreenshotStrip *m_screenshotStrip;
    QWidget *m_links;
    QLabel *m_recordingLink = nullptr;
    QLabel *m_appLink = nullptr;
    QLabel *m_noLinks = nullptr;
    UrlOpener m_openUrl;
    DownloadedFilesList *m_files;
    QWidget *m_outputBox; // the tree, or a line saying there is none
    QTreeView *m_outputView;
    QLabel *m_noOutput = nullptr;
    JsonTreeModel *m_output;
    QTreeView *m_requestView;
    JsonTreeModel *m_request;
    QTreeView *m_listingView;
    JsonTreeModel *m_listing;
    QHash<QWidget *, QLabel *> m_sectionTitles;
    SourceFeatures m_features;
    bool m_listedOnly = false; // the run's platform has no detail endpoint
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_editRetry;
    QPushButton *m_copyCurl = nullptr;
    QWidget *m_body;
    QScrollArea *m_scroll = nullptr;
};
