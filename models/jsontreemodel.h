#pragma once

#include <QJsonValue>
#include <QStandardItemModel>

/** Shows a JSON value as a two-column tree (key, value) that a view can expand and collapse. */
class JsonTreeModel final : public QStandardItemModel
{
    Q_OBJECT
public:
    explicit JsonTreeModel(QObject *parent = nullptr);

    void setJson(const QJsonValue &value);

private:
    void append(QStandardItem *parent, const QString &key, const QJsonValue &value);
};
