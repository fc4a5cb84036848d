#include "statusbadgedelegate.h"

#include <QApplication>
#include <QPainter>

#include "runlistmodel.h"
#include "theme.h"
#include "themedicon.h"

void StatusBadgeDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = QIcon();
    background.features &= ~QStyleOptionViewItem::HasDecoration;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QString text = index.data(Qt::DisplayRole).toString();
    const QColor color = index.data(Qt::DecorationRole).value<QColor>();
    const QFontMetrics metrics(option.font);
    const int height = metrics.height() + 4;
    const int iconSize = metrics.height() - 2;
    const int width
        = qMin(option.rect.width() - 8, metrics.horizontalAdvance(text) + 18 + iconSize + 3);
    const QRect pill(
        option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF shape = QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5);
    // On a selected row the pill keeps its own ground: its coloured word on the selection's
    // blue would be near unreadable.
    if (option.state & QStyle::State_Selected) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(option.palette.color(QPalette::Base));
        painter->drawRoundedRect(shape, height / 2.0, height / 2.0);
    }
    QColor fill = color;
    fill.setAlpha(38);
    painter->setBrush(fill);
    painter->setPen(QPen(color, 1));
    painter->drawRoundedRect(shape, height / 2.0, height / 2.0);
    painter->setPen(ThemeColors::readableTint(color, option.palette));
    // The status's shape before its word, in the word's colour: told apart without colour too.
    const QVariant status = index.data(RunListModel::StatusRole);
    QRect words = pill.adjusted(8, 0, -8, 0);
    if (status.isValid() && width > iconSize + 24) {
        const QRect icon(words.left(), pill.center().y() - iconSize / 2 + 1, iconSize, iconSize);
        ThemedIcon::status(RunStatus(status.toInt())).paint(painter, icon);
        words.setLeft(icon.right() + 4);
    }
    painter->drawText(
        words, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, words.width()));
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    return QSize(metrics.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 30
            + metrics.height() + 1,
        metrics.height() + 10);
}
