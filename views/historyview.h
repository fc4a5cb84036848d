#pragma once

#include <QDateTime>
#include <QWidget>

#include "runhistory.h"

class HistoryChart;
class HistoryErrorCodeModel;
class HistoryWorkflowModel;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

/**
 * History: how the runs of the shown connection (or all of them) went over the last day,
 * week, month or quarter. Bars of runs by status with the failure rate, compute units where
 * a platform reports them, each workflow's p50/p95, and the most frequent error codes over
 * time. It draws what RunHistory holds (stored runs, so it works offline) and asks for older
 * runs with "Load older runs". A bar, a workflow or a code is a way into the run list.
 */
class HistoryView final : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(RunHistory *history, QWidget *parent = nullptr);
    ~HistoryView() override;

    /** Whose runs these are (a connection's name, or "All connections"). */
    void setConnectionName(const QString &name);
    /** Whether the run list can be filtered by error code here (a code's row leads there). */
    void setErrorCodesFilterable(bool filterable);

    /** How far back the view looks, in days (1, 7, 30 or 90). */
    int rangeDays() const;
    void setRangeDays(int days);
    /** The first moment of the range, as of now. */
    QDateTime rangeStart() const;

    /** "Load older runs" is under way: progress as runs read and how far back they reach. */
    void showBackfillStarted(const QDateTime &since);
    void showBackfillProgress(int runs, const QDateTime &reached);
    /** Then the failed runs' error codes are looked up: how many of how many. */
    void showBackfillCodes(int done, int total);
    /** It ended: a sentence for the user (how many were read, or why it stopped); `complete`:
     * the server has nothing older. */
    void showBackfillEnded(const QString &message, bool complete = false);
    bool isBackfillRunning() const { return m_backfilling; }

    /** Draws again from what the history holds now. */
    void refresh();
    const HistorySummary &summary() const;
    HistoryChart *runsChart() const { return m_runsChart; }
    HistoryChart *computeChart() const { return m_computeChart; }
    QTableView *workflowTable() const { return m_workflowTable; }
    QTableView *errorCodeTable() const { return m_codeTable; }

signals:
    /** A part of the history to show in the run list. */
    void sliceActivated(const HistorySlice &slice);
    /** Read the server's runs back to `since`. */
    void backfillRequested(const QDateTime &since);
    void backfillCancelRequested();
    /** Back to the run list (Escape, or the button). */
    void closeRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void activateBar(int bucket, RunStatus status);
    void updateCoverage();

    RunHistory *m_history;
    QString m_connectionName;
    QLabel *m_title;
    QComboBox *m_range;
    QPushButton *m_backfillButton;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_coverage;
    QLabel *m_totals;
    HistoryChart *m_runsChart;
    QLabel *m_computeTitle;
    HistoryChart *m_computeChart;
    QLabel *m_current;
    HistoryWorkflowModel *m_workflows;
    HistoryErrorCodeModel *m_codes;
    QTableView *m_workflowTable;
    QTableView *m_codeTable;
    QLabel *m_codesNote;
    QTimer *m_refreshTimer;
    QDateTime m_backfillSince;
    QDateTime m_completeSince; // Load older runs read every run the server has since this
    bool m_backfilling = false;
    bool m_codesFilterable = true;
};
