#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QFuture>
#include <QObject>
#include <QString>

#include "runcache.h"

class MainWindow;
class QTimer;
struct ConnectionProfile;
struct RunFilter;

/**
 * The saved lists behind the instant first paint: reads the list the window opens on while the
 * window is built, paints a view's saved list until its first page is in, and saves the shown
 * list a little after it changes (and when it makes way). Which view is shown it learns from
 * `currentKey`, which is empty for views never saved (the demo's).
 */
class SavedListController final : public QObject
{
    Q_OBJECT
public:
    SavedListController(
        QString cacheFile, std::function<QString()> currentKey, QObject *parent = nullptr);
    ~SavedListController() override;

    /** Which list a view shows, as the key its saved list goes by: the server and what is asked
     * of it, not the profile's name (a renamed connection keeps its list). Empty when the
     * connection is unknown. `allId` names the merged view of every profile. */
    static QString keyFor(const QList<ConnectionProfile> &profiles, const QString &id,
        const QString &scope, const RunFilter &filter, const QString &allId);

    /** Starts reading a view's list on another thread, for show() to find ready; call it
     * before the window is built. */
    void prefetch(const QString &key);
    /** The window whose list is saved and painted. */
    void attach(MainWindow *window);
    /** Paints the list saved for this view, if any, until the first page replaces it. */
    void show(const QString &key);
    /** Saves the shown list now, for the view it was loaded for. */
    void save();

private:
    void scheduleSave();
    /** The cache, opened on first use; null when it cannot be used. */
    RunCache *cache();

    QString m_cacheFile;
    MainWindow *m_window = nullptr;
    std::function<QString()> m_currentKey;
    std::unique_ptr<RunCache> m_cache;
    struct Prefetched
    {
        std::optional<SavedRuns> runs;
        QString notice; // what opening the file had to do (a damaged file set aside, say)
    };
    QFuture<Prefetched> m_prefetch;
    QString m_prefetchKey;
    QString m_shownKey; // the view whose saved list is on screen
    QTimer *m_saveTimer;
    QString m_saveKey; // the view the rows to save belong to
};
