#pragma once

#include <QList>
#include <QString>

#include "runhistory.h"
#include "sqlitefile.h"

/**
 * Where History's runs are kept between starts (a SQLite file beside the saved lists), so a
 * second look is instant and works with the server unreachable. What a list shows of a run
 * and nothing more: no request, no key. Runs older than kKeepDays make way.
 */
class RunHistoryStore
{
public:
    static constexpr int kKeepDays = 180;

    explicit RunHistoryStore(QString path);
    /** Opens (and creates) the file; a damaged one is set aside, see notice(). */
    bool open(QString *error);
    bool isOpen() const { return m_file.isOpen(); }
    QString notice() const { return m_file.notice(); }

    /** Keeps these runs as they are now (one transaction). */
    bool save(const QList<HistoryRun> &runs);
    /** The kept runs of one connection that began in the last kKeepDays. */
    QList<HistoryRun> load(const QString &connection) const;
    /** Forgets runs that began before `beforeMs` (kKeepDays ago by default); how many went,
     * or -1 on failure. */
    int prune(qint64 beforeMs = -1);

private:
    SqliteFile m_file;
};
