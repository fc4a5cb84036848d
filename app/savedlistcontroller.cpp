#include "savedlistcontroller.h"

#include <QTimer>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include "applog.h"
#include "connectionprofile.h"
#include "mainwindow.h"
#include "runfilter.h"
#include "runlistmodel.h"

using namespace Qt::StringLiterals;

SavedListController::SavedListController(
    QString cacheFile, std::function<QString()> currentKey, QObject *parent)
    : QObject(parent)
    , m_cacheFile(std::move(cacheFile))
    , m_currentKey(std::move(currentKey))
    , m_cache(std::make_unique<RunCache>(m_cacheFile)) // opened when first used
    , m_saveTimer(new QTimer(this))
{
    // Lists are saved a little after they change, not on every poll.
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(3000);
    connect(m_saveTimer, &QTimer::timeout, this, &SavedListController::save);
}

void SavedListController::attach(MainWindow *window)
{
    m_window = window;
    RunListModel *model = m_window->runListModel();
    connect(model, &RunListModel::pageLoaded, this, &SavedListController::scheduleSave);
    connect(model, &RunListModel::refreshed, this, [this](int changed, int inserted, int removed) {
        if (changed + inserted + removed > 0)
            scheduleSave();
    });
}

SavedListController::~SavedListController() = default;

QString SavedListController::keyFor(const QList<ConnectionProfile> &profiles, const QString &id,
    const QString &scope, const RunFilter &filter, const QString &allId)
{
    const auto identity = [](const ConnectionProfile &profile) {
        return u"%1 %2 %3"_s.arg(int(profile.kind))
            .arg(profile.baseUrl.toString(), profile.workflowIds.join(u','));
    };
    QStringList members;
    for (const ConnectionProfile &profile : profiles) {
        if (profile.id == id || id == allId)
            members.append(identity(profile));
    }
    if (members.isEmpty())
        return {};
    members.sort();
    // Saved form: a relative range ("last hour") names the same list all day.
    const QUrlQuery query = filter.toSavedQuery();
    const QString connection
        = id == allId ? u"all: "_s + members.join(u"; "_s) : members.constFirst();
    return connection + u'\n' + scope + u'\n' + query.toString(QUrl::FullyEncoded);
}

void SavedListController::prefetch(const QString &key)
{
    // Opening SQLite and decoding the runs while the window is built cost the first paint
    // nothing.
    if (key.isEmpty())
        return;
    m_prefetchKey = key;
    m_prefetch = QtConcurrent::run([path = m_cacheFile, key] {
        RunCache cache(path);
        Prefetched read;
        if (cache.open(nullptr))
            read = {cache.load(key), cache.notice()};
        return read;
    });
}

RunCache *SavedListController::cache()
{
    if (m_cache && !m_cache->isOpen()) {
        QString problem;
        if (!m_cache->open(&problem)) {
            qCWarning(lcCache).noquote()
                << problem; // only the head start at the next launch is lost
            m_cache.reset();
        } else if (!m_cache->notice().isEmpty() && m_window) {
            m_window->showNotice(m_cache->notice());
        }
    }
    return m_cache.get();
}

void SavedListController::show(const QString &key)
{
    if (!m_cache || key.isEmpty() || !m_window)
        return;
    if (m_window->runListModel()->isShowingSaved() && key == m_shownKey)
        return; // already on screen (shown while the keys were read)
    std::optional<SavedRuns> saved;
    if (m_prefetch.isValid() && key == m_prefetchKey) {
        const Prefetched read = m_prefetch.result();
        saved = read.runs;
        if (!read.notice.isEmpty())
            m_window->showNotice(read.notice);
    } else if (RunCache *runCache = cache())
        saved = runCache->load(key);
    m_prefetch = {};
    if (saved) {
        m_window->showSavedRuns(saved->runs, saved->savedAt);
        m_shownKey = key;
    }
}

void SavedListController::scheduleSave()
{
    if (!m_cache)
        return;
    m_saveKey = m_currentKey();
    if (!m_saveKey.isEmpty())
        m_saveTimer->start();
}

void SavedListController::save()
{
    m_saveTimer->stop();
    const QString key = std::exchange(m_saveKey, QString());
    if (!m_cache || key.isEmpty() || !m_window)
        return;
    const RunListModel *model = m_window->runListModel();
    if (model->isShowingSaved() || model->rowCount() == 0)
        return;
    if (RunCache *runCache = cache())
        runCache->save(key, model->newestRuns(RunCache::kMaxRunsPerView));
}
