#pragma once

#include <QIcon>
#include <QString>

/**
 * Icons for actions. The desktop's icon theme comes first where it has the icon
 * (freedesktop names); otherwise Runwatch's own SVG from resources/icons, drawn in the
 * palette's text colour at the size and pixel ratio asked, so one file reads on a light and a
 * dark palette and on any screen.
 */
namespace ThemedIcon {
/** An action's icon by its freedesktop name, e.g. "view-refresh". */
QIcon action(const QString &name);
/** Runwatch's application icon. */
QIcon application();
} // namespace ThemedIcon
