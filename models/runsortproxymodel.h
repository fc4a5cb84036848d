#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

#include "runfilter.h"

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

    /** Narrows the loaded rows at once (status and search), e.g. while the server is asked. */
    void setLocalFilter(const RunFilter &filter);
    RunFilter localFilter() const { return m_filter; }
    /**
     * Shows only these runs (RunListModel::rowKey), e.g. one failure group's; empty: all.
     * Kept across pages and polls until replaced.
     */
    void setOnlyRuns(const QSet<QString> &keys);
    bool isNarrowedToRuns() const { return !m_onlyRuns.isEmpty(); }
    /** Shows only runs with these ids (a slice of History), whichever connection they are of;
     * empty: all. Kept when the list is replaced, unlike setOnlyRuns. */
    void setOnlyRunIds(const QSet<QString> &ids);
    bool isNarrowedToRunIds() const { return !m_onlyRunIds.isEmpty(); }
    /** Back to the server's order: newest first. */
    void showServerOrder();
    bool isSorted() const { return sortColumn() >= 0; }

    void setSourceModel(QAbstractItemModel *model) override;
    /** Narrowed to some runs, the list loads no pages by itself to fill the view. */
    bool canFetchMore(const QModelIndex &parent) const override;
    /** Reads each row's key once per sort instead of twice per comparison. */
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void forgetKeys() { m_keyColumn = -1; }

    RunFilter m_filter;
    QSet<QString> m_onlyRuns;
    QSet<QString> m_onlyRunIds;
    QList<qint64> m_keys; // by source row, for m_keyColumn
    int m_keyColumn = -1;
};
