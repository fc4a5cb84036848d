#pragma once

#include <QColor>
#include <QString>

#include "runtag.h"

/**
 * The colour of a tag's chip. A server names colours from its palette (`red`, `teal`…) for
 * grouped labels; a label it names no colour for gets one picked from its text, the same on
 * every run and every start, and a standalone label stays neutral (an invalid colour).
 */
namespace TagPalette {
/** A palette name (or any CSS colour name, `#rrggbb`) as a colour; invalid if unknown. */
QColor colorNamed(const QString &name);
QColor colorOf(const RunTag &tag, const TagColorNames &names);
} // namespace TagPalette
