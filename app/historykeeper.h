#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include "runhistory.h"

class QTimer;
class RunHistoryStore;

/**
 * Keeps History's runs between starts: writes what RunHistory records into a SQLite file and
 * reads a connection's runs back (on another thread) when History first looks at it. Runs of
 * connections that live for one session (the demo's) are not written. No file work happens on
 * the thread that paints before the first write: the first read opens the file, sets a damaged
 * one aside and prunes it, on its own thread.
 */
class HistoryKeeper final : public QObject
{
    Q_OBJECT
public:
    using IsKept = std::function<bool(const QString &connection)>;

    HistoryKeeper(QString path, IsKept isKept, QObject *parent = nullptr);
    ~HistoryKeeper() override;
    void attach(RunHistory *history);
    /** Waits for reads under way (tests, and before quitting). */
    void waitForReads();
    /**
     * Writes what was recorded since the last write (done a moment after it, and at the end),
     * after any read under way.
     */
    void flush();

signals:
    /** Something the user may want to know about the file (set aside as damaged, say). */
    void notice(const QString &message);

private:
    RunHistoryStore *store();
    void read(const QString &connection);
    /** The timer's flush: put off while a read has the file. */
    void flushWhenIdle();

    QString m_path;
    IsKept m_isKept;
    QPointer<RunHistory> m_history;
    std::unique_ptr<RunHistoryStore> m_store; // for writing; opened when first used
    bool m_storeFailed = false;
    bool m_prepared = false; // the file opened, checked and pruned by a read
    QSet<QString> m_reading;
    QThreadPool m_readers; // one thread: the first read prepares the file for the others
    // Recorded runs not yet written, by connection and id: a poll's changes are written
    // together a moment later, not one transaction a poll on the thread that paints.
    QHash<QPair<QString, QString>, HistoryRun> m_unsaved;
    QTimer *m_flushTimer;
};
