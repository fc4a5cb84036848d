#include "failuredelegate.h"

#include "theme.h"

FailureDelegate::FailureDelegate(int failedRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_failedRole(failedRole)
{ }

void FailureDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(m_failedRole).toBool())
        return;
    option->palette.setColor(QPalette::Text, ThemeColors::failureText(option->palette));
    option->font.setBold(true);
}
