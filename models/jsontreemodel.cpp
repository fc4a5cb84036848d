#include "jsontreemodel.h"

#include <QJsonArray>
#include <QJsonObject>

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Key"), tr("Value")});
}

void JsonTreeModel::setJson(const QJsonValue &value)
{
    removeRows(0, rowCount());
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            append(invisibleRootItem(), it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            append(invisibleRootItem(), QStringLiteral("[%1]").arg(i), array.at(i));
    } else if (!value.isNull() && !value.isUndefined()) {
        append(invisibleRootItem(), tr("value"), value);
    }
}

void JsonTreeModel::append(QStandardItem *parent, const QString &key, const QJsonValue &value)
{
    auto *keyItem = new QStandardItem(key);
    auto *valueItem = new QStandardItem;
    keyItem->setEditable(false);
    valueItem->setEditable(false);
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        valueItem->setText(tr("{%1 fields}").arg(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it)
            append(keyItem, it.key(), it.value());
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        valueItem->setText(tr("[%1 items]").arg(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i)
            append(keyItem, QStringLiteral("[%1]").arg(i), array.at(i));
        break;
    }
    case QJsonValue::String:
        valueItem->setText(value.toString().left(10000));
        valueItem->setToolTip(value.toString().left(2000));
        break;
    case QJsonValue::Double:
        valueItem->setText(QString::number(value.toDouble(), 'g', 15));
        break;
    case QJsonValue::Bool:
        valueItem->setText(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        break;
    default:
        valueItem->setText(QStringLiteral("null"));
        break;
    }
    parent->appendRow({keyItem, valueItem});
}
