#include "sqlitefile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

SqliteFile::SqliteFile(QString path, QStringList schema)
    : m_path(std::move(path))
    , m_schema(std::move(schema))
{ }

SqliteFile::~SqliteFile()
{
    if (m_connection.isEmpty())
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase SqliteFile::database() const
{
    return m_connection.isEmpty() ? QSqlDatabase() : QSqlDatabase::database(m_connection, false);
}

bool SqliteFile::open(const QString &what, QString *error)
{
    if (isOpen())
        return true;
    // Run data of the user's servers: nobody else on the machine reads it.
    const QFileInfo info(m_path);
    QDir().mkpath(info.absolutePath());
    QFile::setPermissions(
        info.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString name = u"sqlite-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString problem;
    if (!openFile(name, &problem) && QFileInfo::exists(m_path)) {
        // Worth nothing damaged and little lost: keep the bad file for a look, start a new one.
        const QString aside = m_path + u".damaged-"_s
            + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmss"_s);
        if (QFile::rename(m_path, aside)) {
            QFile::remove(m_path + u"-wal"_s);
            QFile::remove(m_path + u"-shm"_s);
            m_notice = u"%1 in %2 was damaged (%3); the file was set aside as %4 and a new one "
                       "started."_s.arg(what, m_path, problem, aside);
            m_notice[0] = m_notice[0].toUpper();
            problem.clear();
            if (openFile(name, &problem))
                return true;
        }
    }
    if (!isOpen()) {
        if (error)
            *error = u"cannot use %1 %2: %3"_s.arg(what, m_path, problem);
        return false;
    }
    return true;
}

bool SqliteFile::openFile(const QString &name, QString *error)
{
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        database.setDatabaseName(m_path);
        QSqlQuery query(database);
        // WAL with synchronous=NORMAL: a power cut may lose the last save, never the file.
        const auto exec = [&query](const QString &statement) { return query.exec(statement); };
        bool ok = database.open() && exec(u"PRAGMA journal_mode = WAL"_s)
            && exec(u"PRAGMA synchronous = NORMAL"_s) && exec(u"PRAGMA quick_check"_s)
            && query.next();
        if (ok && query.value(0).toString() != "ok"_L1) {
            if (error)
                *error = query.value(0).toString().left(200);
            ok = false;
        } else if (ok) {
            for (const QString &statement : std::as_const(m_schema))
                ok = ok && exec(statement);
        }
        if (!ok && error && error->isEmpty())
            *error = database.lastError().isValid() ? database.lastError().text()
                                                    : query.lastError().text();
        if (!ok) {
            query = QSqlQuery();
            database.close();
            database = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return false;
        }
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    }
    m_connection = name;
    return true;
}
