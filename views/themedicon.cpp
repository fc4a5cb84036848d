#include "themedicon.h"

#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

#include "runformat.h"

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
    /** `followPen`: painted through QIcon::paint, it takes the painter's pen colour. */
    TintedSvgIconEngine(QString path, QColor fixedColor, bool followPen = false)
        : m_path(std::move(path))
        , m_fixedColor(fixedColor)
        , m_followPen(followPen)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QColor color = m_followPen ? painter->pen().color() : colorFor(mode);
        painter->drawPixmap(rect, cached(rect.size() * ratio, color, ratio));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // As QIcon calls it in Qt 6.4: `size` in device pixels already, `scale` the screen's ratio.
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        return cached(size, colorFor(mode), scale);
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }
    QIconEngine *clone() const override
    {
        return new TintedSvgIconEngine(m_path, m_fixedColor, m_followPen);
    }
    QString key() const override { return u"runwatch-tinted-svg"_s; }
    bool isNull() override { return !QFile::exists(m_path); }

private:
    QPixmap cached(const QSize &pixels, const QColor &color, qreal scale)
    {
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
        // Drawn at the size asked, never a blurred scale-up; by QSvgRenderer itself, as the
        // image plugins would be loaded (all of them) on the way to the first paint.
        QSvgRenderer renderer(svg);
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        return QPixmap::fromImage(std::move(image));
    }

    QString m_path;
    QColor m_fixedColor;
    bool m_followPen = false;
    QHash<QString, QPixmap> m_cache;
};

QString statusFile(RunStatus status)
{
    switch (status) {
    case RunStatus::Completed:
        return u"completed"_s;
    case RunStatus::Failed:
    case RunStatus::Terminated:
        return u"failed"_s;
    case RunStatus::Running:
        return u"running"_s;
    case RunStatus::Created:
    case RunStatus::Queued:
        return u"queued"_s;
    case RunStatus::Paused:
        return u"paused"_s;
    case RunStatus::Canceled:
        return u"canceled"_s;
    case RunStatus::TimedOut:
        return u"timed-out"_s;
    case RunStatus::Partial:
        return u"partial"_s;
    case RunStatus::Unknown:
        break;
    }
    return u"unknown"_s;
}

} // namespace

QIcon ThemedIcon::action(const QString &name)
{
    return QIcon::fromTheme(
        name, QIcon(new TintedSvgIconEngine(u":/icons/actions/"_s + name + u".svg"_s, {})));
}

QIcon ThemedIcon::status(RunStatus status)
{
    // One icon per status for the process, so each keeps its drawn pixmaps between paints.
    static QHash<int, QIcon> icons;
    auto icon = icons.find(int(status));
    if (icon == icons.end())
        icon = icons.insert(int(status),
            QIcon(new TintedSvgIconEngine(u":/icons/status/"_s + statusFile(status) + u".svg"_s,
                RunFormat::statusColor(status), true)));
    return *icon;
}

QIcon ThemedIcon::application()
{
    // Drawn by the engine above (it has no "currentColor"): no icon engine plugin to load.
    return QIcon::fromTheme(u"org.runwatch.Runwatch"_s,
        QIcon(new TintedSvgIconEngine(u":/icons/org.runwatch.Runwatch.svg"_s, {})));
}
