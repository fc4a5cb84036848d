#include "screenshotstrip.h"

#include <functional>

#include <QCoreApplication>
#include <QDialog>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QScreen>
#include <QScrollBar>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QWheelEvent>

#include "artifactfetcher.h"
#include "screenshotdecoder.h"

namespace {

/** Resizes a window to its content and centres it on its parent, inside the screen. */
void fitOnScreen(QWidget *window)
{
    window->adjustSize();
    const QRect area = window->screen()->availableGeometry();
    QRect frame(QPoint(), window->size());
    frame.moveCenter(window->parentWidget() ? window->parentWidget()->window()->geometry().center()
                                            : area.center());
    window->move(qBound(area.left(), frame.left(), qMax(area.left(), area.right() - frame.width())),
        qBound(area.top(), frame.top(), qMax(area.top(), area.bottom() - frame.height())));
}

} // namespace

ScreenshotStrip::ScreenshotStrip(ArtifactFetcher *artifacts, QWidget *parent)
    : QListWidget(parent)
    , m_artifacts(artifacts)
{
    setObjectName(QStringLiteral("screenshotStrip"));
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    setWrapping(false);
    setIconSize(QSize(kThumbnailWidth, kThumbnailWidth * 10 / 16));
    setFixedHeight(kThumbnailWidth * 10 / 16 + 44);
    // A fixed grid: thumbnails arrive one by one and must not shuffle the strip as they do.
    setGridSize(QSize(kThumbnailWidth + 16, kThumbnailWidth * 10 / 16 + 28));
    setUniformItemSizes(true);
    setMovement(QListView::Static);
    setToolTip(tr("Newest first. Click or press Enter for a larger view."));
    connect(this, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { openScreenshot(row(item)); });
    connect(this, &QListWidget::itemClicked, this,
        [this](QListWidgetItem *item) { openScreenshot(row(item)); });
}

QIcon ScreenshotStrip::placeholder(const QString &text) const
{
    QPixmap pixmap(iconSize());
    pixmap.fill(palette().color(QPalette::AlternateBase));
    QPainter painter(&pixmap);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
    painter.drawText(pixmap.rect(), Qt::AlignCenter | Qt::TextWordWrap, text);
    return QIcon(pixmap);
}

void ScreenshotStrip::wheelEvent(QWheelEvent *event)
{
    // The strip lies across the Overview's scrolling page: a wheel turned up or down goes on
    // scrolling the page when the pointer passes over it (handed to the page's scroll bar, as
    // a scroll area does itself). Sideways, or with Shift, it scrolls the strip.
    const QPoint delta = event->angleDelta();
    if (qAbs(delta.y()) > qAbs(delta.x()) && !(event->modifiers() & Qt::ShiftModifier)) {
        for (QWidget *up = parentWidget(); up; up = up->parentWidget()) {
            if (auto *page = qobject_cast<QAbstractScrollArea *>(up)) {
                QCoreApplication::sendEvent(page->verticalScrollBar(), event);
                return;
            }
        }
    }
    QListWidget::wheelEvent(event);
}

void ScreenshotStrip::clearScreenshots()
{
    m_runId.clear();
    m_urls.clear();
    clear();
}

void ScreenshotStrip::showScreenshots(const QString &runId, const QStringList &urls)
{
    if (runId == m_runId && urls == m_urls)
        return;
    m_runId = runId;
    m_urls = urls;
    clear();
    if (m_urls.isEmpty()) {
        new QListWidgetItem(tr("No screenshots yet"), this);
        return;
    }
    for (int i = 0; i < m_urls.size(); ++i) {
        auto *item = new QListWidgetItem(i == 0 ? tr("Latest") : tr("%1 before").arg(i), this);
        const QString url = m_urls.at(i);
        if (const QImage *thumbnail = m_thumbnails.object(url)) {
            showThumbnail(item, *thumbnail);
            continue;
        }
        item->setToolTip(tr("Loading…"));
        item->setIcon(placeholder(tr("Loading…")));
        const auto stillShown = [this, i, runId, url] {
            return runId == m_runId && m_urls.value(i) == url && i < count();
        };
        m_artifacts->fetch(QUrl(url), this,
            [this, i, url, stillShown](const QByteArray &data, const QString &error) {
                if (!stillShown())
                    return;
                if (!error.isEmpty()) {
                    // In place of “Loading…”, not beside it. The error quotes the link, which
                    // is the server's text.
                    this->item(i)->setIcon(placeholder(tr("Unavailable")));
                    this->item(i)->setToolTip(
                        Qt::convertFromPlainText(error, Qt::WhiteSpaceNormal));
                    return;
                }
                // Decoding a large PNG takes a while; keep it off the GUI thread.
                const qreal ratio = devicePixelRatioF();
                ScreenshotDecoder::decodeInBackground(this, data, kThumbnailWidth, ratio,
                    [this, i, url, stillShown](const QImage &thumbnail) {
                        if (!stillShown())
                            return;
                        QListWidgetItem *item = this->item(i);
                        if (thumbnail.isNull()) {
                            item->setIcon(placeholder(tr("Not an image")));
                            item->setToolTip(tr("The screenshot link did not return an image."));
                            return;
                        }
                        m_thumbnails.insert(url, new QImage(thumbnail),
                            qMax<qsizetype>(1, thumbnail.sizeInBytes() / 1024));
                        showThumbnail(item, thumbnail);
                    });
            });
    }
}

void ScreenshotStrip::showThumbnail(QListWidgetItem *item, const QImage &thumbnail)
{
    item->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
    item->setData(Qt::UserRole, true); // shown, so it can be opened
    item->setToolTip(tr("Click for a larger view"));
}

void ScreenshotStrip::openScreenshot(int index)
{
    QListWidgetItem *item = this->item(index);
    if (!item || !item->data(Qt::UserRole).toBool())
        return;
    const QString url = m_urls.value(index);
    auto *viewer = new QDialog(this);
    viewer->setObjectName(QStringLiteral("screenshotViewer"));
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->setWindowTitle(tr("Screenshot of %1").arg(m_runId));
    auto *label = new QLabel(tr("Loading the screenshot…"), viewer);
    label->setObjectName(QStringLiteral("screenshotViewerImage"));
    label->setMinimumSize(320, 200);
    label->setAlignment(Qt::AlignCenter);
    label->setTextFormat(Qt::PlainText); // an error here quotes the link
    auto *layout = new QVBoxLayout(viewer);
    layout->addWidget(label);
    viewer->show();
    // The full image is read again (from the disk cache, usually) rather than kept for every
    // thumbnail: a run with a hundred screenshots would otherwise hold them all in memory.
    QPointer<QLabel> target(label);
    // As large as fits: a dialog may take two thirds of the screen, less its margins.
    const int maxWidth = qMin(1400, screen()->availableGeometry().width() * 3 / 5);
    const qreal ratio = devicePixelRatioF();
    m_artifacts->fetch(QUrl(url), viewer,
        [viewer, target, maxWidth, ratio](const QByteArray &data, const QString &error) {
            if (!error.isEmpty()) {
                target->setText(error);
                return;
            }
            ScreenshotDecoder::decodeInBackground(
                viewer, data, maxWidth, ratio, [target](const QImage &image) {
                    if (!target)
                        return;
                    if (image.isNull()) {
                        target->setText(tr("The screenshot link did not return an image."));
                        return;
                    }
                    target->setPixmap(QPixmap::fromImage(image));
                    fitOnScreen(target->window()); // it opened before the image was in
                });
        });
}
