#include "historykeeper.h"

#include <utility>

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "applog.h"
#include "runhistory.h"
#include "runhistorystore.h"

HistoryKeeper::HistoryKeeper(QString path, IsKept isKept, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_isKept(std::move(isKept))
    , m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(2000);
    connect(m_flushTimer, &QTimer::timeout, this, &HistoryKeeper::flushWhenIdle);
    m_readers.setMaxThreadCount(1);
}

HistoryKeeper::~HistoryKeeper()
{
    flush();
}

void HistoryKeeper::flushWhenIdle()
{
    if (m_reading.isEmpty())
        flush();
    else
        m_flushTimer->start();
}

void HistoryKeeper::flush()
{
    m_flushTimer->stop();
    if (m_unsaved.isEmpty())
        return;
    waitForReads(); // a read may be setting a damaged file aside
    const QList<HistoryRun> runs = m_unsaved.values();
    m_unsaved.clear();
    if (RunHistoryStore *file = store(); file && !file->save(runs))
        qCWarning(lcCache) << "history: could not save" << runs.size() << "runs";
}

void HistoryKeeper::attach(RunHistory *history)
{
    m_history = history;
    connect(history, &RunHistory::recorded, this, [this](const QList<HistoryRun> &runs) {
        for (const HistoryRun &run : runs) {
            if (m_isKept(run.connection))
                m_unsaved.insert({run.connection, run.runId}, run);
        }
        if (!m_unsaved.isEmpty() && !m_flushTimer->isActive())
            m_flushTimer->start();
    });
    connect(history, &RunHistory::storedWanted, this, &HistoryKeeper::read);
    for (const QString &connection : history->scope())
        read(connection);
}

RunHistoryStore *HistoryKeeper::store()
{
    if (!m_store && !m_storeFailed) {
        m_store = std::make_unique<RunHistoryStore>(m_path);
        QString problem;
        if (!m_store->open(&problem)) {
            // History still works for this session, from what the lists load.
            qCWarning(lcCache).noquote() << problem;
            m_store.reset();
            m_storeFailed = true;
        } else {
            if (!std::exchange(m_prepared, true))
                m_store->prune(); // no read did: runs older than History keeps make way
            if (!m_store->notice().isEmpty())
                emit notice(m_store->notice());
        }
    }
    return m_store.get();
}

namespace {
/** What a read brought back from the file, on its own thread. */
struct StoredRuns
{
    QList<HistoryRun> runs;
    bool opened = false;
    QString problem; // why the file could not be opened
    QString notice; // a damaged file set aside
};

StoredRuns readStored(const QString &path, const QString &connection, bool prepare)
{
    StoredRuns stored;
    RunHistoryStore reader(path);
    stored.opened = reader.open(&stored.problem);
    if (!stored.opened)
        return stored;
    if (prepare) {
        reader.prune(); // runs older than History keeps make way
        stored.notice = reader.notice();
    }
    stored.runs = reader.load(connection);
    return stored;
}
} // namespace

void HistoryKeeper::read(const QString &connection)
{
    if (!m_history || m_reading.contains(connection) || m_history->hasStored(connection))
        return;
    if (!m_isKept(connection) || m_storeFailed) {
        m_history->addStored(connection, {});
        return;
    }
    m_reading.insert(connection);
    // A hundred thousand runs take a while to read, and opening the file is I/O: neither on the
    // thread that paints.
    auto *watcher = new QFutureWatcher<StoredRuns>(this);
    connect(watcher, &QFutureWatcher<StoredRuns>::finished, this, [this, watcher, connection] {
        m_reading.remove(connection);
        const StoredRuns stored = watcher->result();
        watcher->deleteLater();
        if (!stored.opened) {
            // History still works for this session, from what the lists load.
            qCWarning(lcCache).noquote() << stored.problem;
            m_storeFailed = true;
        }
        if (!stored.notice.isEmpty())
            emit notice(stored.notice);
        if (m_history)
            m_history->addStored(connection, stored.runs);
    });
    const bool prepare = !std::exchange(m_prepared, true);
    watcher->setFuture(QtConcurrent::run(&m_readers,
        [path = m_path, connection, prepare] { return readStored(path, connection, prepare); }));
}

void HistoryKeeper::waitForReads()
{
    for (auto *watcher : findChildren<QFutureWatcher<StoredRuns> *>())
        watcher->waitForFinished();
}
