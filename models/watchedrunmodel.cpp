#include "watchedrunmodel.h"

#include "runformat.h"

using namespace Qt::StringLiterals;

WatchedRunModel::WatchedRunModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

QString WatchedRunModel::keyOf(const QString &connectionId, const QString &runId)
{
    return connectionId + u'/' + runId;
}

int WatchedRunModel::rowOf(const QString &connectionId, const QString &runId) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        const Entry &entry = m_entries.at(row);
        if (entry.connectionId == connectionId && entry.run.workflowRunId == runId)
            return row;
    }
    return -1;
}

bool WatchedRunModel::contains(const QString &connectionId, const QString &runId) const
{
    return rowOf(connectionId, runId) >= 0;
}

void WatchedRunModel::watch(const Entry &entry)
{
    if (entry.connectionId.isEmpty() || entry.run.workflowRunId.isEmpty())
        return;
    const int row = rowOf(entry.connectionId, entry.run.workflowRunId);
    if (row >= 0) {
        Entry &known = m_entries[row];
        if (!entry.connectionName.isEmpty())
            known.connectionName = entry.connectionName;
        if (entry.run.status != RunStatus::Unknown || known.run.workflowTitle.isEmpty())
            known.run = entry.run;
        emit dataChanged(index(row), index(row));
        return;
    }
    beginInsertRows({}, 0, 0); // the newest watch first
    m_entries.prepend(entry);
    endInsertRows();
}

bool WatchedRunModel::unwatch(const QString &connectionId, const QString &runId)
{
    const int row = rowOf(connectionId, runId);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    return true;
}

void WatchedRunModel::update(
    const QString &connectionId, const WorkflowRun &run, WorkflowRun *previous)
{
    const int row = rowOf(connectionId, run.workflowRunId);
    if (row < 0)
        return;
    Entry &entry = m_entries[row];
    if (previous)
        *previous = entry.run;
    const QString title = entry.run.workflowTitle;
    entry.run = run;
    if (entry.run.workflowTitle.isEmpty())
        entry.run.workflowTitle = title; // a detail answer may not carry it
    entry.problem.clear();
    emit dataChanged(index(row), index(row));
}

void WatchedRunModel::setConnectionName(const QString &connectionId, const QString &name)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry &entry = m_entries[row];
        if (entry.connectionId == connectionId && entry.connectionName != name) {
            entry.connectionName = name;
            emit dataChanged(index(row), index(row));
        }
    }
}

void WatchedRunModel::setProblem(
    const QString &connectionId, const QString &runId, const QString &problem)
{
    const int row = rowOf(connectionId, runId);
    if (row < 0 || m_entries.at(row).problem == problem)
        return;
    m_entries[row].problem = problem;
    emit dataChanged(index(row), index(row));
}

QStringList WatchedRunModel::keys() const
{
    QStringList keys;
    keys.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        keys.append(keyOf(entry.connectionId, entry.run.workflowRunId));
    return keys;
}

int WatchedRunModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant WatchedRunModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    const WorkflowRun &run = entry.run;
    const QString name = run.workflowTitle.isEmpty() ? run.workflowRunId : run.workflowTitle;
    switch (role) {
    case Qt::DisplayRole: {
        // The workflow, then what tells two runs of it apart: status, start, connection.
        QStringList details;
        if (run.status != RunStatus::Unknown)
            details.append(RunFormat::statusText(run.status, run.statusText));
        const QDateTime started = run.startedAt.isValid() ? run.startedAt : run.createdAt;
        if (started.isValid())
            details.append(RunFormat::localTime(started, QDateTime::currentDateTime()));
        details.append(entry.connectionName);
        details.removeAll(QString());
        const QString text = name + u'\n' + details.join(u" · "_s);
        return entry.problem.isEmpty() ? text : u"⚠ "_s + text; // the tip says why
    }
    case Qt::ToolTipRole: {
        QStringList lines {name, entry.connectionName, run.workflowRunId};
        if (!entry.problem.isEmpty())
            lines.append(entry.problem);
        lines.removeAll(QString());
        lines.removeDuplicates();
        return lines.join(u'\n');
    }
    case Qt::DecorationRole:
        return RunFormat::statusColor(run.status);
    case Qt::AccessibleDescriptionRole:
        return entry.connectionName;
    case ConnectionRole:
        return entry.connectionId;
    case RunIdRole:
        return run.workflowRunId;
    case StatusRole:
        return int(run.status);
    default:
        return {};
    }
}
