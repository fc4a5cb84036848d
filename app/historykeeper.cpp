#include "historykeeper.h"

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
    connect(m_flushTimer, &QTimer::timeout, this, &HistoryKeeper::flush);
}

HistoryKeeper::~HistoryKeeper()
{
    flush();
    waitForReads();
}

void HistoryKeeper::flush()
{
    m_flushTimer->stop();
    if (m_unsaved.isEmpty())
        return;
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
            m_store->prune(); // runs older than History keeps make way
            if (!m_store->notice().isEmpty())
                emit notice(m_store->notice());
        }
    }
    return m_store.get();
}

void HistoryKeeper::read(const QString &connection)
{
    if (!m_history || m_reading.contains(connection) || m_history->hasStored(connection))
        return;
    if (!m_isKept(connection)) {
        m_history->addStored(connection, {});
        return;
    }
    store(); // opened (and a damaged file set aside) here, before another thread reads it
    if (m_storeFailed) {
        m_history->addStored(connection, {});
        return;
    }
    m_reading.insert(connection);
    // A hundred thousand runs take a while to read: not on the thread that paints.
    auto *watcher = new QFutureWatcher<QList<HistoryRun>>(this);
    connect(
        watcher, &QFutureWatcher<QList<HistoryRun>>::finished, this, [this, watcher, connection] {
            m_reading.remove(connection);
            if (m_history)
                m_history->addStored(connection, watcher->result());
            watcher->deleteLater();
        });
    watcher->setFuture(QtConcurrent::run([path = m_path, connection] {
        RunHistoryStore reader(path);
        return reader.open(nullptr) ? reader.load(connection) : QList<HistoryRun>();
    }));
}

void HistoryKeeper::waitForReads()
{
    for (auto *watcher : findChildren<QFutureWatcher<QList<HistoryRun>> *>())
        watcher->waitForFinished();
}
