#pragma once

#include <QColor>
#include <QString>

class QPalette;

/** The look the user chose: the desktop's, or Runwatch's own light or dark one. */
enum class Theme { System, Light, Dark };

QString themeToName(Theme theme);
Theme themeFromName(const QString &name);

/**
 * Applies a theme to the whole application. Light and Dark use the Fusion style with a palette of
 * their own; System gives back the style and palette the application started with. Widgets
 * that derive colours from the palette (ThemeColors) hear of it through QEvent::PaletteChange.
 */
void applyTheme(Theme theme);

/** Colours of meaning (failure, warning, success) that read on a palette, light or dark. */
namespace ThemeColors {
bool isDark(const QPalette &palette);
/** A failure's text: a red that reads on the palette's window. */
QColor failureText(const QPalette &palette);
/** Behind an error: the window's colour with a tint of the failure's red. */
QColor failureBackground(const QPalette &palette);
QColor warningText(const QPalette &palette);
QColor successText(const QPalette &palette);
/**
 * A hue made readable as text on the palette's base: darkened on a light one, lifted to a light
 * tint of the same hue on a dark one (mid tones reach only ~2.5:1 there).
 */
QColor readableTint(const QColor &hue, const QPalette &palette);
/** A style sheet for a label that says what went wrong: text and ground from the palette. */
QString errorBannerStyle(const QPalette &palette);
} // namespace ThemeColors
