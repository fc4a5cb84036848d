#include "runtimelineview.h"

#include <utility>

#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QScrollBar>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

#include "failuredelegate.h"
#include "runformat.h"
#include "runsource.h"
#include "screenshotload.h"
#include "theme.h"
#include "timelinemodel.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxScreenshotWidth = 1280;

/** A labelled paragraph of server text, escaped: the server's words are never markup. */
QString paragraph(const QString &label, const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    QString body = text.left(20000).toHtmlEscaped();
    body.replace(u'\n', u"<br>"_s);
    return u"<p><b>"_s + label.toHtmlEscaped() + u"</b><br>"_s + body + u"</p>"_s;
}
} // namespace

RunTimelineView::RunTimelineView(ArtifactFetcher *artifacts, QWidget *parent)
    : QWidget(parent)
    , m_artifacts(artifacts)
    , m_model(new TimelineModel(this))
    , m_message(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_tree(new QTreeView(this))
    , m_screenshot(new QLabel(this))
    , m_details(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("runTimelineView"));
    m_message->setObjectName(QStringLiteral("timelineMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // errors quote the server
    m_message->hide();

    m_tree->setObjectName(QStringLiteral("timelineTreeView"));
    m_tree->setAccessibleName(tr("Timeline"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // thousands of actions scroll without measuring each
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setItemDelegate(new FailureDelegate(TimelineModel::FailedRole, m_tree));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(TimelineModel::StepColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(
        TimelineModel::StatusColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(
        TimelineModel::DurationColumn, QHeaderView::ResizeToContents);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showSelected(current); });

    m_screenshot->setObjectName(QStringLiteral("timelineScreenshotLabel"));
    m_screenshot->setAlignment(Qt::AlignCenter);
    m_screenshot->setMinimumHeight(120);
    m_screenshot->setTextFormat(Qt::PlainText);
    m_screenshot->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_details->setObjectName(QStringLiteral("timelineDetailsBrowser"));
    m_details->setAccessibleName(tr("Selected step"));
    m_details->setOpenLinks(false); // nothing in it is a link worth following blind

    auto *selected = new QSplitter(Qt::Vertical, this);
    selected->addWidget(m_screenshot);
    selected->addWidget(m_details);
    selected->setStretchFactor(0, 3);
    selected->setStretchFactor(1, 2);
    m_splitter->setObjectName(QStringLiteral("timelineSplitter"));
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(selected);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_splitter, 1);
    layout->addStretch(); // keeps the message at the top while there is no run to show
    clear();
}

RunTimelineView::~RunTimelineView()
{
    cancelPending();
}

void RunTimelineView::setSource(RunSource *source)
{
    cancelPending();
    m_source = source;
    clear();
}

void RunTimelineView::cancelPending()
{
    if (m_cancelScreenshot)
        std::exchange(m_cancelScreenshot, {})();
    if (!m_source)
        return;
    for (RequestId *request : {&m_timelineRequest, &m_artifactsRequest}) {
        if (*request)
            m_source->cancelRequest(*request);
        *request = 0;
    }
}

void RunTimelineView::clear()
{
    cancelPending();
    m_run = WorkflowRun();
    m_loadedRunId.clear();
    m_artifactById.clear();
    m_screenshotsByStep.clear();
    m_shownScreenshotId.clear();
    m_followedActionId.clear();
    ++m_screenshotGeneration;
    m_model->clear();
    m_screenshot->clear();
    m_details->clear();
    setMessage(tr("Select a run to see what it did, step by step."));
    m_splitter->hide(); // no empty table and panes under it, until there are steps to show
}

void RunTimelineView::showRun(const WorkflowRun &run)
{
    const bool sameRun = run.workflowRunId == m_run.workflowRunId;
    const bool moved = sameRun && run.movedSince(m_run);
    if (!sameRun)
        clear();
    m_run = run;
    // What a run did changes while it runs: asked again when its row changes.
    if (isVisible() && (!sameRun || moved || m_loadedRunId != run.workflowRunId))
        load();
}

void RunTimelineView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_run.workflowRunId.isEmpty() && m_loadedRunId != m_run.workflowRunId)
        load();
    else
        selectFollowed();
}

void RunTimelineView::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void RunTimelineView::load()
{
    if (!m_source || m_run.workflowRunId.isEmpty())
        return;
    cancelPending();
    const QString runId = m_run.workflowRunId;
    const bool first = m_loadedRunId != runId;
    m_loadedRunId = runId;
    if (first)
        setMessage(tr("Loading the timeline…"));
    m_timelineRequest
        = m_source->getTimeline(runId, this, [this, runId](const ApiResult<RunTimeline> &result) {
              m_timelineRequest = 0;
              if (runId != m_run.workflowRunId)
                  return;
              if (!result.ok()) {
                  // A timeline already shown stays; the message says the refresh failed.
                  setMessage(m_model->rowCount() > 0
                          ? tr("Could not update the timeline: %1").arg(result.error.message)
                          : result.error.message);
                  return;
              }
              showTimeline(result.value);
          });
    m_artifactsRequest
        = m_source->listArtifacts(runId, {u"screenshot_action"_s, u"screenshot_final"_s}, this,
            [this, runId](const ApiResult<RunArtifacts> &result) {
                m_artifactsRequest = 0;
                if (runId != m_run.workflowRunId || !result.ok())
                    return; // the steps still read without their screenshots
                m_artifactById.clear();
                m_screenshotsByStep.clear();
                for (const Artifact &artifact : result.value.artifacts) {
                    if (!artifact.isScreenshot())
                        continue;
                    m_artifactById.insert(artifact.artifactId, artifact);
                    if (!artifact.stepId.isEmpty())
                        m_screenshotsByStep[artifact.stepId].append(artifact);
                }
                showSelected(m_tree->currentIndex());
            });
}

void RunTimelineView::showTimeline(const RunTimeline &timeline)
{
    const TimelinePosition before = m_model->positionOf(m_tree->currentIndex());
    const bool refresh = m_model->rowCount() > 0;
    const int scrolled = m_tree->verticalScrollBar()->value();
    m_model->setTimeline(timeline);
    m_tree->expandAll();
    setMessage(timeline.notes.join(u' '));
    // Nothing yet is said in one line, without an empty table and panes under it.
    m_splitter->setVisible(!timeline.entries.isEmpty());
    if (timeline.entries.isEmpty()) {
        setMessage(tr("This run has no steps yet."));
        return;
    }
    // A refresh keeps the reader's place; a new run opens where its recording was left, else
    // where it failed, or where it is now.
    TimelinePosition position
        = refresh ? before : timeline.findAction(std::exchange(m_followedActionId, {}));
    if (!position.isValid() || !m_model->indexOf(position).isValid()) {
        position = timeline.failurePosition();
        if (!position.isValid())
            position = timeline.latestAction();
    }
    const QModelIndex index = m_model->indexOf(position);
    if (!index.isValid())
        return;
    m_tree->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (refresh)
        m_tree->verticalScrollBar()->setValue(scrolled);
    else
        m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void RunTimelineView::followAction(const QString &runId, const QString &actionId)
{
    if (runId.isEmpty() || runId != m_run.workflowRunId)
        return;
    m_followedActionId = actionId;
    // Hidden, it waits for the tab to open: no screenshot is fetched for a tab nobody sees.
    if (isVisible())
        selectFollowed();
}

void RunTimelineView::selectFollowed()
{
    // Once: the reader moving on in the tree is not sent back on the next visit.
    const QModelIndex index
        = m_model->indexOf(m_model->timeline().findAction(std::exchange(m_followedActionId, {})));
    if (!index.isValid() || index == m_tree->currentIndex())
        return;
    m_tree->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
}

std::optional<Artifact> RunTimelineView::screenshotFor(const QModelIndex &index) const
{
    const QString own = index.data(TimelineModel::ScreenshotIdRole).toString();
    if (!own.isEmpty()) {
        const auto found = m_artifactById.constFind(own);
        if (found != m_artifactById.constEnd())
            return *found;
    }
    const QString step = index.data(TimelineModel::StepIdRole).toString();
    const auto ofStep = m_screenshotsByStep.constFind(step);
    if (!step.isEmpty() && ofStep != m_screenshotsByStep.constEnd() && !ofStep->isEmpty())
        return ofStep->last(); // the step's latest: the page as the action left it
    return std::nullopt;
}

void RunTimelineView::showSelected(const QModelIndex &current)
{
    const QModelIndex index = current.siblingAtColumn(TimelineModel::StepColumn);
    QString html;
    if (const TimelineAction *action = m_model->actionAt(index)) {
        QString heading = TimelineModel::actionTypeText(action->actionType).toHtmlEscaped()
            + u" · "_s + TimelineModel::actionStatusText(*action).toHtmlEscaped();
        if (const auto seconds = action->durationSeconds())
            heading += u" · "_s + RunFormat::duration(qint64(*seconds * 1000)).toHtmlEscaped();
        html += u"<p><b>"_s + heading + u"</b></p>"_s;
        QStringList errors;
        for (const RunError &error : action->errors) {
            errors.append(error.errorCode.isEmpty()
                    ? error.reasoning
                    : tr("%1 — %2").arg(error.errorCode, error.reasoning));
        }
        html += paragraph(tr("Errors"), errors.join(u'\n'));
        html += paragraph(tr("Intention"), action->intention);
        html += paragraph(tr("Reasoning"), action->reasoning);
        html += paragraph(tr("Typed"), action->text);
        html += paragraph(tr("Selected"),
            action->optionLabel.isEmpty() ? action->optionValue : action->optionLabel);
        html += paragraph(tr("Answer"), action->response);
        html += paragraph(tr("Element"), action->elementId);
    } else if (const TimelineEntry *entry = m_model->entryAt(index)) {
        if (entry->kind == TimelineEntry::Kind::Thought) {
            html += paragraph(tr("Thought"), entry->thought.thought);
            html += paragraph(tr("Observation"), entry->thought.observation);
            html += paragraph(tr("Answer"), entry->thought.answer);
        } else {
            html += u"<p><b>"_s + index.data().toString().toHtmlEscaped() + u" · "_s
                + RunFormat::statusText(entry->block.status, entry->block.statusText)
                      .toHtmlEscaped()
                + u"</b></p>"_s;
            html += paragraph(tr("Failure"), entry->block.failureReason);
            html += paragraph(tr("Goal"), entry->block.navigationGoal);
            html += paragraph(tr("Extraction goal"), entry->block.dataExtractionGoal);
            html += paragraph(tr("Page"), entry->block.url);
        }
    }
    m_details->setHtml(html);

    const std::optional<Artifact> screenshot = screenshotFor(index);
    if (!screenshot) {
        m_shownScreenshotId.clear();
        ++m_screenshotGeneration;
        m_screenshot->setPixmap({});
        m_screenshot->setText(m_model->actionAt(index) && m_artifactsRequest
                ? tr("Loading the screenshot…")
                : (m_model->actionAt(index)
                        ? tr("No screenshot of this step.")
                        : tr("Blocks and thoughts have no screenshot of their own: select one "
                             "of the actions.")));
        return;
    }
    if (screenshot->artifactId != m_shownScreenshotId)
        showScreenshot(*screenshot);
}

void RunTimelineView::showScreenshot(const Artifact &artifact)
{
    m_shownScreenshotId = artifact.artifactId;
    const quint64 generation = ++m_screenshotGeneration;
    m_screenshot->setPixmap({});
    m_screenshot->setText(tr("Loading the screenshot…"));
    if (m_cancelScreenshot)
        std::exchange(m_cancelScreenshot, {})();
    m_cancelScreenshot = ScreenshotLoad::load(m_artifacts, m_source, m_run.workflowRunId, artifact,
        this, kMaxScreenshotWidth, devicePixelRatioF(),
        [this, generation](const QImage &image, const QByteArray &, const QString &error) {
            if (generation != m_screenshotGeneration)
                return;
            m_cancelScreenshot = {};
            if (image.isNull()) {
                m_screenshot->setText(error);
                return;
            }
            const QSize room = m_screenshot->size() * image.devicePixelRatio();
            QImage fitted = image.width() > room.width() || image.height() > room.height()
                ? image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                : image;
            fitted.setDevicePixelRatio(image.devicePixelRatio());
            m_screenshot->setPixmap(QPixmap::fromImage(fitted));
        });
}
