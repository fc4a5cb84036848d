#pragma once

#include <QAbstractTableModel>

#include "runhistory.h"

/** History's most frequent error codes: runs, their count bar by bar, when last seen. */
class HistoryErrorCodeModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { CodeColumn, RunsColumn, TrendColumn, LastSeenColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        CountsRole, // TrendColumn: the count per bar, a QList<int>
    };

    explicit HistoryErrorCodeModel(QObject *parent = nullptr);
    void setErrorCodes(const QList<ErrorCodeHistory> &codes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ErrorCodeHistory> m_codes;
};
