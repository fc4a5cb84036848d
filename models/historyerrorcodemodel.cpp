#include "historyerrorcodemodel.h"

#include <QLocale>

#include "runformat.h"

HistoryErrorCodeModel::HistoryErrorCodeModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HistoryErrorCodeModel::setErrorCodes(const QList<ErrorCodeHistory> &codes)
{
    beginResetModel();
    m_codes = codes;
    endResetModel();
}

int HistoryErrorCodeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_codes.size());
}

int HistoryErrorCodeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryErrorCodeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ErrorCodeHistory &code = m_codes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CodeColumn:
            return code.code;
        case RunsColumn:
            return QLocale().toString(code.runs);
        case LastSeenColumn:
            return RunFormat::localTime(code.lastSeen, QDateTime::currentDateTime());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TrendColumn)
            return tr("%n run(s) with %1 in the range, bar by bar as in the chart above", nullptr,
                code.runs)
                .arg(code.code);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == RunsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SortRole:
        switch (index.column()) {
        case CodeColumn:
            return code.code;
        case RunsColumn:
        case TrendColumn:
            return code.runs;
        case LastSeenColumn:
            return code.lastSeen.toMSecsSinceEpoch();
        }
        break;
    case CountsRole:
        if (index.column() == TrendColumn)
            return QVariant::fromValue(code.perBucket);
        break;
    }
    return {};
}

QVariant HistoryErrorCodeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn:
        return tr("Error code");
    case RunsColumn:
        return tr("Runs");
    case TrendColumn:
        return tr("Over time");
    case LastSeenColumn:
        return tr("Last seen");
    }
    return {};
}
