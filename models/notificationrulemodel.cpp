#include "notificationrulemodel.h"

#include <algorithm>

#include <QLocale>

#include "runformat.h"

using namespace Qt::StringLiterals;

NotificationRuleModel::NotificationRuleModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void NotificationRuleModel::setNames(
    const QHash<QString, QString> &connections, const QHash<QString, QString> &workflows)
{
    m_connectionNames = connections;
    m_workflowNames = workflows;
    if (!m_rules.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rules.size()) - 1, ColumnCount - 1));
}

void NotificationRuleModel::setRules(const QList<NotificationRule> &rules)
{
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

void NotificationRuleModel::setRule(int row, const NotificationRule &rule)
{
    if (row < 0 || row >= m_rules.size())
        return;
    m_rules[row] = rule;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int NotificationRuleModel::insertRule(int row, const NotificationRule &rule)
{
    row = std::clamp(row, 0, int(m_rules.size()));
    beginInsertRows({}, row, row);
    m_rules.insert(row, rule);
    endInsertRows();
    return row;
}

int NotificationRuleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int NotificationRuleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NotificationRuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ActionColumn:
        return tr("Then");
    case ConnectionColumn:
        return tr("Connection");
    case WorkflowColumn:
        return tr("Workflow");
    case StatusColumn:
        return tr("Ends as");
    case ErrorCodeColumn:
        return tr("Error code");
    case TagColumn:
        return tr("Tag");
    default:
        return {};
    }
}

QVariant NotificationRuleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NotificationRule &rule = m_rules.at(index.row());
    if (role == Qt::DecorationRole && index.column() == ActionColumn) {
        // Notify rules in the colour of attention, quiet ones grey.
        return rule.action == NotificationRule::Action::Notify
            ? RunFormat::statusColor(RunStatus::Running)
            : RunFormat::statusColor(RunStatus::Canceled);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QString any = tr("any");
    switch (index.column()) {
    case ActionColumn:
        return rule.action == NotificationRule::Action::Notify ? tr("Notify") : tr("Stay quiet");
    case ConnectionColumn:
        return rule.connection.isEmpty()
            ? any
            : m_connectionNames.value(rule.connection, rule.connection);
    case WorkflowColumn:
        return rule.workflow.isEmpty() ? any : m_workflowNames.value(rule.workflow, rule.workflow);
    case StatusColumn: {
        QStringList statuses;
        for (RunStatus status : allRunStatuses()) {
            if (rule.statuses.contains(status))
                statuses.append(RunFormat::statusText(status, {}));
        }
        return statuses.isEmpty() ? any : QLocale().createSeparatedList(statuses);
    }
    case ErrorCodeColumn:
        return rule.errorCode.isEmpty() ? any : rule.errorCode;
    case TagColumn:
        return rule.tag.isEmpty() ? any : rule.tag;
    default:
        return {};
    }
}

bool NotificationRuleModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rules.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rules.remove(row, count);
    endRemoveRows();
    return true;
}

bool NotificationRuleModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
    const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0
        || sourceRow >= m_rules.size() || destinationChild < 0 || destinationChild > m_rules.size())
        return false;
    if (destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false; // no move
    if (!beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild))
        return false;
    m_rules.move(sourceRow, destinationChild > sourceRow ? destinationChild - 1 : destinationChild);
    endMoveRows();
    return true;
}
