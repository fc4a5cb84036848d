#pragma once

#include <QStyledItemDelegate>

/** The run list's Tags column: each tag a coloured chip (see TagChips), the tooltip lists all. */
class TagChipDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
