// The zip module: evidence bundles written with libzip, loaded with the first bundle so that
// libzip and what it links (compressors, crypto) stay out of every start-up.

#include <algorithm>
#include <type_traits>
#include <zip.h>

#include <QCoreApplication>

#include "evidencebundle.h"

using namespace Qt::StringLiterals;

namespace {
QString say(const char *text)
{
    return QCoreApplication::translate("EvidenceBundle", text);
}

QString zipEntries(const QList<EvidenceBundle::Entry> &entries, QByteArray *zip)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t *archive = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &error) : nullptr;
    if (!archive) {
        const QString why = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        if (buffer)
            zip_source_free(buffer);
        return say(QT_TRANSLATE_NOOP("EvidenceBundle", "The zip could not be started: %1."))
            .arg(why);
    }
    zip_error_fini(&error);
    zip_source_keep(buffer); // still read after zip_close()
    for (const EvidenceBundle::Entry &entry : entries) {
        // The data lives in `entries` until zip_close() has read it.
        zip_source_t *data = zip_source_buffer(
            archive, entry.data.constData(), zip_uint64_t(entry.data.size()), 0);
        const QByteArray name = entry.name.toUtf8();
        const zip_int64_t index
            = data ? zip_file_add(archive, name.constData(), data, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (data)
                zip_source_free(data);
            const QString why = QString::fromUtf8(zip_strerror(archive));
            zip_discard(archive);
            zip_source_free(buffer);
            return say(QT_TRANSLATE_NOOP("EvidenceBundle", "%1 could not be added: %2."))
                .arg(entry.name, why);
        }
        // Screenshots and recordings are compressed already: stored as they are, written faster.
        static const QStringList kCompressed {u".png"_s, u".jpg"_s, u".webm"_s, u".mp4"_s};
        if (std::any_of(kCompressed.cbegin(), kCompressed.cend(),
                [&entry](const QString &suffix) { return entry.name.endsWith(suffix); }))
            zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_STORE, 0);
    }
    if (zip_close(archive) < 0) {
        const QString why = QString::fromUtf8(zip_strerror(archive));
        zip_discard(archive);
        zip_source_free(buffer);
        return say(QT_TRANSLATE_NOOP("EvidenceBundle", "The zip could not be written: %1."))
            .arg(why);
    }
    QByteArray bytes;
    zip_stat_t stat;
    if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
        bytes.resize(qsizetype(stat.size));
        const zip_int64_t read = zip_source_read(buffer, bytes.data(), stat.size);
        zip_source_close(buffer);
        bytes.resize(read < 0 ? 0 : qsizetype(read));
    }
    zip_source_free(buffer);
    if (bytes.isEmpty())
        return say(QT_TRANSLATE_NOOP("EvidenceBundle", "The zip came out empty."));
    *zip = std::move(bytes);
    return {};
}
} // namespace

extern "C" Q_DECL_EXPORT void runwatch_zip_entries(
    const QList<EvidenceBundle::Entry> &entries, QByteArray *zip, QString *error)
{
    // Checked against the type the program calls it through.
    static_assert(std::is_same_v<decltype(&runwatch_zip_entries), EvidenceBundle::ZipFunction>);
    *error = zipEntries(entries, zip);
}
