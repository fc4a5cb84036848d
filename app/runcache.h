#pragma once

#include <optional>

#include <QDateTime>
#include <QList>
#include <QString>

#include "sqlitefile.h"
#include "workflowrun.h"

/** A list saved earlier, and when. */
struct SavedRuns
{
    QList<WorkflowRun> runs;
    QDateTime savedAt;
};

/**
 * The newest runs of each view (connection, scope and filter) as last shown, in a SQLite file,
 * so the next start paints a list at once while the network catches up. Run data only: keys
 * and tokens never come here. A file that cannot be opened or read only costs the head start.
 */
class RunCache
{
public:
    static constexpr int kMaxRunsPerView = 200;
    static constexpr int kMaxViews = 50;

    explicit RunCache(QString path);
    ~RunCache();
    RunCache(const RunCache &) = delete;
    RunCache &operator=(const RunCache &) = delete;

    /**
     * Opens (and creates) the file, private to the user. A damaged file is set aside (renamed
     * with ".damaged" and the time) and a new one created; notice() then says so. On failure
     * says why and the cache stays empty.
     */
    bool open(QString *error);
    /** What open() had to do that the user may want to know, e.g. a damaged file set aside. */
    QString notice() const { return m_file.notice(); }
    bool isOpen() const { return m_file.isOpen(); }
    QString path() const { return m_file.path(); }

    /** Replaces a view's saved list with the first kMaxRunsPerView of `runs`. */
    bool save(const QString &viewKey, const QList<WorkflowRun> &runs,
        const QDateTime &savedAt = QDateTime::currentDateTimeUtc());
    /** The list saved for a view, or nothing (never saved, unreadable, another format). */
    std::optional<SavedRuns> load(const QString &viewKey) const;

    /** Encodes runs with the fields the wire format lacks (platform fields, source). */
    static QByteArray encode(const QList<WorkflowRun> &runs);
    static std::optional<QList<WorkflowRun>> decode(const QByteArray &data);

private:
    SqliteFile m_file;
};
