#include "bulkjobmodel.h"

#include "runformat.h"

using namespace Qt::StringLiterals;

namespace {
// Child indexes carry their job's row + 1 as internal id; job rows carry 0.
constexpr quintptr kJobRow = 0;
} // namespace

BulkJobModel::BulkJobModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

BulkJobModel::~BulkJobModel() = default;

void BulkJobModel::addJob(BulkJob *job)
{
    job->setParent(this);
    beginInsertRows({}, 0, 0);
    m_jobs.prepend(job);
    endInsertRows();
    connect(job, &BulkJob::itemChanged, this, [this, job](int item) {
        const int row = rowOfJob(job);
        if (row < 0)
            return;
        const QModelIndex jobIndex = index(row, 0);
        emit dataChanged(index(item, 0, jobIndex), index(item, ColumnCount - 1, jobIndex));
        emit dataChanged(jobIndex, index(row, ColumnCount - 1));
    });
    connect(job, &BulkJob::finished, this, [this, job] {
        const int row = rowOfJob(job);
        if (row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        emit jobFinished(job);
    });
    job->start();
}

BulkJob *BulkJobModel::jobOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int row = index.internalId() == kJobRow ? index.row() : int(index.internalId()) - 1;
    return m_jobs.value(row);
}

void BulkJobModel::removeFinished()
{
    for (int row = int(m_jobs.size()) - 1; row >= 0; --row) {
        if (!m_jobs.at(row)->isFinished())
            continue;
        beginRemoveRows({}, row, row);
        BulkJob *job = m_jobs.takeAt(row);
        endRemoveRows();
        job->disconnect(this);
        job->deleteLater();
    }
}

QModelIndex BulkJobModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kJobRow);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex BulkJobModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kJobRow)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, kJobRow);
}

int BulkJobModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_jobs.size());
    if (parent.column() != 0 || parent.internalId() != kJobRow)
        return 0;
    return int(m_jobs.at(parent.row())->items().size());
}

int BulkJobModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant BulkJobModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BulkJob *job = jobOf(index);
    if (index.internalId() == kJobRow) {
        const int settled = job->finishedCount();
        const int all = int(job->items().size());
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == NameColumn)
                return job->title();
            if (index.column() == ResultColumn)
                return job->isFinished()
                    ? job->summary()
                    : tr("%1 of %2 · %3").arg(settled).arg(all).arg(job->summary());
            return {};
        case Qt::ToolTipRole:
            return QString(job->title() + u'\n' + job->summary());
        case StateRole:
            return -1;
        case ProgressRole:
            return all == 0 ? 100 : settled * 100 / all;
        default:
            return {};
        }
    }
    const BulkJob::Item &item = job->items().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return item.title.isEmpty() ? item.runId : tr("%1 · %2").arg(item.title, item.runId);
        case ResultColumn:
            if (item.state == BulkJob::State::Waiting)
                return tr("Waiting");
            if (item.state == BulkJob::State::Working)
                return tr("Working…");
            return item.result;
        case ConnectionColumn:
            return item.connection;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == ResultColumn ? item.result : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn && item.state == BulkJob::State::Failed)
            return RunFormat::statusColor(RunStatus::Failed);
        return {};
    case StateRole:
        return int(item.state);
    case RunIdRole:
        return item.newRunId.isEmpty() ? item.runId : item.newRunId;
    default:
        return {};
    }
}

QVariant BulkJobModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Job / run");
    case ResultColumn:
        return tr("Result");
    case ConnectionColumn:
        return tr("Connection");
    default:
        return {};
    }
}
