#include "timelinemodel.h"

#include <QHash>

#include "runformat.h"

using namespace Qt::StringLiterals;

namespace {
QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u'\n');
    return end < 0 ? trimmed : trimmed.left(end);
}

bool entryFailed(const TimelineEntry &entry)
{
    return entry.kind == TimelineEntry::Kind::Block && isFailureLike(entry.block.status);
}
} // namespace

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

void TimelineModel::setTimeline(const RunTimeline &timeline)
{
    beginResetModel();
    m_timeline = timeline;
    m_nodes.clear();
    m_roots.clear();
    m_nodes.reserve(m_timeline.entryCount() + m_timeline.actionCount());
    QList<int> path;
    addEntries(std::as_const(m_timeline).entries, -1, path);
    endResetModel();
}

void TimelineModel::clear()
{
    setTimeline({});
}

void TimelineModel::addEntries(const QList<TimelineEntry> &entries, int parent, QList<int> &path)
{
    for (int i = 0; i < entries.size(); ++i) {
        const TimelineEntry &entry = entries.at(i);
        path.append(i);
        const int node = int(m_nodes.size());
        const int row = int(parent < 0 ? m_roots.size() : m_nodes.at(parent).children.size());
        m_nodes.append({parent, row, &entry, -1, path, {}});
        (parent < 0 ? m_roots : m_nodes[parent].children).append(node);
        // The block's own actions first, then what is nested in it: the order it ran in.
        for (int action = 0; action < entry.block.actions.size(); ++action) {
            const int child = int(m_nodes.size());
            m_nodes.append({node, int(m_nodes[node].children.size()), &entry, action, path, {}});
            m_nodes[node].children.append(child);
        }
        addEntries(entry.children, node, path);
        path.removeLast();
    }
}

const TimelineModel::Node *TimelineModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() >= quintptr(m_nodes.size()))
        return nullptr;
    return &m_nodes.at(int(index.internalId()));
}

QModelIndex TimelineModel::indexOf(const TimelinePosition &position) const
{
    if (!position.isValid())
        return {};
    int node = -1;
    for (int entryRow : position.entryPath) {
        // Among a node's children its actions come first, then its entries in their order.
        const QList<int> &children = node < 0 ? m_roots : m_nodes.at(node).children;
        const int actions = node < 0 ? 0 : int(m_nodes.at(node).entry->block.actions.size());
        const int row = actions + entryRow;
        if (row >= children.size())
            return {};
        node = children.at(row);
    }
    if (position.action >= 0) {
        const QList<int> &children = m_nodes.at(node).children;
        if (position.action >= children.size()
            || m_nodes.at(children.at(position.action)).action < 0)
            return {};
        node = children.at(position.action);
    }
    return createIndex(m_nodes.at(node).row, 0, quintptr(node));
}

TimelinePosition TimelineModel::positionOf(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    return node ? TimelinePosition {node->entryPath, node->action} : TimelinePosition {};
}

const TimelineAction *TimelineModel::actionAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    return node && node->action >= 0 ? &node->entry->block.actions.at(node->action) : nullptr;
}

const TimelineEntry *TimelineModel::entryAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    return node && node->action < 0 ? node->entry : nullptr;
}

QModelIndex TimelineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const QList<int> *children = &m_roots;
    if (parent.isValid()) {
        const Node *node = nodeAt(parent);
        if (!node || parent.column() != 0)
            return {};
        children = &node->children;
    }
    if (row >= children->size())
        return {};
    return createIndex(row, column, quintptr(children->at(row)));
}

QModelIndex TimelineModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeAt(child);
    if (!node || node->parent < 0)
        return {};
    return createIndex(m_nodes.at(node->parent).row, 0, quintptr(node->parent));
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    const Node *node = nodeAt(parent);
    return node && parent.column() == 0 ? int(node->children.size()) : 0;
}

int TimelineModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString TimelineModel::actionTypeText(const QString &wireType)
{
    static const QHash<QString, const char *> words {
        {u"click"_s, QT_TR_NOOP("Click")},
        {u"input_text"_s, QT_TR_NOOP("Type text")},
        {u"select_option"_s, QT_TR_NOOP("Select an option")},
        {u"upload_file"_s, QT_TR_NOOP("Upload a file")},
        {u"download_file"_s, QT_TR_NOOP("Download a file")},
        {u"checkbox"_s, QT_TR_NOOP("Tick a box")},
        {u"wait"_s, QT_TR_NOOP("Wait")},
        {u"null_action"_s, QT_TR_NOOP("Look")},
        {u"solve_captcha"_s, QT_TR_NOOP("Solve a CAPTCHA")},
        {u"terminate"_s, QT_TR_NOOP("Stop")},
        {u"complete"_s, QT_TR_NOOP("Complete")},
        {u"reload_page"_s, QT_TR_NOOP("Reload the page")},
        {u"extract"_s, QT_TR_NOOP("Extract")},
        {u"scroll"_s, QT_TR_NOOP("Scroll")},
        {u"keypress"_s, QT_TR_NOOP("Press keys")},
        {u"goto_url"_s, QT_TR_NOOP("Go to a page")},
        {u"verification_code"_s, QT_TR_NOOP("Enter a code")},
    };
    const auto word = words.constFind(wireType);
    if (word != words.constEnd())
        return tr(*word);
    QString text = wireType.left(40);
    text.replace(u'_', u' ');
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString TimelineModel::actionStatusText(const TimelineAction &action)
{
    if (action.isInProgress())
        return tr("In progress");
    switch (action.status) {
    case ActionStatus::Pending:
        return tr("Pending");
    case ActionStatus::Skipped:
        return tr("Skipped");
    case ActionStatus::Failed:
        return tr("Failed");
    case ActionStatus::Completed:
        return tr("Completed");
    case ActionStatus::Unknown:
        break;
    }
    return action.statusText.left(40);
}

QString TimelineModel::actionText(const TimelineAction &action)
{
    QString what = firstLine(action.intention);
    if (what.isEmpty())
        what = firstLine(action.description);
    if (what.isEmpty())
        what = firstLine(action.reasoning);
    const QString type = actionTypeText(action.actionType);
    return what.isEmpty() ? type : tr("%1: %2").arg(type, what.left(300));
}

QString TimelineModel::stepText(const Node &node) const
{
    if (node.action >= 0)
        return actionText(node.entry->block.actions.at(node.action));
    const TimelineEntry &entry = *node.entry;
    switch (entry.kind) {
    case TimelineEntry::Kind::Block:
        return entry.block.label.isEmpty() || entry.block.label == entry.block.blockType
            ? entry.block.blockType.left(80)
            : tr("%1 (%2)").arg(entry.block.label.left(200), entry.block.blockType.left(40));
    case TimelineEntry::Kind::Thought:
        return tr("Thought: %1").arg(firstLine(entry.title()).left(300));
    case TimelineEntry::Kind::Unknown:
        break;
    }
    return firstLine(entry.title()).left(200);
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeAt(index);
    if (!node)
        return {};
    const TimelineAction *action
        = node->action >= 0 ? &node->entry->block.actions.at(node->action) : nullptr;
    const TimelineEntry &entry = *node->entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StepColumn:
            return stepText(*node);
        case StatusColumn:
            if (action)
                return actionStatusText(*action);
            return entry.kind == TimelineEntry::Kind::Block
                ? RunFormat::statusText(entry.block.status, entry.block.statusText)
                : QString();
        case DurationColumn: {
            const std::optional<double> seconds
                = action ? action->durationSeconds() : entry.block.durationSeconds;
            return seconds ? RunFormat::duration(qint64(*seconds * 1000)) : QString();
        }
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == StepColumn ? stepText(*node) : QVariant();
    case IsActionRole:
        return action != nullptr;
    case FailedRole:
        return action ? action->status == ActionStatus::Failed : entryFailed(entry);
    case ReasoningRole:
        if (action)
            return action->reasoning;
        return entry.kind == TimelineEntry::Kind::Thought ? entry.thought.thought
                                                          : entry.block.failureReason;
    case StepIdRole:
        return action ? action->stepId : QString();
    case ScreenshotIdRole:
        return action ? action->screenshotArtifactId : QString();
    case BlockIdRole:
        return entry.kind == TimelineEntry::Kind::Block ? entry.block.workflowRunBlockId
                                                        : QString();
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StepColumn:
        return tr("Step");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}
