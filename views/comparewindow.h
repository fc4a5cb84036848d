#pragma once

#include <optional>

#include <QPointer>
#include <QWidget>

#include "artifact.h"
#include "artifactcontent.h"
#include "requestid.h"
#include "rundetail.h"
#include "runtimeline.h"
#include "workflowrun.h"

class ArtifactFetcher;
class QLabel;
class QTableWidget;
class RunSource;

/**
 * Two runs side by side, in a window of its own so the list stays usable: status, duration,
 * failure, errors, every parameter, their timelines aligned block by block, and the
 * screenshots of the first action where they part ways. Rows that differ are marked.
 */
class CompareWindow final : public QWidget
{
    Q_OBJECT
public:
    CompareWindow(RunSource *source, ArtifactFetcher *artifacts, const WorkflowRun &left,
        const WorkflowRun &right, QWidget *parent = nullptr);
    ~CompareWindow() override;

    /** The first action where the runs differ, as "step n"; empty while not known. */
    QString firstDifference() const { return m_firstDifference; }

private:
    struct Side
    {
        WorkflowRun run;
        std::optional<RunDetail> detail;
        std::optional<RunTimeline> timeline;
        std::optional<RunArtifacts> artifacts;
        bool hasTimeline = true; // its connection keeps one (the workflow platform does not)
        QString problem;
        QLabel *screenshot = nullptr;
        QLabel *caption = nullptr; // which run, and which step
        QString shownScreenshot;
        ArtifactContent::Cancel cancelScreenshot;
    };

    /** "A · 29 Nov 14:03:07 · Failed": a side named so it can be told apart at a glance. */
    QString sideName(int side) const;
    void load(Side &side);
    void rebuild();
    void showScreenshots(const TimelineAction *left, const TimelineAction *right);
    void showScreenshot(Side &side, const TimelineAction *action);

    QPointer<RunSource> m_source; // a connection switched away from is gone
    ArtifactFetcher *m_artifacts;
    Side m_sides[2];
    QList<RequestId> m_requests;
    QString m_firstDifference;
    QLabel *m_workflowNote; // shown when the runs are of different workflows
    QTableWidget *m_table;
    QLabel *m_differenceLabel;
};
