#pragma once

#include <QStyledItemDelegate>

/**
 * A cell of one line of plain text, drawn as Qt's item style draws it (background, selection,
 * hover, text colour and eliding) without its text layout. That layout measures, elides and
 * lays out every cell's text, shaping it two or three times, on every paint of the list; here
 * it is shaped once, and again only when it is too wide and must be elided. Cells with an icon,
 * a check box, several lines or variants of their text are left to Qt's delegate.
 */
class ElidedTextDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
};
