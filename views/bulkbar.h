#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

/**
 * Shown above the run list while several runs are selected: how many, and what can be done to
 * all of them at once. Offers only what the selection allows (cancel when some run, retry when
 * some have ended, compare for exactly two).
 */
class BulkBar final : public QWidget
{
    Q_OBJECT
public:
    explicit BulkBar(QWidget *parent = nullptr);

    /** `selected` runs, of which `cancellable` run or wait and `retryable` have ended. */
    void setSelection(int selected, int cancellable, int retryable);

signals:
    void cancelRequested();
    void retryRequested();
    void compareRequested();
    void copyIdsRequested();
    void clearRequested();

private:
    QLabel *m_count;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_compare;
    QPushButton *m_copy;
    QPushButton *m_clear;
};
