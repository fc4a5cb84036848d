#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/**
 * What a run's evidence bundle holds and how it is written: a zip (libzip, in a module loaded on
 * the first bundle, see RuntimeModule) put in place whole or not at all. Secrets of the run's
 * request (headers, TOTP settings, anything named like a password, token or key) are replaced
 * before they are written.
 */
namespace EvidenceBundle {
struct Entry
{
    QString name; // path inside the zip, `/`-separated
    QByteArray data;
};

inline const QString kRedacted = QStringLiteral("[redacted]");
/** The request with secrets replaced by kRedacted, nested objects and lists included. */
QJsonObject redacted(const QJsonObject &request);
/** Writes the entries as a zip at `path`; returns why not, or an empty string. */
QString write(const QString &path, const QList<Entry> &entries);

/**
 * The zip module's one function: the entries as a zip in memory, or why not in `error` (a
 * translated sentence). Screenshots and recordings are stored as they are, the rest deflated.
 */
using ZipFunction = void (*)(const QList<Entry> &entries, QByteArray *zip, QString *error);
inline constexpr char kZipSymbol[] = "runwatch_zip_entries";
} // namespace EvidenceBundle
