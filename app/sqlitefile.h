#pragma once

#include <QString>
#include <QStringList>

class QSqlDatabase;

/**
 * A SQLite file of Runwatch's own (saved lists, History): private to the user, in WAL mode, its
 * tables created on opening. A damaged file is set aside (renamed with ".damaged" and the time)
 * and a new one started, since what these files hold can be read again from the server.
 */
class SqliteFile
{
public:
    /** `schema`: statements run on every opening (CREATE TABLE IF NOT EXISTS …). */
    SqliteFile(QString path, QStringList schema);
    ~SqliteFile();
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;

    /** Opens (and creates) the file; on failure says why (`what` names it: "the run cache"). */
    bool open(const QString &what, QString *error);
    bool isOpen() const { return !m_connection.isEmpty(); }
    /** What open() had to do that the user may want to know, e.g. a damaged file set aside. */
    QString notice() const { return m_notice; }
    QString path() const { return m_path; }
    /** The open database (a default, invalid one while closed). */
    QSqlDatabase database() const;

private:
    bool openFile(const QString &name, QString *error);

    QString m_path;
    QStringList m_schema;
    QString m_notice;
    QString m_connection; // the QSqlDatabase connection name, empty while closed
};
