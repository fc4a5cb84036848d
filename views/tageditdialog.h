#pragma once

#include <QDialog>

#include "runtag.h"

class QDialogButtonBox;
class QPushButton;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

/**
 * Adds tags to one run or a selection and takes them off. Every tag the runs have is listed
 * with a check box: ticked when all have it, half ticked when some do (left as it is unless
 * clicked). A run has one label per group, so ticking `env:staging` unticks `env:prod`. Typed
 * tags are checked before anything is sent (RunTag::editError()).
 */
class TagEditDialog final : public QDialog
{
    Q_OBJECT
public:
    /** The runs' tags as known; a run whose tags are not known yet is left out of the counts. */
    TagEditDialog(const QList<QList<RunTag>> &runTags, int runCount, const TagColorNames &colors,
        QWidget *parent = nullptr);

    /** Groups and labels the server has seen, offered while typing. */
    void setSuggestions(const QStringList &terms);
    /** What Apply asks for: the ticked tags to set, the unticked ones some runs have to go. */
    RunTagChange change() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QListWidgetItem *addItem(const RunTag &tag, int have);
    bool addTyped();
    void onItemChanged(QListWidgetItem *item);
    void updateApply();

    int m_runCount;
    TagColorNames m_colors;
    bool m_updating = false;
    QLabel *m_heading;
    QListWidget *m_list;
    QLineEdit *m_add;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_apply = nullptr;
};
