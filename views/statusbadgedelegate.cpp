#include "statusbadgedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPixmapCache>

#include "runlistmodel.h"
#include "theme.h"
#include "themedicon.h"

bool StatusBadgeDelegate::PillLook::operator==(const PillLook &other) const
{
    return text == other.text && color == other.color && status == other.status
        && size == other.size && selected == other.selected && palette == other.palette
        && colorGroup == other.colorGroup && font == other.font && ratio == other.ratio;
}

size_t qHash(const StatusBadgeDelegate::PillLook &look, size_t seed)
{
    return qHashMulti(seed, look.text, look.color, look.status, look.size.width(),
        look.size.height(), look.selected, look.palette, look.colorGroup, look.font, look.ratio);
}

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
    const QVariant status = index.data(RunListModel::StatusRole);
    const QFontMetrics metrics(option.font);
    const int height = metrics.height() + 4;
    const int iconSize = metrics.height() - 2;
    const int width
        = qMin(option.rect.width() - 8, metrics.horizontalAdvance(text) + 18 + iconSize + 3);
    if (width <= 0)
        return;
    const QRect pill(
        option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);
    const bool selected = option.state & QStyle::State_Selected;
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const PillLook look {text, color.rgba(), status.isValid() ? status.toInt() : -1,
        QSize(width, height), selected, option.palette.cacheKey(),
        int(option.palette.currentColorGroup()), option.font, ratio};
    QPixmap drawn;
    const auto known = m_drawn.constFind(look);
    if (known == m_drawn.cend() || !QPixmapCache::find(*known, &drawn)) {
        drawn = QPixmap(QSize(width, height) * ratio);
        drawn.setDevicePixelRatio(ratio);
        drawn.fill(Qt::transparent);
        QPainter pen(&drawn);
        pen.setFont(option.font);
        pen.setRenderHint(QPainter::Antialiasing);
        const QRect local(0, 0, width, height);
        const QRectF shape = QRectF(local).adjusted(0.5, 0.5, -0.5, -0.5);
        // On a selected row the pill keeps its own ground: its coloured word on the
        // selection's blue would be near unreadable.
        if (selected) {
            pen.setPen(Qt::NoPen);
            pen.setBrush(option.palette.color(QPalette::Base));
            pen.drawRoundedRect(shape, height / 2.0, height / 2.0);
        }
        QColor fill = color;
        fill.setAlpha(38);
        pen.setBrush(fill);
        pen.setPen(QPen(color, 1));
        pen.drawRoundedRect(shape, height / 2.0, height / 2.0);
        pen.setPen(ThemeColors::readableTint(color, option.palette));
        // The status's shape before its word, in the word's colour: told apart without colour.
        QRect words = local.adjusted(8, 0, -8, 0);
        if (status.isValid() && width > iconSize + 24) {
            const QRect icon(
                words.left(), local.center().y() - iconSize / 2 + 1, iconSize, iconSize);
            ThemedIcon::status(RunStatus(status.toInt())).paint(&pen, icon);
            words.setLeft(icon.right() + 4);
        }
        pen.drawText(
            words, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, words.width()));
        pen.end();
        if (m_drawn.size() > 256) // resizing the column makes a new look at every width
            m_drawn.clear();
        m_drawn.insert(look, QPixmapCache::insert(drawn));
    }
    painter->drawPixmap(pill.topLeft(), drawn);
}

QSize StatusBadgeDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    return QSize(metrics.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 30
            + metrics.height() + 1,
        metrics.height() + 10);
}
