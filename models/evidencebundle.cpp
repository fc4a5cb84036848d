#include "evidencebundle.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonArray>
#include <QSaveFile>

#include "runtimemodule.h"

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
    QString why;
    const auto zipped = reinterpret_cast<EvidenceBundle::ZipFunction>(
        RuntimeModule::resolve(u"zip"_s, EvidenceBundle::kZipSymbol, &why));
    if (!zipped)
        return say(QT_TRANSLATE_NOOP("EvidenceBundle", "Zips cannot be written: %1.")).arg(why);
    QByteArray bytes;
    zipped(entries, &bytes, &why);
    if (!why.isEmpty())
        return why;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return say(QT_TRANSLATE_NOOP("EvidenceBundle", "%1 could not be written: %2."))
            .arg(path, file.errorString());
    return {};
}
