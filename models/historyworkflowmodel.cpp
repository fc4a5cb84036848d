#include "historyworkflowmodel.h"

#include <QLocale>

#include "runformat.h"

namespace {
QString percent(double rate)
{
    return rate < 0 ? QString() : QLocale().toString(rate * 100, 'f', 1) + u'%';
}
} // namespace

HistoryWorkflowModel::HistoryWorkflowModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HistoryWorkflowModel::setWorkflows(const QList<WorkflowHistory> &workflows)
{
    beginResetModel();
    m_workflows = workflows;
    endResetModel();
}

int HistoryWorkflowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_workflows.size());
}

int HistoryWorkflowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryWorkflowModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WorkflowHistory &workflow = m_workflows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WorkflowColumn:
            return workflow.title.isEmpty() ? workflow.workflowId : workflow.title;
        case RunsColumn:
            return QLocale().toString(workflow.runs);
        case FailureRateColumn:
            return percent(workflow.failureRate());
        case P50Column:
            return workflow.p50Ms < 0 ? QString() : RunFormat::duration(workflow.p50Ms);
        case P95Column:
            return workflow.p95Ms < 0 ? QString() : RunFormat::duration(workflow.p95Ms);
        case ComputeUnitsColumn:
            return m_showsComputeUnits && workflow.withComputeUnits > 0
                ? QLocale().toString(workflow.computeUnits, 'f', 1)
                : QString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == WorkflowColumn)
            return tr("%1\n%n run(s); %2 failed of %3 finished", nullptr, workflow.runs)
                .arg(workflow.workflowId)
                .arg(workflow.failed)
                .arg(workflow.finished);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != WorkflowColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SortRole:
        switch (index.column()) {
        case WorkflowColumn:
            return data(index, Qt::DisplayRole).toString().toLower();
        case RunsColumn:
            return workflow.runs;
        case FailureRateColumn:
            return workflow.failureRate();
        case P50Column:
            return workflow.p50Ms;
        case P95Column:
            return workflow.p95Ms;
        case ComputeUnitsColumn:
            return workflow.computeUnits;
        }
        break;
    case WorkflowIdRole:
        return workflow.workflowId;
    }
    return {};
}

QVariant HistoryWorkflowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case WorkflowColumn:
        return tr("Workflow");
    case RunsColumn:
        return tr("Runs");
    case FailureRateColumn:
        return tr("Failed");
    case P50Column:
        return tr("p50");
    case P95Column:
        return tr("p95");
    case ComputeUnitsColumn:
        return tr("Compute units");
    }
    return {};
}
