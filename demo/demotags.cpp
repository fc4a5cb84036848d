#include "demotags.h"

#include <QCryptographicHash>

#include "demorun.h"

using namespace Qt::StringLiterals;

namespace {
const QStringList kEnvironments {u"prod"_s, u"staging"_s};
const QStringList kCustomers {u"acme"_s, u"globex"_s, u"initech"_s};

// A stable number from the run id: the same run always gets the same tags.
quint32 spread(const QString &runId)
{
    const QByteArray hash = QCryptographicHash::hash(runId.toUtf8(), QCryptographicHash::Md5);
    return quint32(uchar(hash.at(0))) | quint32(uchar(hash.at(1))) << 8
        | quint32(uchar(hash.at(2))) << 16;
}
} // namespace

QJsonObject DemoTag::toJson() const
{
    return {{u"key"_s, key.isEmpty() ? QJsonValue() : QJsonValue(key)}, {u"value"_s, value}};
}

QList<DemoTag> DemoTags::of(const DemoRun &run)
{
    const quint32 n = spread(run.runId);
    QList<DemoTag> tags;
    if (n % 10 < 8)
        tags.append({u"env"_s, kEnvironments.at((n / 10) % 4 == 0 ? 1 : 0)}); // mostly prod
    if ((n / 40) % 10 < 6)
        tags.append({u"customer"_s, kCustomers.at((n / 400) % 3)});
    if (run.triggerType == "scheduled"_L1)
        tags.append({{}, u"nightly"_s});
    if ((n / 1200) % 7 == 0)
        tags.append({{}, u"smoke"_s});
    return tags;
}

QList<DemoTag> DemoTags::fromJson(const QJsonArray &tags)
{
    QList<DemoTag> list;
    for (const QJsonValue &tag : tags)
        list.append({tag[u"key"_s].toString(), tag[u"value"_s].toString()});
    return list;
}

QStringList DemoTags::palette()
{
    return {u"red"_s, u"orange"_s, u"amber"_s, u"lime"_s, u"green"_s, u"teal"_s, u"cyan"_s,
        u"blue"_s, u"indigo"_s, u"violet"_s, u"pink"_s, u"gray"_s};
}

QString DemoTags::colorOf(const QString &key, const QString &value)
{
    const QStringList colors = palette();
    return colors.at(spread(key + u':' + value) % colors.size());
}

QHash<QString, QString> DemoTags::defaultColors()
{
    return {{u"env:prod"_s, u"red"_s}, {u"env:staging"_s, u"amber"_s},
        {u"customer:acme"_s, u"blue"_s}, {u"customer:globex"_s, u"violet"_s},
        {u"customer:initech"_s, u"teal"_s}};
}

QJsonObject DemoTags::suggestions()
{
    return {{u"keys"_s, QJsonArray {u"customer"_s, u"env"_s}},
        {u"values_by_key"_s,
            QJsonObject {{u"customer"_s, QJsonArray::fromStringList(kCustomers)},
                {u"env"_s, QJsonArray::fromStringList(kEnvironments)}}},
        {u"labels"_s, QJsonArray {u"nightly"_s, u"smoke"_s}}};
}
