#pragma once

#include <QAbstractScrollArea>
#include <QPixmap>
#include <QString>

class QImage;

/**
 * One screenshot, large: fitted to the space unless zoomed (Ctrl+wheel or the zoom slots), and
 * dragged to pan where it is larger than the space. A sentence stands where there is no image.
 * Only the part on screen is drawn, so a screenshot zoomed in holds no more memory than one
 * fitted.
 */
class ScreenshotViewer final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr qreal kMinZoom = 0.1;
    static constexpr qreal kMaxZoom = 8;
    static constexpr qreal kZoomStep = 1.25;

    explicit ScreenshotViewer(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    /** Shows a sentence instead of an image: loading, or why there is none. */
    void setMessage(const QString &text);
    bool hasImage() const { return !m_pixmap.isNull(); }
    QString message() const { return m_message; }
    /** The scale the image is drawn at (1: one image pixel to one pixel), also while fitted. */
    qreal zoom() const;
    bool isFitting() const { return m_fitting; }
    /** Where the image is drawn, in the viewport's coordinates. */
    QRect imageRect() const;

    void fitToSpace();
    void setZoom(qreal zoom);
    void zoomIn();
    void zoomOut();

signals:
    void zoomChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    /** Zooms keeping the image point under `anchor` (viewport coordinates) where it is. */
    void zoomAround(qreal zoom, const QPointF &anchor);
    QSize shownSize() const;
    bool canPan() const;
    void updateScrollBars();
    void updateCursor();

    QPixmap m_pixmap;
    QPixmap m_scaled; // shrunk once for a zoom below 100 %, not on every paint
    QString m_message;
    bool m_fitting = true;
    qreal m_zoom = 1;
    bool m_dragging = false;
    QPoint m_dragFrom; // where the drag was at its last event
};
