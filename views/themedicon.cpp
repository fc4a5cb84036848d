#include "themedicon.h"

#include <QBuffer>
#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QImageReader>
#include <QPainter>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace {
/**
 * Draws a monochrome SVG whose strokes and fills say "currentColor" in the colour of the
 * moment: a fixed one, or the palette's text colour for the icon's mode, looked up at paint
 * time so a theme change repaints it right.
 */
class TintedSvgIconEngine final : public QIconEngine
{
public:
    TintedSvgIconEngine(QString path, QColor fixedColor)
        : m_path(std::move(path))
        , m_fixedColor(fixedColor)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(rect, scaledPixmap(rect.size() * ratio, mode, state, ratio));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // As QIcon calls it in Qt 6.4: `size` in device pixels already, `scale` the screen's ratio.
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        const QColor color = colorFor(mode);
        const QSize pixels = size;
        const QString key = color.name(QColor::HexArgb) + u'/' + QString::number(pixels.width())
            + u'x' + QString::number(pixels.height());
        auto cached = m_cache.constFind(key);
        if (cached != m_cache.constEnd())
            return *cached;
        QPixmap pixmap = render(pixels, color);
        pixmap.setDevicePixelRatio(scale);
        if (m_cache.size() > 32)
            m_cache.clear(); // a few sizes and colours are ever asked for; never grow unbounded
        m_cache.insert(key, pixmap);
        return pixmap;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }
    QIconEngine *clone() const override { return new TintedSvgIconEngine(m_path, m_fixedColor); }
    QString key() const override { return u"runwatch-tinted-svg"_s; }
    bool isNull() override { return !QFile::exists(m_path); }

private:
    QColor colorFor(QIcon::Mode mode) const
    {
        const QPalette palette = QGuiApplication::palette();
        QColor color = m_fixedColor.isValid() ? m_fixedColor
            : mode == QIcon::Selected         ? palette.color(QPalette::HighlightedText)
                                              : palette.color(QPalette::WindowText);
        if (mode == QIcon::Disabled)
            color.setAlphaF(0.4f);
        return color;
    }

    QPixmap render(const QSize &pixels, const QColor &color) const
    {
        QFile file(m_path);
        if (pixels.isEmpty() || !file.open(QIODevice::ReadOnly))
            return {};
        QByteArray svg = file.readAll();
        svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
        if (color.alpha() < 255) // the SVG gets the hue, the pixmap the transparency
            svg.replace("<svg ",
                QByteArray("<svg opacity=\"" + QByteArray::number(color.alphaF()) + "\" "));
        QBuffer buffer(&svg);
        QImageReader reader(&buffer, "svg");
        reader.setScaledSize(pixels); // drawn at the size asked, never a blurred scale-up
        return QPixmap::fromImage(reader.read());
    }

    QString m_path;
    QColor m_fixedColor;
    QHash<QString, QPixmap> m_cache;
};

} // namespace

QIcon ThemedIcon::action(const QString &name)
{
    return QIcon::fromTheme(
        name, QIcon(new TintedSvgIconEngine(u":/icons/actions/"_s + name + u".svg"_s, {})));
}

QIcon ThemedIcon::application()
{
    return QIcon::fromTheme(
        u"org.runwatch.Runwatch"_s, QIcon(u":/icons/org.runwatch.Runwatch.svg"_s));
}
