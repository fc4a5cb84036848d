#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

#include "runtimeline.h"

/**
 * A run's actions as places in its recording, so the recording can be followed step by step
 * and a step found in it. The recording is taken to span the run from its start to its finish,
 * which is how Skyvern records the browser: an action's place is its time into the run, scaled
 * when the recording is shorter or longer than the run (a recording cut short, a demo). Actions
 * without a time have no place and are left out.
 */
class RecordingChapterModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        OffsetRole = Qt::UserRole + 1, // qint64 milliseconds into the recording
        ActionIdRole,
        FailedRole,
    };

    explicit RecordingChapterModel(QObject *parent = nullptr);

    /**
     * The chapters of `timeline`, a run that ran from `runStart` to `runEnd` (either may be
     * invalid: the first action's start and the last action's finish are used instead).
     */
    void setTimeline(
        const RunTimeline &timeline, const QDateTime &runStart, const QDateTime &runEnd);
    /** The recording's length; until it is known (0) every place is the time into the run. */
    void setRecordingDuration(qint64 milliseconds);
    void clear();

    /** The chapter playing at `milliseconds` into the recording: the last one begun; -1 before the
     * first. */
    int chapterAt(qint64 milliseconds) const;
    qint64 offsetOf(int row) const;
    QString actionIdOf(int row) const;
    /** The chapter of an action, -1 when it has none. */
    int rowOfAction(const QString &actionId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Chapter
    {
        qint64 intoRunMs = 0;
        qint64 offsetMs = 0;
        QString actionId;
        QString text;
        QString reasoning;
        bool failed = false;
    };
    void placeChapters();

    QList<Chapter> m_chapters; // by place, earliest first
    qint64 m_runSpanMs = 0;
    qint64 m_durationMs = 0;
};
