#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

/**
 * Shown above the run list while several runs are selected: how many, and what can be done to
 * all of them at once. Its buttons keep their places; one the selection does not allow (cancel
 * when none run, retry when none ended, compare for other than two) is disabled and says why.
 */
class BulkBar final : public QWidget
{
    Q_OBJECT
public:
    explicit BulkBar(QWidget *parent = nullptr);

    /**
     * `selected` runs, of which `cancellable` run or wait, `retryable` have ended and `taggable`
     * are workflow runs of a connection with tags.
     */
    void setSelection(int selected, int cancellable, int retryable, int taggable);

signals:
    void cancelRequested();
    void retryRequested();
    void tagRequested();
    void compareRequested();
    void copyIdsRequested();
    void clearRequested();

private:
    QLabel *m_count;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_tag;
    QPushButton *m_compare;
    QPushButton *m_copy;
    QPushButton *m_clear;
};
