#include "recordingchaptermodel.h"

#include <algorithm>

#include "runformat.h"
#include "timelinemodel.h"

RecordingChapterModel::RecordingChapterModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void RecordingChapterModel::setTimeline(
    const RunTimeline &timeline, const QDateTime &runStart, const QDateTime &runEnd)
{
    struct Timed
    {
        QDateTime at;
        const TimelineAction *action;
    };
    QList<Timed> timed;
    QDateTime lastFinish;
    for (const TimelinePosition &position : timeline.actionPositions()) {
        const TimelineAction *action = timeline.actionAt(position);
        const QDateTime at = action->startedAt.isValid() ? action->startedAt : action->createdAt;
        if (!at.isValid())
            continue;
        timed.append({at, action});
        const QDateTime finish = action->finishedAt.isValid() ? action->finishedAt : at;
        if (!lastFinish.isValid() || finish > lastFinish)
            lastFinish = finish;
    }
    std::stable_sort(
        timed.begin(), timed.end(), [](const Timed &a, const Timed &b) { return a.at < b.at; });

    beginResetModel();
    m_chapters.clear();
    if (!timed.isEmpty()) {
        const QDateTime start
            = runStart.isValid() && runStart <= timed.first().at ? runStart : timed.first().at;
        const QDateTime end = runEnd.isValid() && runEnd >= lastFinish ? runEnd : lastFinish;
        m_runSpanMs = qMax<qint64>(0, start.msecsTo(end));
        for (const Timed &entry : std::as_const(timed)) {
            Chapter chapter;
            chapter.intoRunMs = start.msecsTo(entry.at);
            chapter.actionId = entry.action->actionId;
            chapter.text = TimelineModel::actionText(*entry.action);
            chapter.reasoning = entry.action->reasoning.left(2000);
            chapter.failed = entry.action->status == ActionStatus::Failed;
            m_chapters.append(chapter);
        }
    }
    placeChapters();
    endResetModel();
}

void RecordingChapterModel::setRecordingDuration(qint64 milliseconds)
{
    m_durationMs = qMax<qint64>(0, milliseconds);
    placeChapters();
    if (!m_chapters.isEmpty())
        emit dataChanged(index(0), index(int(m_chapters.size()) - 1),
            {Qt::DisplayRole, Qt::ToolTipRole, OffsetRole});
}

void RecordingChapterModel::clear()
{
    beginResetModel();
    m_chapters.clear();
    m_runSpanMs = 0;
    m_durationMs = 0;
    endResetModel();
}

void RecordingChapterModel::placeChapters()
{
    // Scaled in floating point: a day-long run in milliseconds times a long recording would
    // overflow 64 bits as integers.
    const double scale
        = m_durationMs > 0 && m_runSpanMs > 0 ? double(m_durationMs) / m_runSpanMs : 1.0;
    for (Chapter &chapter : m_chapters) {
        chapter.offsetMs = qint64(chapter.intoRunMs * scale);
        if (m_durationMs > 0)
            chapter.offsetMs = qMin(chapter.offsetMs, m_durationMs);
    }
}

int RecordingChapterModel::chapterAt(qint64 milliseconds) const
{
    const auto after = std::upper_bound(m_chapters.cbegin(), m_chapters.cend(), milliseconds,
        [](qint64 at, const Chapter &chapter) { return at < chapter.offsetMs; });
    return int(after - m_chapters.cbegin()) - 1;
}

qint64 RecordingChapterModel::offsetOf(int row) const
{
    return row >= 0 && row < m_chapters.size() ? m_chapters.at(row).offsetMs : 0;
}

QString RecordingChapterModel::actionIdOf(int row) const
{
    return row >= 0 && row < m_chapters.size() ? m_chapters.at(row).actionId : QString();
}

int RecordingChapterModel::rowOfAction(const QString &actionId) const
{
    if (actionId.isEmpty())
        return -1;
    for (int row = 0; row < m_chapters.size(); ++row) {
        if (m_chapters.at(row).actionId == actionId)
            return row;
    }
    return -1;
}

int RecordingChapterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_chapters.size());
}

QVariant RecordingChapterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Chapter &chapter = m_chapters.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QString(RunFormat::clock(chapter.offsetMs) + QStringLiteral("  ") + chapter.text);
    case Qt::ToolTipRole:
        return chapter.reasoning.isEmpty() ? chapter.text : chapter.reasoning;
    case OffsetRole:
        return chapter.offsetMs;
    case ActionIdRole:
        return chapter.actionId;
    case FailedRole:
        return chapter.failed;
    }
    return {};
}

QHash<int, QByteArray> RecordingChapterModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(OffsetRole, "offset");
    names.insert(ActionIdRole, "actionId");
    names.insert(FailedRole, "failed");
    return names;
}
