#pragma once

#include <QImage>
#include <QString>

/** What a demo screenshot shows: a browser on the run's page, at one step. */
struct ScreenshotScene
{
    QString url;
    QString pageTitle;
    QString stepLabel;
    int step = 1;
    int stepCount = 1;
    QString errorBanner; // shown in red across the page when the step failed
    quint32 accentSeed = 0; // picks the site's colour
};

/** Draws plausible browser screenshots for the demo server (thread-safe: paints on QImage). */
namespace ScreenshotPainter {
QImage render(const ScreenshotScene &scene, const QSize &size = QSize(1024, 640));
QByteArray png(const ScreenshotScene &scene);
/** A short Motion-JPEG recording: one frame per step, concatenated. */
QByteArray recording(QList<ScreenshotScene> frames);
} // namespace ScreenshotPainter
