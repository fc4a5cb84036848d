#pragma once

#include <QSortFilterProxyModel>

/**
 * Sorts the loaded runs by a column's raw value (RunListModel::SortRole) without asking the
 * server, and keeps the server's order (newest first) when no column is chosen. Rows stay sorted
 * as polls change them.
 */
class RunSortProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunSortProxyModel(QObject *parent = nullptr);

    /** Back to the server's order: newest first. */
    void showServerOrder();
    bool isSorted() const { return sortColumn() >= 0; }

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};
