#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class FailureGroupModel;
class QLabel;
class QPushButton;
class QTreeView;

/**
 * The failures of the loaded runs grouped by error code and cause, with what the counts cover.
 * A lens on the list: choosing a group narrows the list to its runs until "Show all runs".
 * "Load the last 24 hours / 7 days" asks for older pages until the window is covered.
 */
class FailureGroupsView final : public QWidget
{
    Q_OBJECT
public:
    explicit FailureGroupsView(FailureGroupModel *model, QWidget *parent = nullptr);

    QTreeView *treeView() const { return m_tree; }
    /** Says how loading older runs goes; `busy` shows Cancel instead of the load buttons. */
    void setLoadProgress(const QString &text, bool busy);
    /** The list shows every run again (a new filter, another connection). */
    void clearChoice();

signals:
    /** The list is to show only these runs (RunListModel::rowKey); empty: all of them. */
    void narrowRequested(const QStringList &runKeys, const QString &groupName);
    void loadWindowRequested(int hours);
    void cancelLoadRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void choose(const QModelIndex &index);
    /** Tells the list the chosen group's runs, and says how many there are now. */
    void narrowToChoice();
    void updateCaption();

    FailureGroupModel *m_model;
    QLabel *m_caption;
    QTreeView *m_tree;
    QLabel *m_chosen;
    QPushButton *m_showAll;
    QLabel *m_progress;
    QPushButton *m_load24h;
    QPushButton *m_load7d;
    QPushButton *m_cancelLoad;
    QPersistentModelIndex m_chosenGroup;
    QString m_chosenName;
};
