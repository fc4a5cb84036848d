#include "tagchipdelegate.h"

#include <QApplication>
#include <QPainter>

#include "tagchips.h"

void TagChipDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    TagChips::paint(painter, option.rect.adjusted(4, 0, -4, 0), TagChips::chipsOf(index),
        option.palette, option.font);
}

QSize TagChipDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize text = QStyledItemDelegate::sizeHint(option, index);
    return {TagChips::widthOf(TagChips::chipsOf(index), option.font) + 8, text.height()};
}
