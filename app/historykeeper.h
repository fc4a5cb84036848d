#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class RunHistory;
class RunHistoryStore;

/**
 * Keeps History's runs between starts: writes what RunHistory records into a SQLite file and
 * reads a connection's runs back (on another thread) when History first looks at it. Runs of
 * connections that live for one session (the demo's) are not written.
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

signals:
    /** Something the user may want to know about the file (set aside as damaged, say). */
    void notice(const QString &message);

private:
    RunHistoryStore *store();
    void read(const QString &connection);

    QString m_path;
    IsKept m_isKept;
    QPointer<RunHistory> m_history;
    std::unique_ptr<RunHistoryStore> m_store; // for writing; opened when first used
    bool m_storeFailed = false;
    QSet<QString> m_reading;
};
