#pragma once

#include <QIcon>
#include <QString>

#include "runstatus.h"

/**
 * Icons for actions and statuses. The desktop's icon theme comes first where it has the icon
 * (freedesktop names); otherwise Runwatch's own SVG from resources/icons, drawn in the
 * palette's text colour at the size and pixel ratio asked, so one file reads on a light and a
 * dark palette and on any screen.
 */
namespace ThemedIcon {
/** An action's icon by its freedesktop name, e.g. "view-refresh". */
QIcon action(const QString &name);
/**
 * A status's shape (a tick, a cross, a clock…), so statuses differ by more than colour. Drawn
 * with QIcon::paint it takes the painter's pen colour; as a pixmap, the status's colour.
 */
QIcon status(RunStatus status);
/** Runwatch's application icon. */
QIcon application();
} // namespace ThemedIcon
