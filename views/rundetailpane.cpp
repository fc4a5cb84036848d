#include "rundetailpane.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialog>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "artifactfetcher.h"
#include "jsontreemodel.h"
#include "runformat.h"

namespace {

constexpr int kThumbnailWidth = 200;

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(
        Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    label->setWordWrap(true);
    return label;
}

QString timeLine(const QString &name, const QDateTime &time, const QDateTime &now)
{
    return time.isValid() ? QStringLiteral("%1: %2").arg(name, RunFormat::localTime(time, now))
                          : QString();
}

} // namespace

RunDetailPane::RunDetailPane(ArtifactFetcher *artifacts, QWidget *parent)
    : QWidget(parent)
    , m_artifacts(artifacts)
    , m_status(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_runId(nullptr)
    , m_workflowId(nullptr)
    , m_trigger(nullptr)
    , m_times(nullptr)
    , m_failure(nullptr)
    , m_errors(nullptr)
    , m_screenshotStrip(new QListWidget(this))
    , m_links(nullptr)
    , m_files(new QListWidget(this))
    , m_outputView(new QTreeView(this))
    , m_output(new JsonTreeModel(this))
    , m_requestView(new QTreeView(this))
    , m_request(new JsonTreeModel(this))
    , m_listingView(new QTreeView(this))
    , m_listing(new JsonTreeModel(this))
    , m_cancel(new QPushButton(tr("Cancel run…"), this))
    , m_body(new QWidget(this))
{
    setObjectName(QStringLiteral("runDetailPane"));
    setMinimumWidth(360);

    m_title->setObjectName(QStringLiteral("detailTitleLabel"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("detailStatusLabel"));
    m_message->setObjectName(QStringLiteral("detailMessageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_cancel->setObjectName(QStringLiteral("cancelRunButton"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &RunDetailPane::cancelRun);

    auto *header = new QHBoxLayout;
    header->addWidget(m_status);
    header->addWidget(m_title, 1);
    header->addWidget(m_cancel);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Run ID"), idRow(QStringLiteral("detailRunIdLabel")));
    form->addRow(tr("Workflow"), idRow(QStringLiteral("detailWorkflowIdLabel")));
    m_runId = findChild<QLabel *>(QStringLiteral("detailRunIdLabel"));
    m_workflowId = findChild<QLabel *>(QStringLiteral("detailWorkflowIdLabel"));
    m_trigger = valueLabel(this, QStringLiteral("detailTriggerLabel"));
    form->addRow(tr("Trigger"), m_trigger);
    m_times = valueLabel(this, QStringLiteral("detailTimesLabel"));
    form->addRow(tr("Timing"), m_times);

    m_failure = valueLabel(this, QStringLiteral("detailFailureLabel"));
    m_failure->setStyleSheet(QStringLiteral("color: #8a1c14;"));
    m_errors = valueLabel(this, QStringLiteral("detailErrorsLabel"));
    m_links = valueLabel(this, QStringLiteral("detailLinksLabel"));
    m_links->setOpenExternalLinks(false);
    connect(m_links, &QLabel::linkActivated, this,
        [](const QString &link) { QDesktopServices::openUrl(QUrl(link)); });

    m_screenshotStrip->setObjectName(QStringLiteral("screenshotStrip"));
    m_screenshotStrip->setViewMode(QListView::IconMode);
    m_screenshotStrip->setFlow(QListView::LeftToRight);
    m_screenshotStrip->setWrapping(false);
    m_screenshotStrip->setIconSize(QSize(kThumbnailWidth, kThumbnailWidth * 10 / 16));
    m_screenshotStrip->setFixedHeight(kThumbnailWidth * 10 / 16 + 44);
    // A fixed grid: thumbnails arrive one by one and must not shuffle the strip as they do.
    m_screenshotStrip->setGridSize(QSize(kThumbnailWidth + 16, kThumbnailWidth * 10 / 16 + 28));
    m_screenshotStrip->setUniformItemSizes(true);
    m_screenshotStrip->setMovement(QListView::Static);
    m_screenshotStrip->setToolTip(tr("Newest first. Click or press Enter for a larger view."));
    connect(m_screenshotStrip, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { openScreenshot(m_screenshotStrip->row(item)); });
    connect(m_screenshotStrip, &QListWidget::itemClicked, this,
        [this](QListWidgetItem *item) { openScreenshot(m_screenshotStrip->row(item)); });

    m_files->setObjectName(QStringLiteral("downloadedFilesList"));
    m_files->setToolTip(tr("Double-click to save a copy"));
    connect(m_files, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QUrl url(item->data(Qt::UserRole).toString());
        const QString path
            = QFileDialog::getSaveFileName(this, tr("Save downloaded file"), item->text());
        if (path.isEmpty())
            return;
        m_artifacts->fetch(url, this, [this, path](const QByteArray &data, const QString &error) {
            QSaveFile file(path);
            if (!error.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(data) < 0
                || !file.commit())
                setMessage(error.isEmpty() ? tr("Could not save %1.").arg(path) : error, true);
        });
    });

    m_listingView->setObjectName(QStringLiteral("listingTreeView"));
    m_listingView->setModel(m_listing);
    for (QTreeView *tree : {m_outputView, m_requestView, m_listingView}) {
        tree->setAlternatingRowColors(true);
        tree->setUniformRowHeights(true);
        tree->header()->setStretchLastSection(true);
        tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
        tree->setMinimumHeight(120);
    }
    m_outputView->setObjectName(QStringLiteral("outputTreeView"));
    m_outputView->setModel(m_output);
    m_requestView->setObjectName(QStringLiteral("requestTreeView"));
    m_requestView->setModel(m_request);

    // Into its scroll area while still empty: filled, the scroll area would work out its
    // minimum size right away, a large share of building the window.
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_body);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addLayout(form);
    const auto section = [this, body](const QString &title, QWidget *content) {
        auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
        body->addSpacing(6);
        body->addWidget(label);
        body->addWidget(content);
        m_sectionTitles.insert(content, label);
    };
    section(tr("Failure"), m_failure);
    section(tr("Errors"), m_errors);
    section(tr("Screenshots"), m_screenshotStrip);
    section(tr("Links"), m_links);
    section(tr("Downloaded files"), m_files);
    section(tr("Output"), m_outputView);
    section(tr("Request and parameters"), m_requestView);
    section(tr("As the server listed it"), m_listingView);
    body->addStretch(1);
    setFeatures(SourceFeatures());

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_message);
    layout->addWidget(m_scroll, 1);
    layout->addStretch(); // keeps the message at the top while no run is shown
    clear();
}

QIcon RunDetailPane::loadingThumbnail() const
{
    QPixmap pixmap(m_screenshotStrip->iconSize());
    pixmap.fill(palette().color(QPalette::AlternateBase));
    QPainter painter(&pixmap);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
    painter.drawText(pixmap.rect(), Qt::AlignCenter, tr("Loading…"));
    return QIcon(pixmap);
}

QWidget *RunDetailPane::idRow(const QString &objectName)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    QLabel *label = valueLabel(row, objectName);
    auto *copy = new QToolButton(row);
    copy->setObjectName(objectName + QStringLiteral("CopyButton"));
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy to the clipboard"));
    connect(copy, &QToolButton::clicked, label,
        [label] { QGuiApplication::clipboard()->setText(label->text()); });
    layout->addWidget(label, 1);
    layout->addWidget(copy);
    return row;
}

void RunDetailPane::setSource(RunSource *source)
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
    m_pending = 0;
    m_source = source;
}

void RunDetailPane::clear()
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
    m_pending = 0;
    m_summary = WorkflowRun();
    m_detail = RunDetail();
    m_hasDetail = false;
    m_shownScreenshots.clear();
    m_screenshotStrip->clear();
    m_title->setText(tr("No run selected"));
    m_status->clear();
    m_scroll->hide(); // no empty scroll bar beside "No run selected"
    m_cancel->hide();
    setMessage(tr("Select a run to see why it did what it did."), false);
}

void RunDetailPane::showRun(const WorkflowRun &run)
{
    const bool sameRun = run.workflowRunId == m_summary.workflowRunId;
    if (!sameRun) {
        clear();
        m_message->hide();
        m_listedOnly = false;
    }
    m_summary = run;
    m_scroll->show();
    showSummary();
    requestDetail();
}

void RunDetailPane::refresh()
{
    if (!m_summary.workflowRunId.isEmpty())
        requestDetail();
}

void RunDetailPane::requestDetail()
{
    if (!m_source)
        return;
    if (m_pending)
        m_source->cancelRequest(m_pending);
    if (!m_hasDetail)
        setMessage(tr("Loading the run…"), false);
    const QString runId = m_summary.workflowRunId;
    m_pending = m_source->getRun(runId, this, [this, runId](const ApiResult<RunDetail> &result) {
        m_pending = 0;
        if (runId != m_summary.workflowRunId)
            return;
        if (!result.ok()) {
            setMessage(m_hasDetail
                    ? tr("%1 Showing what was loaded before.").arg(result.error.message)
                    : result.error.message,
                true);
            return;
        }
        m_message->hide();
        m_detail = result.value;
        m_hasDetail = true;
        showDetail();
    });
}

void RunDetailPane::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error
            ? QStringLiteral("QLabel { background: #fdecea; color: #8a1c14;"
                             " border-radius: 4px; padding: 6px; }")
            : QStringLiteral("QLabel { color: palette(mid); padding: 6px; }"));
    m_message->show();
}

void RunDetailPane::showSummary()
{
    const WorkflowRun &run = m_summary;
    const QColor color = RunFormat::statusColor(run.status);
    QString statusText = RunFormat::statusText(run.status, run.statusText);
    // Another platform's own word for the status, next to the dashboard's.
    if (run.status != RunStatus::Unknown && !run.statusText.isEmpty()
        && run.statusText != runStatusToWire(run.status))
        statusText += QStringLiteral(" (%1)").arg(run.statusText);
    m_status->setText(statusText);
    m_status->setStyleSheet(QStringLiteral("QLabel { border: 1px solid %1; color: %1;"
                                           " border-radius: 9px; padding: 1px 8px; }")
                                .arg(color.name()));
    m_title->setText(run.workflowTitle.isEmpty() ? run.workflowPermanentId : run.workflowTitle);
    m_runId->setText(run.workflowRunId);
    m_workflowId->setText(run.workflowPermanentId);
    QStringList trigger {RunFormat::triggerText(run.triggerType, run.triggerText)};
    if (!run.parentWorkflowRunId.isEmpty())
        trigger.append(tr("started by %1").arg(run.parentWorkflowRunId));
    if (!run.triggeredBy.isEmpty())
        trigger.append(tr("by %1").arg(run.triggeredBy));
    if (run.workflowVersion)
        trigger.append(tr("version %1").arg(*run.workflowVersion));
    if (run.computeUnits)
        trigger.append(tr("%1 CU").arg(*run.computeUnits, 0, 'f', 2));
    if (run.isSimulation)
        trigger.append(tr("simulation"));
    if (run.isDustTest)
        trigger.append(tr("dust test"));
    if (!run.sourceRunId.isEmpty())
        trigger.append(tr("retry of %1").arg(run.sourceRunId));
    if (!run.source.isEmpty())
        trigger.append(tr("from %1").arg(run.source));
    m_trigger->setText(trigger.join(QStringLiteral(" · ")));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList times;
    for (const QString &line : {timeLine(tr("Created"), run.createdAt, now),
             timeLine(tr("Queued"), run.queuedAt, now), timeLine(tr("Started"), run.startedAt, now),
             timeLine(tr("Finished"), run.finishedAt, now)}) {
        if (!line.isEmpty())
            times.append(line);
    }
    const QDateTime queued = run.queuedAt.isValid() ? run.queuedAt : run.createdAt;
    if (run.startedAt.isValid() && queued.isValid())
        times.append(tr("Queue wait: %1").arg(RunFormat::duration(queued.msecsTo(run.startedAt))));
    if (run.startedAt.isValid()) {
        const QDateTime end = run.finishedAt.isValid() ? run.finishedAt : now;
        times.append((run.finishedAt.isValid() ? tr("Duration: %1") : tr("Running for %1"))
                         .arg(RunFormat::duration(run.startedAt.msecsTo(end))));
    }
    m_times->setText(times.join(QLatin1Char('\n')));

    QString failure = run.failureReason.left(20000);
    QStringList categories;
    for (const QJsonValue &category : run.failureCategory) {
        const QString name = category.toObject().value(QLatin1String("category")).toString();
        if (!name.isEmpty())
            categories.append(name);
    }
    if (!categories.isEmpty())
        failure += tr("\nCategory: %1").arg(categories.join(QStringLiteral(", ")));
    m_failure->setText(failure.isEmpty() ? tr("None") : failure);
    m_cancel->setVisible(m_features.cancel && !m_listedOnly && isActiveStatus(run.status));
}

void RunDetailPane::setFeatures(const SourceFeatures &features)
{
    m_features = features;
    showDetailSections(features.details);
}

void RunDetailPane::showDetailSections(bool details)
{
    // Without a detail endpoint there are no screenshots, errors or output to wait for.
    for (QWidget *content : {static_cast<QWidget *>(m_failure), static_cast<QWidget *>(m_errors),
             static_cast<QWidget *>(m_screenshotStrip), static_cast<QWidget *>(m_links),
             static_cast<QWidget *>(m_files), static_cast<QWidget *>(m_outputView),
             static_cast<QWidget *>(m_requestView)}) {
        content->setVisible(details);
        m_sectionTitles.value(content)->setVisible(details);
    }
    m_listingView->setVisible(!details);
    m_sectionTitles.value(m_listingView)->setVisible(!details);
}

void RunDetailPane::showDetail()
{
    const RunDetail &detail = m_detail;
    // The detail is newer than the row: let it correct status and timings.
    m_summary.status = detail.status;
    m_summary.statusText = detail.statusText;
    if (detail.startedAt.isValid())
        m_summary.startedAt = detail.startedAt;
    if (detail.finishedAt.isValid())
        m_summary.finishedAt = detail.finishedAt;
    if (detail.queuedAt.isValid())
        m_summary.queuedAt = detail.queuedAt;
    if (!detail.failureReason.isEmpty())
        m_summary.failureReason = detail.failureReason;
    showSummary();

    QStringList errorLines;
    QStringList codes;
    for (const RunError &error : detail.errors.mid(0, 200)) {
        errorLines.append(
            QStringLiteral("<b>%1</b> — %2")
                .arg(error.errorCode.toHtmlEscaped(), error.reasoning.left(1000).toHtmlEscaped()));
        if (!error.errorCode.isEmpty())
            codes.append(error.errorCode);
    }
    codes.removeDuplicates();
    if (detail.errors.size() > 200)
        errorLines.append(tr("… and %1 more").arg(detail.errors.size() - 200));
    m_errors->setText(errorLines.isEmpty() ? tr("None") : errorLines.join(QStringLiteral("<br>")));
    emit errorCodesSeen(detail.runId, codes);

    QStringList links;
    if (!detail.recordingUrl.isEmpty())
        links.append(QStringLiteral("<a href=\"%1\">%2</a>")
                         .arg(detail.recordingUrl.toHtmlEscaped(), tr("Recording")));
    if (!detail.appUrl.isEmpty())
        links.append(QStringLiteral("<a href=\"%1\">%2</a>")
                         .arg(detail.appUrl.toHtmlEscaped(), tr("Open in the Skyvern app")));
    m_links->setText(links.isEmpty() ? tr("None") : links.join(QStringLiteral(" · ")));

    m_files->clear();
    for (const DownloadedFile &file : detail.downloadedFiles) {
        auto *item
            = new QListWidgetItem(file.filename.isEmpty() ? file.url : file.filename, m_files);
        item->setData(Qt::UserRole, file.url);
        item->setToolTip(file.checksum.isEmpty() ? file.url : tr("SHA-256 %1").arg(file.checksum));
    }
    if (detail.downloadedFiles.isEmpty())
        new QListWidgetItem(tr("None"), m_files);
    // As tall as its rows, up to four; an empty list should not take a block of the pane.
    const int rows = qMin(4, m_files->count());
    m_files->setFixedHeight(rows * m_files->sizeHintForRow(0) + 2 * m_files->frameWidth() + 2);

    m_output->setJson(detail.output);
    m_outputView->expandToDepth(0);
    m_listing->setJson(detail.listing);
    m_listingView->expandToDepth(0);
    // A run known only from a list (another platform, in a merged list) has nothing more.
    m_listedOnly = !detail.listing.isEmpty();
    showDetailSections(m_features.details && !m_listedOnly);
    m_cancel->setVisible(m_features.cancel && !m_listedOnly && isActiveStatus(m_summary.status));
    m_request->setJson(detail.runRequest);
    m_requestView->expandToDepth(0);
    m_requestView->resizeColumnToContents(0);
    loadScreenshots();
}

namespace {
/**
 * Decodes an image, at most `maxWidth` wide (0: as it is), on the calling thread. Reading at
 * the smaller size means a thumbnail never holds a full screenshot in memory for long.
 */
QImage decodeImage(const QByteArray &data, int maxWidth)
{
    QBuffer buffer;
    buffer.setData(data);
    QImageReader reader(&buffer);
    const QSize size = reader.size();
    if (maxWidth > 0 && size.isValid() && size.width() > maxWidth)
        reader.setScaledSize(QSize(maxWidth, qMax(1, size.height() * maxWidth / size.width())));
    return reader.read();
}

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

/** Runs `decode` on a worker thread and hands the image to `done` on `context`'s thread. */
void decodeInBackground(
    QObject *context, std::function<QImage()> decode, std::function<void(const QImage &)> done)
{
    auto *watcher = new QFutureWatcher<QImage>(context);
    QObject::connect(watcher, &QFutureWatcher<QImage>::finished, context, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(decode)));
}
} // namespace

void RunDetailPane::loadScreenshots()
{
    if (m_detail.screenshotUrls == m_shownScreenshots)
        return;
    m_shownScreenshots = m_detail.screenshotUrls;
    m_screenshotStrip->clear();
    if (m_shownScreenshots.isEmpty()) {
        new QListWidgetItem(tr("No screenshots yet"), m_screenshotStrip);
        return;
    }
    for (int i = 0; i < m_shownScreenshots.size(); ++i) {
        auto *item = new QListWidgetItem(
            i == 0 ? tr("Latest") : tr("%1 before").arg(i), m_screenshotStrip);
        const QString url = m_shownScreenshots.at(i);
        if (const QImage *thumbnail = m_thumbnails.object(url)) {
            showThumbnail(item, *thumbnail);
            continue;
        }
        item->setToolTip(tr("Loading…"));
        item->setIcon(loadingThumbnail());
        const QString runId = m_summary.workflowRunId;
        const auto stillShown = [this, i, runId, url] {
            return runId == m_summary.workflowRunId && m_shownScreenshots.value(i) == url
                && i < m_screenshotStrip->count();
        };
        m_artifacts->fetch(QUrl(url), this,
            [this, i, url, stillShown](const QByteArray &data, const QString &error) {
                if (!stillShown())
                    return;
                if (!error.isEmpty()) {
                    m_screenshotStrip->item(i)->setText(tr("Unavailable"));
                    m_screenshotStrip->item(i)->setToolTip(error);
                    return;
                }
                // Decoding a large PNG takes a while; keep it off the GUI thread.
                decodeInBackground(
                    this, [data] { return decodeImage(data, kThumbnailWidth); },
                    [this, i, url, stillShown](const QImage &thumbnail) {
                        if (!stillShown())
                            return;
                        QListWidgetItem *item = m_screenshotStrip->item(i);
                        if (thumbnail.isNull()) {
                            item->setText(tr("Not an image"));
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

void RunDetailPane::showThumbnail(QListWidgetItem *item, const QImage &thumbnail)
{
    item->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
    item->setData(Qt::UserRole, true); // shown, so it can be opened
    item->setToolTip(tr("Click for a larger view"));
}

void RunDetailPane::openScreenshot(int index)
{
    QListWidgetItem *item = m_screenshotStrip->item(index);
    if (!item || !item->data(Qt::UserRole).toBool())
        return;
    const QString url = m_shownScreenshots.value(index);
    auto *viewer = new QDialog(this);
    viewer->setObjectName(QStringLiteral("screenshotViewer"));
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->setWindowTitle(tr("Screenshot of %1").arg(m_summary.workflowRunId));
    auto *label = new QLabel(tr("Loading the screenshot…"), viewer);
    label->setObjectName(QStringLiteral("screenshotViewerImage"));
    label->setMinimumSize(320, 200);
    label->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(viewer);
    layout->addWidget(label);
    viewer->show();
    // The full image is read again (from the disk cache, usually) rather than kept for every
    // thumbnail: a run with a hundred screenshots would otherwise hold them all in memory.
    QPointer<QLabel> target(label);
    // As large as fits: a dialog may take two thirds of the screen, less its margins.
    const int maxWidth = qMin(1400, screen()->availableGeometry().width() * 3 / 5);
    m_artifacts->fetch(QUrl(url), viewer,
        [viewer, target, maxWidth](const QByteArray &data, const QString &error) {
            if (!error.isEmpty()) {
                target->setText(error);
                return;
            }
            decodeInBackground(
                viewer, [data, maxWidth] { return decodeImage(data, maxWidth); },
                [target](const QImage &image) {
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

void RunDetailPane::cancelRun()
{
    if (!m_source || m_summary.workflowRunId.isEmpty())
        return;
    const QString runId = m_summary.workflowRunId;
    const auto answer = QMessageBox::question(this, tr("Cancel run"),
        tr("Cancel run %1 of “%2”? The browser stops where it is.").arg(runId, m_title->text()),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    m_cancel->setEnabled(false);
    m_source->cancelRun(runId, this, [this, runId](const ApiResult<bool> &result) {
        m_cancel->setEnabled(true);
        if (!result.ok()) {
            setMessage(tr("The run was not canceled: %1").arg(result.error.message), true);
            return;
        }
        emit runCanceled(runId);
        if (runId == m_summary.workflowRunId)
            refresh();
    });
}
