#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include "notificationpolicy.h"

/**
 * The rules of a notification policy as a table a user reads and reorders, one rule a row and
 * the first that matches deciding: what to do, and the connection, workflow, end statuses and
 * error code it is about ("any" where it does not narrow). Ids are named where names are known.
 */
class NotificationRuleModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ActionColumn,
        ConnectionColumn,
        WorkflowColumn,
        StatusColumn,
        ErrorCodeColumn,
        TagColumn,
        ColumnCount
    };

    explicit NotificationRuleModel(QObject *parent = nullptr);

    /** What connections and workflows are called, by id, for the sentences. */
    void setNames(
        const QHash<QString, QString> &connections, const QHash<QString, QString> &workflows);
    void setRules(const QList<NotificationRule> &rules);
    QList<NotificationRule> rules() const { return m_rules; }
    NotificationRule ruleAt(int row) const { return m_rules.value(row); }
    void setRule(int row, const NotificationRule &rule);
    /** Adds a rule at `row` (clamped to the list); its row. */
    int insertRule(int row, const NotificationRule &rule);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
        const QModelIndex &destinationParent, int destinationChild) override;

private:
    QList<NotificationRule> m_rules;
    QHash<QString, QString> m_connectionNames;
    QHash<QString, QString> m_workflowNames;
};
