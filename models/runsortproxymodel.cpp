#include "runsortproxymodel.h"

#include "runlistmodel.h"

RunSortProxyModel::RunSortProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RunListModel::SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

void RunSortProxyModel::setLocalFilter(const RunFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateRowsFilter(); // Qt 6.4: no begin/endFilterChange yet
}

bool RunSortProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (m_filter.isEmpty())
        return true;
    const auto *runs = qobject_cast<const RunListModel *>(sourceModel());
    const WorkflowRun *run = runs ? runs->runAt(sourceRow) : nullptr;
    return !run || m_filter.matchesLocally(*run);
}

void RunSortProxyModel::showServerOrder()
{
    sort(-1);
}

bool RunSortProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(RunListModel::SortRole);
    const QVariant b = right.data(RunListModel::SortRole);
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString) {
        const int order = QString::localeAwareCompare(a.toString(), b.toString());
        if (order != 0)
            return order < 0;
    } else {
        const QPartialOrdering order = QVariant::compare(a, b);
        if (order != QPartialOrdering::Equivalent)
            return order == QPartialOrdering::Less;
    }
    // Equal keys keep the server's order, so equal rows do not swap places on every poll.
    return left.row() < right.row();
}
