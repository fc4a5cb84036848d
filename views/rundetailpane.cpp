#include "rundetailpane.h"

#include <memory>

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "downloadedfileslist.h"
#include "jsontreemodel.h"
#include "runformat.h"
#include "screenshotstrip.h"
#include "tagchipsview.h"
#include "theme.h"

namespace {

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    // Server text is shown as it is: in Qt's auto mode, a failure reason that looks like HTML
    // would be rendered, images and links included.
    label->setTextFormat(Qt::PlainText);
    // Selectable, but not a stop for Tab: a plain value has nothing to do by keyboard, and
    // a stop on each made the pane a long walk (the link labels take keyboard focus).
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    label->setWordWrap(true);
    return label;
}

/** Only these are handed to the desktop; a server's file:, smb: or custom link is not. */
bool isWebLink(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

QString timeLine(const QString &name, const QDateTime &time, const QDateTime &now)
{
    return time.isValid() ? QStringLiteral("%1: %2").arg(name, RunFormat::localTime(time, now))
                          : QString();
}

} // namespace

RunDetailPane::RunDetailPane(ArtifactFetcher *artifacts, QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_runId(nullptr)
    , m_workflowId(nullptr)
    , m_trigger(nullptr)
    , m_times(nullptr)
    , m_tagsRow(new QWidget(this))
    , m_tags(new TagChipsView(m_tagsRow))
    , m_noTags(new QLabel(m_tagsRow))
    , m_editTags(new QPushButton(tr("Edit ta&gs…"), m_tagsRow))
    , m_failure(nullptr)
    , m_errors(nullptr)
    , m_screenshotStrip(new ScreenshotStrip(artifacts, this))
    , m_links(new QWidget(this))
    , m_files(new DownloadedFilesList(artifacts, this))
    , m_outputBox(new QWidget(this))
    , m_outputView(new QTreeView(m_outputBox))
    , m_output(new JsonTreeModel(this))
    , m_requestView(new QTreeView(this))
    , m_request(new JsonTreeModel(this))
    , m_listingView(new QTreeView(this))
    , m_listing(new JsonTreeModel(this))
    , m_cancel(new QPushButton(tr("Cancel run…"), this))
    , m_retry(new QPushButton(tr("Retry…"), this))
    , m_editRetry(new QPushButton(tr("Edit and retry…"), this))
    , m_body(new QWidget(this))
{
    setObjectName(QStringLiteral("runDetailPane"));
    m_openUrl = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    setMinimumWidth(360);

    m_title->setObjectName(QStringLiteral("detailTitleLabel"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("detailStatusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_message->setObjectName(QStringLiteral("detailMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // quotes the server's own words
    // Colours from the palette (applyColors()), not a style sheet's fixed ones, so a dark
    // theme gets a dark box with light text.
    m_message->setAutoFillBackground(true);
    m_message->setMargin(6);
    m_message->hide();
    m_cancel->setObjectName(QStringLiteral("cancelRunButton"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &RunDetailPane::cancelRun);
    m_retry->setObjectName(QStringLiteral("retryRunButton"));
    m_retry->setToolTip(tr("Start this workflow again with the same parameters"));
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, [this] { emit retryRequested(m_summary); });
    m_editRetry->setObjectName(QStringLiteral("editRetryButton"));
    m_editRetry->setToolTip(tr("Open the launch form filled in as this run was started"));
    m_editRetry->hide();
    connect(
        m_editRetry, &QPushButton::clicked, this, [this] { emit editAndRetryRequested(m_detail); });

    // The pill and the title on one line, the run's actions under them: beside the title they
    // squeezed it to a word a line in a narrow pane, and themselves to "dit and ret".
    auto *titleRow = new QHBoxLayout;
    m_status->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    titleRow->addWidget(m_status, 0, Qt::AlignTop);
    titleRow->addWidget(m_title, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_cancel);
    actions->addWidget(m_retry);
    actions->addWidget(m_editRetry);
    actions->addStretch(1);
    auto *header = new QVBoxLayout;
    header->addLayout(titleRow);
    header->addLayout(actions);

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
    auto *tags = new QHBoxLayout(m_tagsRow);
    tags->setContentsMargins(0, 0, 0, 0);
    m_tags->setObjectName(QStringLiteral("detailTagsView"));
    m_noTags->setObjectName(QStringLiteral("detailNoTagsLabel"));
    m_noTags->setEnabled(false); // greyed: says there is nothing, not what there is
    m_editTags->setObjectName(QStringLiteral("editTagsButton"));
    m_editTags->setToolTip(tr("Add tags to this run or take them off"));
    connect(m_editTags, &QPushButton::clicked, this, [this] { emit editTagsRequested(m_summary); });
    tags->addWidget(m_tags, 1);
    tags->addWidget(m_noTags, 1);
    tags->addWidget(m_editTags);
    form->addRow(tr("Tags"), m_tagsRow);
    m_tagsLabel = qobject_cast<QLabel *>(form->labelForField(m_tagsRow));
    m_tagsRow->hide();
    if (m_tagsLabel)
        m_tagsLabel->hide();

    m_failure = valueLabel(this, QStringLiteral("detailFailureLabel"));
    m_errors = valueLabel(this, QStringLiteral("detailErrorsLabel"));
    m_errors->setTextFormat(Qt::RichText); // built from escaped parts in showDetail()
    m_links->setObjectName(QStringLiteral("detailLinks"));
    auto *links = new QHBoxLayout(m_links);
    links->setContentsMargins(0, 0, 0, 0);
    m_recordingLink = valueLabel(m_links, QStringLiteral("detailRecordingLink"));
    m_appLink = valueLabel(m_links, QStringLiteral("detailAppLink"));
    m_noLinks = valueLabel(m_links, QStringLiteral("detailNoLinksLabel"));
    m_noLinks->setText(tr("None"));
    for (QLabel *link : {m_recordingLink, m_appLink}) {
        link->setTextInteractionFlags(link->textInteractionFlags() | Qt::LinksAccessibleByKeyboard);
        link->setWordWrap(false);
        link->setOpenExternalLinks(false);
        connect(link, &QLabel::linkActivated, this, &RunDetailPane::openLink);
        links->addWidget(link);
    }
    links->addWidget(m_noLinks);
    links->addStretch(1);

    connect(m_files, &DownloadedFilesList::saveFailed, this,
        [this](const QString &message) { setMessage(message, true); });

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
    m_noOutput = valueLabel(m_outputBox, QStringLiteral("detailNoOutputLabel"));
    auto *output = new QVBoxLayout(m_outputBox);
    output->setContentsMargins(0, 0, 0, 0);
    output->addWidget(m_noOutput);
    output->addWidget(m_outputView);
    m_outputView->hide();
    m_requestView->setObjectName(QStringLiteral("requestTreeView"));
    m_requestView->setModel(m_request);

    // Into its scroll area while still empty: filled, the scroll area would work out its
    // minimum size right away, a large share of building the window.
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setObjectName(QStringLiteral("detailScrollArea"));
    m_scroll->setAccessibleName(tr("Run details"));
    m_scroll->setWidget(m_body);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addLayout(form);
    const auto section = [this, body](const QString &title, QWidget *content) {
        auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
        label->setTextFormat(Qt::RichText);
        label->setContentsMargins(0, 6, 0, 0); // not a spacing, which stays when it is hidden
        body->addWidget(label);
        body->addWidget(content);
        m_sectionTitles.insert(content, label);
    };
    section(tr("Failure"), m_failure);
    section(tr("Errors"), m_errors);
    section(tr("Screenshots"), m_screenshotStrip);
    section(tr("Links"), m_links);
    section(tr("Downloaded files"), m_files);
    section(tr("Output"), m_outputBox);
    section(tr("Request and parameters"), m_requestView);
    m_copyCurl = new QPushButton(tr("Copy as cURL"), this);
    m_copyCurl->setObjectName(QStringLiteral("copyCurlButton"));
    m_copyCurl->setToolTip(tr("The original request as a curl command, to send it again from a "
                              "shell; the key stays $SKYVERN_API_KEY"));
    m_copyCurl->hide();
    connect(m_copyCurl, &QPushButton::clicked, this, [this] {
        if (!m_source)
            return;
        QApplication::clipboard()->setText(m_source->launchCommand(m_detail));
        emit copied(tr("Copied a curl command that starts %1 again; it reads the key from "
                       "$SKYVERN_API_KEY.")
                        .arg(m_detail.runId));
    });
    body->addWidget(m_copyCurl, 0, Qt::AlignLeft);
    section(tr("As the server listed it"), m_listingView);
    body->addStretch(1);
    setFeatures(SourceFeatures());

    // Tab goes down the pane as it is read: the widgets were made in another order, and
    // moving them into the scroll area moved them to the end of the chain.
    // The scroll area itself is a stop, where the arrow keys scroll a long failure.
    const QList<QWidget *> order {m_cancel, m_retry, m_editRetry, m_scroll,
        findChild<QToolButton *>(QStringLiteral("detailRunIdLabelCopyButton")),
        findChild<QToolButton *>(QStringLiteral("detailWorkflowIdLabelCopyButton")), m_tags,
        m_editTags, m_screenshotStrip, m_recordingLink, m_appLink, m_files, m_outputView,
        m_requestView, m_copyCurl, m_listingView};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_message);
    layout->addWidget(m_scroll, 1);
    layout->addStretch(); // keeps the message at the top while no run is shown
    clear();
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
    connect(copy, &QToolButton::clicked, this, [this, label] {
        QGuiApplication::clipboard()->setText(label->text());
        emit copied(tr("Copied %1.").arg(label->text()));
    });
    layout->addWidget(label, 1);
    layout->addWidget(copy);
    return row;
}

void RunDetailPane::setUrlOpener(UrlOpener opener)
{
    m_openUrl = std::move(opener);
}

void RunDetailPane::showLink(QLabel *label, const QString &link, const QString &name)
{
    label->setVisible(!link.isEmpty());
    // The tooltip names the whole link, so where a click leads can be read before it.
    if (isWebLink(QUrl(link))) {
        label->setTextFormat(Qt::RichText);
        label->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                           .arg(link.toHtmlEscaped(), name.toHtmlEscaped()));
        label->setToolTip(Qt::convertFromPlainText(link, Qt::WhiteSpaceNormal));
        return;
    }
    label->setTextFormat(Qt::PlainText);
    label->setText(tr("%1 (not a web link, not opened)").arg(name));
    label->setToolTip(Qt::convertFromPlainText(
        tr("Runwatch opens only http and https links from the server:\n%1").arg(link),
        Qt::WhiteSpaceNormal));
}

void RunDetailPane::openLink(const QString &link)
{
    const QUrl url(link);
    if (!isWebLink(url))
        return; // only web links are made clickable; this is the second lock
    const QString shown = url.toDisplayString();
    if (m_openUrl(url))
        setMessage(tr("Asked the desktop to open %1 in your browser.").arg(shown), false);
    else
        setMessage(tr("Nothing on this machine could open %1.").arg(shown), true);
}

void RunDetailPane::setSource(RunSource *source)
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
    m_pending = 0;
    m_source = source;
}

void RunDetailPane::setTags(const QList<TagChips::Chip> &chips, TagsState state)
{
    const bool shown = state != TagsState::Unavailable && !m_summary.workflowRunId.isEmpty();
    m_tagsRow->setVisible(shown);
    if (m_tagsLabel)
        m_tagsLabel->setVisible(shown);
    m_tags->setChips(chips);
    m_tags->setVisible(!chips.isEmpty());
    m_noTags->setText(state == TagsState::Loading ? tr("Loading…") : tr("None"));
    m_noTags->setVisible(chips.isEmpty());
}

void RunDetailPane::clear()
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
    m_pending = 0;
    m_summary = WorkflowRun();
    m_detail = RunDetail();
    m_hasDetail = false;
    m_screenshotStrip->clearScreenshots();
    m_title->setText(tr("No run selected"));
    m_status->clear();
    m_status->hide(); // an empty pill beside “No run selected” says nothing
    m_scroll->hide(); // no empty scroll bar beside "No run selected"
    m_cancel->hide();
    m_retry->hide();
    m_editRetry->hide();
    m_copyCurl->hide();
    setTags({}, TagsState::Unavailable);
    setMessage(tr("Select a run to see why it did what it did."), false);
}

void RunDetailPane::showRun(const WorkflowRun &run)
{
    const bool sameRun = run.workflowRunId == m_summary.workflowRunId;
    if (!sameRun) {
        clear();
        m_message->hide();
        m_listedOnly = false;
        // Another run is read from its top, where its status and failure are; the offset the
        // reader scrolled to belongs to the run before.
        m_scroll->verticalScrollBar()->setValue(0);
        m_scroll->horizontalScrollBar()->setValue(0);
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
    m_pending = 0;
    if (!m_hasDetail)
        setMessage(tr("Loading the run…"), false);
    // The answer is matched by its request, not its run: a source that cannot cancel (a merged
    // list) may still answer an earlier request, and that must not clear the pending one.
    auto request = std::make_shared<RequestId>(0);
    m_pending = m_source->getRun(
        m_summary.workflowRunId, this, [this, request](const ApiResult<RunDetail> &result) {
            if (*request != m_pending)
                return;
            m_pending = 0;
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
    *request = m_pending;
}

void RunDetailPane::applyColors()
{
    // Only the roles set here; the rest follow the pane's palette.
    QPalette failure;
    if (m_failureShown)
        failure.setColor(QPalette::WindowText, ThemeColors::failureText(palette()));
    m_failure->setPalette(failure);

    // The pill keeps its status's hue; on a dark window it is lightened to stay readable.
    QColor status = RunFormat::statusColor(m_summary.status);
    if (palette().color(QPalette::Window).lightness() < 128 && status.lightness() < 150)
        status = QColor::fromHsl(status.hslHue(), status.hslSaturation(), 170);
    const QString pill = QStringLiteral("QLabel { border: 1px solid %1; color: %1;"
                                        " border-radius: 9px; padding: 1px 8px; }")
                             .arg(status.name());
    if (m_status->styleSheet() != pill) // a new style sheet polishes the label again
        m_status->setStyleSheet(pill);

    QPalette message;
    if (m_messageIsError) {
        message.setColor(QPalette::Window, ThemeColors::failureBackground(palette()));
        message.setColor(QPalette::WindowText, ThemeColors::failureText(palette()));
    } else {
        message.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    }
    m_message->setPalette(message);

    // Rich text takes its link colour from the palette when it is parsed: parse the links
    // again so they read on the new palette.
    for (QLabel *link : {m_recordingLink, m_appLink}) {
        if (link->textFormat() != Qt::RichText)
            continue;
        const QString text = link->text();
        link->clear();
        link->setText(text);
    }
}

void RunDetailPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void RunDetailPane::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_messageIsError = error;
    applyColors();
    m_message->show();
}

void RunDetailPane::showSummary()
{
    const WorkflowRun &run = m_summary;
    QString statusText = RunFormat::statusText(run.status, run.statusText);
    // Another platform's own word for the status, next to the dashboard's.
    if (run.status != RunStatus::Unknown && !run.statusText.isEmpty()
        && run.statusText != runStatusToWire(run.status))
        statusText += QStringLiteral(" (%1)").arg(run.statusText);
    m_status->setText(statusText);
    m_status->show();
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

    showTimes();

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
    // “None” is not a failure, so it is not in the failure's colour.
    m_failureShown = !failure.isEmpty();
    applyColors();
    m_cancel->setVisible(m_features.cancel && !m_listedOnly && isActiveStatus(run.status));
    m_retry->setVisible(canRetry());
}

void RunDetailPane::showTimes()
{
    const WorkflowRun &run = m_summary;
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
}

void RunDetailPane::tickDurations()
{
    // "Running for" and "5 s ago" move on with the clock, as the list's Duration does.
    if (!m_summary.workflowRunId.isEmpty() && isActiveStatus(m_summary.status))
        showTimes();
}

bool RunDetailPane::canRetry() const
{
    // A run that ended, of a source that can start it again; a running one is canceled first.
    return m_features.retry && !m_listedOnly && !m_summary.workflowRunId.isEmpty()
        && !isActiveStatus(m_summary.status);
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
             static_cast<QWidget *>(m_files), static_cast<QWidget *>(m_outputBox),
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

    showLink(m_recordingLink, detail.recordingUrl, tr("Recording"));
    showLink(m_appLink, detail.appUrl, tr("Open in the Skyvern app"));
    m_noLinks->setVisible(detail.recordingUrl.isEmpty() && detail.appUrl.isEmpty());

    m_files->setFiles(detail.downloadedFiles);

    m_output->setJson(detail.output);
    m_outputView->expandToDepth(0);
    // An empty tree is a blank box: say there is nothing, or nothing yet.
    const bool noOutput = m_output->rowCount() == 0;
    m_noOutput->setText(isActiveStatus(m_summary.status) ? tr("None yet") : tr("None"));
    m_noOutput->setVisible(noOutput);
    m_outputView->setVisible(!noOutput);
    m_outputView->resizeColumnToContents(0);
    m_listing->setJson(detail.listing);
    m_listingView->expandToDepth(0);
    m_listingView->resizeColumnToContents(0); // the platform's keys are long: none cut
    // A run known only from a list (another platform, in a merged list) has nothing more.
    m_listedOnly = !detail.listing.isEmpty();
    showDetailSections(m_features.details && !m_listedOnly);
    m_cancel->setVisible(m_features.cancel && !m_listedOnly && isActiveStatus(m_summary.status));
    m_retry->setVisible(canRetry());
    m_editRetry->setVisible(m_features.launch && !m_listedOnly
        && !detail.runRequest.value(QLatin1String("workflow_id")).toString().isEmpty());
    m_request->setJson(detail.runRequest);
    m_requestView->expandToDepth(0);
    m_copyCurl->setVisible(m_source && !m_source->launchCommand(detail).isEmpty());
    m_requestView->resizeColumnToContents(0);
    m_screenshotStrip->showScreenshots(detail.runId, detail.screenshotUrls);
}

void RunDetailPane::cancelRun()
{
    if (!m_source || m_summary.workflowRunId.isEmpty())
        return;
    const QString runId = m_summary.workflowRunId;
    QMessageBox question(QMessageBox::Question, tr("Cancel run"),
        tr("Cancel run %1 of “%2”? The browser stops where it is.").arg(runId, m_title->text()),
        QMessageBox::NoButton, this);
    question.setTextFormat(Qt::PlainText); // the run id and title are the server's
    // Buttons that say what they do, as the row menu's question has; keeping it is the default.
    QPushButton *cancel = question.addButton(tr("Cancel run"), QMessageBox::DestructiveRole);
    cancel->setObjectName(QStringLiteral("confirmCancelButton"));
    QPushButton *keep = question.addButton(tr("Keep running"), QMessageBox::RejectRole);
    question.setDefaultButton(keep);
    question.exec();
    if (question.clickedButton() != cancel)
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
