#pragma once

#include <QStyledItemDelegate>

/**
 * A cell of one line of plain text, drawn as Qt's item style draws it (background, selection,
 * hover, text colour and eliding) without its text layout. That layout measures, elides and
 * lays out every cell's text, shaping it two or three times, on every paint of the list; here
 * it is shaped once to elide and once to draw. Cells with an icon, a check box or rich roles
 * (a font, a colour, an alignment) are left to Qt's delegate.
 */
class ElidedTextDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
};
