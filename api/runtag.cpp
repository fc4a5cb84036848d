#include "runtag.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "jsonreader.h"
#include "runfilter.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxTagsPerRun = 100; // far past any real run: a longer list is cut
constexpr int kMaxTagLength = 200;
// The tags of one run as the server lists them; entries that are not tags are skipped.
QList<RunTag> readTagList(const QJsonArray &items)
{
    QList<RunTag> list;
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
    return list;
}

bool sameTarget(const RunTag &a, const RunTag &b)
{
    // A grouped tag is addressed by its group, a standalone label by itself.
    return a.key.isEmpty() ? b.key.isEmpty() && a.value == b.value : a.key == b.key;
}
} // namespace

RunTag RunTag::fromText(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.indexOf(u':');
    if (colon < 0)
        return {{}, trimmed};
    return {trimmed.left(colon).trimmed(), trimmed.mid(colon + 1).trimmed()};
}

QString RunTag::editError(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString problem = RunFilter::tagTermError(trimmed);
    if (!problem.isEmpty())
        return problem;
    if (trimmed.contains(u'*'))
        return QCoreApplication::translate(
            "RunTag", "“%1” is a filter: a run gets a whole tag, group:label or a label.")
            .arg(trimmed);
    if (fromText(trimmed).key.startsWith("skyvern."_L1, Qt::CaseInsensitive))
        return QCoreApplication::translate(
            "RunTag", "The group “%1” is kept by the server for its own tags.")
            .arg(fromText(trimmed).key);
    return {};
}

RunTagChange RunTagChange::neededFor(const QList<RunTag> &current) const
{
    RunTagChange needed;
    for (const RunTag &tag : set) {
        if (!current.contains(tag))
            needed.set.append(tag);
    }
    for (const RunTag &tag : remove) {
        // Exactly this tag: a group's delete would take off another label of the group too.
        const bool present = current.contains(tag);
        // Setting a group's label replaces its old one without taking it off first.
        const bool replaced = std::any_of(
            set.cbegin(), set.cend(), [&tag](const RunTag &put) { return sameTarget(tag, put); });
        if (present && !replaced)
            needed.remove.append(tag);
    }
    return needed;
}

QString RunTagChange::text() const
{
    QStringList parts;
    for (const RunTag &tag : set)
        parts.append(u'+' + tag.text());
    for (const RunTag &tag : remove)
        parts.append(u"\u2212"_s + tag.text());
    return parts.join(u' ');
}

QJsonObject RunTagChange::toJson() const
{
    QJsonArray toSet;
    for (const RunTag &tag : set)
        toSet.append(
            QJsonObject {{u"key"_s, tag.key.isEmpty() ? QJsonValue() : QJsonValue(tag.key)},
                {u"value"_s, tag.value}});
    QJsonArray toDelete;
    for (const RunTag &tag : remove)
        toDelete.append(tag.key.isEmpty() ? QJsonObject {{u"value"_s, tag.value}}
                                          : QJsonObject {{u"key"_s, tag.key}});
    return {{u"tags"_s, toSet}, {u"tags_to_delete"_s, toDelete}};
}

std::optional<QList<RunTag>> runTagsFromResponse(const QByteArray &body, QString *error)
{
    const auto document = parseResponse(body, true, u"expected a JSON object with tags"_s, error);
    if (!document)
        return std::nullopt;
    const QJsonValue tags = document->object().value("tags"_L1);
    if (!tags.isArray()) {
        if (error)
            *error = u"tags: expected a list"_s;
        return std::nullopt;
    }
    return readTagList(tags.toArray());
}

std::optional<TagColorNames> tagColorNamesFromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, false, u"expected a JSON list of tag values"_s, error);
    if (!document)
        return std::nullopt;
    TagColorNames colors;
    for (const QJsonValue &item : document->array()) {
        const QJsonObject value = item.toObject();
        const QString key = value.value("key"_L1).toString().left(kMaxTagLength);
        const QString label = value.value("value"_L1).toString().left(kMaxTagLength);
        const QString color = value.value("color"_L1).toString().left(40);
        if (!key.isEmpty() && !label.isEmpty() && !color.isEmpty())
            colors.insert(RunTag {key, label}.text(), color);
        if (colors.size() == 5000)
            break;
    }
    return colors;
}

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
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        tags.byRun.insert(it.key(), readTagList(it.value().toArray()));
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
