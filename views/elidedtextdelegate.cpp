#include "elidedtextdelegate.h"

#include <utility>

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace {
QTextLine layOutLine(QTextLayout *layout, int width)
{
    layout->beginLayout();
    QTextLine line = layout->createLine();
    line.setLineWidth(width);
    layout->endLayout();
    return line;
}
} // namespace

void ElidedTextDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    constexpr auto kOwnFeatures = QStyleOptionViewItem::HasDecoration
        | QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::WrapText;
    // Several lines, or variants of a text (U+009C between them), are left to Qt's own drawing.
    if (cell.features & kOwnFeatures || cell.text.contains(u'\n')
        || cell.text.contains(QChar(0x9c))) {
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
    // Laid out, elided and placed as QCommonStyle does an item's text, to the pixel. Most cells
    // fit: the text is shaped once, and elided (shaped again) only when it is too wide.
    QTextOption layoutOption;
    layoutOption.setWrapMode(QTextOption::ManualWrap);
    layoutOption.setTextDirection(cell.direction);
    layoutOption.setAlignment(QStyle::visualAlignment(cell.direction, cell.displayAlignment));
    QTextLayout layout(text, cell.font);
    layout.setTextOption(layoutOption);
    QTextLine line = layOutLine(&layout, area.width());
    if (line.naturalTextWidth() > area.width()) { // as Qt: trailing spaces may overflow
        layout.setText(cell.fontMetrics.elidedText(text, cell.textElideMode, area.width()));
        line = layOutLine(&layout, area.width());
    }
    const QRect placed = QStyle::alignedRect(Qt::LayoutDirectionAuto,
        cell.displayAlignment & Qt::AlignVertical_Mask, QSize(area.width(), int(line.height())),
        area);
    painter->save();
    painter->setPen(cell.palette.color(
        group, cell.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    layout.draw(painter, QPointF(area.x(), placed.top()));
    painter->restore();
}
