#include "evidencebundle.h"

#include <zip.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
bool isSecretName(const QString &name)
{
    static const QStringList kSecret {u"password"_s, u"secret"_s, u"token"_s, u"api_key"_s,
        u"apikey"_s, u"authorization"_s, u"cookie"_s, u"credential"_s, u"totp"_s};
    const QString lower = name.toLower();
    return std::any_of(kSecret.cbegin(), kSecret.cend(),
        [&lower](const QString &word) { return lower.contains(word); });
}

QJsonValue redactValue(const QString &name, const QJsonValue &value);

QJsonObject redactObject(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        out.insert(it.key(), redactValue(it.key(), it.value()));
    return out;
}

QJsonValue redactValue(const QString &name, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return value;
    // Headers carry credentials under any name: every value goes, the names stay.
    if (name == "extra_http_headers"_L1 && value.isObject()) {
        QJsonObject headers;
        const QJsonObject given = value.toObject();
        for (auto it = given.constBegin(); it != given.constEnd(); ++it)
            headers.insert(it.key(), EvidenceBundle::kRedacted);
        return headers;
    }
    if (isSecretName(name))
        return EvidenceBundle::kRedacted;
    if (value.isObject())
        return redactObject(value.toObject());
    if (value.isArray()) {
        QJsonArray items;
        for (const QJsonValue &item : value.toArray())
            items.append(redactValue(QString(), item));
        return items;
    }
    return value;
}

QString say(const char *text)
{
    return QCoreApplication::translate("EvidenceBundle", text);
}
} // namespace

QJsonObject EvidenceBundle::redacted(const QJsonObject &request)
{
    return redactObject(request);
}

QString EvidenceBundle::write(const QString &path, const QList<Entry> &entries)
{
    // Built in memory, then written with QSaveFile: a failure leaves no half a zip behind.
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
    for (const Entry &entry : entries) {
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
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return say(QT_TRANSLATE_NOOP("EvidenceBundle", "%1 could not be written: %2."))
            .arg(path, file.errorString());
    return {};
}
