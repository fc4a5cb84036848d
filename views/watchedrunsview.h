#pragma once

#include <QWidget>

class QLabel;
class QTreeView;
class WatchedRunModel;

/**
 * The Watched list: runs the user waits for, on any connection, each with its status. A lens on
 * the runs, not a store: choosing one opens it in the run list (switching connection if need
 * be). Enter opens, Delete stops watching, and the row menu offers both.
 */
class WatchedRunsView final : public QWidget
{
    Q_OBJECT
public:
    explicit WatchedRunsView(WatchedRunModel *model, QWidget *parent = nullptr);

    QTreeView *listView() const { return m_list; }

signals:
    void openRequested(const QString &connectionId, const QString &runId);
    void stopWatchingRequested(const QString &connectionId, const QString &runId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateEmptyState();
    void openCurrent();
    void stopCurrent();

    WatchedRunModel *m_model;
    QTreeView *m_list;
    QLabel *m_empty;
};
