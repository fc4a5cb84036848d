#include "runtimeline.h"

#include <algorithm>
#include <functional>

#include <QCoreApplication>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

namespace {

/** Calls `visit` for every entry, depth first in the timeline's order, with its path. */
void walk(const QList<TimelineEntry> &entries, QList<int> &path,
    const std::function<void(const TimelineEntry &, const QList<int> &)> &visit)
{
    for (int i = 0; i < entries.size(); ++i) {
        path.append(i);
        visit(entries.at(i), path);
        walk(entries.at(i).children, path, visit);
        path.removeLast();
    }
}

/** When an action happened, for finding the latest: created, else started. */
QDateTime actionTime(const TimelineAction &action)
{
    return action.createdAt.isValid() ? action.createdAt : action.startedAt;
}

bool blockFailed(const TimelineEntry &entry)
{
    return entry.kind == TimelineEntry::Kind::Block
        && (entry.block.status == RunStatus::Failed || entry.block.status == RunStatus::Terminated
            || entry.block.status == RunStatus::TimedOut);
}

/** The latest action that `accept` takes, by time; among equal or unknown times the last. */
TimelinePosition latest(
    const QList<TimelineEntry> &entries, const std::function<bool(const TimelineAction &)> &accept)
{
    TimelinePosition found;
    QDateTime foundTime;
    QList<int> path;
    walk(entries, path, [&](const TimelineEntry &entry, const QList<int> &at) {
        for (int i = 0; i < entry.block.actions.size(); ++i) {
            const TimelineAction &action = entry.block.actions.at(i);
            if (!accept(action))
                continue;
            const QDateTime time = actionTime(action);
            if (!found.isValid() || !time.isValid() || !foundTime.isValid() || time >= foundTime) {
                found = {at, i};
                foundTime = time;
            }
        }
    });
    return found;
}

QJsonObject newestFirst(QJsonObject entry)
{
    // Skyvern answers every level newest first: blocks, their actions and their children.
    QJsonArray children = entry.value("children"_L1).toArray();
    QJsonArray reversed;
    for (qsizetype i = children.size() - 1; i >= 0; --i)
        reversed.append(newestFirst(children.at(i).toObject()));
    entry.insert(u"children"_s, reversed);
    if (entry.value("block"_L1).isObject()) {
        QJsonObject block = entry.value("block"_L1).toObject();
        const QJsonArray actions = block.value("actions"_L1).toArray();
        QJsonArray actionsReversed;
        for (qsizetype i = actions.size() - 1; i >= 0; --i)
            actionsReversed.append(actions.at(i));
        block.insert(u"actions"_s, actionsReversed);
        entry.insert(u"block"_s, block);
    }
    return entry;
}

} // namespace

qsizetype RunTimeline::actionCount() const
{
    qsizetype count = 0;
    for (const TimelineEntry &entry : entries)
        count += entry.actionCount();
    return count;
}

qsizetype RunTimeline::entryCount() const
{
    qsizetype count = 0;
    QList<int> path;
    walk(entries, path, [&count](const TimelineEntry &, const QList<int> &) { ++count; });
    return count;
}

const TimelineEntry *RunTimeline::entryAt(const QList<int> &path) const
{
    const QList<TimelineEntry> *level = &entries;
    const TimelineEntry *entry = nullptr;
    for (int index : path) {
        if (index < 0 || index >= level->size())
            return nullptr;
        entry = &level->at(index);
        level = &entry->children;
    }
    return entry;
}

const TimelineAction *RunTimeline::actionAt(const TimelinePosition &position) const
{
    const TimelineEntry *entry = entryAt(position.entryPath);
    if (!entry || position.action < 0 || position.action >= entry->block.actions.size())
        return nullptr;
    return &entry->block.actions.at(position.action);
}

TimelinePosition RunTimeline::failurePosition() const
{
    const TimelinePosition action = latest(entries,
        [](const TimelineAction &candidate) { return candidate.status == ActionStatus::Failed; });
    if (action.isValid())
        return action;
    TimelinePosition block;
    QList<int> path;
    walk(entries, path, [&block](const TimelineEntry &entry, const QList<int> &at) {
        if (blockFailed(entry))
            block = {at, -1};
    });
    return block;
}

TimelinePosition RunTimeline::latestAction() const
{
    return latest(entries, [](const TimelineAction &) { return true; });
}

QList<TimelinePosition> RunTimeline::actionPositions() const
{
    QList<TimelinePosition> positions;
    QList<int> path;
    walk(entries, path, [&positions](const TimelineEntry &entry, const QList<int> &at) {
        for (int i = 0; i < entry.block.actions.size(); ++i)
            positions.append({at, i});
    });
    return positions;
}

TimelinePosition RunTimeline::findAction(const QString &actionId) const
{
    if (actionId.isEmpty())
        return {};
    for (const TimelinePosition &position : actionPositions()) {
        if (actionAt(position)->actionId == actionId)
            return position;
    }
    return {};
}

std::optional<RunTimeline> RunTimeline::fromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, false, u"expected a JSON array of timeline entries"_s, error);
    if (!document)
        return std::nullopt;
    const QJsonArray array = document->array();
    TimelineBudget budget;
    budget.maxEntries = kMaxEntries;
    budget.maxActions = kMaxActions;
    budget.maxDepth = kMaxDepth;
    RunTimeline timeline;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (budget.entries >= budget.maxEntries) {
            budget.entriesLeftOut += array.size() - i;
            break;
        }
        const QString path = u"[%1]"_s.arg(i);
        if (!array.at(i).isObject()) {
            budget.read.skip(
                u"%1: expected an object, got %2"_s.arg(path, jsonTypeName(array.at(i))));
            continue;
        }
        ++budget.entries;
        QString problem;
        std::optional<TimelineEntry> entry
            = TimelineEntry::fromJson(array.at(i).toObject(), path, budget, &problem);
        if (entry)
            timeline.entries.append(std::move(*entry));
        else
            budget.read.skip(problem);
    }
    if (timeline.entries.isEmpty() && budget.read.skipped() > 0) {
        if (error)
            *error = budget.read.firstSkipped();
        return std::nullopt; // nothing readable: the answer is broken, not one entry
    }
    std::stable_sort(timeline.entries.begin(), timeline.entries.end(),
        [](const TimelineEntry &a, const TimelineEntry &b) { return a.createdAt < b.createdAt; });

    if (budget.actionsLeftOut > 0)
        budget.read.limit(QCoreApplication::translate("RunTimeline",
            "The timeline has %1 more actions than the %2 Runwatch reads; they are not shown.")
                              .arg(budget.actionsLeftOut)
                              .arg(kMaxActions));
    if (budget.entriesLeftOut > 0)
        budget.read.limit(QCoreApplication::translate("RunTimeline",
            "The timeline has %1 more blocks than the %2 Runwatch reads; they are not shown.")
                              .arg(budget.entriesLeftOut)
                              .arg(kMaxEntries));
    if (budget.tooDeep > 0)
        budget.read.limit(QCoreApplication::translate(
            "RunTimeline", "%1 blocks nested deeper than %2 levels are not shown.")
                              .arg(budget.tooDeep)
                              .arg(kMaxDepth));
    timeline.notes = budget.read.notes(QT_TRANSLATE_N_NOOP("LenientRead",
        "%n block(s), thought(s) or action(s) of the timeline could not be read and are not "
        "shown (%1)."));
    return timeline;
}

QJsonArray RunTimeline::toJson() const
{
    QJsonArray array;
    for (qsizetype i = entries.size() - 1; i >= 0; --i)
        array.append(newestFirst(entries.at(i).toJson()));
    return array;
}
