#include "comparewindow.h"

#include <utility>

#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "artifactfetcher.h"
#include "runformat.h"
#include "runsource.h"
#include "screenshotload.h"
#include "timelinemodel.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kScreenshotWidth = 640;

/** Every action of a timeline in the order it ran. */
QList<const TimelineAction *> actionsOf(const QList<TimelineEntry> &entries)
{
    QList<const TimelineAction *> actions;
    for (const TimelineEntry &entry : entries) {
        for (const TimelineAction &action : entry.block.actions)
            actions.append(&action);
        actions.append(actionsOf(entry.children));
    }
    return actions;
}

QString actionText(const TimelineAction &action)
{
    const QString what = action.intention.isEmpty() ? action.description : action.intention;
    return TimelineModel::actionTypeText(action.actionType) + u" · "_s
        + TimelineModel::actionStatusText(action)
        + (what.isEmpty() ? QString() : u" · "_s + what.simplified().left(200));
}

QString blockText(const TimelineEntry &entry)
{
    if (entry.kind != TimelineEntry::Kind::Block)
        return entry.title().simplified().left(200);
    return entry.title().simplified().left(120) + u" · "_s
        + RunFormat::statusText(entry.block.status, entry.block.statusText) + u" · "_s
        + CompareWindow::tr("%n action(s)", nullptr, int(entry.block.actions.size()));
}
} // namespace

CompareWindow::CompareWindow(RunSource *source, ArtifactFetcher *artifacts, const WorkflowRun &left,
    const WorkflowRun &right, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_source(source)
    , m_artifacts(artifacts)
    , m_table(new QTableWidget(0, 3, this))
    , m_differenceLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("compareWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Compare %1 and %2").arg(left.workflowRunId, right.workflowRunId));
    resize(1200, 820);
    m_sides[0].run = left;
    m_sides[1].run = right;

    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Differences"));
    m_table->setHorizontalHeaderLabels({tr("What"), left.workflowRunId, right.workflowRunId});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);

    m_differenceLabel->setObjectName(QStringLiteral("compareDifferenceLabel"));
    m_differenceLabel->setTextFormat(Qt::PlainText);
    m_differenceLabel->setWordWrap(true);
    auto *shots = new QWidget(this);
    auto *shotsLayout = new QHBoxLayout(shots);
    shotsLayout->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 2; ++i) {
        auto *label = new QLabel(tr("Loading…"), shots);
        label->setObjectName(i == 0 ? QStringLiteral("compareLeftScreenshot")
                                    : QStringLiteral("compareRightScreenshot"));
        label->setAlignment(Qt::AlignCenter);
        label->setTextFormat(Qt::PlainText);
        label->setMinimumHeight(160);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
        shotsLayout->addWidget(label);
        m_sides[i].screenshot = label;
    }
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_differenceLabel);
    lowerLayout->addWidget(shots, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    for (Side &side : m_sides)
        load(side);
    rebuild();
}

CompareWindow::~CompareWindow()
{
    for (Side &side : m_sides) {
        if (side.cancelScreenshot)
            side.cancelScreenshot();
    }
    if (m_source) {
        for (RequestId request : std::as_const(m_requests))
            m_source->cancelRequest(request);
    }
}

void CompareWindow::load(Side &side)
{
    if (!m_source)
        return;
    const QString runId = side.run.workflowRunId;
    Side *target = &side;
    const SourceFeatures features = m_source->featuresOf(runId);
    m_requests.append(
        m_source->getRun(runId, this, [this, target](const ApiResult<RunDetail> &result) {
            if (result.ok())
                target->detail = result.value;
            else
                target->problem = result.error.message;
            rebuild();
        }));
    if (!features.timeline)
        return;
    m_requests.append(
        m_source->getTimeline(runId, this, [this, target](const ApiResult<RunTimeline> &result) {
            target->timeline = result.ok() ? result.value : RunTimeline();
            if (!result.ok())
                target->problem = result.error.message;
            rebuild();
        }));
    m_requests.append(
        m_source->listArtifacts(runId, {u"screenshot_action"_s, u"screenshot_final"_s}, this,
            [this, target](const ApiResult<RunArtifacts> &result) {
                target->artifacts = result.ok() ? result.value : RunArtifacts();
                rebuild();
            }));
}

void CompareWindow::rebuild()
{
    m_table->setRowCount(0);
    const auto addRow = [this](const QString &what, const QString &left, const QString &right) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const bool differs = left != right;
        // Marked by a sign as well as weight, so a difference reads without colour or bold.
        auto *name = new QTableWidgetItem(differs ? u"≠ "_s + what : what);
        name->setData(Qt::UserRole, differs);
        QFont font = m_table->font();
        font.setBold(differs);
        name->setFont(font);
        m_table->setItem(row, 0, name);
        for (int column : {1, 2}) {
            auto *item = new QTableWidgetItem(column == 1 ? left : right);
            item->setFont(font);
            item->setToolTip(item->text());
            m_table->setItem(row, column, item);
        }
    };
    const Side &a = m_sides[0];
    const Side &b = m_sides[1];
    const auto both = [&](const std::function<QString(const Side &)> &value) {
        return std::pair {value(a), value(b)};
    };
    auto [statusA, statusB]
        = both([](const Side &s) { return RunFormat::statusText(s.run.status, s.run.statusText); });
    addRow(tr("Status"), statusA, statusB);
    auto [workflowA, workflowB] = both([](const Side &s) { return s.run.workflowPermanentId; });
    addRow(tr("Workflow"), workflowA, workflowB);
    auto [durationA, durationB] = both([](const Side &s) {
        const QDateTime start = s.run.startedAt.isValid() ? s.run.startedAt : s.run.createdAt;
        return start.isValid() && s.run.finishedAt.isValid()
            ? RunFormat::duration(start.msecsTo(s.run.finishedAt))
            : QString();
    });
    addRow(tr("Duration"), durationA, durationB);
    auto [failureA, failureB] = both([](const Side &s) {
        return (s.detail ? s.detail->failureReason : s.run.failureReason).simplified();
    });
    addRow(tr("Failure"), failureA, failureB);
    auto [errorsA, errorsB] = both([](const Side &s) {
        QStringList codes;
        if (s.detail) {
            for (const RunError &error : s.detail->errors)
                codes.append(error.errorCode);
        }
        return codes.join(u", "_s);
    });
    addRow(tr("Error codes"), errorsA, errorsB);

    // Every parameter either was given, side by side.
    QMap<QString, std::pair<QString, QString>> parameters;
    for (int i = 0; i < 2; ++i) {
        if (!m_sides[i].detail)
            continue;
        for (const auto &[key, value] : m_sides[i].detail->requestParameters())
            (i == 0 ? parameters[key].first : parameters[key].second) = value;
    }
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it)
        addRow(tr("Parameter %1").arg(it.key()), it.value().first, it.value().second);

    // The timelines block by block, then the first action where they part ways.
    const QList<TimelineEntry> noEntries;
    const QList<TimelineEntry> &blocksA = a.timeline ? a.timeline->entries : noEntries;
    const QList<TimelineEntry> &blocksB = b.timeline ? b.timeline->entries : noEntries;
    for (qsizetype i = 0; i < qMax(blocksA.size(), blocksB.size()); ++i) {
        addRow(tr("Block %1").arg(i + 1), i < blocksA.size() ? blockText(blocksA.at(i)) : QString(),
            i < blocksB.size() ? blockText(blocksB.at(i)) : QString());
    }
    for (const Side &side : m_sides) {
        if (!side.problem.isEmpty())
            addRow(tr("Could not load"), side.run.workflowRunId, side.problem);
    }
    m_table->resizeRowsToContents();

    if (!a.timeline || !b.timeline) {
        m_differenceLabel->setText(tr("Loading the timelines…"));
        return;
    }
    const QList<const TimelineAction *> actionsA = actionsOf(a.timeline->entries);
    const QList<const TimelineAction *> actionsB = actionsOf(b.timeline->entries);
    qsizetype first = 0;
    while (first < actionsA.size() && first < actionsB.size()
        && actionsA.at(first)->actionType == actionsB.at(first)->actionType
        && actionsA.at(first)->status == actionsB.at(first)->status)
        ++first;
    if (first == actionsA.size() && first == actionsB.size()) {
        m_firstDifference.clear();
        m_differenceLabel->setText(
            tr("The runs took the same %n action(s).", nullptr, int(actionsA.size())));
        showScreenshots(nullptr, nullptr);
        return;
    }
    m_firstDifference = tr("step %1").arg(first + 1);
    const TimelineAction *left = first < actionsA.size() ? actionsA.at(first) : nullptr;
    const TimelineAction *right = first < actionsB.size() ? actionsB.at(first) : nullptr;
    m_differenceLabel->setText(tr("They part ways at step %1: %2 | %3")
                                   .arg(first + 1)
                                   .arg(left ? actionText(*left) : tr("(no such step)"),
                                       right ? actionText(*right) : tr("(no such step)")));
    showScreenshots(left, right);
}

void CompareWindow::showScreenshots(const TimelineAction *left, const TimelineAction *right)
{
    showScreenshot(m_sides[0], left);
    showScreenshot(m_sides[1], right);
}

void CompareWindow::showScreenshot(Side &side, const TimelineAction *action)
{
    std::optional<Artifact> artifact;
    if (action && side.artifacts) {
        artifact = side.artifacts->find(action->screenshotArtifactId);
        if (!artifact && !action->stepId.isEmpty()) {
            const QList<Artifact> ofStep = side.artifacts->ofStep(action->stepId);
            if (!ofStep.isEmpty())
                artifact = ofStep.last();
        }
    }
    if (!artifact) {
        side.shownScreenshot.clear();
        side.screenshot->setPixmap({});
        side.screenshot->setText(action && !side.artifacts ? tr("Loading…") : tr("No screenshot"));
        return;
    }
    if (artifact->artifactId == side.shownScreenshot)
        return;
    side.shownScreenshot = artifact->artifactId;
    if (side.cancelScreenshot)
        std::exchange(side.cancelScreenshot, {})();
    QLabel *label = side.screenshot; // a child of this window, as long-lived as the answer
    side.cancelScreenshot = ScreenshotLoad::load(m_artifacts, m_source, side.run.workflowRunId,
        *artifact, this, kScreenshotWidth, devicePixelRatioF(),
        [label](const QImage &image, const QByteArray &, const QString &error) {
            if (image.isNull()) {
                label->setText(error);
                return;
            }
            const QSize room = label->size() * image.devicePixelRatio();
            QImage fitted = image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            fitted.setDevicePixelRatio(image.devicePixelRatio());
            label->setPixmap(QPixmap::fromImage(fitted));
        });
}
