#pragma once

#include <QDialog>

#include "workflow.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

/**
 * Chooses several workflows whose runs the list shows together: each with a check box, a field
 * that narrows the list as typed, and a count that stops at the server's limit.
 */
class WorkflowPickerDialog final : public QDialog
{
    Q_OBJECT
public:
    WorkflowPickerDialog(const QList<Workflow> &workflows, const QStringList &chosen, int maxChosen,
        QWidget *parent = nullptr);

    /** The ticked workflows' permanent ids, in the list's order. */
    QStringList chosen() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();

    int m_maxChosen;
    QLineEdit *m_find;
    QListWidget *m_list;
    QLabel *m_count;
    QPushButton *m_show;
};
