#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

#include "themedicon.h"

using namespace Qt::StringLiterals;

QString themeToName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    case Theme::System:
        break;
    }
    return u"system"_s;
}

Theme themeFromName(const QString &name)
{
    if (name == "light"_L1)
        return Theme::Light;
    if (name == "dark"_L1)
        return Theme::Dark;
    return Theme::System;
}

namespace {
QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2c));
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Light, QColor(0x3c, 0x3f, 0x43));
    palette.setColor(QPalette::Midlight, QColor(0x34, 0x37, 0x3a));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x5f, 0xb3));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

/**
 * Every theme's style, the desktop's included, with two changes:
 * - Fusion outlines check boxes and radio buttons with the window's colour darkened, which on
 *   a dark window is the colour of the box itself: the boxes vanish. On a dark palette this
 *   draws a light rim around them (in menus and item views too).
 * - The tool bar's overflow button gets our own SVG chevron. The styles' own is a PNG, and
 *   reading one on the way to the first paint loads every image plugin there is.
 */
class RunwatchStyle final : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
        const QWidget *widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        const bool box
            = element == PE_IndicatorCheckBox || element == PE_IndicatorItemViewItemCheck;
        if ((!box && element != PE_IndicatorRadioButton) || !ThemeColors::isDark(option->palette))
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, !box);
        QColor rim = option->palette.color(QPalette::WindowText);
        rim.setAlpha(option->state & State_Enabled ? 150 : 70);
        painter->setPen(QPen(rim, 1));
        painter->setBrush(Qt::NoBrush);
        const QRect area = option->rect.adjusted(0, 0, -1, -1);
        if (box)
            painter->drawRect(area);
        else
            painter->drawEllipse(QRectF(area).adjusted(0.5, 0.5, -0.5, -0.5));
        painter->restore();
    }
    QIcon standardIcon(
        StandardPixmap icon, const QStyleOption *option, const QWidget *widget) const override
    {
        if (icon == SP_ToolBarHorizontalExtensionButton)
            return ThemedIcon::action(u"toolbar-more-horizontal"_s);
        if (icon == SP_ToolBarVerticalExtensionButton)
            return ThemedIcon::action(u"toolbar-more-vertical"_s);
        return QProxyStyle::standardIcon(icon, option, widget);
    }
};
} // namespace

void applyTheme(Theme theme)
{
    // What the application started with, for System: taken before the first change.
    static const QString systemStyle = QApplication::style()->name();
    static const QPalette systemPalette = QApplication::palette();
    if (theme == Theme::System) {
        // A style no factory knows by name comes back null: QProxyStyle then wraps the
        // desktop's own style (or -style's), which is what System means anyway.
        QApplication::setStyle(new RunwatchStyle(QStyleFactory::create(systemStyle)));
        QApplication::setPalette(systemPalette);
        return;
    }
    QStyle *fusion = QStyleFactory::create(u"Fusion"_s);
    const QPalette palette = theme == Theme::Dark ? darkPalette() : fusion->standardPalette();
    QApplication::setStyle(new RunwatchStyle(fusion));
    QApplication::setPalette(palette);
}

namespace ThemeColors {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor failureText(const QPalette &palette)
{
    return QColor::fromHsl(4, 190, isDark(palette) ? 200 : 70);
}

QColor failureBackground(const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor red = QColor::fromHsl(4, 190, 128);
    const qreal tint = isDark(palette) ? 0.22 : 0.12;
    return QColor::fromRgbF(window.redF() + (red.redF() - window.redF()) * tint,
        window.greenF() + (red.greenF() - window.greenF()) * tint,
        window.blueF() + (red.blueF() - window.blueF()) * tint);
}

QColor warningText(const QPalette &palette)
{
    return QColor::fromHsl(32, 200, isDark(palette) ? 170 : 60);
}

QColor successText(const QPalette &palette)
{
    return QColor::fromHsl(135, 150, isDark(palette) ? 165 : 55);
}

QColor readableTint(const QColor &hue, const QPalette &palette)
{
    if (palette.color(QPalette::Base).lightness() >= 128)
        return hue.darker(115);
    const QColor hsl = hue.toHsl();
    return QColor::fromHsl(
        hsl.hslHue(), qMin(hsl.hslSaturation(), 200), qMax(hsl.lightness(), 185));
}

QString errorBannerStyle(const QPalette &palette)
{
    return u"QLabel { background: %1; color: %2; border: 1px solid %3; border-radius: 4px;"
           " padding: 6px 10px; }"_s.arg(failureBackground(palette).name(),
               failureText(palette).name(), failureText(palette).name());
}

} // namespace ThemeColors
