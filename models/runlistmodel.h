#pragma once

#include <optional>

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include "apierror.h"
#include "runquery.h"
#include "runsource.h"

/**
 * The run list: one row per run, newest first, loaded page by page from a RunSource as the
 * view scrolls (canFetchMore/fetchMore). A new scope or filter replaces the rows only when its
 * first page arrives, so the last good rows stay on screen while loading or after an error.
 */
class RunListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        WorkflowColumn,
        RunIdColumn,
        TriggerColumn,
        CreatedColumn,
        StartedColumn,
        DurationColumn,
        FailureReasonColumn,
        ErrorCodesColumn,
        SourceColumn, // the connection, in lists merged from several
        TagsColumn,
        TypeColumn, // the run type (workflow run, task v2, a computer-use agent)
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // the raw value a column sorts by
        RunIdRole,
        StatusRole, // RunStatus as int
        TagsRole, // QStringList, each as RunTag::text()
        TagColorsRole, // QVariantList of QColor, one per tag (invalid: neutral)
    };

    explicit RunListModel(QObject *parent = nullptr);
    ~RunListModel() override;

    void setSource(RunSource *source);
    void setPageSize(int pageSize);
    int pageSize() const { return m_pageSize; }
    /** Shows runs of one workflow (permanent id), or of all when empty; reloads. */
    void setScope(const QString &workflowPermanentId);
    QString scope() const { return m_scope; }
    void setFilter(const RunFilter &filter);
    RunFilter filter() const { return m_filter; }
    /**
     * Shows runs saved earlier for this view until the source's first page arrives (which
     * replaces them). Ignored once a page has arrived.
     */
    void showSaved(const QList<WorkflowRun> &runs);
    /** True while the rows are the saved ones. */
    bool isShowingSaved() const { return m_showingSaved; }
    /** Asks for the first page again, keeping the rows on screen until it arrives. */
    void reload();
    /**
     * Polls the newest runs (as many as are loaded, up to a limit) and merges them in place:
     * changed rows get dataChanged, new runs are inserted at the top, runs that no longer
     * match are removed. Selection and scroll position survive.
     */
    void refresh();
    /** Tells views that durations of running rows moved on (they are computed from now). */
    void tickActiveDurations();
    int activeRunCount() const;
    QHash<RunStatus, int> statusCounts() const;
    bool isRefreshing() const { return m_refreshRequest != 0; }

    bool isLoading() const { return m_pendingRequest != 0; }
    /** True once the server returned a short page: there are no more runs to load. */
    bool isExhausted() const { return m_exhausted; }
    int loadedPages() const { return m_loadedPages; }
    ApiError lastError() const { return m_lastError; }
    /** Connections of a merged list that failed on the last answer; the others' rows show. */
    QList<ApiError> partialErrors() const { return m_partialErrors; }
    /** What the last answer said besides its runs (runs skipped as unreadable, say). */
    QStringList notes() const { return m_notes; }
    const WorkflowRun *runAt(int row) const;
    /** The first `count` rows, newest first. */
    QList<WorkflowRun> newestRuns(int count) const { return m_runs.mid(0, count); }
    /**
     * Error codes of a run, learned from its detail (list items do not carry them). Only what
     * a detail said is shown: a run listed under an error-code filter may have more codes.
     */
    void setErrorCodes(const QString &runId, const QStringList &codes);
    QStringList errorCodes(const QString &runId) const;
    /** A failure reason learned from a run's detail, for a run listed without one. */
    void fillFailureReason(const QString &runId, const QString &reason);
    /** The run's failure reason: as listed, else as its detail told. */
    QString failureReasonOf(const WorkflowRun &run) const
    {
        return run.failureReason.isEmpty() ? m_learnedReasons.value(run.workflowRunId)
                                           : run.failureReason;
    }
    bool hasErrorCodes(const QString &runId) const { return m_errorCodes.contains(runId); }
    /** The tags of runs, as a source answered them (a run with none: an empty list). */
    void setTags(const QHash<QString, QList<RunTag>> &tags);
    QList<RunTag> tags(const QString &runId) const { return m_tags.value(runId); }
    bool hasTags(const QString &runId) const { return m_tags.contains(runId); }
    /** The palette colour names a source keeps for its tags (see TagPalette). */
    void setTagColors(const TagColorNames &names);
    const TagColorNames &tagColors() const { return m_tagColors; }
    /** Workflow names by permanent id, for runs whose list answer carries none. */
    void setWorkflowTitles(const QHash<QString, QString> &titles);
    /** The workflow's name as the list shows it: as listed, else as set, else its id. */
    QString workflowTitleOf(const WorkflowRun &run) const
    {
        if (!run.workflowTitle.isEmpty())
            return run.workflowTitle;
        return m_workflowTitles.value(run.workflowPermanentId, run.workflowPermanentId);
    }
    int rowOfRun(const QString &runId) const;
    /**
     * How rows are told apart: by source and id, as two connections may use the same ids. The
     * id alone for a run of one connection.
     */
    static QString rowKey(const WorkflowRun &run);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /**
     * A row's sort key in a column of times, durations or statuses, as SortRole gives it;
     * nothing for other columns. Sorting reads it without a QVariant or an index per row.
     */
    std::optional<qint64> sortKey(int row, int column) const;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    /** Loading started or stopped. */
    void loadingChanged(bool loading);
    /** A page arrived: how many pages and rows are loaded, and whether that was the last. */
    void pageLoaded(int pages, int rows, bool exhausted);
    /** A request failed; the rows on screen are the last good ones. */
    void requestFailed(const ApiError &error);
    /**
     * What History records: the runs of a page as it came, and of a poll those that are new to
     * the list or changed (the others came before).
     */
    void runsReceived(const QList<WorkflowRun> &runs);
    /** A poll merged: how many rows changed, appeared and went. */
    void refreshed(int changed, int inserted, int removed);
    /** The run shown in this row changed (for a detail pane showing it). */
    void runChanged(const QString &runId);
    /**
     * A poll found a run ended: it was queued or running (`previous`), or it is new and had
     * already ended (`previous` Unknown). What notifications are made of.
     */
    void runEnded(const WorkflowRun &run, RunStatus previous);

private:
    void request(int page);
    void clearRows();
    /** Shows exactly these runs (the first of any duplicate), in one reset. */
    void replaceRows(const QList<WorkflowRun> &runs);
    void applyPage(const RunPage &page);
    void setPending(RequestId id);
    void mergeRefresh(const RunPage &page);
    void rebuildIndex();
    static constexpr int kMaxRefreshRows = 200;

    QPointer<RunSource> m_source;
    QList<WorkflowRun> m_runs;
    QHash<QString, int> m_rowById;
    QString m_scope;
    RunFilter m_filter;
    int m_pageSize = 50;
    int m_loadedPages = 0;
    bool m_exhausted = false;
    RequestId m_pendingRequest = 0;
    RequestId m_refreshRequest = 0;
    bool m_refreshAgain = false;
    bool m_showingSaved = false;
    ApiError m_lastError;
    QHash<QString, QStringList> m_errorCodes; // of the runs listed; pruned on each new list
    QHash<QString, QList<RunTag>> m_tags; // the same
    TagColorNames m_tagColors;
    QHash<QString, QString> m_learnedReasons; // from details, for runs listed without one
    QHash<QString, QString> m_workflowTitles;
    QList<ApiError> m_partialErrors;
    QStringList m_notes;
};
