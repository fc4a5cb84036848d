#pragma once

#include <QHash>
#include <QWidget>

#include "artifact.h"
#include "artifactcontent.h"
#include "requestid.h"
#include "runtimeline.h"
#include "workflowrun.h"

class ArtifactFetcher;
class QLabel;
class QModelIndex;
class QSplitter;
class QTextBrowser;
class QTreeView;
class RunSource;
class TimelineModel;

/**
 * The Timeline tab: what a run did, block by block and action by action, beside the selected
 * action's screenshot, reasoning and errors. A failed run opens on its failing action; a
 * running one on its latest. The timeline is asked for when the tab is first shown for a run,
 * and again when the run's status changes.
 */
class RunTimelineView final : public QWidget
{
    Q_OBJECT
public:
    RunTimelineView(ArtifactFetcher *artifacts, QWidget *parent = nullptr);
    ~RunTimelineView() override;

    void setSource(RunSource *source);
    /** Shows a run (the list's summary); loads when the view is visible. */
    void showRun(const WorkflowRun &run);
    void clear();
    /**
     * Selects the action the recording is at, so the tab opens there; ignored for another run.
     * Until the timeline has loaded it is where the view opens instead of the failure.
     */
    void followAction(const QString &runId, const QString &actionId);

    QString runId() const { return m_run.workflowRunId; }
    TimelineModel *model() const { return m_model; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void showTimeline(const RunTimeline &timeline);
    void selectFollowed();
    void showSelected(const QModelIndex &index);
    void showScreenshot(const Artifact &artifact);
    void setMessage(const QString &text);
    void cancelPending();
    /** The screenshot to show beside an action: its own, else one of its step. */
    std::optional<Artifact> screenshotFor(const QModelIndex &index) const;

    ArtifactFetcher *m_artifacts;
    RunSource *m_source = nullptr;
    WorkflowRun m_run;
    QString m_loadedRunId;
    RunStatus m_loadedStatus = RunStatus::Unknown;
    RequestId m_timelineRequest = 0;
    RequestId m_artifactsRequest = 0;
    ArtifactContent::Cancel m_cancelScreenshot;
    bool m_timelineShown = false;
    QHash<QString, Artifact> m_artifactById;
    QHash<QString, QList<Artifact>> m_screenshotsByStep;
    QString m_shownScreenshotId;
    QString m_followedActionId; // the recording's place, see followAction()
    quint64 m_screenshotGeneration = 0;

    TimelineModel *m_model;
    QLabel *m_message;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    QLabel *m_screenshot;
    QTextBrowser *m_details;
};
