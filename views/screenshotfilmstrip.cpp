#include "screenshotfilmstrip.h"

#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QShortcut>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "artifactfetcher.h"
#include "runsource.h"
#include "screenshotload.h"
#include "screenshotstripmodel.h"
#include "screenshotviewer.h"
#include "themedicon.h"

using namespace Qt::StringLiterals;

namespace {

/**
 * Every cell of the strip alike: a thumbnail, or a box of the same size saying what stands in
 * for it (loading, not an image, unavailable), so the strip never shifts as thumbnails arrive.
 */
class ThumbnailDelegate final : public QStyledItemDelegate
{
public:
    ThumbnailDelegate(const QSize &box, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_box(box)
    { }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->decorationSize = m_box;
        if (option->features & QStyleOptionViewItem::HasDecoration)
            return;
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = placeholder(index.data(ScreenshotStripModel::ThumbnailStateRole).toInt(),
            option->palette, option->widget ? option->widget->devicePixelRatioF() : 1.0);
    }

private:
    QIcon placeholder(int state, const QPalette &palette, qreal ratio) const
    {
        // Three boxes, drawn once per palette and screen, not once per cell and paint.
        if (palette.cacheKey() != m_paletteKey || ratio != m_ratio) {
            m_placeholders.clear();
            m_paletteKey = palette.cacheKey();
            m_ratio = ratio;
        }
        const auto found = m_placeholders.constFind(state);
        if (found != m_placeholders.constEnd())
            return *found;
        QString text = ScreenshotFilmstrip::tr("Loading…");
        if (state == ScreenshotStripModel::ThumbnailNotAnImage)
            text = ScreenshotFilmstrip::tr("Not an image");
        else if (state == ScreenshotStripModel::ThumbnailFailed)
            text = ScreenshotFilmstrip::tr("Unavailable");
        QPixmap pixmap(m_box * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(palette.color(QPalette::AlternateBase));
        QPainter painter(&pixmap);
        painter.setPen(palette.color(QPalette::PlaceholderText));
        const QRect box(QPoint(), m_box);
        painter.drawRect(box.adjusted(0, 0, -1, -1));
        painter.drawText(box.adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap, text);
        painter.end();
        return *m_placeholders.insert(state, QIcon(pixmap));
    }

    QSize m_box;
    mutable QHash<int, QIcon> m_placeholders;
    mutable qint64 m_paletteKey = 0;
    mutable qreal m_ratio = 0;
};

/** What the bytes are, as a file suffix: "png", "jpg", "webp". */
QString suffixOf(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    const QByteArray format = QImageReader::imageFormat(&buffer);
    if (format.isEmpty())
        return u"png"_s;
    return format == "jpeg" ? u"jpg"_s : QString::fromLatin1(format);
}

/** On a worker thread: the bytes written whole or not at all; the error, or nothing. */
QString writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return file.errorString();
    return {};
}

} // namespace

ScreenshotFilmstrip::ScreenshotFilmstrip(ArtifactFetcher *artifacts, QWidget *parent)
    : QWidget(parent)
    , m_artifacts(artifacts)
    , m_thumbnails(new ThumbnailService(this))
    , m_model(new ScreenshotStripModel(m_thumbnails, this))
    , m_visibleTimer(new QTimer(this))
    , m_message(new QLabel(this))
    , m_content(new QWidget(this))
    , m_strip(new QListView(this))
    , m_position(new QLabel(this))
    , m_zoomOut(new QToolButton(this))
    , m_zoomLabel(new QLabel(this))
    , m_zoomIn(new QToolButton(this))
    , m_fit(new QToolButton(this))
    , m_actualSize(new QToolButton(this))
    , m_save(new QPushButton(tr("Save…"), this))
    , m_viewer(new ScreenshotViewer(this))
{
    setObjectName(QStringLiteral("screenshotFilmstrip"));
    m_thumbnails->setFetch(
        [this](const Artifact &artifact, QObject *context, ThumbnailService::Delivered done) {
            return ArtifactContent::fetch(
                m_artifacts, m_source, m_model->runId(), artifact, context, std::move(done));
        });

    m_message->setObjectName(QStringLiteral("filmstripMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // errors quote the server
    m_message->hide();

    const QSize box(kThumbnailWidth, kThumbnailHeight);
    m_strip->setObjectName(QStringLiteral("filmstripListView"));
    m_strip->setAccessibleName(tr("Screenshots"));
    m_strip->setModel(m_model);
    m_strip->setItemDelegate(new ThumbnailDelegate(box, m_strip));
    m_strip->setViewMode(QListView::IconMode);
    m_strip->setFlow(QListView::LeftToRight);
    m_strip->setWrapping(false);
    m_strip->setMovement(QListView::Static); // after the view mode, which sets it to Free
    m_strip->setResizeMode(QListView::Fixed);
    // One size for every cell: thousands of screenshots lay out without measuring each, and
    // thumbnails arriving one by one never shift the strip.
    m_strip->setUniformItemSizes(true);
    m_strip->setIconSize(box);
    const QSize grid(kThumbnailWidth + 16, kThumbnailHeight + m_strip->fontMetrics().height() + 14);
    m_strip->setGridSize(grid);
    m_strip->setTextElideMode(Qt::ElideRight);
    m_strip->setSelectionMode(QAbstractItemView::SingleSelection);
    m_strip->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_strip->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_strip->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn); // the height never jumps
    m_strip->horizontalScrollBar()->setSingleStep(grid.width() / 2);
    m_strip->setFixedHeight(grid.height() + style()->pixelMetric(QStyle::PM_ScrollBarExtent)
        + 2 * m_strip->frameWidth() + 4);
    m_strip->viewport()->installEventFilter(this);
    connect(m_strip->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showSelected(current); });
    connect(m_strip->horizontalScrollBar(), &QScrollBar::valueChanged, this,
        &ScreenshotFilmstrip::scheduleVisibleRows);
    connect(m_strip->horizontalScrollBar(), &QScrollBar::rangeChanged, this,
        &ScreenshotFilmstrip::scheduleVisibleRows);
    connect(
        m_model, &QAbstractItemModel::modelReset, this, &ScreenshotFilmstrip::scheduleVisibleRows);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        &ScreenshotFilmstrip::scheduleVisibleRows);
    // At most one look at what is on screen per 40 ms, however fast the strip is scrolled.
    m_visibleTimer->setSingleShot(true);
    m_visibleTimer->setInterval(40);
    connect(m_visibleTimer, &QTimer::timeout, this, &ScreenshotFilmstrip::updateVisibleRows);

    const auto native
        = [](const QKeySequence &keys) { return keys.toString(QKeySequence::NativeText); };
    const QKeySequence fitKeys(Qt::CTRL | Qt::Key_0);
    m_position->setObjectName(QStringLiteral("filmstripPositionLabel"));
    m_position->setTextFormat(Qt::PlainText);
    m_position->setWordWrap(true); // a narrow pane wraps it rather than cutting the time off
    m_zoomOut->setObjectName(QStringLiteral("zoomOutToolButton"));
    m_zoomOut->setText(tr("−"));
    m_zoomOut->setAccessibleName(tr("Zoom out"));
    m_zoomOut->setToolTip(
        tr("Zoom out (%1, or Ctrl and the mouse wheel)").arg(native(QKeySequence::ZoomOut)));
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomLabel->setAccessibleName(tr("Zoom"));
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(u"8888 %"_s));
    m_zoomIn->setObjectName(QStringLiteral("zoomInToolButton"));
    m_zoomIn->setText(tr("+"));
    m_zoomIn->setAccessibleName(tr("Zoom in"));
    m_zoomIn->setToolTip(
        tr("Zoom in (%1, or Ctrl and the mouse wheel)").arg(native(QKeySequence::ZoomIn)));
    m_fit->setObjectName(QStringLiteral("fitToolButton"));
    m_fit->setText(tr("Fit"));
    m_fit->setCheckable(true);
    m_fit->setAccessibleName(tr("Fit the screenshot to the space"));
    m_fit->setToolTip(tr("Fit the screenshot to the space (%1)").arg(native(fitKeys)));
    m_actualSize->setObjectName(QStringLiteral("actualSizeToolButton"));
    m_actualSize->setText(tr("100 %"));
    m_actualSize->setCheckable(true);
    m_actualSize->setAccessibleName(tr("Actual size"));
    m_actualSize->setToolTip(tr("Show the screenshot pixel for pixel"));
    m_save->setObjectName(QStringLiteral("saveScreenshotButton"));
    m_save->setIcon(ThemedIcon::action(u"document-save"_s));
    m_save->setAccessibleName(tr("Save the screenshot"));
    m_save->setToolTip(tr("Save the screenshot as the server sent it"));
    m_save->setEnabled(false);
    m_viewer->setAccessibleName(tr("Selected screenshot"));

    connect(m_zoomOut, &QToolButton::clicked, m_viewer, &ScreenshotViewer::zoomOut);
    connect(m_zoomIn, &QToolButton::clicked, m_viewer, &ScreenshotViewer::zoomIn);
    connect(m_fit, &QToolButton::clicked, m_viewer, &ScreenshotViewer::fitToSpace);
    connect(m_actualSize, &QToolButton::clicked, m_viewer, [this] { m_viewer->setZoom(1); });
    connect(m_save, &QPushButton::clicked, this, &ScreenshotFilmstrip::chooseSaveFile);
    connect(
        m_viewer, &ScreenshotViewer::zoomChanged, this, &ScreenshotFilmstrip::updateZoomControls);
    // Ctrl+= too: on many keyboards + is a shifted key.
    for (const QKeySequence &keys :
        {QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, m_viewer, &ScreenshotViewer::zoomIn);
    }
    auto *zoomOut = new QShortcut(QKeySequence::ZoomOut, this);
    zoomOut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(zoomOut, &QShortcut::activated, m_viewer, &ScreenshotViewer::zoomOut);
    auto *fit = new QShortcut(fitKeys, this);
    fit->setContext(Qt::WidgetWithChildrenShortcut);
    connect(fit, &QShortcut::activated, m_viewer, &ScreenshotViewer::fitToSpace);

    // Flat as a tool bar's: a pressed Fit or 100 % then stands out in any palette, where a
    // framed button pressed is barely darker than one that is not in a dark one.
    for (QToolButton *button : {m_zoomOut, m_zoomIn, m_fit, m_actualSize})
        button->setAutoRaise(true);
    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_position, 1);
    controls->addWidget(m_zoomOut);
    controls->addWidget(m_zoomLabel);
    controls->addWidget(m_zoomIn);
    controls->addWidget(m_fit);
    controls->addWidget(m_actualSize);
    controls->addSpacing(8);
    controls->addWidget(m_save);

    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    content->addWidget(m_strip);
    content->addLayout(controls);
    content->addWidget(m_viewer, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_content, 1);
    layout->addStretch(); // keeps the message at the top while there is no run to show
    clear();
}

ScreenshotFilmstrip::~ScreenshotFilmstrip()
{
    cancelPending();
    m_thumbnails->cancelAll();
}

void ScreenshotFilmstrip::setSource(RunSource *source)
{
    cancelPending();
    m_thumbnails->cancelAll();
    m_source = source;
    clear();
}

void ScreenshotFilmstrip::cancelPending()
{
    if (m_source && m_listRequest)
        m_source->cancelRequest(m_listRequest);
    m_listRequest = 0;
    if (m_cancelShown)
        std::exchange(m_cancelShown, {})();
    ++m_shownGeneration;
}

void ScreenshotFilmstrip::clear()
{
    cancelPending();
    m_thumbnails->request({});
    m_run = WorkflowRun();
    m_loadedRunId.clear();
    m_model->clear();
    m_shownBytes.clear();
    m_save->setEnabled(false);
    m_position->clear();
    m_viewer->setMessage({});
    // A zoom kept while stepping through one run's screenshots; another run opens fitted.
    m_viewer->fitToSpace();
    setMessage(tr("Select a run to see its screenshots."));
    m_content->hide(); // no empty strip and viewer under it, until there are screenshots
}

void ScreenshotFilmstrip::showRun(const WorkflowRun &run)
{
    const bool sameRun = run.workflowRunId == m_run.workflowRunId;
    const bool moved = sameRun && run.movedSince(m_run);
    if (!sameRun)
        clear();
    m_run = run;
    // A running run takes more screenshots: asked again when its row changes.
    if (isVisible() && (!sameRun || moved || m_loadedRunId != run.workflowRunId))
        load();
}

void ScreenshotFilmstrip::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_thumbnails->setThumbnailSize(QSize(kThumbnailWidth, kThumbnailHeight), devicePixelRatioF());
    if (!m_run.workflowRunId.isEmpty() && m_loadedRunId != m_run.workflowRunId)
        load();
    scheduleVisibleRows();
}

void ScreenshotFilmstrip::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ScreenshotFilmstrip::load()
{
    if (!m_source || m_run.workflowRunId.isEmpty())
        return;
    if (m_listRequest)
        m_source->cancelRequest(m_listRequest);
    const QString runId = m_run.workflowRunId;
    if (m_loadedRunId != runId)
        setMessage(tr("Loading the screenshots…"));
    m_loadedRunId = runId;
    m_listRequest = m_source->listArtifacts(runId,
        {u"screenshot_action"_s, u"screenshot_final"_s, u"screenshot_llm"_s}, this,
        [this, runId](const ApiResult<RunArtifacts> &result) {
            m_listRequest = 0;
            if (runId != m_run.workflowRunId)
                return;
            if (!result.ok()) {
                // Screenshots already shown stay; the message says the refresh failed.
                setMessage(m_model->rowCount() > 0
                        ? tr("Could not update the screenshots: %1").arg(result.error.message)
                        : result.error.message);
                return;
            }
            showScreenshots(runId, result.value);
        });
}

void ScreenshotFilmstrip::showScreenshots(const QString &runId, const RunArtifacts &artifacts)
{
    const QModelIndex before = m_strip->currentIndex();
    const Artifact *shown = m_model->artifactAt(before.row());
    const QString shownId = shown ? shown->artifactId : QString();
    const int scrolled = m_strip->horizontalScrollBar()->value();
    m_model->setScreenshots(runId, artifacts.artifacts);
    setMessage(artifacts.notes.join(u' '));
    // Nothing yet is said in one line, without an empty strip and viewer under it.
    m_content->setVisible(m_model->rowCount() > 0);
    if (m_model->rowCount() == 0) {
        setMessage(tr("This run has no screenshots yet."));
        return;
    }
    // A refresh keeps the one being looked at; a new run opens where it ended (or failed).
    int row = m_model->rowOf(shownId);
    const bool kept = row >= 0;
    if (!kept)
        row = m_model->rowCount() - 1;
    const QModelIndex index = m_model->index(row);
    if (m_strip->currentIndex() != index)
        m_strip->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    if (kept)
        m_strip->horizontalScrollBar()->setValue(scrolled);
    else
        m_strip->scrollTo(index);
    scheduleVisibleRows();
}

void ScreenshotFilmstrip::showSelected(const QModelIndex &index)
{
    if (m_cancelShown)
        std::exchange(m_cancelShown, {})();
    const quint64 generation = ++m_shownGeneration;
    m_shownBytes.clear();
    m_save->setEnabled(false);
    const Artifact *artifact = m_model->artifactAt(index.row());
    if (!artifact) {
        m_position->clear();
        m_viewer->setMessage({});
        return;
    }
    m_position->setText(tr("%1 of %2 · %3")
                            .arg(index.row() + 1)
                            .arg(m_model->rowCount())
                            .arg(index.data().toString()));
    m_viewer->setMessage(tr("Loading the screenshot…"));
    // Full size, decoded off the GUI thread; zooming then draws from it.
    m_cancelShown
        = ScreenshotLoad::load(m_artifacts, m_source, m_model->runId(), *artifact, this, 0, 1.0,
            [this, generation](const QImage &image, const QByteArray &data, const QString &error) {
                if (generation != m_shownGeneration)
                    return;
                m_cancelShown = {};
                if (image.isNull()) {
                    m_viewer->setMessage(error);
                    return;
                }
                m_shownBytes = data;
                m_viewer->setImage(image);
                m_save->setEnabled(true);
            });
}

void ScreenshotFilmstrip::stepTo(int row)
{
    if (m_model->rowCount() == 0)
        return;
    const QModelIndex index = m_model->index(qBound(0, row, m_model->rowCount() - 1));
    m_strip->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_strip->scrollTo(index);
}

void ScreenshotFilmstrip::keyPressEvent(QKeyEvent *event)
{
    // The keys the viewer and the buttons pass on step through the strip, as in it.
    const int current = m_strip->currentIndex().row();
    switch (event->key()) {
    case Qt::Key_Left:
        stepTo(current - 1);
        break;
    case Qt::Key_Right:
        stepTo(current + 1);
        break;
    case Qt::Key_Home:
        stepTo(0);
        break;
    case Qt::Key_End:
        stepTo(m_model->rowCount() - 1);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool ScreenshotFilmstrip::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_strip->viewport() && event->type() == QEvent::Resize)
        scheduleVisibleRows();
    return QWidget::eventFilter(watched, event);
}

void ScreenshotFilmstrip::scheduleVisibleRows()
{
    if (!m_visibleTimer->isActive())
        m_visibleTimer->start();
}

void ScreenshotFilmstrip::updateVisibleRows()
{
    const int count = m_model->rowCount();
    if (count == 0 || !m_strip->isVisible())
        return;
    // The cells run left to right in one row: two binary searches find what is on screen.
    const int width = m_strip->viewport()->width();
    const auto firstRowWhere = [this, count](const auto &holds) {
        int low = 0;
        int high = count;
        while (low < high) {
            const int middle = low + (high - low) / 2;
            if (holds(m_strip->visualRect(m_model->index(middle))))
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    };
    const int first = firstRowWhere([](const QRect &cell) { return cell.right() >= 0; });
    const int end = firstRowWhere([width](const QRect &cell) { return cell.left() >= width; });
    m_model->setVisibleRows(first, end - 1);
}

void ScreenshotFilmstrip::updateZoomControls()
{
    const bool image = m_viewer->hasImage();
    m_zoomLabel->setText(image ? tr("%1 %").arg(qRound(m_viewer->zoom() * 100)) : QString());
    m_zoomOut->setEnabled(image && m_viewer->zoom() > ScreenshotViewer::kMinZoom);
    m_zoomIn->setEnabled(image && m_viewer->zoom() < ScreenshotViewer::kMaxZoom);
    m_fit->setEnabled(image);
    m_actualSize->setEnabled(image);
    m_fit->setChecked(m_viewer->isFitting());
    m_actualSize->setChecked(!m_viewer->isFitting() && qFuzzyCompare(m_viewer->zoom(), 1.0));
}

QString ScreenshotFilmstrip::suggestedFileName() const
{
    const int row = m_strip->currentIndex().row();
    const Artifact *artifact = m_model->artifactAt(row);
    if (!artifact)
        return {};
    static const QRegularExpression unsafe(u"[^A-Za-z0-9_.-]"_s);
    const QString run = QString(m_model->runId()).replace(unsafe, u"_"_s);
    const QString suffix = suffixOf(m_shownBytes);
    if (artifact->artifactType == "screenshot_final"_L1)
        return u"%1-final.%2"_s.arg(run, suffix);
    const int step = m_model->index(row).data(ScreenshotStripModel::StepNumberRole).toInt();
    if (step <= 0)
        return u"%1-%2.%3"_s.arg(
            run, QString(artifact->artifactId).replace(unsafe, u"_"_s), suffix);
    // Several screenshots to a step: which of them, counted from the step's first.
    int inStep = 1;
    for (int before = row - 1; before >= 0
         && m_model->index(before).data(ScreenshotStripModel::StepNumberRole).toInt() == step;
         --before)
        ++inStep;
    return u"%1-step-%2-%3.%4"_s.arg(run).arg(step).arg(inStep).arg(suffix);
}

void ScreenshotFilmstrip::chooseSaveFile()
{
    if (m_shownBytes.isEmpty())
        return;
    if (m_saveDirectory.isEmpty()) {
        const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
        m_saveDirectory = QFileInfo(pictures).isDir() ? pictures : QDir::homePath();
    }
    const QString suffix = suffixOf(m_shownBytes);
    auto *dialog = new QFileDialog(this, tr("Save screenshot"));
    dialog->setObjectName(QStringLiteral("saveScreenshotDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("Images (*.%1)").arg(suffix));
    dialog->setDefaultSuffix(suffix);
    dialog->setDirectory(m_saveDirectory);
    dialog->selectFile(suggestedFileName());
    // Opened, not executed: the window keeps running (and polling) while it is up.
    connect(dialog, &QFileDialog::fileSelected, this, &ScreenshotFilmstrip::saveTo);
    dialog->open();
}

void ScreenshotFilmstrip::saveTo(const QString &path)
{
    if (m_shownBytes.isEmpty())
        return;
    const QByteArray bytes = m_shownBytes;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const QString error = watcher->result();
        const QString shownPath = QDir::toNativeSeparators(path);
        if (error.isEmpty()) {
            m_saveDirectory = QFileInfo(path).absolutePath(); // the next one goes there too
            setMessage(tr("Saved the screenshot as %1.").arg(shownPath));
            emit screenshotSaved(path);
        } else {
            setMessage(tr("Could not save %1: %2").arg(shownPath, error));
            emit saveFailed(path, error);
        }
    });
    watcher->setFuture(QtConcurrent::run([path, bytes] { return writeFile(path, bytes); }));
}
