#include "screenshotpainter.h"

#include <QBuffer>
#include <QFont>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace {

QColor accentColor(quint32 seed)
{
    static const QColor palette[]
        = {QColor(0x2f, 0x6f, 0xeb), QColor(0x0f, 0x9d, 0x58), QColor(0xd9, 0x48, 0x2b),
            QColor(0x7b, 0x3f, 0xe4), QColor(0x00, 0x83, 0x8f), QColor(0xc2, 0x18, 0x5b)};
    return palette[seed % (sizeof(palette) / sizeof(palette[0]))];
}

QByteArray encode(const QImage &image, const char *format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

} // namespace

QImage ScreenshotPainter::render(const ScreenshotScene &scene, const QSize &size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(0xf4, 0xf5, 0xf7));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const int width = size.width();
    const QColor accent = accentColor(scene.accentSeed);
    QFont font = painter.font();
    font.setPixelSize(15);
    painter.setFont(font);

    // Browser chrome: tab strip, address bar.
    painter.fillRect(0, 0, width, 38, QColor(0xde, 0xe1, 0xe6));
    painter.setBrush(QColor(0xf4, 0xf5, 0xf7));
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(QRect(10, 6, 260, 40), 8, 8);
    painter.setPen(QColor(0x30, 0x30, 0x30));
    painter.drawText(QRect(24, 6, 236, 32), Qt::AlignVCenter | Qt::AlignLeft,
        painter.fontMetrics().elidedText(scene.pageTitle, Qt::ElideRight, 236));
    painter.fillRect(0, 38, width, 44, QColor(0xf4, 0xf5, 0xf7));
    painter.setBrush(Qt::white);
    painter.setPen(QColor(0xcc, 0xcc, 0xcc));
    painter.drawRoundedRect(QRect(90, 45, width - 110, 30), 15, 15);
    for (int i = 0; i < 3; ++i) {
        painter.setBrush(QColor(0xb0, 0xb4, 0xba));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPoint(20 + i * 22, 60), 7, 7);
    }
    painter.setPen(QColor(0x20, 0x20, 0x20));
    painter.drawText(QRect(110, 45, width - 150, 30), Qt::AlignVCenter | Qt::AlignLeft,
        painter.fontMetrics().elidedText(scene.url, Qt::ElideMiddle, width - 150));

    // The page: a site header, a card with a form, a progress hint.
    const QRect page(0, 82, width, size.height() - 82);
    painter.fillRect(page, Qt::white);
    painter.fillRect(QRect(0, 82, width, 64), accent);
    font.setPixelSize(24);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(
        QRect(32, 82, width - 64, 64), Qt::AlignVCenter | Qt::AlignLeft, scene.pageTitle);

    const QRect card(width / 2 - 260, 180, 520, 330);
    painter.setPen(QColor(0xdd, 0xdd, 0xdd));
    painter.setBrush(QColor(0xfa, 0xfa, 0xfb));
    painter.drawRoundedRect(card, 10, 10);
    font.setPixelSize(19);
    painter.setFont(font);
    painter.setPen(QColor(0x22, 0x22, 0x22));
    painter.drawText(card.adjusted(28, 20, -28, 0), Qt::AlignTop | Qt::AlignLeft, scene.stepLabel);
    font.setBold(false);
    font.setPixelSize(14);
    painter.setFont(font);
    for (int field = 0; field < 3; ++field) {
        const QRect box(card.left() + 28, card.top() + 80 + field * 62, card.width() - 56, 36);
        painter.setPen(QColor(0x88, 0x88, 0x88));
        painter.drawText(box.translated(0, -20), Qt::AlignLeft,
            QStringList {u"Email"_s, u"Password"_s, u"Reference"_s}.at(field));
        painter.setPen(field < scene.step ? accent : QColor(0xcc, 0xcc, 0xcc));
        painter.setBrush(Qt::white);
        painter.drawRoundedRect(box, 5, 5);
        if (field < scene.step) {
            painter.setPen(QColor(0x33, 0x33, 0x33));
            painter.drawText(box.adjusted(12, 0, -12, 0), Qt::AlignVCenter,
                field == 1 ? u"••••••••••"_s : u"filled by Skyvern"_s);
        }
    }
    painter.setBrush(accent);
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(QRect(card.left() + 28, card.bottom() - 60, 140, 38), 6, 6);
    painter.setPen(Qt::white);
    painter.drawText(
        QRect(card.left() + 28, card.bottom() - 60, 140, 38), Qt::AlignCenter, u"Continue"_s);

    // Where the agent is: step n of m, with the cursor it "clicked" with.
    painter.setPen(QColor(0x55, 0x55, 0x55));
    painter.drawText(QRect(32, size.height() - 40, width - 64, 24), Qt::AlignLeft,
        u"Step %1 of %2"_s.arg(scene.step).arg(scene.stepCount));
    QPainterPath cursor;
    const QPointF tip(card.left() + 120, card.bottom() - 40);
    cursor.moveTo(tip);
    cursor.lineTo(tip + QPointF(0, 22));
    cursor.lineTo(tip + QPointF(6, 17));
    cursor.lineTo(tip + QPointF(14, 17));
    cursor.closeSubpath();
    painter.setBrush(Qt::black);
    painter.setPen(QPen(Qt::white, 1.5));
    painter.drawPath(cursor);

    if (!scene.errorBanner.isEmpty()) {
        const QRect banner(0, 146, width, 30);
        painter.fillRect(banner, QColor(0xfd, 0xe8, 0xe8));
        painter.setPen(QColor(0xb0, 0x1e, 0x1e));
        painter.drawText(banner.adjusted(32, 0, -32, 0), Qt::AlignVCenter | Qt::AlignLeft,
            painter.fontMetrics().elidedText(scene.errorBanner, Qt::ElideRight, width - 64));
    }
    return image;
}

QByteArray ScreenshotPainter::png(const ScreenshotScene &scene)
{
    return encode(render(scene), "PNG", -1);
}

QByteArray ScreenshotPainter::recording(QList<ScreenshotScene> frames)
{
    QByteArray stream;
    for (const ScreenshotScene &frame : frames)
        stream.append(encode(render(frame, QSize(640, 400)), "JPEG", 70));
    return stream;
}
