#include "runtag.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxTagsPerRun = 100; // far past any real run: a longer list is cut
constexpr int kMaxTagLength = 200;
} // namespace

std::optional<RunTags> RunTags::fromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, true, u"expected a JSON object with run_tags"_s, error);
    if (!document)
        return std::nullopt;
    const QJsonValue runTags = document->object().value("run_tags"_L1);
    if (!runTags.isObject()) {
        if (error)
            *error = u"run_tags: expected an object of run ids"_s;
        return std::nullopt;
    }
    RunTags tags;
    const QJsonObject object = runTags.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QList<RunTag> list;
        const QJsonArray items = it.value().toArray();
        for (const QJsonValue &item : items) {
            const QJsonObject tag = item.toObject();
            const QJsonValue key = tag.value("key"_L1);
            const QJsonValue value = tag.value("value"_L1);
            // A tag needs a label; a key, when there is one, is a string.
            if (!value.isString() || value.toString().isEmpty()
                || !(key.isString() || key.isNull() || key.isUndefined()))
                continue;
            list.append({key.toString().left(kMaxTagLength), value.toString().left(kMaxTagLength)});
            if (list.size() == kMaxTagsPerRun)
                break;
        }
        tags.byRun.insert(it.key(), list);
    }
    return tags;
}

std::optional<QStringList> tagSuggestionsFromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, true, u"expected a JSON object of tag suggestions"_s, error);
    if (!document)
        return std::nullopt;
    const QJsonObject object = document->object();
    QStringList grouped;
    const QJsonObject values = object.value("values_by_key"_L1).toObject();
    for (const QJsonValue &key : object.value("keys"_L1).toArray()) {
        const QString group = key.toString().left(kMaxTagLength);
        if (group.isEmpty())
            continue;
        grouped.append(group + u":*"_s);
        for (const QJsonValue &value : values.value(group).toArray()) {
            if (value.isString() && !value.toString().isEmpty())
                grouped.append(group + u':' + value.toString().left(kMaxTagLength));
        }
    }
    QStringList labels;
    for (const QJsonValue &label : object.value("labels"_L1).toArray()) {
        if (label.isString() && !label.toString().isEmpty())
            labels.append(label.toString().left(kMaxTagLength));
    }
    grouped.sort(Qt::CaseInsensitive);
    labels.sort(Qt::CaseInsensitive);
    QStringList all = grouped + labels;
    all.removeDuplicates();
    return all.mid(0, 2000);
}
