#include "tagchips.h"

#include <QFontMetrics>
#include <QModelIndex>
#include <QPainter>
#include <QPalette>

#include "runlistmodel.h"
#include "theme.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kPadding = 6; // inside a chip, either side of its text
constexpr int kGap = 4; // between chips
constexpr int kMaxTextWidth = 160; // a long label is elided rather than taking the row

int chipWidth(const QString &text, const QFontMetrics &metrics)
{
    // A pixel either side to spare: text measured in whole pixels may need a fraction more.
    return qMin(metrics.horizontalAdvance(text), kMaxTextWidth) + 2 * kPadding + 2;
}

void paintChip(QPainter *painter, const QRect &rect, const TagChips::Chip &chip,
    const QPalette &palette, const QFontMetrics &metrics)
{
    const QRectF shape = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5);
    QColor border = chip.color.isValid() ? chip.color : palette.color(QPalette::Mid);
    QColor fill = border;
    fill.setAlpha(chip.color.isValid() ? 40 : 60);
    // Its own ground first, so a chip on a selected row reads as on any other.
    painter->setPen(Qt::NoPen);
    painter->setBrush(palette.color(QPalette::Base));
    painter->drawRoundedRect(shape, 3, 3);
    painter->setBrush(fill);
    painter->setPen(QPen(border, 1));
    painter->drawRoundedRect(shape, 3, 3);
    painter->setPen(chip.color.isValid() ? ThemeColors::readableTint(chip.color, palette)
                                         : palette.color(QPalette::Text));
    const QRect words = rect.adjusted(kPadding, 0, -kPadding + 2, 0);
    painter->drawText(words, Qt::AlignVCenter | Qt::AlignLeft,
        metrics.elidedText(chip.text, Qt::ElideRight, words.width()));
}
} // namespace

QList<TagChips::Chip> TagChips::chipsOf(const QModelIndex &index)
{
    const QStringList texts = index.data(RunListModel::TagsRole).toStringList();
    const QVariantList colors = index.data(RunListModel::TagColorsRole).toList();
    QList<Chip> chips;
    for (qsizetype i = 0; i < texts.size(); ++i)
        chips.append({texts.at(i), colors.value(i).value<QColor>()});
    return chips;
}

int TagChips::widthOf(const QList<Chip> &chips, const QFont &font)
{
    const QFontMetrics metrics(font);
    int width = 0;
    for (const Chip &chip : chips)
        width += chipWidth(chip.text, metrics) + kGap;
    return qMax(0, width - kGap);
}

int TagChips::paint(QPainter *painter, const QRect &rect, const QList<Chip> &chips,
    const QPalette &palette, const QFont &font)
{
    const QFontMetrics metrics(font);
    const int height = qMin(rect.height() - 2, metrics.height() + 4);
    const int top = rect.center().y() - height / 2 + 1;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(font);
    int x = rect.left();
    int drawn = 0;
    for (qsizetype i = 0; i < chips.size(); ++i) {
        int width = chipWidth(chips.at(i).text, metrics);
        const int after = int(chips.size() - i - 1); // chips after this one
        const int reserve = after > 0 ? kGap + chipWidth(u"+%1"_s.arg(after), metrics) : 0;
        const int room = rect.right() + 1 - x - reserve;
        if (width > room) {
            // The first chip is shortened rather than left out: one tag read beats a count.
            if (drawn == 0 && room >= 3 * kPadding + metrics.averageCharWidth() * 3) {
                paintChip(painter, QRect(x, top, room, height), chips.at(i), palette, metrics);
                x += room + kGap;
                ++drawn;
                ++i;
            }
            const QString rest = u"+%1"_s.arg(chips.size() - i);
            const int restWidth = chipWidth(rest, metrics);
            if (i < chips.size() && x + restWidth <= rect.right() + 1)
                paintChip(painter, QRect(x, top, restWidth, height), {rest, {}}, palette, metrics);
            break;
        }
        paintChip(painter, QRect(x, top, width, height), chips.at(i), palette, metrics);
        x += width + kGap;
        ++drawn;
    }
    painter->restore();
    return drawn;
}
