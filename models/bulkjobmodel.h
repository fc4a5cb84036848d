#pragma once

#include <QAbstractItemModel>
#include <QList>

#include "bulkjob.h"

/**
 * The bulk jobs of this session, newest first, each with its runs as children: what a jobs
 * panel shows. Owns the jobs; follows each as its runs settle.
 */
class BulkJobModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ResultColumn, ConnectionColumn, ColumnCount };
    enum Role {
        StateRole = Qt::UserRole, // BulkJob::State of a run as int; of a job: -1
        ProgressRole, // a job's settled share, 0–100
        RunIdRole,
    };

    explicit BulkJobModel(QObject *parent = nullptr);
    ~BulkJobModel() override;

    /** Takes the job, shows it first and starts it. */
    void addJob(BulkJob *job);
    BulkJob *jobAt(int row) const { return m_jobs.value(row); }
    /** The job a row (of a job or of one of its runs) belongs to. */
    BulkJob *jobOf(const QModelIndex &index) const;
    int jobCount() const { return int(m_jobs.size()); }
    /** Forgets the jobs that have finished. */
    void removeFinished();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /** A job's runs have all settled. */
    void jobFinished(BulkJob *job);

private:
    int rowOfJob(const BulkJob *job) const { return int(m_jobs.indexOf(job)); }
    QList<BulkJob *> m_jobs;
};
