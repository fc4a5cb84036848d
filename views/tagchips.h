#pragma once

#include <QColor>
#include <QList>
#include <QString>

class QFont;
class QModelIndex;
class QPainter;
class QPalette;
class QRect;

/**
 * Tags drawn as chips: a tinted ground and border in the tag's colour and its text in a shade of
 * it that reads on the palette; a tag without a colour is drawn in the palette's own greys.
 * Shared by the run list's Tags column and the detail pane, so a tag looks the same in both.
 */
namespace TagChips {
struct Chip
{
    QString text;
    QColor color; // invalid: neutral
};

/** The chips of a run list index (its TagsRole and TagColorsRole). */
QList<Chip> chipsOf(const QModelIndex &index);
/** The width all chips take side by side, with their gaps. */
int widthOf(const QList<Chip> &chips, const QFont &font);
/**
 * Draws the chips from the left of `rect`, centred in its height; those that do not fit are
 * counted in a last "+N" chip. Returns how many were drawn whole.
 */
int paint(QPainter *painter, const QRect &rect, const QList<Chip> &chips, const QPalette &palette,
    const QFont &font);
} // namespace TagChips
