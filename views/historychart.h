#pragma once

#include <QWidget>

#include "runhistory.h"

/**
 * History's bars, painted with QPainter: runs per hour or day stacked by status with the
 * failure rate as a line over them, or compute units per bar. A bar's part is a slice of the
 * run list: a click, or Enter on the one chosen with the arrow keys (Left/Right a bar, Up/Down
 * a status), activates it.
 */
class HistoryChart final : public QWidget
{
    Q_OBJECT
public:
    /**
     * A bar's time as the chart and the list's notice name it: "Sat 28 Nov" for a day,
     * "Sat 28 Nov, 10:00–11:00" for an hour (or "10:00" under its bar).
     */
    static QString spanLabel(
        const QDateTime &start, const QDateTime &end, HistoryBucketSize size, bool withEnd);
    enum class Measure { RunsByStatus, ComputeUnits };

    explicit HistoryChart(Measure measure, QWidget *parent = nullptr);

    void setSummary(const HistorySummary &summary);
    const HistorySummary &summary() const { return m_summary; }

    /** The bar the keys are on (-1: none), and the status within it. */
    int currentBucket() const { return m_bucket; }
    RunStatus currentStatus() const { return m_status; }
    void setCurrent(int bucket, RunStatus status = RunStatus::Unknown);
    /** Where a bar's part of one status is drawn (empty when it has none). */
    QRect segmentRect(int bucket, RunStatus status) const;
    /** Where a whole bar is drawn. */
    QRect barRect(int bucket) const;
    /** A sentence about a bar (and a status in it): what the tooltip and a screen reader say. */
    QString describe(int bucket, RunStatus status = RunStatus::Unknown) const;

    /** The width of the value labels at the left, to line up charts stacked above each other. */
    int axisLabelWidth() const;
    void setMinimumAxisLabelWidth(int width);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /** A bar (or one status of it: Unknown for the whole bar) was clicked or chosen by Enter. */
    void sliceActivated(int bucket, RunStatus status);
    void currentChanged(int bucket, RunStatus status);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    struct Hit
    {
        int bucket = -1;
        RunStatus status = RunStatus::Unknown;
    };
    QRect plotRect() const;
    double valueOf(const HistoryBucket &bucket) const;
    double axisMax() const;
    Hit hitAt(const QPoint &point) const;
    QString bucketLabel(const HistoryBucket &bucket, bool withEnd) const;
    QList<RunStatus> statusesIn(int bucket) const;
    QColor colorOf(RunStatus status) const;

    Measure m_measure;
    HistorySummary m_summary;
    int m_minimumLabelWidth = 0;
    int m_bucket = -1;
    RunStatus m_status = RunStatus::Unknown;
};
