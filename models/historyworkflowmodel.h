#pragma once

#include <QAbstractTableModel>

#include "runhistory.h"

/** History's workflows: runs, how often they failed, p50/p95 duration, compute units. */
class HistoryWorkflowModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        WorkflowColumn,
        RunsColumn,
        FailureRateColumn,
        P50Column,
        P95Column,
        ComputeUnitsColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers for numeric columns
        WorkflowIdRole,
    };

    explicit HistoryWorkflowModel(QObject *parent = nullptr);
    /** Replaces the rows (one reset: a new summary is a new dataset). */
    void setWorkflows(const QList<WorkflowHistory> &workflows);
    /** Whether the compute units column means anything (some run reported units). */
    void setShowsComputeUnits(bool shows) { m_showsComputeUnits = shows; }
    bool showsComputeUnits() const { return m_showsComputeUnits; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<WorkflowHistory> m_workflows;
    bool m_showsComputeUnits = false;
};
