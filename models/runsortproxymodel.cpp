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
    // One full re-map: filtering row by row emits a removal per scattered run, which is
    // quadratic over a hundred thousand rows.
    invalidate();
}

bool RunSortProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (m_filter.isEmpty() && m_onlyRuns.isEmpty() && m_onlyRunIds.isEmpty())
        return true;
    const auto *runs = qobject_cast<const RunListModel *>(sourceModel());
    const WorkflowRun *run = runs ? runs->runAt(sourceRow) : nullptr;
    if (!run)
        return true;
    if (!m_onlyRuns.isEmpty() && !m_onlyRuns.contains(RunListModel::rowKey(*run)))
        return false;
    if (!m_onlyRunIds.isEmpty() && !m_onlyRunIds.contains(run->workflowRunId))
        return false;
    if (m_filter.searchKey.isEmpty())
        return m_filter.matchesLocally(*run);
    // What the row shows, so a search for a word on screen keeps the rows that show it.
    return m_filter.matchesLocally(*run,
        {runs->workflowTitleOf(*run), runs->failureReasonOf(*run),
            runs->errorCodes(run->workflowRunId).join(u' ')});
}

void RunSortProxyModel::setOnlyRuns(const QSet<QString> &keys)
{
    if (keys == m_onlyRuns)
        return;
    m_onlyRuns = keys;
    invalidate();
}

void RunSortProxyModel::setOnlyRunIds(const QSet<QString> &ids)
{
    if (ids == m_onlyRunIds)
        return;
    m_onlyRunIds = ids;
    invalidate();
}

bool RunSortProxyModel::canFetchMore(const QModelIndex &parent) const
{
    // A few runs of one group would otherwise page through the whole history to fill a view.
    return m_onlyRuns.isEmpty() && m_onlyRunIds.isEmpty()
        && QSortFilterProxyModel::canFetchMore(parent);
}

void RunSortProxyModel::showServerOrder()
{
    sort(-1);
}

void RunSortProxyModel::setSourceModel(QAbstractItemModel *model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    forgetKeys();
    // Connected before the base class connects its own handlers, so a changed row is never
    // placed by a stale key.
    if (model) {
        connect(model, &QAbstractItemModel::dataChanged, this, &RunSortProxyModel::forgetKeys);
        connect(model, &QAbstractItemModel::rowsInserted, this, &RunSortProxyModel::forgetKeys);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &RunSortProxyModel::forgetKeys);
        connect(model, &QAbstractItemModel::modelReset, this, &RunSortProxyModel::forgetKeys);
        connect(model, &QAbstractItemModel::layoutChanged, this, &RunSortProxyModel::forgetKeys);
    }
    QSortFilterProxyModel::setSourceModel(model);
}

void RunSortProxyModel::sort(int column, Qt::SortOrder order)
{
    forgetKeys();
    QAbstractItemModel *model = sourceModel();
    if (model && column >= 0) {
        const int rows = model->rowCount();
        m_keys.resize(rows);
        bool integral = true;
        const auto *runs = qobject_cast<const RunListModel *>(model);
        for (int row = 0; row < rows && integral; ++row) {
            if (runs) {
                const std::optional<qint64> key = runs->sortKey(row, column);
                integral = key.has_value();
                m_keys[row] = key.value_or(0);
                continue;
            }
            const QVariant key = model->index(row, column).data(RunListModel::SortRole);
            integral = key.typeId() == QMetaType::LongLong || key.typeId() == QMetaType::Int;
            m_keys[row] = key.toLongLong();
        }
        if (integral)
            m_keyColumn = column;
    }
    QSortFilterProxyModel::sort(column, order);
}

bool RunSortProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == m_keyColumn && left.row() < m_keys.size() && right.row() < m_keys.size()) {
        const qint64 x = m_keys.at(left.row());
        const qint64 y = m_keys.at(right.row());
        return x != y ? x < y : left.row() < right.row();
    }
    const QVariant a = left.data(RunListModel::SortRole);
    const QVariant b = right.data(RunListModel::SortRole);
    const auto isInteger = [](const QVariant &value) {
        return value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int;
    };
    if (isInteger(a) && isInteger(b)) {
        // Times and durations: the common case, without QVariant's generic comparison.
        const qint64 x = a.toLongLong();
        const qint64 y = b.toLongLong();
        if (x != y)
            return x < y;
    } else if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString) {
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
