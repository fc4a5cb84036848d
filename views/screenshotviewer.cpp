#include "screenshotviewer.h"

#include <cmath>

#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

ScreenshotViewer::ScreenshotViewer(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("screenshotViewer"));
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(160, 120);
    viewport()->setBackgroundRole(QPalette::Base);
    horizontalScrollBar()->setSingleStep(24);
    verticalScrollBar()->setSingleStep(24);
}

void ScreenshotViewer::setImage(const QImage &image)
{
    m_pixmap = QPixmap::fromImage(image);
    m_scaled = QPixmap();
    m_message.clear();
    setAccessibleDescription({});
    // The zoom chosen stays for the next screenshot, and the place in it: two pages of one run
    // are compared at the same spot.
    updateScrollBars();
    updateCursor();
    viewport()->update();
    emit zoomChanged();
}

void ScreenshotViewer::setMessage(const QString &text)
{
    m_pixmap = QPixmap();
    m_scaled = QPixmap();
    m_message = text;
    m_dragging = false;
    setAccessibleDescription(text);
    updateScrollBars();
    updateCursor();
    viewport()->update();
    emit zoomChanged();
}

qreal ScreenshotViewer::zoom() const
{
    if (!m_fitting || m_pixmap.isNull())
        return m_zoom;
    // Fitted: as large as the space without scroll bars allows, never blown up past its pixels.
    const QSize room = maximumViewportSize();
    const QSize size = m_pixmap.deviceIndependentSize().toSize();
    if (size.isEmpty())
        return 1;
    return qMin(
        1.0, qMin(qreal(room.width()) / size.width(), qreal(room.height()) / size.height()));
}

QSize ScreenshotViewer::shownSize() const
{
    if (m_pixmap.isNull())
        return {};
    const QSizeF size = m_pixmap.deviceIndependentSize() * zoom();
    return QSize(qMax(1, qRound(size.width())), qMax(1, qRound(size.height())));
}

QRect ScreenshotViewer::imageRect() const
{
    const QSize shown = shownSize();
    const QSize room = viewport()->size();
    // Smaller than the space: centred; larger: where the scroll bars put it.
    const int x = shown.width() <= room.width() ? (room.width() - shown.width()) / 2
                                                : -horizontalScrollBar()->value();
    const int y = shown.height() <= room.height() ? (room.height() - shown.height()) / 2
                                                  : -verticalScrollBar()->value();
    return QRect(QPoint(x, y), shown);
}

bool ScreenshotViewer::canPan() const
{
    return horizontalScrollBar()->maximum() > 0 || verticalScrollBar()->maximum() > 0;
}

void ScreenshotViewer::fitToSpace()
{
    m_fitting = true;
    updateScrollBars();
    updateCursor();
    viewport()->update();
    emit zoomChanged();
}

void ScreenshotViewer::setZoom(qreal zoom)
{
    zoomAround(zoom, QRectF(viewport()->rect()).center());
}

void ScreenshotViewer::zoomIn()
{
    setZoom(zoom() * kZoomStep);
}

void ScreenshotViewer::zoomOut()
{
    setZoom(zoom() / kZoomStep);
}

void ScreenshotViewer::zoomAround(qreal zoom, const QPointF &anchor)
{
    if (m_pixmap.isNull())
        return;
    const qreal before = this->zoom();
    const QPointF onImage = (anchor - imageRect().topLeft()) / before;
    m_zoom = qBound(kMinZoom, zoom, kMaxZoom);
    m_fitting = false;
    updateScrollBars();
    horizontalScrollBar()->setValue(qRound(onImage.x() * m_zoom - anchor.x()));
    verticalScrollBar()->setValue(qRound(onImage.y() * m_zoom - anchor.y()));
    updateCursor();
    viewport()->update();
    emit zoomChanged();
}

void ScreenshotViewer::updateScrollBars()
{
    const QSize shown = shownSize();
    const QSize room = viewport()->size();
    horizontalScrollBar()->setRange(0, qMax(0, shown.width() - room.width()));
    horizontalScrollBar()->setPageStep(room.width());
    verticalScrollBar()->setRange(0, qMax(0, shown.height() - room.height()));
    verticalScrollBar()->setPageStep(room.height());
}

void ScreenshotViewer::updateCursor()
{
    if (m_dragging)
        viewport()->setCursor(Qt::ClosedHandCursor);
    else if (canPan())
        viewport()->setCursor(Qt::OpenHandCursor);
    else
        viewport()->unsetCursor();
}

void ScreenshotViewer::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(viewport());
    if (m_pixmap.isNull()) {
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12),
            Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const QRect target = imageRect();
    if (zoom() >= 1) {
        // At 100 % and above the pixels are shown as they are, sharp, not smoothed.
        painter.drawPixmap(target, m_pixmap);
        return;
    }
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(target.size()) * ratio).toSize();
    if (m_scaled.size() != pixels) {
        m_scaled = m_pixmap.scaled(pixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        m_scaled.setDevicePixelRatio(ratio);
    }
    painter.drawPixmap(target.topLeft(), m_scaled);
}

void ScreenshotViewer::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    updateCursor();
    if (m_fitting)
        emit zoomChanged();
}

void ScreenshotViewer::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx);
    Q_UNUSED(dy);
    viewport()->update();
}

void ScreenshotViewer::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier) || m_pixmap.isNull()) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const int steps = event->angleDelta().y();
    if (steps != 0)
        zoomAround(zoom() * std::pow(kZoomStep, steps / 120.0), event->position());
    event->accept();
}

void ScreenshotViewer::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !canPan()) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    m_dragFrom = event->position().toPoint();
    updateCursor();
    event->accept();
}

void ScreenshotViewer::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint at = event->position().toPoint();
    const QPoint moved = at - m_dragFrom;
    m_dragFrom = at;
    // The image follows the hand.
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - moved.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - moved.y());
    event->accept();
}

void ScreenshotViewer::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging || event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    updateCursor();
    event->accept();
}

void ScreenshotViewer::keyPressEvent(QKeyEvent *event)
{
    // Left, Right, Home and End step through the strip of screenshots, not across one.
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Home:
    case Qt::Key_End:
        event->ignore();
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}
