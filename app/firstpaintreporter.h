#pragma once

#include <QObject>

class QAbstractItemView;

/**
 * For the start-up benchmark: says on stdout when the run table first paints rows; then, once
 * the run made current with them is filled in beside them (right after that paint), prints the
 * checkpoints and quits.
 */
class FirstPaintReporter final : public QObject
{
public:
    explicit FirstPaintReporter(QAbstractItemView *view);
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAbstractItemView *m_view;
    bool m_reported = false;
    bool m_paintedEmpty = false;
};
