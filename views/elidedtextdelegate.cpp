#include "elidedtextdelegate.h"

#include <utility>

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

void ElidedTextDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    constexpr auto kOwnFeatures = QStyleOptionViewItem::HasDecoration
        | QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::WrapText;
    if (cell.features & kOwnFeatures || cell.text.contains(u'\n')) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = cell.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    // The style draws the cell without its text: background, selection, hover and focus.
    const QString text = std::exchange(cell.text, {});
    cell.features &= ~QStyleOptionViewItem::HasDisplay;
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);
    if (text.isEmpty())
        return;
    // Where and in which colour the style would put it (QCommonStyle's item text).
    cell.features |= QStyleOptionViewItem::HasDisplay;
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &cell, widget)
                           .adjusted(margin, 0, -margin, 0);
    const QPalette::ColorGroup group = !(cell.state & QStyle::State_Enabled) ? QPalette::Disabled
        : !(cell.state & QStyle::State_Active)                               ? QPalette::Inactive
                                                                             : QPalette::Normal;
    const QString shown = cell.fontMetrics.elidedText(text, cell.textElideMode, area.width());
    // Laid out and placed as QCommonStyle places an item's text, to the pixel.
    QTextOption layoutOption;
    layoutOption.setWrapMode(QTextOption::ManualWrap);
    layoutOption.setTextDirection(cell.direction);
    layoutOption.setAlignment(QStyle::visualAlignment(cell.direction, cell.displayAlignment));
    QTextLayout layout(shown, cell.font);
    layout.setTextOption(layoutOption);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(area.width());
    layout.endLayout();
    const QRect placed = QStyle::alignedRect(Qt::LayoutDirectionAuto,
        cell.displayAlignment & Qt::AlignVertical_Mask, QSize(area.width(), int(line.height())),
        area);
    painter->save();
    painter->setPen(cell.palette.color(
        group, cell.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    layout.draw(painter, QPointF(area.x(), placed.top()));
    painter->restore();
}
