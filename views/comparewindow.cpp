#include "comparewindow.h"

#include <utility>

#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QScreen>
#include <QShortcut>
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
    return RunFormat::statusText(entry.block.status, entry.block.statusText) + u" · "_s
        + CompareWindow::tr("%n action(s)", nullptr, int(entry.block.actions.size()));
}

/** What a block is called: its label, else its type. */
QString blockName(const TimelineEntry &entry)
{
    const QString label = entry.block.label.simplified();
    return (label.isEmpty() ? entry.block.blockType : label).left(120);
}

/** The top-level blocks of a timeline; thoughts are the planner's, not steps to line up. */
QList<const TimelineEntry *> blocksOf(const std::optional<RunTimeline> &timeline)
{
    QList<const TimelineEntry *> blocks;
    if (!timeline)
        return blocks;
    for (const TimelineEntry &entry : timeline->entries) {
        if (entry.kind == TimelineEntry::Kind::Block)
            blocks.append(&entry);
    }
    return blocks;
}

/**
 * The blocks of two runs lined up by name (the longest common sequence of names), so a block
 * one run repeated or skipped does not shift every row after it; indices, -1 where one side has
 * none. Past a size where the table would cost more than it shows, by position.
 */
QList<std::pair<int, int>> alignBlocks(
    const QList<const TimelineEntry *> &a, const QList<const TimelineEntry *> &b)
{
    const int n = int(a.size());
    const int m = int(b.size());
    QList<std::pair<int, int>> pairs;
    if (qint64(n) * m > 1'000'000) {
        for (int i = 0; i < qMax(n, m); ++i)
            pairs.append({i < n ? i : -1, i < m ? i : -1});
        return pairs;
    }
    // common[i][j]: the longest common run of names of a[i..] and b[j..].
    QList<int> common((n + 1) * (m + 1), 0);
    const auto at = [m](int i, int j) { return i * (m + 1) + j; };
    for (int i = n - 1; i >= 0; --i) {
        for (int j = m - 1; j >= 0; --j) {
            common[at(i, j)] = blockName(*a.at(i)) == blockName(*b.at(j))
                ? common.at(at(i + 1, j + 1)) + 1
                : qMax(common.at(at(i + 1, j)), common.at(at(i, j + 1)));
        }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && blockName(*a.at(i)) == blockName(*b.at(j))) {
            pairs.append({i++, j++});
        } else if (j >= m || (i < n && common.at(at(i + 1, j)) >= common.at(at(i, j + 1)))) {
            pairs.append({i++, -1});
        } else {
            pairs.append({-1, j++});
        }
    }
    return pairs;
}
} // namespace

QString CompareWindow::sideName(int side) const
{
    const WorkflowRun &run = m_sides[side].run;
    const QDateTime when = run.createdAt.isValid() ? run.createdAt : run.startedAt;
    return QStringList {side == 0 ? tr("A") : tr("B"),
        RunFormat::localTime(when.toLocalTime(), QDateTime::currentDateTime()),
        RunFormat::statusText(run.status, run.statusText)}
        .join(u" · "_s);
}

CompareWindow::CompareWindow(RunSource *source, ArtifactFetcher *artifacts, const WorkflowRun &left,
    const WorkflowRun &right, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_source(source)
    , m_artifacts(artifacts)
    , m_workflowNote(new QLabel(this))
    , m_table(new QTableWidget(0, 3, this))
    , m_differenceLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("compareWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_sides[0].run = left;
    m_sides[1].run = right;
    const auto workflowOf = [](const WorkflowRun &run) {
        return run.workflowTitle.isEmpty() ? run.workflowPermanentId : run.workflowTitle;
    };
    const bool sameWorkflow = left.workflowPermanentId == right.workflowPermanentId;
    setWindowTitle(sameWorkflow
            ? tr("Compare two runs of %1").arg(workflowOf(left))
            : tr("Compare a run of %1 and a run of %2").arg(workflowOf(left), workflowOf(right)));

    m_workflowNote->setObjectName(QStringLiteral("compareWorkflowNote"));
    m_workflowNote->setTextFormat(Qt::PlainText);
    m_workflowNote->setWordWrap(true);
    m_workflowNote->setText(tr("These runs are of different workflows (%1 and %2): their "
                               "parameters and steps are not expected to match.")
                                .arg(workflowOf(left), workflowOf(right)));
    m_workflowNote->setVisible(!sameWorkflow);

    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Differences"));
    m_table->setHorizontalHeaderLabels({tr("What"), sideName(0), sideName(1)});
    for (int side : {0, 1})
        m_table->horizontalHeaderItem(side + 1)->setToolTip(m_sides[side].run.workflowRunId);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);

    // Esc and the platform's close key close it, like a dialog, though it is a window.
    for (const QKeySequence &key :
        {QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)}) {
        auto *shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, this, &QWidget::close);
    }

    m_differenceLabel->setObjectName(QStringLiteral("compareDifferenceLabel"));
    m_differenceLabel->setTextFormat(Qt::PlainText);
    m_differenceLabel->setWordWrap(true);
    auto *shots = new QWidget(this);
    auto *shotsLayout = new QHBoxLayout(shots);
    shotsLayout->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 2; ++i) {
        auto *column = new QVBoxLayout;
        auto *caption = new QLabel(shots);
        caption->setObjectName(
            i == 0 ? QStringLiteral("compareLeftCaption") : QStringLiteral("compareRightCaption"));
        caption->setTextFormat(Qt::PlainText);
        caption->setWordWrap(true);
        caption->setText(sideName(i));
        auto *label = new QLabel(tr("Loading…"), shots);
        label->setObjectName(i == 0 ? QStringLiteral("compareLeftScreenshot")
                                    : QStringLiteral("compareRightScreenshot"));
        label->setAlignment(Qt::AlignCenter);
        label->setTextFormat(Qt::PlainText);
        label->setMinimumHeight(160);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
        column->addWidget(caption);
        column->addWidget(label, 1);
        shotsLayout->addLayout(column);
        m_sides[i].screenshot = label;
        m_sides[i].caption = caption;
    }
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_differenceLabel);
    lowerLayout->addWidget(shots, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(lower);
    // The screenshots get the larger share: the table is a few dozen short rows.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_workflowNote);
    layout->addWidget(splitter, 1);

    // As large as is useful, never larger than the screen it opens on, over its parent.
    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QRect room = screen ? screen->availableGeometry() : QRect(0, 0, 1200, 820);
    resize(QSize(1200, 820).boundedTo(room.size() * 9 / 10));
    QRect frame(QPoint(), size());
    frame.moveCenter(parent ? parent->window()->geometry().center() : room.center());
    // The frame is not known before the window is shown: room is left for one.
    const QRect inside = room.adjusted(0, 0, -room.width() / 20, -room.height() / 20);
    frame.moveLeft(qBound(inside.left(), frame.left(), inside.right() - frame.width()));
    frame.moveTop(qBound(inside.top(), frame.top(), inside.bottom() - frame.height()));
    move(frame.topLeft());
    splitter->setSizes({height() * 2 / 5, height() * 3 / 5});

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
    side.hasTimeline = features.timeline;
    if (!features.timeline) {
        side.screenshot->setText(tr("No screenshots on this run's connection"));
        return;
    }
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
    const auto addRow = [this](const QString &what, const QString &left, const QString &right,
                            bool compared = true) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const bool differs = compared && left != right;
        // Marked by a sign as well as weight, so a difference reads without colour or bold.
        auto *name = new QTableWidgetItem(differs ? u"≠ "_s + what : what);
        name->setData(Qt::UserRole, differs);
        QFont font = m_table->font();
        font.setBold(differs);
        name->setFont(font);
        m_table->setItem(row, 0, name);
        for (int column : {1, 2}) {
            const QString text = column == 1 ? left : right;
            auto *item = new QTableWidgetItem(text.isEmpty() ? u"—"_s : text); // as the list does
            item->setFont(font);
            item->setToolTip(item->text());
            m_table->setItem(row, column, item);
        }
    };
    const Side &a = m_sides[0];
    const Side &b = m_sides[1];
    addRow(tr("Run"), a.run.workflowRunId, b.run.workflowRunId, false); // always two ids
    const auto both = [&](const std::function<QString(const Side &)> &value) {
        return std::pair {value(a), value(b)};
    };
    auto [statusA, statusB]
        = both([](const Side &s) { return RunFormat::statusText(s.run.status, s.run.statusText); });
    addRow(tr("Status"), statusA, statusB);
    auto [workflowA, workflowB] = both([](const Side &s) {
        return s.run.workflowTitle.isEmpty()
            ? s.run.workflowPermanentId
            : tr("%1 (%2)").arg(s.run.workflowTitle, s.run.workflowPermanentId);
    });
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

    // The timelines block by block, lined up by name, then the first action where they part
    // ways.
    // A run without a timeline would show every block of the other as "(not run)".
    const bool timelines = a.hasTimeline && b.hasTimeline;
    const QList<const TimelineEntry *> blocksA = blocksOf(timelines ? a.timeline : std::nullopt);
    const QList<const TimelineEntry *> blocksB = blocksOf(timelines ? b.timeline : std::nullopt);
    for (const auto &[i, j] : alignBlocks(blocksA, blocksB)) {
        const TimelineEntry *blockA = i >= 0 ? blocksA.at(i) : nullptr;
        const TimelineEntry *blockB = j >= 0 ? blocksB.at(j) : nullptr;
        addRow(tr("Block %1").arg(blockName(blockA ? *blockA : *blockB)),
            blockA ? blockText(*blockA) : tr("(not run)"),
            blockB ? blockText(*blockB) : tr("(not run)"));
    }
    for (const Side &side : m_sides) {
        if (!side.problem.isEmpty())
            addRow(tr("Could not load"), side.run.workflowRunId, side.problem);
    }
    m_table->resizeRowsToContents();

    if (!timelines) {
        m_differenceLabel->setText(
            tr("%1's connection keeps no step-by-step timeline: the runs are compared by the "
               "fields above.")
                .arg(a.hasTimeline ? b.run.workflowRunId : a.run.workflowRunId));
        return;
    }
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
            tr("The runs took the same %n action(s); below, where each ended.", nullptr,
                int(actionsA.size())));
        // Where each ended is the picture worth comparing: their last actions.
        const TimelineAction *lastA = actionsA.isEmpty() ? nullptr : actionsA.constLast();
        const TimelineAction *lastB = actionsB.isEmpty() ? nullptr : actionsB.constLast();
        for (int side : {0, 1}) {
            const TimelineAction *action = side == 0 ? lastA : lastB;
            m_sides[side].caption->setText(action
                    ? tr("%1 — its last step: %2").arg(sideName(side), actionText(*action))
                    : sideName(side));
        }
        showScreenshots(lastA, lastB);
        return;
    }
    m_firstDifference = tr("step %1").arg(first + 1);
    const TimelineAction *left = first < actionsA.size() ? actionsA.at(first) : nullptr;
    const TimelineAction *right = first < actionsB.size() ? actionsB.at(first) : nullptr;
    const auto stepOf = [](const TimelineAction *action) {
        return action ? actionText(*action) : tr("(no such step)");
    };
    m_differenceLabel->setText(tr("They part ways at step %1:\n%2: %3\n%4: %5")
                                   .arg(first + 1)
                                   .arg(tr("A"), stepOf(left), tr("B"), stepOf(right)));
    for (int side : {0, 1}) {
        const TimelineAction *action = side == 0 ? left : right;
        m_sides[side].caption->setText(
            tr("%1 — step %2: %3")
                .arg(sideName(side))
                .arg(first + 1)
                .arg(action ? actionText(*action) : tr("(no such step)")));
    }
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
