#include "failuregroupmodel.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSet>

#include "runformat.h"
#include "runlistmodel.h"
#include "workflowrun.h"

using namespace Qt::StringLiterals;

namespace {

constexpr QChar kGap(0x2026); // "…", what stands for a part that differs between runs
constexpr int kMaxQuoted = 200; // a quote not closed by then is a lone quotation mark
constexpr int kMaxTitlesInTip = 20;

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-';
}

/** The end of a quoted string opening at `p` (past its closing mark), or null. */
const QChar *quotedEnd(const QChar *p, const QChar *begin, const QChar *end)
{
    QChar close;
    switch (p->unicode()) {
    case u'"':
    case u'`':
        close = *p;
        break;
    case u'\'':
        // An apostrophe inside a word ("don't") opens nothing.
        if (p > begin && p[-1].isLetterOrNumber())
            return nullptr;
        close = *p;
        break;
    case 0x201C: // “
        close = QChar(0x201D);
        break;
    case 0x2018: // ‘
        close = QChar(0x2019);
        break;
    case 0x00AB: // «
        close = QChar(0x00BB);
        break;
    default:
        return nullptr;
    }
    const QChar *last = std::min(end, p + kMaxQuoted);
    for (const QChar *q = p + 1; q < last; ++q) {
        if (*q == close && (close != u'\'' || q + 1 == end || !q[1].isLetterOrNumber()))
            return q + 1;
    }
    return nullptr;
}

/** The end of a link whose "scheme://" ends before `p`: up to a space or a quotation mark. */
const QChar *linkEnd(const QChar *p, const QChar *end)
{
    const auto endsLink = [](QChar c) {
        switch (c.unicode()) {
        case u'"':
        case u'\'':
        case u'`':
        case u'<':
        case u'>':
        case 0x201C: // “ ”
        case 0x201D:
        case 0x2018: // ‘ ’
        case 0x2019:
        case 0x00AB: // « »
        case 0x00BB:
            return true;
        default:
            return c.isSpace();
        }
    };
    // Punctuation closing the sentence is not part of the link.
    const auto closesSentence = [](QChar c) {
        switch (c.unicode()) {
        case u'.':
        case u',':
        case u';':
        case u':':
        case u'!':
        case u'?':
        case u')':
        case u']':
            return true;
        default:
            return false;
        }
    };
    const QChar *q = p;
    while (q < end && !endsLink(*q))
        ++q;
    while (q > p && closesSentence(q[-1]))
        --q;
    return q;
}

struct Word
{
    const QChar *end;
    bool hasDigit = false;
    bool hasUnderscore = false;
};

/**
 * The word at `p`. A number goes on over separators between digits ("1,234.5", "10:05:00",
 * "127.0.0.1"), so it is one part however it is written.
 */
Word wordAt(const QChar *p, const QChar *end)
{
    Word word {p};
    for (;;) {
        for (; word.end < end; ++word.end) {
            const QChar c = *word.end;
            if (c.isDigit())
                word.hasDigit = true;
            else if (c == u'_')
                word.hasUnderscore = true;
            else if (!c.isLetterOrNumber() && c != u'-')
                break;
        }
        const char16_t next = word.end < end ? word.end->unicode() : u' ';
        const bool joinsDigits = next == u'.' || next == u',' || next == u':' || next == u'/';
        if (word.hasDigit && joinsDigits && end - word.end >= 2 && word.end[1].isDigit()) {
            ++word.end;
            continue;
        }
        return word;
    }
}

/** A word that names one run or differs between runs: numbers, hex, ids. */
bool isVariableWord(QStringView text, const Word &word)
{
    if (word.hasDigit)
        return true;
    if (word.hasUnderscore) {
        // Ids of runs, tasks, workflows and sessions, even those without digits.
        static constexpr QStringView kIdPrefixes[] {
            u"wr_", u"tsk_", u"wpid_", u"w_", u"pbs_", u"o_", u"cr_", u"wrs_"};
        for (QStringView prefix : kIdPrefixes) {
            if (text.size() > prefix.size() && text.startsWith(prefix))
                return true;
        }
        return false;
    }
    if (text.size() < 8)
        return false;
    const auto isHexLetter
        = [](QChar c) { return (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F'); };
    return std::any_of(text.begin(), text.end(), isHexLetter)
        && std::all_of(text.begin(), text.end(),
            [&isHexLetter](QChar c) { return isHexLetter(c) || c == u'-'; });
}

/** When a group's runs began, first or last; a dash where the source does not say. */
QString seenText(qint64 msecs)
{
    if (msecs == std::numeric_limits<qint64>::min())
        return u"—"_s;
    return RunFormat::localTime(
        QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC), QDateTime::currentDateTimeUtc());
}

} // namespace

QString normalizedFailureReason(const QString &reason)
{
    // Written in place: every part replaced is at least as long as its "…" and spaces only
    // shrink, so the result never outgrows the reason.
    QString out(reason.size(), Qt::Uninitialized);
    QChar *const first = out.data();
    QChar *o = first;
    const QChar *const begin = reason.constData();
    const QChar *const end = begin + reason.size();
    bool space = false;
    const auto separate = [&] {
        if (space && o != first)
            *o++ = u' ';
        space = false;
    };
    // What comes after the cut cannot change what is before it, so reading stops there.
    for (const QChar *p = begin; p < end && o - first <= kMaxNormalizedReason;) {
        if (p->isSpace()) {
            space = true;
            ++p;
            continue;
        }
        separate();
        if (const QChar *quoteEnd = quotedEnd(p, begin, end)) {
            *o++ = kGap;
            p = quoteEnd;
            continue;
        }
        if (!isWordChar(*p)) {
            *o++ = *p++;
            continue;
        }
        const Word word = wordAt(p, end);
        if (end - word.end > 3 && word.end[0] == u':' && word.end[1] == u'/'
            && word.end[2] == u'/') {
            *o++ = kGap; // a link: "https://…"
            p = linkEnd(word.end + 3, end);
            continue;
        }
        if (isVariableWord(QStringView(p, word.end), word)) {
            *o++ = kGap;
        } else {
            o = std::copy(p, word.end, o);
        }
        p = word.end;
    }
    out.truncate(o - first);
    if (out.size() > kMaxNormalizedReason) {
        out.truncate(kMaxNormalizedReason - 1);
        if (out.back().isHighSurrogate())
            out.chop(1);
        while (out.endsWith(u' '))
            out.chop(1);
        out += kGap;
    }
    return out;
}

FailureGroupModel::FailureGroupModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

FailureGroupModel::~FailureGroupModel() = default;

void FailureGroupModel::setRunList(RunListModel *model)
{
    if (model == m_list)
        return;
    if (m_list)
        disconnect(m_list, nullptr, this, nullptr);
    beginResetModel();
    m_list = model;
    rebuild();
    endResetModel();
    if (model) {
        const auto regroup = [this] {
            beginResetModel();
            rebuild();
            endResetModel();
            emit groupsChanged();
        };
        connect(model, &QAbstractItemModel::modelReset, this, regroup);
        // Reordered rows stay in their groups, but the runs a group lists follow the list's
        // order; the run list itself only reorders by a reset, so this is rare.
        connect(model, &QAbstractItemModel::layoutChanged, this, regroup);
        connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    onRowsInserted(first, last);
            });
        connect(model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    onRowsRemoved(first, last);
            });
        connect(model, &QAbstractItemModel::rowsMoved, this, regroup); // the list never moves
        connect(model, &QAbstractItemModel::dataChanged, this, &FailureGroupModel::onDataChanged);
        connect(model, &QObject::destroyed, this, [this, regroup] {
            m_list = nullptr; // half gone already: nothing of it may be read
            regroup();
        });
    }
    emit groupsChanged();
}

QString FailureGroupModel::coverageText() const
{
    const int rows = m_list ? m_list->rowCount() : 0;
    if (rows == 0)
        return tr("No runs loaded");
    const QString loaded = QLocale().toString(rows);
    const int failures = failureCount();
    QString text = m_list->isExhausted()
        ? tr("%n failure(s) in all %1 runs", nullptr, failures).arg(loaded)
        : tr("%n failure(s) in the %1 newest runs loaded", nullptr, failures).arg(loaded);
    // Codes are learned from run details, which are fetched for the runs shown, not all.
    if (m_codesKnown < failures)
        text += u' ' + tr("(error codes known for %n)", nullptr, m_codesKnown);
    return text;
}

std::optional<FailureGroupModel::Placement> FailureGroupModel::placementOf(const WorkflowRun &run)
{
    if (!isFailedStatus(run.status))
        return std::nullopt;
    Placement placement;
    const QStringList codes = m_list->errorCodes(run.workflowRunId);
    placement.codesKnown = !codes.isEmpty() || m_list->hasErrorCodes(run.workflowRunId);
    if (!codes.isEmpty())
        placement.code = codes.constFirst();
    // A category and a reason that read the same are one cause to whoever reads the list.
    if (!run.failureCategory.isEmpty())
        placement.cause = run.failureCategory.at(0).toObject().value("category"_L1).toString();
    if (placement.cause.isEmpty())
        placement.cause = normalizedFailureReason(m_list->failureReasonOf(run));
    const QDateTime time = run.orderTime();
    placement.time = time.isValid() ? time.toMSecsSinceEpoch() : kNoTime;
    const QString &workflow = !run.workflowPermanentId.isEmpty()
        ? run.workflowPermanentId
        : (!run.workflowId.isEmpty() ? run.workflowId : run.workflowTitle);
    auto id = m_workflowIds.constFind(workflow);
    if (id == m_workflowIds.cend())
        id = m_workflowIds.insert(workflow, int(m_workflowIds.size()));
    placement.workflow = *id;
    return placement;
}

FailureGroupModel::Group *FailureGroupModel::groupFor(
    const Placement &placement, std::vector<std::unique_ptr<Group>> *pending)
{
    Group *top = m_groupByCode.value(placement.code);
    if (!top) {
        auto made = std::make_unique<Group>();
        made->key = placement.code;
        made->text = placement.code.isEmpty() ? tr("No error code") : placement.code;
        top = made.get();
        m_groupByCode.insert(placement.code, top);
        if (pending) {
            pending->push_back(std::move(made));
        } else {
            top->shown = true;
            m_groups.push_back(std::move(made));
        }
    }
    Group *child = top->childByKey.value(placement.cause);
    if (!child) {
        auto made = std::make_unique<Group>();
        made->key = placement.cause;
        made->text = placement.cause.isEmpty() ? tr("No failure reason") : placement.cause;
        made->parent = top;
        child = made.get();
        top->childByKey.insert(placement.cause, child);
        // The children of a top group not shown yet appear with it.
        if (pending && top->shown) {
            pending->push_back(std::move(made));
        } else {
            child->shown = top->shown;
            top->children.push_back(std::move(made));
        }
    }
    return child;
}

void FailureGroupModel::addMember(int row, const Placement &placement, Group *child)
{
    for (Group *group : {child, child->parent}) {
        ++group->count;
        if (placement.time != kNoTime) {
            group->firstSeen = group->firstSeen == kNoTime
                ? placement.time
                : std::min(group->firstSeen, placement.time);
            group->lastSeen = std::max(group->lastSeen, placement.time);
        }
        ++group->workflows[placement.workflow];
    }
    ++m_failures;
    m_codesKnown += placement.codesKnown;
    m_rows[row] = {child, placement.time, placement.workflow, placement.codesKnown};
}

void FailureGroupModel::removeMember(const Member &member)
{
    for (Group *group : {member.group, member.group->parent}) {
        --group->count;
        if (member.time != kNoTime
            && (member.time == group->firstSeen || member.time == group->lastSeen))
            group->timesStale = true;
        const auto workflow = group->workflows.find(member.workflow);
        if (workflow != group->workflows.end() && --*workflow == 0)
            group->workflows.erase(workflow);
    }
    --m_failures;
    m_codesKnown -= member.codesKnown;
}

void FailureGroupModel::rebuild()
{
    m_groups.clear();
    m_groupByCode.clear();
    m_rows.clear();
    m_workflowIds.clear();
    m_failures = 0;
    m_codesKnown = 0;
    if (!m_list)
        return;
    const int rows = m_list->rowCount();
    m_rows.resize(rows);
    for (int row = 0; row < rows; ++row) {
        const std::optional<Placement> placement = placementOf(*m_list->runAt(row));
        if (placement)
            addMember(row, *placement, groupFor(*placement, nullptr));
    }
    sortGroups(false);
}

bool FailureGroupModel::applyChanges(const QList<Change> &changes)
{
    std::vector<std::unique_ptr<Group>> pending;
    QSet<Group *> touched;
    for (const Change &change : changes) {
        const Member &before = change.before;
        const std::optional<Placement> &now = change.now;
        if (!before.group && !now)
            continue;
        if (before.group && now) {
            // Still in its group and adding the same to it: the change shows elsewhere.
            const Group *top = m_groupByCode.value(now->code);
            const Group *child = top ? top->childByKey.value(now->cause) : nullptr;
            if (before.group == child && before.time == now->time
                && before.workflow == now->workflow && before.codesKnown == now->codesKnown)
                continue;
        }
        if (before.group) {
            touched.insert(before.group);
            touched.insert(before.group->parent);
            removeMember(before);
            if (change.row >= 0)
                m_rows[change.row] = Member();
        }
        if (now) {
            Group *child = groupFor(*now, &pending);
            addMember(change.row, *now, child);
            touched.insert(child);
            touched.insert(child->parent);
        }
    }
    if (touched.isEmpty())
        return false;

    // A new group left empty by the same batch never shows.
    for (auto &group : pending) {
        if (group->count > 0)
            continue;
        touched.remove(group.get());
        for (const auto &child : group->children)
            touched.remove(child.get());
        if (group->parent)
            group->parent->childByKey.remove(group->key);
        else
            m_groupByCode.remove(group->key);
        group.reset();
    }

    // Groups left empty go; a top group takes its children with it.
    const auto renumber = [](std::vector<std::unique_ptr<Group>> &groups, int from) {
        for (int row = from; row < int(groups.size()); ++row)
            groups[row]->row = row;
    };
    const auto dropEmptyChildren = [this, &touched, &renumber](Group *top) {
        for (int row = int(top->children.size()) - 1; row >= 0; --row) {
            Group *child = top->children[row].get();
            if (child->count > 0)
                continue;
            if (top->shown)
                beginRemoveRows(indexOf(top), row, row);
            touched.remove(child);
            top->childByKey.remove(child->key);
            top->children.erase(top->children.begin() + row);
            renumber(top->children, row);
            if (top->shown)
                endRemoveRows();
        }
    };
    for (int row = int(m_groups.size()) - 1; row >= 0; --row) {
        Group *top = m_groups[row].get();
        if (top->count > 0) {
            dropEmptyChildren(top);
            continue;
        }
        beginRemoveRows({}, row, row);
        touched.remove(top);
        for (const auto &child : top->children)
            touched.remove(child.get());
        m_groupByCode.remove(top->key);
        m_groups.erase(m_groups.begin() + row);
        renumber(m_groups, row);
        endRemoveRows();
    }

    // New groups go in at the end of their level; sorting then puts them in their place.
    for (const auto &top : m_groups) {
        std::vector<std::unique_ptr<Group>> children;
        for (auto &group : pending) {
            if (group && group->parent == top.get())
                children.push_back(std::move(group));
        }
        if (children.empty())
            continue;
        const int first = int(top->children.size());
        beginInsertRows(indexOf(top.get()), first, first + int(children.size()) - 1);
        for (auto &child : children) {
            child->shown = true;
            top->children.push_back(std::move(child));
        }
        renumber(top->children, first);
        endInsertRows();
    }
    std::vector<std::unique_ptr<Group>> tops;
    for (auto &group : pending) {
        if (!group)
            continue;
        dropEmptyChildren(group.get()); // not shown yet: no signal
        renumber(group->children, 0);
        tops.push_back(std::move(group));
    }
    if (!tops.empty()) {
        const int first = int(m_groups.size());
        beginInsertRows({}, first, first + int(tops.size()) - 1);
        for (auto &top : tops) {
            top->shown = true;
            for (const auto &child : top->children)
                child->shown = true;
            m_groups.push_back(std::move(top));
        }
        renumber(m_groups, first);
        endInsertRows();
    }

    recomputeStaleTimes();
    sortGroups(true);
    for (Group *group : std::as_const(touched))
        emit dataChanged(indexOf(group, RunsColumn), indexOf(group, WorkflowsColumn));
    return true;
}

void FailureGroupModel::recomputeStaleTimes()
{
    QSet<const Group *> stale;
    for (const auto &top : m_groups) {
        for (const auto &child : top->children) {
            if (child->timesStale) {
                child->firstSeen = kNoTime;
                child->lastSeen = kNoTime;
                child->timesStale = false;
                stale.insert(child.get());
            }
        }
    }
    if (!stale.isEmpty()) {
        for (const Member &member : m_rows) {
            if (!member.group || member.time == kNoTime || !stale.contains(member.group))
                continue;
            Group *group = member.group;
            group->firstSeen = group->firstSeen == kNoTime
                ? member.time
                : std::min(group->firstSeen, member.time);
            group->lastSeen = std::max(group->lastSeen, member.time);
        }
    }
    // A top group's edges are its children's.
    for (const auto &top : m_groups) {
        if (!top->timesStale)
            continue;
        top->firstSeen = kNoTime;
        top->lastSeen = kNoTime;
        for (const auto &child : top->children) {
            if (child->firstSeen == kNoTime)
                continue;
            top->firstSeen = top->firstSeen == kNoTime ? child->firstSeen
                                                       : std::min(top->firstSeen, child->firstSeen);
            top->lastSeen = std::max(top->lastSeen, child->lastSeen);
        }
        top->timesStale = false;
    }
}

bool FailureGroupModel::sortGroups(bool announce)
{
    // Most runs first, then the most recent; the key only breaks ties, so the order is one
    // and the same whatever it was before, and nothing moves that need not.
    const auto before = [](const std::unique_ptr<Group> &a, const std::unique_ptr<Group> &b) {
        if (a->count != b->count)
            return a->count > b->count;
        if (a->lastSeen != b->lastSeen)
            return a->lastSeen > b->lastSeen;
        return a->key < b->key;
    };
    if (announce) {
        bool sorted = std::is_sorted(m_groups.cbegin(), m_groups.cend(), before);
        for (auto top = m_groups.cbegin(); sorted && top != m_groups.cend(); ++top)
            sorted = std::is_sorted((*top)->children.cbegin(), (*top)->children.cend(), before);
        if (sorted)
            return false;
    }
    QModelIndexList persistent;
    QList<std::pair<const Group *, int>> targets;
    if (announce) {
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        persistent = persistentIndexList();
        for (const QModelIndex &index : std::as_const(persistent))
            targets.append({groupAt(index), index.column()});
    }
    std::sort(m_groups.begin(), m_groups.end(), before);
    for (int row = 0; row < int(m_groups.size()); ++row) {
        Group *top = m_groups[row].get();
        top->row = row;
        std::sort(top->children.begin(), top->children.end(), before);
        for (int childRow = 0; childRow < int(top->children.size()); ++childRow)
            top->children[childRow]->row = childRow;
    }
    if (announce) {
        QModelIndexList moved;
        moved.reserve(targets.size());
        for (const auto &[group, column] : std::as_const(targets))
            moved.append(indexOf(group, column));
        changePersistentIndexList(persistent, moved);
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }
    return true;
}

void FailureGroupModel::onRowsInserted(int first, int last)
{
    m_rows.insert(m_rows.begin() + first, last - first + 1, Member());
    QList<Change> changes;
    for (int row = first; row <= last; ++row) {
        if (auto placement = placementOf(*m_list->runAt(row)))
            changes.append({Member(), std::move(placement), row});
    }
    applyChanges(changes);
    emit groupsChanged(); // more runs loaded, whether or not one failed
}

void FailureGroupModel::onRowsRemoved(int first, int last)
{
    // The rows go first, so they match the list's while views hear of the groups changing.
    QList<Change> changes;
    for (int row = first; row <= last; ++row) {
        if (m_rows[row].group)
            changes.append({m_rows[row], std::nullopt, -1});
    }
    m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
    applyChanges(changes);
    emit groupsChanged();
}

void FailureGroupModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const auto spans
        = [&](int column) { return topLeft.column() <= column && column <= bottomRight.column(); };
    // What decides a run's group or what it adds to it; a duration ticking or tags arriving
    // change neither.
    if (spans(RunListModel::StatusColumn) || spans(RunListModel::RunIdColumn)
        || spans(RunListModel::CreatedColumn) || spans(RunListModel::StartedColumn)
        || spans(RunListModel::FailureReasonColumn) || spans(RunListModel::ErrorCodesColumn)
        || spans(RunListModel::SourceColumn)) {
        QList<Change> changes;
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
            auto placement = placementOf(*m_list->runAt(row));
            if (placement || m_rows[row].group)
                changes.append({m_rows[row], std::move(placement), row});
        }
        if (applyChanges(changes))
            emit groupsChanged();
    } else if (spans(RunListModel::WorkflowColumn) && !m_groups.empty()) {
        // Names of workflows arrived: the tips that list them read differently.
        const QList<int> roles {Qt::ToolTipRole};
        emit dataChanged(index(0, WorkflowsColumn), index(rowCount() - 1, WorkflowsColumn), roles);
        for (const auto &top : m_groups) {
            if (!top->children.empty())
                emit dataChanged(indexOf(top->children.front().get(), WorkflowsColumn),
                    indexOf(top->children.back().get(), WorkflowsColumn), roles);
        }
    }
}

FailureGroupModel::Group *FailureGroupModel::groupAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (const auto *top = static_cast<const Group *>(index.internalPointer()))
        return top->children.at(index.row()).get();
    return m_groups.at(index.row()).get();
}

QModelIndex FailureGroupModel::indexOf(const Group *group, int column) const
{
    return createIndex(group->row, column, group->parent);
}

QModelIndex FailureGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // A child's index carries its top group; a top group's carries nothing.
    return createIndex(row, column, parent.isValid() ? m_groups.at(parent.row()).get() : nullptr);
}

QModelIndex FailureGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const auto *top = static_cast<const Group *>(child.internalPointer());
    return top ? createIndex(top->row, GroupColumn) : QModelIndex();
}

int FailureGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != GroupColumn || parent.internalPointer())
        return 0;
    return int(m_groups.at(parent.row())->children.size());
}

int FailureGroupModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QStringList FailureGroupModel::runKeys(const Group *group) const
{
    QStringList keys;
    if (!m_list)
        return keys;
    keys.reserve(group->count);
    for (int row = 0; row < int(m_rows.size()) && keys.size() < group->count; ++row) {
        const Group *child = m_rows[row].group;
        if (child && (child == group || child->parent == group))
            keys.append(RunListModel::rowKey(*m_list->runAt(row)));
    }
    return keys;
}

QStringList FailureGroupModel::workflowTitles(const Group *group) const
{
    QStringList titles;
    if (!m_list)
        return titles;
    // Named as the run list names them: the run's title, or the workflows list's.
    QSet<int> wanted;
    for (auto it = group->workflows.keyBegin(); it != group->workflows.keyEnd(); ++it)
        wanted.insert(*it);
    for (int row = 0; row < int(m_rows.size()) && !wanted.isEmpty(); ++row) {
        const Member &member = m_rows[row];
        if (!member.group || (member.group != group && member.group->parent != group)
            || !wanted.remove(member.workflow))
            continue;
        const QString title = m_list->index(row, RunListModel::WorkflowColumn).data().toString();
        titles.append(title.isEmpty() ? tr("Unnamed workflow") : title);
    }
    std::sort(titles.begin(), titles.end(),
        [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    if (titles.size() > kMaxTitlesInTip) {
        const int more = int(titles.size()) - kMaxTitlesInTip;
        titles.resize(kMaxTitlesInTip);
        titles.append(tr("and %n more", nullptr, more));
    }
    return titles;
}

QVariant FailureGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Group *group = groupAt(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case GroupColumn:
            return group->text;
        case RunsColumn:
            return group->count;
        case FirstSeenColumn:
            return seenText(group->firstSeen);
        case LastSeenColumn:
            return seenText(group->lastSeen);
        case WorkflowsColumn:
            return int(group->workflows.size());
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case GroupColumn: {
            // The whole story of the group in its tip, for a panel too narrow for the columns.
            QString what = group->text;
            if (group->key.isEmpty() && !group->parent)
                what = tr("Failed runs whose error codes are not known yet, or that have none");
            else if (group->key.isEmpty())
                what = tr("Failed runs with neither a failure category nor a reason");
            const auto when = [](qint64 time) {
                return time == kNoTime
                    ? QString()
                    : QLocale().toString(
                        QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).toLocalTime(),
                        QLocale::ShortFormat);
            };
            QStringList lines {what, tr("%n failed run(s)", nullptr, group->count)};
            if (group->firstSeen != kNoTime)
                lines.append(tr("First seen %1, last seen %2")
                                 .arg(when(group->firstSeen), when(group->lastSeen)));
            const QStringList workflows = workflowTitles(group);
            if (!workflows.isEmpty())
                lines.append(tr("Workflows: %1").arg(workflows.mid(0, 8).join(u", "_s)));
            return lines.join(u'\n');
        }
        case FirstSeenColumn:
        case LastSeenColumn: {
            const qint64 time
                = index.column() == FirstSeenColumn ? group->firstSeen : group->lastSeen;
            if (time == kNoTime)
                return {};
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).toLocalTime(), QLocale::LongFormat);
        }
        case WorkflowsColumn:
            return workflowTitles(group).join(u'\n');
        }
        break;
    case SortRole:
        switch (index.column()) {
        case GroupColumn:
            return group->text;
        case RunsColumn:
            return group->count;
        case FirstSeenColumn:
            return group->firstSeen;
        case LastSeenColumn:
            return group->lastSeen;
        case WorkflowsColumn:
            return int(group->workflows.size());
        }
        break;
    case RunKeysRole:
        return runKeys(group);
    case ErrorCodeRole:
        return (group->parent ? group->parent : group)->key;
    default:
        break;
    }
    return {};
}

QVariant FailureGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case GroupColumn:
        return tr("Cause");
    case RunsColumn:
        return tr("Runs");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case WorkflowsColumn:
        return tr("Workflows");
    default:
        return {};
    }
}
