#pragma once

#include <QStyledItemDelegate>

/**
 * What failed reads in the failure's colour, in bold: the eye finds it among hundreds. A row
 * failed when its `failedRole` is true.
 */
class FailureDelegate final : public QStyledItemDelegate
{
public:
    FailureDelegate(int failedRole, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_failedRole;
};
