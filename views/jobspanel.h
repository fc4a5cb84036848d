#pragma once

#include <QWidget>

class BulkJob;
class BulkJobModel;
class QLabel;
class QPushButton;
class QTreeView;

/**
 * The bulk jobs of this session, like a download list: one line per job with its progress and
 * what became of its runs, each run on expanding it. The selected job can be stopped and its
 * report copied; a run's line opens it in the list.
 */
class JobsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit JobsPanel(BulkJobModel *model, QWidget *parent = nullptr);

    QTreeView *treeView() const { return m_tree; }

signals:
    /** A run's line was chosen: its new run when it was retried, else itself. */
    void runChosen(const QString &runId);
    /** A report went to the clipboard, in a sentence. */
    void copied(const QString &message);

private:
    BulkJob *currentJob() const;
    void updateButtons();

    BulkJobModel *m_model;
    QTreeView *m_tree;
    QLabel *m_empty;
    QPushButton *m_stop;
    QPushButton *m_copy;
    QPushButton *m_clear;
};
