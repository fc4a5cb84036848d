#include "mainwindow.h"

#include <utility>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDataStream>
#include <QDir>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "artifactfetcher.h"
#include "bulkbar.h"
#include "bulkjobmodel.h"
#include "comparewindow.h"
#include "elidedtextdelegate.h"
#include "errorcodeprefetcher.h"
#include "evidencebundlejob.h"
#include "failuregroupmodel.h"
#include "failuregroupsview.h"
#include "historybackfilljob.h"
#include "historychart.h"
#include "historyview.h"
#include "jobspanel.h"
#include "launchrundialog.h"
#include "lazypage.h"
#include "recordingplayer.h"
#include "rundetailpane.h"
#include "runexportdialog.h"
#include "runfilterbar.h"
#include "runformat.h"
#include "runhistory.h"
#include "runlistmodel.h"
#include "runrowmenu.h"
#include "runsortproxymodel.h"
#include "runsource.h"
#include "runtableview.h"
#include "runtagprefetcher.h"
#include "runtimelineview.h"
#include "screenshotfilmstrip.h"
#include "shortcutsdialog.h"
#include "statusbadgedelegate.h"
#include "tagchipdelegate.h"
#include "tagchips.h"
#include "tageditdialog.h"
#include "theme.h"
#include "themedicon.h"
#include "watchedrunmodel.h"
#include "watchedrunsview.h"

using namespace Qt::StringLiterals;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_artifacts(new ArtifactFetcher(this))
    , m_model(new RunListModel(this))
    , m_sorter(new RunSortProxyModel(this))
    , m_filterBar(new RunFilterBar(this))
    , m_table(new RunTableView(this))
    , m_detail(new RunDetailPane(m_artifacts, this))
    , m_detailTabs(new QTabWidget(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_errorLabel(new QLabel(this))
    , m_noticeBar(new QWidget(this))
    , m_noticeLabel(new QLabel(m_noticeBar))
    , m_prefetcher(new ErrorCodePrefetcher(m_model, this))
    , m_tagPrefetcher(new RunTagPrefetcher(m_model, this))
    , m_statusLabel(new QLabel(this))
    , m_reloadAction(new QAction(tr("&Reload"), this))
    , m_launchAction(new QAction(tr("Run &agent…"), this))
    , m_exportAction(new QAction(tr("E&xport…"), this))
    , m_connectionAction(new QAction(tr("&Edit connection…"), this))
    , m_newConnectionAction(new QAction(tr("&New connection…"), this))
    , m_removeConnectionAction(new QAction(tr("&Remove connection"), this))
    , m_connectionCombo(new QComboBox(this))
    , m_pollTimer(new QTimer(this))
    , m_durationTimer(new QTimer(this))
{
    m_bulkBar = new BulkBar(this);
    m_jobs = new BulkJobModel(this);
    m_history = new RunHistory(this);
    setWindowTitle(tr("Runwatch"));
    setWindowIcon(ThemedIcon::application());
    resize(1440, 860);

    m_reloadAction->setObjectName(QStringLiteral("reloadAction"));
    m_reloadAction->setIcon(ThemedIcon::action(u"view-refresh"_s));
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    const auto native
        = [](const QKeySequence &keys) { return keys.toString(QKeySequence::NativeText); };
    m_reloadAction->setToolTip(
        tr("Load the newest runs again (%1)").arg(native(QKeySequence::Refresh)));
    m_reloadAction->setEnabled(false);
    connect(m_reloadAction, &QAction::triggered, m_model, &RunListModel::reload);
    m_launchAction->setObjectName(QStringLiteral("launchAction"));
    m_launchAction->setIcon(ThemedIcon::action(u"media-playback-start"_s));
    m_launchAction->setShortcut(QKeySequence::New);
    m_launchAction->setToolTip(
        tr("Launch a run of a workflow (%1)").arg(native(QKeySequence::New)));
    m_launchAction->setEnabled(false);
    m_connectionAction->setObjectName(QStringLiteral("connectionAction"));
    m_connectionAction->setToolTip(tr("Server and API key of this connection"));
    m_newConnectionAction->setObjectName(QStringLiteral("newConnectionAction"));
    m_removeConnectionAction->setObjectName(QStringLiteral("removeConnectionAction"));
    m_connectionCombo->setObjectName(QStringLiteral("connectionComboBox"));
    m_connectionCombo->setToolTip(
        tr("Which connection's runs to show (%1…%2)")
            .arg(native(Qt::CTRL | Qt::Key_1), native(Qt::CTRL | Qt::Key_9)));
    m_connectionCombo->setAccessibleName(tr("Connection"));
    m_connectionCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_connectionCombo, &QComboBox::activated, this,
        [this] { emit connectionChosen(m_connectionCombo->currentData().toString()); });
    for (int number = 1; number <= 9; ++number) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)), this);
        connect(shortcut, &QShortcut::activated, this, [this, number] {
            if (number > m_connectionCombo->count())
                return;
            m_connectionCombo->setCurrentIndex(number - 1);
            emit connectionChosen(m_connectionCombo->currentData().toString());
            // Ctrl+number goes to that connection's runs: the keys move in its list at once,
            // wherever focus was (a detail tab, a tab bar, a filter).
            m_table->setFocus(Qt::ShortcutFocusReason);
        });
    }
    auto *connectionMenu = new QMenu(this);
    connectionMenu->addAction(m_connectionAction);
    connectionMenu->addAction(m_newConnectionAction);
    connectionMenu->addAction(m_removeConnectionAction);
    auto *connectionButton = new QToolButton(this);
    connectionButton->setObjectName(QStringLiteral("connectionsToolButton"));
    connectionButton->setText(tr("Connections"));
    connectionButton->setIcon(ThemedIcon::action(u"network-server"_s));
    connectionButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connectionButton->setMenu(connectionMenu);
    connectionButton->setPopupMode(QToolButton::InstantPopup);
    // View → Theme: the desktop's look, or Runwatch's own light or dark one.
    m_viewMenu = new QMenu(this);
    QMenu *viewMenu = m_viewMenu;
    QMenu *themeMenu = viewMenu->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    for (const auto &[theme, label] : {std::pair {Theme::System, tr("&System")},
             std::pair {Theme::Light, tr("&Light")}, std::pair {Theme::Dark, tr("&Dark")}}) {
        QAction *action = themeMenu->addAction(label);
        action->setObjectName(u"theme_"_s + themeToName(theme));
        action->setCheckable(true);
        action->setChecked(theme == Theme::System);
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, theme] { emit themeChosen(theme); });
    }
    auto *viewButton = new QToolButton(this);
    viewButton->setObjectName(QStringLiteral("viewToolButton"));
    viewButton->setText(tr("View"));
    viewButton->setIcon(ThemedIcon::action(u"view-visible"_s));
    viewButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    viewButton->setMenu(viewMenu);
    viewButton->setPopupMode(QToolButton::InstantPopup);
    auto *toolBar = addToolBar(tr("Runs"));
    toolBar->setObjectName(QStringLiteral("runsToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // The connection first: what a source cannot do is hidden, and nothing before the picker
    // may come and go, or it would move under the mouse from one connection to the next.
    toolBar->addWidget(m_connectionCombo);
    toolBar->addWidget(connectionButton);
    toolBar->addSeparator();
    toolBar->addAction(m_reloadAction);
    toolBar->addAction(m_launchAction);
    toolBar->addAction(m_exportAction);
    toolBar->addWidget(viewButton);

    connect(m_launchAction, &QAction::triggered, this, [this] { openLaunchDialog(); });
    // Every source can be exported: no menu bar yet, so it sits with the other run actions.
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setIcon(ThemedIcon::action(u"document-save"_s)); // the one bundled
    m_exportAction->setShortcut(Qt::CTRL | Qt::Key_E);
    m_exportAction->setToolTip(tr("Write every run of this list, loaded or not, to a CSV or "
                                  "JSON Lines file (%1)")
                                   .arg(native(QKeySequence(Qt::CTRL | Qt::Key_E))));
    m_exportAction->setEnabled(false);
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::openExportDialog);
    // History takes the list's place (not a dialog): a bar clicked there comes back here.
    m_historyAction = new QAction(tr("&History"), this);
    m_historyAction->setObjectName(QStringLiteral("historyAction"));
    m_historyAction->setIcon(ThemedIcon::action(u"office-chart-bar"_s));
    m_historyAction->setCheckable(true);
    m_historyAction->setShortcut(Qt::CTRL | Qt::Key_H);
    m_historyAction->setToolTip(tr("Runs per hour or day, failure rate, durations and error "
                                   "codes over time (%1)")
                                    .arg(native(QKeySequence(Qt::CTRL | Qt::Key_H))));
    m_historyAction->setEnabled(false);
    connect(m_historyAction, &QAction::toggled, this, &MainWindow::showHistory);
    toolBar->insertAction(m_exportAction, m_historyAction);

    // Every key in one list, created when first asked for; found in View as well as by F1.
    auto *shortcutsAction = new QAction(tr("&Keyboard shortcuts"), this);
    shortcutsAction->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    shortcutsAction->setIcon(ThemedIcon::action(u"help-keyboard-shortcuts"_s));
    shortcutsAction->setShortcuts(
        {QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    addAction(shortcutsAction); // the keys work wherever the focus is in the window
    connect(shortcutsAction, &QAction::triggered, this, [this] {
        auto *dialog = findChild<ShortcutsDialog *>();
        if (!dialog)
            dialog = new ShortcutsDialog(this);
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    auto *preferencesAction = new QAction(tr("&Preferences…"), this);
    preferencesAction->setObjectName(QStringLiteral("preferencesAction"));
    preferencesAction->setIcon(ThemedIcon::action(u"preferences-system"_s));
    preferencesAction->setShortcut(Qt::CTRL | Qt::Key_Comma);
    addAction(preferencesAction); // the keys work wherever the focus is in the window
    connect(preferencesAction, &QAction::triggered, this, &MainWindow::preferencesRequested);
    viewMenu->addAction(m_historyAction);
    viewMenu->addSeparator();
    viewMenu->addAction(preferencesAction);
    viewMenu->addAction(shortcutsAction);
    // Closing the window may keep Runwatch in the tray; this ends it, as the tray's Quit does.
    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setObjectName(QStringLiteral("quitAction"));
    quitAction->setShortcut(Qt::CTRL | Qt::Key_Q);
    quitAction->setShortcutContext(Qt::ApplicationShortcut);
    addAction(quitAction);
    connect(quitAction, &QAction::triggered, this, &MainWindow::quitRequested);
    viewMenu->addSeparator();
    viewMenu->addAction(quitAction);
    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    connect(findShortcut, &QShortcut::activated, this, [this] {
        m_historyAction->setChecked(false); // the search is the list's
        m_filterBar->focusSearch();
    });

    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText); // quotes servers' error details
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(ThemeColors::errorBannerStyle(palette()));
    m_errorLabel->hide();

    // Things worth reading that are not failures of the list (a launched run, a key kept for
    // this session only) stay here until closed, rather than passing through the status bar.
    m_noticeBar->setObjectName(QStringLiteral("noticeBar"));
    m_noticeBar->setAutoFillBackground(true);
    m_noticeBar->setBackgroundRole(QPalette::ToolTipBase);
    m_noticeBar->setForegroundRole(QPalette::ToolTipText);
    m_noticeLabel->setObjectName(QStringLiteral("noticeLabel"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setTextFormat(Qt::PlainText);
    m_noticeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *closeNotice = new QToolButton(m_noticeBar);
    closeNotice->setObjectName(QStringLiteral("closeNoticeButton"));
    closeNotice->setText(QStringLiteral("✕"));
    closeNotice->setAutoRaise(true);
    closeNotice->setToolTip(tr("Close this notice"));
    connect(closeNotice, &QToolButton::clicked, m_noticeBar, &QWidget::hide);
    // A list narrowed from History says so here; closing the notice shows what the list
    // showed before.
    connect(closeNotice, &QToolButton::clicked, this, [this] {
        if (m_sliceText.isEmpty())
            return;
        const QString scope = m_scopeBeforeSlice;
        const RunFilter filter = m_filterBeforeSlice;
        clearHistorySlice();
        showView(scope, filter);
    });
    auto *noticeLayout = new QHBoxLayout(m_noticeBar);
    noticeLayout->setContentsMargins(10, 4, 4, 4);
    noticeLayout->addWidget(m_noticeLabel, 1);
    noticeLayout->addWidget(closeNotice, 0, Qt::AlignTop);
    m_noticeBar->hide();

    m_filterBar->setObjectName(QStringLiteral("runFilterBar"));
    m_table->setObjectName(QStringLiteral("runTableView"));
    m_table->setAccessibleName(tr("Runs"));
    m_sorter->setSourceModel(m_model);
    m_table->setModel(m_sorter);
    // No column sorted: the server's order, newest first.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setItemDelegate(new ElidedTextDelegate(m_table));
    m_table->setItemDelegateForColumn(RunListModel::StatusColumn, new StatusBadgeDelegate(m_table));
    m_table->setItemDelegateForColumn(RunListModel::TagsColumn, new TagChipDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    // Columns of known words as wide as their longest in the user's language and font
    // ("Fehlgeschlagen" is twice "Failed").
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widest = [&metrics](const QStringList &samples, int padding) {
        int width = 0;
        for (const QString &sample : samples)
            width = qMax(width, metrics.horizontalAdvance(sample));
        return qMin(width + padding, 260);
    };
    QStringList statuses;
    for (RunStatus status : allRunStatuses())
        statuses.append(RunFormat::statusText(status, {}));
    QStringList triggers;
    for (TriggerType trigger : {TriggerType::Manual, TriggerType::Api, TriggerType::Scheduled,
             TriggerType::Webhook, TriggerType::Mcp})
        triggers.append(RunFormat::triggerText(trigger, {}));
    const QDateTime now = QDateTime::currentDateTime();
    const QStringList times {RunFormat::localTime(now, now),
        RunFormat::localTime(QDateTime(QDate(now.date().year(), 12, 28), QTime(23, 59, 59)), now),
        RunFormat::localTime(QDateTime(QDate(2000, 12, 28), QTime(23, 59, 59)), now)};
    const QStringList durations {RunFormat::duration(59 * 60000 + 59000),
        RunFormat::duration(23 * 3600000 + 59 * 60000), RunFormat::duration(999)};
    header->resizeSection(
        RunListModel::StatusColumn, widest(statuses, 34 + metrics.height() + 1)); // and its icon
    header->resizeSection(RunListModel::WorkflowColumn, kWorkflowWidth);
    header->resizeSection(RunListModel::RunIdColumn, 165);
    header->resizeSection(RunListModel::TriggerColumn, widest(triggers, 16));
    header->resizeSection(RunListModel::CreatedColumn, widest(times, 16));
    header->resizeSection(RunListModel::StartedColumn, widest(times, 16));
    header->resizeSection(RunListModel::DurationColumn, widest(durations, 16));
    header->resizeSection(RunListModel::ErrorCodesColumn, 150);
    header->resizeSection(RunListModel::SourceColumn, 140);
    // Narrow: the failure reason keeps the spare width; each row's tip lists all its tags.
    header->resizeSection(RunListModel::TagsColumn, 160);
    header->resizeSection(
        RunListModel::TypeColumn, widest({RunFormat::runTypeText(u"anthropic_cua"_s)}, 16));
    // Created and duration say what started does; trigger and run id are in the detail pane
    // (and the run id one Ctrl+C away). Each is one right-click on the header away; hidden by
    // default, the columns an operator scans fit a laptop-sized window without a scroll bar.
    // Tags too: beside the Watched panel they would squeeze the failure reason to nothing; a
    // tag filter shows them.
    for (int column : {RunListModel::StartedColumn, RunListModel::TriggerColumn,
             RunListModel::RunIdColumn, RunListModel::TagsColumn, RunListModel::TypeColumn})
        header->setSectionHidden(column, true);
    // What an operator scans first, left to right. The order is the user's to change and is
    // saved with the layout.
    const QList<int> order {RunListModel::StatusColumn, RunListModel::SourceColumn,
        RunListModel::WorkflowColumn, RunListModel::CreatedColumn, RunListModel::StartedColumn,
        RunListModel::DurationColumn, RunListModel::FailureReasonColumn,
        RunListModel::ErrorCodesColumn, RunListModel::TagsColumn, RunListModel::TypeColumn,
        RunListModel::TriggerColumn, RunListModel::RunIdColumn};
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order.at(visual)), visual);
    applyColumnResizeModes();

    auto *listArea = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listArea);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_noticeBar);
    listLayout->addWidget(m_errorLabel);
    listLayout->addWidget(m_table);
    // Below the list: appearing on the second selected row, it shifts no row under the pointer.
    listLayout->addWidget(m_bulkBar);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(listArea);
    // The selected run: the overview, what it did step by step, its screenshots and its
    // recording (the last three built when first shown, and asked for when shown).
    m_timelinePage = lazyTab(m_timeline);
    // The timeline follows the recording: opened after watching, it shows the step reached.
    // It is made for that if it is not yet; hidden, it fetches nothing and keeps the step.
    m_recordingPage = lazyTab(m_recording, [this] {
        connect(m_recording, &RecordingPlayer::playheadAtAction, this,
            [this](const QString &runId, const QString &actionId) {
                m_timelinePage->content();
                m_timeline->followAction(runId, actionId);
            });
    });
    m_filmstripPage = lazyTab(m_filmstrip);
    m_detailTabs->setObjectName(QStringLiteral("detailTabWidget"));
    m_detailTabs->setAccessibleName(tr("Selected run"));
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->addTab(m_detail, tr("&Overview"));
    m_detailTabs->addTab(m_timelinePage, tr("&Timeline"));
    m_detailTabs->addTab(m_filmstripPage, tr("&Screenshots"));
    m_detailTabs->addTab(m_recordingPage, tr("&Recording"));
    connect(m_detailTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_changingTabs)
            return;
        m_chosenTab = m_detailTabs->currentWidget();
        // The keys go with the recording the user turned to: Space plays it at once.
        if (m_chosenTab == m_recordingPage)
            m_recordingPage->content()->setFocus(Qt::TabFocusReason);
    });
    m_splitter->addWidget(m_detailTabs);
    // A width of its own, not the largest its tabs ask for: a tab filled for the first time
    // (a timeline's columns, a recording's steps) would otherwise push the split aside. The
    // Overview's own (no frame in document mode): any less and the split squeezes the pane
    // under it, cutting off its right edge.
    m_detailTabs->setMinimumWidth(m_detail->minimumWidth());
    // Dragged to an end, the split stops at the minimum: a folded-away pane or list is easy
    // to make by accident and hard to find again (a handle at the window's edge).
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({960, 480});

    m_runsPage = new QWidget(this);
    auto *layout = new QVBoxLayout(m_runsPage);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_splitter, 1);
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("mainPages"));
    m_pages->addWidget(m_runsPage); // History joins when first shown
    setCentralWidget(m_pages);

    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setTextFormat(Qt::PlainText); // names the connection, which the user typed
    statusBar()->addWidget(m_statusLabel, 1);

    connect(m_filterBar, &RunFilterBar::filterChanged, this, &MainWindow::applyFilter);
    // The user's own filter takes over from a slice of History.
    connect(m_filterBar, &RunFilterBar::filterChanged, this, &MainWindow::clearHistorySlice);
    connect(m_filterBar, &RunFilterBar::scopeChanged, this, &MainWindow::clearHistorySlice);
    connect(m_model, &RunListModel::runsReceived, m_history, &RunHistory::record);
    connect(m_prefetcher, &ErrorCodePrefetcher::codesFetched, this,
        [this](const QString &runId, const QStringList &codes) {
            if (const WorkflowRun *run = m_model->runAt(m_model->rowOfRun(runId)))
                m_history->recordErrorCodes(*run, codes);
        });
    connect(m_filterBar, &RunFilterBar::scopeChanged, this, [this](const QString &scope) {
        m_model->setScope(scope);
        emit viewChanged();
    });
    connect(m_detail, &RunDetailPane::errorCodesSeen, this,
        [this](const QString &runId, const QStringList &codes) {
            m_filterBar->addKnownErrorCodes(codes);
            m_model->setErrorCodes(runId, codes);
            if (const WorkflowRun *run = m_model->runAt(m_model->rowOfRun(runId)))
                m_history->recordErrorCodes(*run, codes);
        });
    connect(m_detail, &RunDetailPane::runCanceled, m_model, &RunListModel::refresh);
    connect(m_detail, &RunDetailPane::retryRequested, this, &MainWindow::confirmRetry);
    connect(m_detail, &RunDetailPane::copied, this, &MainWindow::sayCopied);
    connect(m_detail, &RunDetailPane::editTagsRequested, this,
        [this](const WorkflowRun &run) { editTags({run}); });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            if (topLeft.column() > RunListModel::TagsColumn
                || bottomRight.column() < RunListModel::TagsColumn)
                return;
            const int row = m_model->rowOfRun(m_detail->runId());
            if (row >= topLeft.row() && row <= bottomRight.row())
                showDetailTags();
        });
    connect(m_detail, &RunDetailPane::editAndRetryRequested, this,
        [this](const RunDetail &run) { openLaunchDialog(&run); });

    connect(m_model, &RunListModel::pageLoaded, this, [this] {
        if (!m_openWhenLoaded.isEmpty())
            openRun(std::exchange(m_openWhenLoaded, {}));
        m_sorter->setLocalFilter({});
        showPartialErrors();
        showAnswerNotes();
        updateStatus();
        schedulePoll();
        if (!m_pendingSelection.isEmpty())
            selectRun(m_pendingSelection);
        dropSelectionIfGone();
    });
    connect(m_model, &RunListModel::modelAboutToBeReset, this, [this] {
        if (m_pendingSelection.isEmpty())
            m_pendingSelection = m_detail->runId();
    });
    connect(m_model, &RunListModel::refreshed, this, [this] {
        showPartialErrors();
        showAnswerNotes();
        updateStatus();
        schedulePoll();
        if (!m_pendingSelection.isEmpty())
            selectRun(m_pendingSelection);
        dropSelectionIfGone();
    });
    connect(m_model, &RunListModel::runChanged, this, [this](const QString &runId) {
        if (runId != m_detail->runId())
            return;
        const int row = m_model->rowOfRun(runId);
        if (const WorkflowRun *run = m_model->runAt(row))
            showRunDetail(*run);
    });
    connect(m_model, &RunListModel::loadingChanged, this, &MainWindow::updateStatus);
    connect(m_model, &RunListModel::requestFailed, this, [this](const ApiError &error) {
        m_sorter->setLocalFilter({}); // the rows shown are the last good ones, as they were
        showError(error);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &MainWindow::onSelectionChanged);
    connect(m_table, &RunTableView::rowMenuRequested, this, &MainWindow::showRunMenu);
    connect(m_table, &RunTableView::copied, this, &MainWindow::sayCopied);
    connect(
        m_table, &RunTableView::visibleRowsChanged, this, &MainWindow::prefetchVisibleErrorCodes);
    connect(m_prefetcher, &ErrorCodePrefetcher::codesFetched, this,
        [this](
            const QString &, const QStringList &codes) { m_filterBar->addKnownErrorCodes(codes); });

    setUpBulkActions();
    setUpFailureGroups();

    m_pollTimer->setObjectName(QStringLiteral("pollTimer"));
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, m_model, &RunListModel::refresh);
    m_durationTimer->setInterval(1000);
    connect(m_durationTimer, &QTimer::timeout, m_model, &RunListModel::tickActiveDurations);
    connect(m_durationTimer, &QTimer::timeout, m_detail, &RunDetailPane::tickDurations);
    updateStatus();
    // The list has the keys first, not the first widget in the chain (the workflow picker,
    // whose arrow keys would change the list).
    m_table->setFocus(Qt::OtherFocusReason);
    m_table->viewport()->installEventFilter(this); // for its first paint with rows
}

MainWindow::~MainWindow()
{
    // Panels hide as the window's widgets go; nothing of this half-destroyed window may hear it.
    for (QDockWidget *dock : findChildren<QDockWidget *>()) {
        dock->disconnect(this);
        dock->removeEventFilter(this);
    }
    // The recording pauses as the widgets hide and says where it stopped: not to this window.
    if (m_recording)
        m_recording->disconnect(this);
    m_table->viewport()->removeEventFilter(this); // if the list never painted rows
}

void MainWindow::setSource(RunSource *source, const QString &name)
{
    // A switch that hides the widget with focus (a tab or filter the new connection has not)
    // leaves focus in the run list, not on whatever Qt found next in the chain.
    const QPointer<QWidget> focused = focusWidget();
    m_source = source;
    m_openWhenLoaded.clear();
    m_sourceName = source ? source->displayName() : QString();
    if (source && !name.isEmpty() && name != m_sourceName)
        m_sourceName = tr("%1 (%2)").arg(name, m_sourceName);
    setWindowTitle(m_sourceName.isEmpty() ? tr("Runwatch") : tr("Runwatch — %1").arg(m_sourceName));
    const SourceFeatures features = source ? source->features() : SourceFeatures();
    applyFeatures(features);
    m_reloadAction->setEnabled(source != nullptr);
    m_exportAction->setEnabled(source != nullptr);
    m_historyAction->setEnabled(source != nullptr);
    // Older runs read from the last source would be counted as this one's.
    if (m_backfill)
        m_backfill->cancel();
    clearHistorySlice();
    if (m_historyView) {
        m_historyView->setConnectionName(m_sourceName);
        m_historyView->setErrorCodesFilterable(features.errorCode);
    }
    // What a source cannot do is hidden, not greyed; greyed means "not yet" (still connecting).
    m_launchAction->setVisible(source == nullptr || features.launch);
    m_launchAction->setEnabled(source != nullptr && features.launch);
    m_detail->setSource(source);
    m_detail->clear();
    // What was said about the last connection (a launch, a retry, a server note) is not about
    // this one.
    showNotice({});
    m_lastAnswerNotes.clear();
    forBuiltTabs([source](auto *tab) { tab->setSource(source); });
    disconnect(m_retryConnection);
    if (source) {
        m_retryConnection = connect(
            source, &RunSource::retrying, this, [this](const ApiError &error, int delayMs) {
                // Said at once, so a slow list is never a silent one.
                const int seconds = (delayMs + 999) / 1000;
                m_errorLabel->setText(seconds > 0
                        ? tr("%1 Retrying in %n s.", nullptr, seconds).arg(error.message)
                        : tr("%1 Retrying.").arg(error.message));
                m_errorLabel->show();
            });
    }
    m_prefetcher->setSource(source);
    m_tagPrefetcher->setSource(source);
    m_model->setSource(source);
    loadWorkflows();
    m_filterBar->setTagSuggestions({});
    m_model->setTagColors({});
    loadTagColors();
    if (source && features.tagFilter) {
        source->getTagSuggestions(this, [this, source](const ApiResult<QStringList> &result) {
            if (result.ok() && m_source == source)
                m_filterBar->setTagSuggestions(result.value);
        });
    }
    updateStatus();
    if (focused && !focused->isVisible())
        m_table->setFocus(Qt::OtherFocusReason);
}

void MainWindow::setConnections(const QList<ConnectionChoice> &choices, const QString &currentId)
{
    m_connectionCombo->clear();
    for (int i = 0; i < choices.size(); ++i) {
        const QString label = i < 9 ? tr("%1  (%2)")
                                          .arg(choices.at(i).name,
                                              QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i))
                                                  .toString(QKeySequence::NativeText))
                                    : choices.at(i).name;
        m_connectionCombo->addItem(label, choices.at(i).id);
    }
    m_connectionCombo->setCurrentIndex(qMax(0, m_connectionCombo->findData(currentId)));
    m_connectionCombo->setVisible(choices.size() > 1);
}

void MainWindow::setTheme(Theme theme)
{
    for (QAction *action : m_themeGroup->actions())
        action->setChecked(action->objectName() == u"theme_"_s + themeToName(theme));
}

void MainWindow::showNotice(const QString &message)
{
    m_noticeLabel->setText(message);
    m_noticeBar->setVisible(!message.isEmpty());
}

void MainWindow::sayCopied(const QString &message)
{
    // In the status bar for a few seconds: confirmation, not news.
    statusBar()->showMessage(message, 5000);
}

void MainWindow::showView(const QString &scope, const RunFilter &filter)
{
    m_filterBar->setScope(scope);
    m_filterBar->setFilter(filter);
    m_model->setScope(scope);
    applyFilter(filter);
}

void MainWindow::applyFilter(const RunFilter &filter)
{
    // Narrow what is loaded at once; the server's answer (which also searches parameters)
    // then replaces it.
    m_sorter->setLocalFilter(filter);
    m_model->setFilter(filter);
    // Runs of several types: say which is which (the user can hide the column again).
    if (!filter.runTypes.isEmpty() && filter.runTypes != QStringList {u"workflow_run"_s})
        m_table->horizontalHeader()->setSectionHidden(RunListModel::TypeColumn, false);
    // Filtered by tags: the chips say which of the terms each run matched.
    if (!filter.tags.isEmpty() && m_source && m_source->features().tags)
        m_table->horizontalHeader()->setSectionHidden(RunListModel::TagsColumn, false);
    emit viewChanged();
}

void MainWindow::showRunMenu(const QModelIndex &row, const QPoint &globalPos)
{
    const WorkflowRun *run = m_model->runAt(m_sorter->mapToSource(row).row());
    if (!run || !m_source)
        return;
    // In a merged list, what the run's own connection can do with it.
    const SourceFeatures features = m_source->featuresOf(run->workflowRunId);
    // The pane may have the run's detail already; the menu looks it up otherwise.
    const RunDetail known
        = m_detail->runId() == run->workflowRunId ? m_detail->detail() : RunDetail();
    // Narrowing to the workflow is offered where the list can be, and is not already.
    const bool canScope
        = !m_source->features().runSource && m_filterBar->scope() != run->workflowPermanentId;
    auto *menu = new RunRowMenu(
        *run, known, m_model->errorCodes(run->workflowRunId), m_source, features, canScope, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    connect(menu, &RunRowMenu::cancelRequested, this, &MainWindow::confirmCancel);
    connect(menu, &RunRowMenu::retryRequested, this, &MainWindow::confirmRetry);
    connect(menu, &RunRowMenu::editAndRetryRequested, this,
        [this](const RunDetail &run) { openLaunchDialog(&run); });
    connect(menu, &RunRowMenu::problem, this, &MainWindow::showNotice);
    connect(menu, &RunRowMenu::copied, this, &MainWindow::sayCopied);
    if (m_runLinkMaker)
        menu->addRunwatchLink(m_runLinkMaker(*run));
    if (m_isWatched && (isActiveStatus(run->status) || m_isWatched(*run)))
        menu->addWatch(m_isWatched(*run));
    connect(menu, &RunRowMenu::watchRequested, this, &MainWindow::watchRequested);
    connect(menu, &RunRowMenu::playRecordingRequested, this, [this](const WorkflowRun &run) {
        selectRun(run.workflowRunId);
        m_detailTabs->setCurrentWidget(m_recordingPage);
        static_cast<RecordingPlayer *>(m_recordingPage->content())->playWhenReady();
    });
    if (canTag(*run)) {
        // With several rows selected (a right-click keeps them), the tags of all of them.
        const QList<WorkflowRun> selected = selectedRuns();
        const bool many = selected.size() > 1;
        QAction *tags
            = menu->addAction(many ? tr("Ta&g %n selected run(s)…", nullptr, int(selected.size()))
                                   : tr("Edit ta&gs…"));
        tags->setObjectName(QStringLiteral("editTagsAction"));
        const WorkflowRun clicked = *run;
        connect(tags, &QAction::triggered, this,
            [this, many, selected, clicked] { editTags(many ? selected : QList {clicked}); });
    }
    QAction *evidence = menu->addAction(tr("Save e&vidence bundle…"));
    evidence->setObjectName(QStringLiteral("saveEvidenceAction"));
    evidence->setToolTip(tr("A zip of the run, its request (secrets replaced), timeline, "
                            "screenshots, recording and files, to attach to a report"));
    connect(evidence, &QAction::triggered, this,
        [this, clicked = *run] { chooseEvidencePath(clicked); });
    // The run looked at before this one, side by side with it.
    if (!m_previousRun.workflowRunId.isEmpty() && m_previousRun.workflowRunId != run->workflowRunId
        && m_model->rowOfRun(m_previousRun.workflowRunId) >= 0) {
        menu->addSeparator();
        // Named by what the user saw of it: its workflow, status and time; the id as a tip.
        const auto withTitle = [this](WorkflowRun run) {
            run.workflowTitle
                = m_model->index(m_model->rowOfRun(run.workflowRunId), RunListModel::WorkflowColumn)
                      .data()
                      .toString();
            return run;
        };
        const WorkflowRun before
            = withTitle(*m_model->runAt(m_model->rowOfRun(m_previousRun.workflowRunId)));
        const WorkflowRun now = withTitle(*run);
        const QDateTime when = before.createdAt.isValid() ? before.createdAt : before.startedAt;
        QAction *compare = menu->addAction(
            tr("Co&mpare with the run looked at before (%1, %2, %3)")
                .arg(before.workflowTitle, RunFormat::statusText(before.status, before.statusText),
                    RunFormat::localTime(when.toLocalTime(), QDateTime::currentDateTime())));
        compare->setObjectName(QStringLiteral("compareAction"));
        compare->setToolTip(before.workflowRunId);
        menu->setToolTipsVisible(true);
        connect(compare, &QAction::triggered, this, [this, before, now] {
            if (m_source)
                (new CompareWindow(m_source, m_artifacts, before, now, this))->show();
        });
    }
    connect(menu, &RunRowMenu::filterByWorkflowRequested, this, [this](const QString &workflow) {
        m_filterBar->setScope(workflow);
        m_model->setScope(workflow);
        emit viewChanged();
    });
    connect(menu, &RunRowMenu::filterByErrorCodeRequested, this, [this](const QString &code) {
        RunFilter filter = m_filterBar->filter();
        filter.errorCode = code;
        m_filterBar->setFilter(filter);
        applyFilter(filter);
    });
    menu->popup(globalPos);
}

void MainWindow::confirmCancel(const WorkflowRun &run)
{
    if (!m_source)
        return;
    const QString workflow
        = m_model->index(m_model->rowOfRun(run.workflowRunId), RunListModel::WorkflowColumn)
              .data()
              .toString();
    auto *question = new QMessageBox(QMessageBox::Question, tr("Cancel run"),
        tr("Cancel run %1 of “%2”? The browser stops where it is.")
            .arg(run.workflowRunId, workflow),
        QMessageBox::NoButton, this);
    question->setObjectName(QStringLiteral("cancelRunQuestion"));
    question->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *cancel = question->addButton(tr("Cancel run"), QMessageBox::DestructiveRole);
    cancel->setObjectName(QStringLiteral("confirmCancelButton"));
    QPushButton *keep = question->addButton(tr("Keep running"), QMessageBox::RejectRole);
    question->setDefaultButton(keep);
    const QString runId = run.workflowRunId;
    connect(cancel, &QPushButton::clicked, this, [this, runId] {
        if (!m_source)
            return;
        m_source->cancelRun(runId, this, [this, runId](const ApiResult<bool> &result) {
            if (!result.ok())
                showNotice(tr("Could not cancel %1. %2").arg(runId, result.error.message));
            m_model->refresh();
        });
    });
    question->open();
}

bool MainWindow::followNewRun(const RunDetail &run, const QString &workflowPermanentId)
{
    // Shown at once; the list picks it up on the refresh below and selects it.
    WorkflowRun summary;
    summary.workflowRunId = run.runId;
    summary.workflowPermanentId = workflowPermanentId.isEmpty()
        ? run.runRequest.value(QLatin1String("workflow_id")).toString()
        : workflowPermanentId;
    summary.status = run.status;
    summary.statusText = run.statusText;
    summary.createdAt = run.createdAt;
    summary.modifiedAt = run.modifiedAt;
    summary.triggerType = TriggerType::Api;
    // A new run the filters would hide could not be followed: they make way for it.
    const RunFilter filter = m_filterBar->filter();
    const QString scope = m_filterBar->scope();
    const bool hidden = (!scope.isEmpty() && scope != summary.workflowPermanentId)
        || !filter.matchesLocally(summary) || !filter.errorCode.isEmpty() || !filter.tags.isEmpty()
        || !m_sliceText.isEmpty();
    if (hidden) {
        clearHistorySlice();
        RunFilter cleared;
        cleared.sources = filter.sources; // the connections shown are the user's choice
        showView({}, cleared);
    }
    showRunDetail(summary);
    m_pendingSelection = run.runId;
    m_model->refresh();
    emit runStarted(summary);
    return hidden;
}

void MainWindow::confirmRetry(const WorkflowRun &run)
{
    if (!m_source)
        return;
    const QString workflow
        = m_model->index(m_model->rowOfRun(run.workflowRunId), RunListModel::WorkflowColumn)
              .data()
              .toString();
    // What will be sent again, when the pane has the run's request.
    QString parameters = tr("It starts a new run with the parameters this one was given.");
    if (m_detail->runId() == run.workflowRunId && !m_detail->detail().runRequest.isEmpty()) {
        const auto given = m_detail->detail().requestParameters();
        QStringList lines;
        for (qsizetype i = 0; i < given.size() && i < 8; ++i)
            lines.append(
                u"  "_s + given.at(i).first.left(60) + u" = "_s + given.at(i).second.left(80));
        if (given.size() > 8)
            lines.append(tr("  and %n more", nullptr, int(given.size() - 8)));
        parameters = lines.isEmpty()
            ? tr("It starts a new run; this one was given no parameters.")
            : tr("It starts a new run with the same parameters:\n%1").arg(lines.join(u'\n'));
    }
    auto *question = new QMessageBox(QMessageBox::Question, tr("Retry run"),
        tr("Retry run %1 of “%2”?").arg(run.workflowRunId, workflow), QMessageBox::NoButton, this);
    question->setObjectName(QStringLiteral("retryRunQuestion"));
    question->setTextFormat(Qt::PlainText); // names the server's workflow and values
    question->setInformativeText(parameters);
    question->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *retry = question->addButton(tr("Retry"), QMessageBox::AcceptRole);
    retry->setObjectName(QStringLiteral("confirmRetryButton"));
    question->addButton(QMessageBox::Cancel);
    question->setDefaultButton(retry);
    const QString runId = run.workflowRunId;
    const QString workflowId = run.workflowPermanentId;
    connect(retry, &QPushButton::clicked, this, [this, runId, workflowId] {
        if (!m_source)
            return;
        m_source->retryRun(
            runId, this, [this, runId, workflowId](const ApiResult<RunDetail> &result) {
                if (!result.ok()) {
                    showNotice(tr("Could not retry %1. %2").arg(runId, result.error.message));
                    return;
                }
                const bool cleared = followNewRun(result.value, workflowId);
                showNotice(
                    (cleared ? tr("Retried run %1 as %2. The filters would hide it, so they were "
                                  "cleared; it is selected in the list and updates live.")
                             : tr("Retried run %1 as %2. It is selected in the list and updates "
                                  "live."))
                        .arg(runId, result.value.runId));
            });
    });
    question->open();
}

void MainWindow::prefetchVisibleErrorCodes()
{
    QList<int> rows;
    const QModelIndexList visible = m_table->visibleRows();
    for (const QModelIndex &index : visible)
        rows.append(m_sorter->mapToSource(index).row());
    m_tagPrefetcher->setVisibleRows(rows);
    // Failure groups sort runs by error code, which only a run's detail tells: with the panel
    // open, the loaded failures are looked up too (after the rows on screen, a bounded number).
    if (m_failurePanel && m_failurePanel->isVisible()) {
        const QSet<int> onScreen(rows.constBegin(), rows.constEnd());
        int added = 0;
        for (int row = 0; row < m_model->rowCount() && added < kGroupCodeLookups; ++row) {
            if (isFailedStatus(m_model->runAt(row)->status) && !onScreen.contains(row)
                && !m_model->hasErrorCodes(m_model->runAt(row)->workflowRunId)) {
                rows.append(row);
                ++added;
            }
        }
    }
    m_prefetcher->setVisibleRows(rows);
}

void MainWindow::applyFeatures(const SourceFeatures &features)
{
    m_filterBar->setFeatures(features);
    // Keep only what this source can apply, and a workflow where it lists one at a time.
    const RunFilter filter = features.restrict(m_filterBar->filter());
    QString scope = features.runSource ? QString() : m_filterBar->scope();
    if (!features.allWorkflowsScope && scope.isEmpty())
        scope = features.defaultScope;
    m_filterBar->setFilter(filter);
    m_filterBar->setScope(scope);
    m_model->setScope(scope);
    m_model->setFilter(filter);

    // Columns the runs do not fill are hidden; put back the ones hidden for the last source.
    QHeaderView *header = m_table->horizontalHeader();
    for (int column : std::as_const(m_columnsHiddenForSource))
        header->setSectionHidden(column, false);
    for (int column : std::as_const(m_columnsShownForSource))
        header->setSectionHidden(column, true);
    m_columnsHiddenForSource.clear();
    m_columnsShownForSource.clear();
    const auto hideFor = [&](int column, bool hide) {
        if (hide && !header->isSectionHidden(column)) {
            header->setSectionHidden(column, true);
            m_columnsHiddenForSource.append(column);
        }
    };
    hideFor(RunListModel::CreatedColumn, !features.createdAt);
    hideFor(RunListModel::FailureReasonColumn, !features.failureReason);
    hideFor(RunListModel::ErrorCodesColumn, !features.errorCode);
    hideFor(RunListModel::SourceColumn, !features.runSource);
    hideFor(RunListModel::TagsColumn, !features.tags);
    // Runs without a created time (or a mix of both kinds) are told apart by when they started.
    if ((!features.createdAt || features.runSource)
        && header->isSectionHidden(RunListModel::StartedColumn)) {
        header->setSectionHidden(RunListModel::StartedColumn, false); // the time runs have
        m_columnsShownForSource.append(RunListModel::StartedColumn);
    }
    applyColumnResizeModes();
    showPaneFor(features);
}

void MainWindow::showPaneFor(const SourceFeatures &features)
{
    m_detail->setFeatures(features);
    // A source without timelines (the workflow platform) has no tab for one; recordings are
    // artifacts: no artifacts, no Screenshots or Recording tab.
    const QScopedValueRollback<bool> ours(m_changingTabs, true);
    // Only what changes: setting a tab visible again hides and shows its page, which would
    // pause a recording on every poll.
    for (const auto &[tab, shown] : {std::pair {m_timelinePage, features.timeline},
             std::pair {m_filmstripPage, features.artifacts},
             std::pair {m_recordingPage, features.artifacts}}) {
        const int index = m_detailTabs->indexOf(tab);
        if (m_detailTabs->isTabVisible(index) != shown)
            m_detailTabs->setTabVisible(index, shown);
    }
    // Back on the tab the user chose once a run has it again (merged lists mix both kinds).
    if (m_chosenTab && m_detailTabs->isTabVisible(m_detailTabs->indexOf(m_chosenTab)))
        m_detailTabs->setCurrentWidget(m_chosenTab);
}

void MainWindow::openLaunchDialog(const RunDetail *from)
{
    if (!m_source)
        return;
    // Edit and retry in a merged list launches on the run's own connection.
    auto *dialog = new LaunchRunDialog(from ? m_source->sourceOf(from->runId) : m_source, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInitialWorkflow(m_filterBar->scope());
    if (from) {
        // Edit and retry: the form as this run was started, to change and send as a new run.
        QJsonObject values;
        const LaunchRequest request = LaunchRequest::fromRunRequest(from->runRequest, &values);
        dialog->prefill(request, values);
        dialog->setWindowTitle(tr("Edit and retry %1").arg(from->runId));
    }
    connect(dialog, &LaunchRunDialog::runLaunched, this,
        [this](const RunDetail &run, const QString &note) {
            const bool cleared = followNewRun(run, {});
            QString text = cleared
                ? tr("Launched run %1. The filters would hide it, so they were cleared; it is "
                     "selected in the list and updates live.")
                      .arg(run.runId)
                : tr("Launched run %1. It is selected in the list and updates live.")
                      .arg(run.runId);
            showNotice(note.isEmpty() ? text : tr("Launched run %1. %2").arg(run.runId, note));
        });
    dialog->open();
}

void MainWindow::loadWorkflows()
{
    if (!m_source)
        return;
    m_source->listWorkflows(this, [this](const ApiResult<QList<Workflow>> &result) {
        if (!result.ok())
            return;
        m_filterBar->setWorkflows(result.value);
        m_workflows = result.value;
        QHash<QString, QString> titles;
        for (const Workflow &workflow : result.value) {
            if (!workflow.title.isEmpty())
                titles.insert(workflow.workflowPermanentId, workflow.title);
        }
        m_model->setWorkflowTitles(titles);
    });
}

void MainWindow::setView(const QString &scope, const RunFilter &filter)
{
    m_filterBar->setScope(scope);
    m_filterBar->setFilter(filter);
    m_model->setScope(scope);
    m_model->setFilter(filter);
}

QString MainWindow::scope() const
{
    return m_filterBar->scope();
}

RunFilter MainWindow::filter() const
{
    return m_filterBar->filter();
}

namespace {
constexpr quint32 kLayoutVersion = 1;
}

QByteArray MainWindow::saveLayout() const
{
    // The columns as the user chose them, not as the connection shown now hides or adds them:
    // the next start may open another connection.
    QHeaderView *header = m_table->horizontalHeader();
    const auto setForSource = [&](bool applied) {
        for (int column : std::as_const(m_columnsHiddenForSource))
            header->setSectionHidden(column, applied);
        for (int column : std::as_const(m_columnsShownForSource))
            header->setSectionHidden(column, !applied);
    };
    setForSource(false);
    const QByteArray columns = header->saveState();
    setForSource(true);
    QByteArray layout;
    QDataStream stream(&layout, QIODevice::WriteOnly);
    stream << kLayoutVersion << m_splitter->saveState() << columns;
    // Added later, at the end: a layout without them still reads.
    stream << saveState() << m_watchedPanelClosed;
    return layout;
}

void MainWindow::restoreLayout(const QByteArray &layout)
{
    QDataStream stream(layout);
    quint32 version = 0;
    QByteArray splitter;
    QByteArray header;
    stream >> version >> splitter >> header;
    if (stream.status() != QDataStream::Ok || version != kLayoutVersion)
        return; // an older or damaged layout: keep the defaults
    m_splitter->restoreState(splitter);
    m_table->horizontalHeader()->restoreState(header);
    QByteArray panels;
    bool panelClosed = false;
    stream >> panels >> panelClosed;
    if (stream.status() != QDataStream::Ok)
        return;
    m_watchedPanelClosed = panelClosed;
    m_savedPanels = panels; // restored when the panels are made
    if (!panels.isEmpty())
        restoreState(panels);
    if (m_watchedPanel && !panels.isEmpty())
        m_watchedPanel->setVisible(!m_watchedPanelClosed && m_watchedModel->rowCount() > 0);
    // Jobs are of one session: the panel comes back with the next one.
    m_jobsPanel->setVisible(m_jobs->jobCount() > 0 && m_jobsPanel->isVisible());
    // A layout saved by an older version may carry fixed widths for every column.
    applyColumnResizeModes();
}

void MainWindow::applyColumnResizeModes()
{
    // The failure reason takes whatever width the other columns leave, so the list never
    // scrolls sideways and a wide window shows more of why runs failed.
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    // Where the runs carry no failure reason, the workflow's name gets the room instead.
    const bool workflowStretches = header->isSectionHidden(RunListModel::FailureReasonColumn);
    header->setSectionResizeMode(
        workflowStretches ? RunListModel::WorkflowColumn : RunListModel::FailureReasonColumn,
        QHeaderView::Stretch);
    // Back from stretching (a platform's list, then a merged one), the workflow's name gets its
    // own width again instead of whatever the stretch left it.
    if (m_workflowStretched && !workflowStretches)
        header->resizeSection(RunListModel::WorkflowColumn, kWorkflowWidth);
    m_workflowStretched = workflowStretches;
}

void MainWindow::showStartupMessage(const QString &message)
{
    m_table->setPlaceholderText(message);
    m_statusLabel->setText(message);
}

void MainWindow::showSavedRuns(const QList<WorkflowRun> &runs, const QDateTime &savedAt)
{
    m_savedAt = savedAt;
    m_model->showSaved(runs);
    updateStatus();
}

void MainWindow::showFatalError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
    m_table->setPlaceholderText(tr("No runs to show."));
}

void MainWindow::selectRun(const QString &runId)
{
    const int row = m_model->rowOfRun(runId);
    if (row < 0) {
        m_pendingSelection = runId;
        return;
    }
    m_pendingSelection.clear();
    const QModelIndex index = m_sorter->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void MainWindow::openRun(const QString &runId)
{
    if (m_model->rowOfRun(runId) >= 0 || !m_source) {
        selectRun(runId);
        return;
    }
    // A connection just switched to is still loading its first page: look there first.
    if (m_model->isLoading() || m_model->isShowingSaved()) {
        m_openWhenLoaded = runId;
        return;
    }
    if (m_source->features().search) {
        // Only the search: a status or error code chosen before could hide the run asked for.
        RunFilter filter;
        filter.searchKey = runId;
        m_filterBar->setFilter(filter);
        applyFilter(filter);
    } else {
        showNotice(tr("Run %1 is not among the loaded runs; it is selected when it is listed.")
                       .arg(runId));
    }
    m_pendingSelection = runId;
}

void MainWindow::dropSelectionIfGone()
{
    const QString shown = m_detail->runId();
    const int row = m_model->rowOfRun(shown);
    // Listed means in the rows shown, not only loaded: a narrowing may hide it.
    const bool listed = row >= 0 && m_sorter->mapFromSource(m_model->index(row, 0)).isValid();
    if (shown.isEmpty() || listed || m_model->isShowingSaved())
        return;
    // A launched run not listed yet is waited for; anything else left with the filter.
    if (shown == m_pendingSelection && m_model->isRefreshing())
        return;
    m_pendingSelection.clear();
    m_table->selectionModel()->clear();
    m_detail->clear();
    forBuiltTabs([](auto *tab) { tab->clear(); });
    // In a merged list the tabs were the run's own connection's: back to the list's.
    if (m_source)
        showPaneFor(m_source->features());
}

void MainWindow::showRunDetail(const WorkflowRun &run)
{
    if (run.workflowRunId != m_shownRun.workflowRunId)
        m_previousRun = m_shownRun; // what "Compare with" offers next
    m_shownRun = run; // also when only its status moved: a tab built later shows it so
    // In a merged list, the tabs and actions of the run's own connection.
    if (m_source)
        showPaneFor(m_source->featuresOf(run.workflowRunId));
    m_detail->showRun(run);
    showDetailTags();
    forBuiltTabs([&run](auto *tab) { tab->showRun(run); });
}

template<class Call>
void MainWindow::forBuiltTabs(const Call &call)
{
    if (m_timeline)
        call(m_timeline);
    if (m_filmstrip)
        call(m_filmstrip);
    if (m_recording)
        call(m_recording);
}

template<class View>
LazyPage *MainWindow::lazyTab(View *&view, const std::function<void()> &made)
{
    return new LazyPage(
        [this, &view, made](QWidget *page) {
            view = new View(m_artifacts, page);
            view->setSource(m_source);
            if (!m_detail->runId().isEmpty())
                view->showRun(m_shownRun);
            if (made)
                made();
            return view;
        },
        this);
}

void MainWindow::onSelectionChanged()
{
    QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex shown = selection->currentIndex();
    const QModelIndex current = m_sorter->mapToSource(shown);
    if (const WorkflowRun *run = m_model->runAt(current.row())) {
        // The row the pane shows is the selected one, also when the view made it current on
        // its own (focus arriving with nothing current, say): no detail for an unmarked row.
        if (!selection->hasSelection())
            selection->select(
                shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        // The first frame is the list (the row already marked); the run made current with it
        // is filled in right after it is painted, not before.
        if (!m_listPainted && isVisible()) {
            m_detailAfterFirstPaint = true;
            return;
        }
        showRunDetail(*run);
    }
}

void MainWindow::showAnswerNotes()
{
    // Said once per change: a poll repeating the same note does not bring back a closed bar.
    const QString notes = m_model->notes().join(u' ');
    if (notes == m_lastAnswerNotes)
        return;
    // What the answers no longer say goes (a connection left out is back); another notice,
    // a launch's say, stays.
    if (notes.isEmpty() && m_noticeLabel->text() == m_lastAnswerNotes)
        showNotice({});
    m_lastAnswerNotes = notes;
    if (!notes.isEmpty())
        showNotice(notes);
}

void MainWindow::showPartialErrors()
{
    const QList<ApiError> errors = m_model->partialErrors();
    if (errors.isEmpty()) {
        m_errorLabel->hide();
        return;
    }
    QStringList messages;
    for (const ApiError &error : errors)
        messages.append(error.message);
    messages.removeDuplicates(); // a platform's workflows are members that fail together
    m_errorLabel->setText(tr("%1 The other connections' runs are shown.").arg(messages.join(u' ')));
    m_errorLabel->show();
}

void MainWindow::showError(const ApiError &error)
{
    QStringList sentences {error.message};
    if (m_model->rowCount() > 0)
        sentences.append(tr("Showing the runs loaded before."));
    if (error.kind == ApiError::Kind::RateLimited && error.retryAfterSeconds > 0)
        sentences.append(tr("Retrying in %n s.", nullptr, error.retryAfterSeconds));
    const QString text = sentences.join(u' ');
    m_errorLabel->setText(text);
    m_errorLabel->show();
    updateStatus();
    if (error.kind == ApiError::Kind::RateLimited && error.retryAfterSeconds > 0)
        m_pollTimer->start(error.retryAfterSeconds * 1000);
    else
        schedulePoll();
}

void MainWindow::schedulePoll()
{
    // Poll while someone can see the list, slower when nothing is moving; unseen, only for
    // notifications, at the idle rate.
    if (!m_source || !isVisible() || isMinimized()) {
        m_durationTimer->stop();
        if (m_source && m_pollWhenHidden)
            m_pollTimer->start(kIdlePollMs);
        else
            m_pollTimer->stop();
        return;
    }
    const bool active = m_model->activeRunCount() > 0;
    m_pollTimer->start(active ? kActivePollMs : kIdlePollMs);
    if (active)
        m_durationTimer->start();
    else
        m_durationTimer->stop();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_watchedPanel && event->type() == QEvent::Close)
        m_watchedPanelClosed = true; // by its own button: it stays closed until asked for
    if (watched == m_table->viewport() && event->type() == QEvent::Paint
        && m_sorter->rowCount() > 0) {
        m_listPainted = true;
        m_table->viewport()->removeEventFilter(this);
        if (std::exchange(m_detailAfterFirstPaint, false))
            QTimer::singleShot(0, this, &MainWindow::onSelectionChanged);
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QMainWindow::closeEvent(event);
    const CloseChoice choice
        = event->isAccepted() && m_closeToTray ? m_closeToTray() : CloseChoice::Quit;
    if (choice == CloseChoice::Cancel) {
        event->ignore();
        return;
    }
    // Hidden in the tray, the application keeps running; otherwise the close quits it.
    QApplication::setQuitOnLastWindowClosed(choice == CloseChoice::Quit);
}

void MainWindow::setPollWhenHidden(bool poll)
{
    m_pollWhenHidden = poll;
    schedulePoll();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_errorLabel->setStyleSheet(ThemeColors::errorBannerStyle(palette()));
    if (event->type() == QEvent::WindowStateChange) {
        if (isMinimized())
            schedulePoll();
        else
            m_model->refresh();
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    m_model->refresh();
    schedulePoll();
}

void MainWindow::hideEvent(QHideEvent *event)
{
    QMainWindow::hideEvent(event);
    m_pollTimer->stop();
    m_durationTimer->stop();
}

void MainWindow::updateStatus()
{
    const int rows = m_model->rowCount();
    m_filterBar->setStatusCounts(m_model->statusCounts());
    if (m_model->isLoading()) {
        m_table->setPlaceholderText(tr("Loading runs…"));
    } else if (m_model->lastError().isError()) {
        m_table->setPlaceholderText(
            tr("Could not load runs. %1").arg(m_model->lastError().message));
    } else if (m_model->loadedPages() > 0) {
        QString empty
            = m_model->filter().isEmpty() ? tr("No runs yet.") : tr("No runs match these filters.");
        // A workflow's name typed into the search finds nothing on the server, which searches
        // ids, parameters and headers: say where that name is found instead.
        const QString typed = m_model->filter().searchKey;
        if (!typed.isEmpty() && m_filterBar->scope().isEmpty()) {
            for (const Workflow &workflow : std::as_const(m_workflows)) {
                if (workflow.title.contains(typed, Qt::CaseInsensitive)) {
                    empty += u'\n'
                        + tr("The search looks in run ids, parameters and headers, not workflow "
                             "names: choose “%1” in the workflow box to see its runs.")
                              .arg(workflow.title);
                    break;
                }
            }
        }
        m_table->setPlaceholderText(empty);
    }
    if (m_model->isShowingSaved()) {
        const QDateTime saved = m_savedAt.toLocalTime();
        const QString when = saved.date() == QDate::currentDate()
            ? QLocale().toString(saved.time(), QLocale::ShortFormat)
            : QLocale().toString(saved, QLocale::ShortFormat);
        const QString state
            = m_model->lastError().isError() ? tr("could not update") : tr("updating…");
        m_statusLabel->setText(tr("%n run(s) as saved at %1 · %2", nullptr, rows).arg(when, state));
        return;
    }
    if (m_sourceName.isEmpty())
        return;
    // Whole phrases joined by a separator that is itself translated: each reads right in any
    // language, and plurals are the translator's (%n), not an `== 1` branch.
    QStringList parts {tr("%n run(s) loaded", nullptr, rows)};
    if (m_sorter->isNarrowedToRuns())
        parts.append(tr("%n shown of one failure group", nullptr, m_sorter->rowCount()));
    if (m_sorter->isNarrowedToRunIds())
        parts.append(tr("%n shown from History", nullptr, m_sorter->rowCount()));
    if (m_model->loadedPages() > 0)
        parts.append(tr("%n page(s)", nullptr, m_model->loadedPages()));
    if (m_model->isExhausted())
        parts.append(tr("no more runs"));
    else if (m_model->loadedPages() > 0)
        parts.append(tr("scroll for more"));
    const int active = m_model->activeRunCount();
    if (active > 0)
        parts.append(tr("%n active, updating live", nullptr, active));
    if (m_model->isLoading())
        parts.append(tr("loading…"));
    parts.append(m_sourceName);
    m_statusLabel->setText(parts.join(tr(" · ", "separator of the status bar's parts")));
}

void MainWindow::setWatchedRuns(WatchedRunModel *model)
{
    m_watchedModel = model;
    auto *view = new WatchedRunsView(model, this);
    connect(view, &WatchedRunsView::openRequested, this, &MainWindow::watchedRunChosen);
    connect(
        view, &WatchedRunsView::stopWatchingRequested, this, &MainWindow::stopWatchingRequested);
    m_watchedPanel = new QDockWidget(tr("Watched"), this);
    m_watchedPanel->setObjectName(QStringLiteral("watchedPanel"));
    m_watchedPanel->setWidget(view);
    m_watchedPanel->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_watchedPanel->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_watchedPanel);
    resizeDocks({m_watchedPanel}, {240}, Qt::Horizontal);
    QAction *toggle = m_watchedPanel->toggleViewAction();
    toggle->setObjectName(QStringLiteral("watchedPanelAction"));
    toggle->setText(tr("&Watched runs"));
    toggle->setShortcut(Qt::Key_F9);
    addAction(toggle);
    m_viewMenu->insertAction(m_viewMenu->actions().value(1), toggle);
    if (!m_savedPanels.isEmpty())
        restoreState(m_savedPanels);
    // Open when there is something to watch, unless the user closed it: then F9 brings it.
    connect(
        toggle, &QAction::triggered, this, [this](bool shown) { m_watchedPanelClosed = !shown; });
    m_watchedPanel->installEventFilter(this); // its own close button
    // Opened by itself, it goes again when the last watched run ends; opened by the user, it stays.
    connect(toggle, &QAction::triggered, this, [this] { m_watchedPanelOpenedByItself = false; });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this, model] {
        if (m_watchedPanelClosed || model->rowCount() == 0 || m_watchedPanel->isVisible())
            return;
        m_watchedPanel->show();
        m_watchedPanelOpenedByItself = true;
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this, model] {
        if (model->rowCount() == 0 && m_watchedPanelOpenedByItself)
            m_watchedPanel->hide();
    });
    m_watchedPanel->setVisible(!m_watchedPanelClosed && model->rowCount() > 0);
    m_watchedPanelOpenedByItself = m_watchedPanel->isVisibleTo(this);
}

void MainWindow::setUpBulkActions()
{
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::updateBulkBar);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (m_bulkBar->isVisible())
            updateBulkBar(); // a selected run ended: what can be done to it changed
    });
    connect(m_bulkBar, &BulkBar::cancelRequested, this, &MainWindow::confirmBulkCancel);
    connect(m_bulkBar, &BulkBar::retryRequested, this, &MainWindow::confirmBulkRetry);
    connect(m_bulkBar, &BulkBar::tagRequested, this, [this] { editTags(selectedRuns()); });
    connect(m_bulkBar, &BulkBar::clearRequested, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        m_table->selectionModel()->select(
            current, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->setFocus(Qt::OtherFocusReason);
    });
    connect(m_bulkBar, &BulkBar::copyIdsRequested, this, [this] {
        QStringList ids;
        for (const WorkflowRun &run : selectedRuns())
            ids.append(run.workflowRunId);
        QApplication::clipboard()->setText(ids.join(u'\n'));
        sayCopied(tr("Copied %n run id(s).", nullptr, int(ids.size())));
    });
    connect(m_bulkBar, &BulkBar::compareRequested, this, [this] {
        const QList<WorkflowRun> runs = selectedRuns();
        if (runs.size() == 2 && m_source)
            (new CompareWindow(m_source, m_artifacts, runs.at(1), runs.at(0), this))->show();
    });

    auto *panel = new JobsPanel(m_jobs, this);
    connect(panel, &JobsPanel::copied, this, &MainWindow::sayCopied);
    connect(panel, &JobsPanel::runChosen, this, &MainWindow::openRun);
    m_jobsPanel = new QDockWidget(tr("Jobs"), this);
    m_jobsPanel->setObjectName(QStringLiteral("jobsPanel"));
    m_jobsPanel->setWidget(panel);
    m_jobsPanel->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_jobsPanel->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsPanel);
    m_jobsPanel->hide();
    QAction *toggle = m_jobsPanel->toggleViewAction();
    toggle->setObjectName(QStringLiteral("jobsPanelAction"));
    toggle->setText(tr("&Jobs"));
    toggle->setShortcut(Qt::CTRL | Qt::Key_J);
    addAction(toggle);
    m_viewMenu->insertAction(m_viewMenu->actions().value(1), toggle);
    connect(m_jobs, &BulkJobModel::jobFinished, this, [this](BulkJob *job) {
        if (job->kind() == BulkJob::Kind::Retry) {
            for (const BulkJob::Item &item : job->items()) {
                if (!item.newRunId.isEmpty())
                    m_retriedHere.insert(item.runId, item.newRunId);
            }
        }
        if (job->kind() == BulkJob::Kind::Tag) {
            loadTagColors(); // a new label has a colour now
            if (job->items().size() == 1) { // edited from the detail pane: said in one line
                const BulkJob::Item &item = job->items().constFirst();
                if (item.state == BulkJob::State::Failed)
                    showNotice(item.result);
                else
                    statusBar()->showMessage(
                        tr("Tags of %1: %2").arg(item.runId, item.result), 8000);
                return;
            }
        }
        statusBar()->showMessage(tr("%1: %2").arg(job->title(), job->summary()), 8000);
        if (job->kind() != BulkJob::Kind::Tag) // the tags came back with the answers
            m_model->refresh();
    });
}

QList<WorkflowRun> MainWindow::selectedRuns() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(m_sorter->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    QList<WorkflowRun> runs;
    for (int row : std::as_const(rows)) {
        if (const WorkflowRun *run = m_model->runAt(row)) {
            WorkflowRun listed = *run;
            listed.workflowTitle
                = m_model->index(row, RunListModel::WorkflowColumn).data().toString();
            runs.append(listed);
        }
    }
    return runs;
}

void MainWindow::updateBulkBar()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    int cancellable = 0;
    int retryable = 0;
    int taggable = 0;
    if (selected.size() > 1 && m_source) {
        for (const QModelIndex &index : selected) {
            const WorkflowRun *run = m_model->runAt(m_sorter->mapToSource(index).row());
            if (!run)
                continue;
            const SourceFeatures features = m_source->featuresOf(run->workflowRunId);
            if (isActiveStatus(run->status))
                cancellable += features.cancel ? 1 : 0;
            else
                retryable += features.retry ? 1 : 0;
            taggable += canTag(*run) ? 1 : 0;
        }
    }
    // No Tag button at all where the connection has no tags.
    const bool tags = m_source && m_source->features().tags;
    m_bulkBar->setSelection(int(selected.size()), cancellable, retryable, tags ? taggable : -1);
}

void MainWindow::confirmBulkCancel()
{
    if (!m_source)
        return;
    QList<BulkJob::Item> items;
    const QList<WorkflowRun> runs = selectedRuns();
    for (const WorkflowRun &run : runs) {
        if (isActiveStatus(run.status) && m_source->featuresOf(run.workflowRunId).cancel)
            items.append(BulkJob::itemOf(run, run.workflowTitle));
    }
    if (items.isEmpty())
        return;
    auto *question = new QMessageBox(QMessageBox::Question, tr("Cancel runs"),
        tr("Cancel %n run(s)? Their browsers stop where they are.", nullptr, int(items.size())),
        QMessageBox::NoButton, this);
    question->setObjectName(QStringLiteral("bulkCancelQuestion"));
    const int leftAlone = int(runs.size() - items.size());
    if (leftAlone > 0)
        question->setInformativeText(
            tr("Left alone: %n selected run(s) that ended already or cannot be cancelled on their "
               "connection.",
                nullptr, leftAlone));
    question->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *cancel = question->addButton(
        tr("Cancel %n run(s)", nullptr, int(items.size())), QMessageBox::DestructiveRole);
    cancel->setObjectName(QStringLiteral("confirmBulkCancelButton"));
    QPushButton *keep = question->addButton(tr("Keep running"), QMessageBox::RejectRole);
    question->setDefaultButton(keep);
    connect(cancel, &QPushButton::clicked, this, [this, items] {
        if (m_source)
            startJob(new BulkJob(BulkJob::Kind::Cancel, m_source, items));
    });
    question->open();
}

void MainWindow::confirmBulkRetry()
{
    if (!m_source)
        return;
    QList<BulkJob::Item> items;
    QStringList workflows;
    const QList<WorkflowRun> runs = selectedRuns();
    for (const WorkflowRun &run : runs) {
        if (isActiveStatus(run.status) || !m_source->featuresOf(run.workflowRunId).retry)
            continue;
        items.append(BulkJob::itemOf(run, run.workflowTitle));
        if (!workflows.contains(run.workflowTitle))
            workflows.append(run.workflowTitle);
    }
    if (items.isEmpty())
        return;
    auto *question = new QMessageBox(QMessageBox::Question, tr("Retry runs"),
        tr("Retry %n run(s)? Each starts again as a new run, with the parameters it was given.",
            nullptr, int(items.size())),
        QMessageBox::NoButton, this);
    question->setObjectName(QStringLiteral("bulkRetryQuestion"));
    question->setTextFormat(Qt::PlainText); // names the server's workflows
    QStringList details;
    workflows.sort(Qt::CaseInsensitive);
    details.append(
        tr("Workflows: %1")
            .arg(workflows.mid(0, 6).join(u", "_s)
                + (workflows.size() > 6 ? tr(" and %n more", nullptr, int(workflows.size() - 6))
                                        : QString())));
    // Retried once from here already: say so, and make going back the default.
    int again = 0;
    for (const BulkJob::Item &item : std::as_const(items))
        again += m_retriedHere.contains(item.runId) ? 1 : 0;
    if (again > 0)
        details.prepend(tr(
            "Retried from this window already, and would run again: %n run(s).", nullptr, again));
    const int leftAlone = int(runs.size() - items.size());
    if (leftAlone > 0)
        details.append(tr("Left alone: %n selected run(s) still running or not retryable on "
                          "their connection.",
            nullptr, leftAlone));
    if (items.size() > BulkJob::kMaxRetriesAtOnce)
        details.append(tr("At most %1 are sent at once; the Jobs panel shows each result.")
                           .arg(BulkJob::kMaxRetriesAtOnce));
    question->setInformativeText(details.join(u'\n'));
    question->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *retry = question->addButton(
        tr("Retry %n run(s)", nullptr, int(items.size())), QMessageBox::AcceptRole);
    retry->setObjectName(QStringLiteral("confirmBulkRetryButton"));
    QPushButton *cancel = question->addButton(QMessageBox::Cancel);
    question->setDefaultButton(again > 0 ? cancel : retry);
    connect(retry, &QPushButton::clicked, this, [this, items] {
        if (m_source)
            startJob(new BulkJob(BulkJob::Kind::Retry, m_source, items));
    });
    question->open();
}

void MainWindow::chooseEvidencePath(const WorkflowRun &run)
{
    auto *dialog = new QFileDialog(this, tr("Save the evidence of %1").arg(run.workflowRunId));
    dialog->setObjectName(QStringLiteral("evidenceFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("zip"));
    dialog->setNameFilter(tr("Zip archives (*.zip)"));
    // Where documents go, not wherever Runwatch was started from.
    dialog->setDirectory(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->selectFile(QStringLiteral("runwatch-evidence-%1.zip").arg(run.workflowRunId));
    connect(dialog, &QFileDialog::fileSelected, this,
        [this, run](const QString &path) { saveEvidence(run, path); });
    dialog->open();
}

void MainWindow::saveEvidence(const WorkflowRun &run, const QString &path)
{
    if (!m_source || path.isEmpty())
        return;
    WorkflowRun listed = run;
    const int row = m_model->rowOfRun(run.workflowRunId);
    if (row >= 0)
        listed.workflowTitle = m_model->index(row, RunListModel::WorkflowColumn).data().toString();
    auto *job = new EvidenceBundleJob(m_source, m_artifacts, listed, path, this);
    if (m_runLinkMaker)
        job->setRunLink(m_runLinkMaker(run));
    const QString runId = run.workflowRunId;
    connect(job, &EvidenceBundleJob::progress, this, [this, runId](int done, int total) {
        statusBar()->showMessage(tr("Saving the evidence of %1: %2 of %n file(s)…", nullptr, total)
                                     .arg(runId)
                                     .arg(done));
    });
    connect(
        job, &EvidenceBundleJob::finished, this, [this, job, runId, path](const QString &error) {
            job->deleteLater();
            if (!error.isEmpty()) {
                statusBar()->clearMessage();
                showNotice(tr("The evidence of %1 was not saved: %2").arg(runId, error));
                return;
            }
            statusBar()->showMessage(job->missing().isEmpty()
                    ? tr("Saved the evidence of %1 to %2.")
                          .arg(runId, QDir::toNativeSeparators(path))
                    : tr("Saved the evidence of %1 to %2; %n item(s) could not be fetched (listed "
                         "in "
                         "its README.txt).",
                        nullptr, int(job->missing().size()))
                          .arg(runId, QDir::toNativeSeparators(path)),
                10000);
            emit evidenceSaved(path);
        });
    job->start();
}

bool MainWindow::canTag(const WorkflowRun &run) const
{
    return m_source && m_source->featuresOf(run.workflowRunId).tags
        && (run.runType.isEmpty() || run.runType == "workflow_run"_L1);
}

void MainWindow::loadTagColors()
{
    if (!m_source || !m_source->features().tags)
        return;
    m_source->getTagColors(this, [this, source = m_source](const ApiResult<TagColorNames> &colors) {
        // Without colours the chips are drawn in colours of their own; nothing to say.
        if (colors.ok() && m_source == source)
            m_model->setTagColors(colors.value);
    });
}

void MainWindow::showDetailTags()
{
    const QString runId = m_detail->runId();
    const int row = m_model->rowOfRun(runId);
    const WorkflowRun *run = row >= 0 ? m_model->runAt(row) : nullptr;
    if (!run || !canTag(*run)) {
        m_detail->setTags({}, RunDetailPane::TagsState::Unavailable);
        return;
    }
    m_detail->setTags(TagChips::chipsOf(m_model->index(row, RunListModel::TagsColumn)),
        m_model->hasTags(runId) ? RunDetailPane::TagsState::Known
                                : RunDetailPane::TagsState::Loading);
}

void MainWindow::editTags(const QList<WorkflowRun> &runs)
{
    if (!m_source)
        return;
    QList<WorkflowRun> taggable;
    QList<QList<RunTag>> known;
    for (const WorkflowRun &run : runs) {
        if (!canTag(run))
            continue;
        taggable.append(run);
        if (m_model->hasTags(run.workflowRunId))
            known.append(m_model->tags(run.workflowRunId));
    }
    if (taggable.isEmpty())
        return;
    auto *dialog = new TagEditDialog(known, int(taggable.size()), m_model->tagColors(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (taggable.size() < runs.size())
        dialog->setWindowTitle(tr("Tag runs (%n other selected run(s) left alone)", nullptr,
            int(runs.size() - taggable.size())));
    m_source->getTagSuggestions(dialog, [dialog](const ApiResult<QStringList> &terms) {
        if (terms.ok())
            dialog->setSuggestions(terms.value);
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, taggable] {
        const RunTagChange change = dialog->change();
        if (!m_source || change.isEmpty())
            return;
        QList<BulkJob::Item> items;
        for (const WorkflowRun &run : taggable) {
            BulkJob::Item item = BulkJob::itemOf(run, run.workflowTitle);
            item.tagsKnown = m_model->hasTags(run.workflowRunId);
            item.tags = m_model->tags(run.workflowRunId);
            items.append(item);
        }
        auto *job = new BulkJob(BulkJob::Kind::Tag, m_source, items);
        job->setTagChange(change);
        connect(job, &BulkJob::tagsApplied, m_model,
            [model = m_model](const QString &runId, const QList<RunTag> &tags) {
                model->setTags({{runId, tags}});
            });
        startJob(job, items.size() > 1);
    });
    dialog->open();
}

void MainWindow::startJob(BulkJob *job, bool showPanel)
{
    if (showPanel && !m_jobsPanel->isVisible()) {
        m_jobsPanel->show();
        resizeDocks({m_jobsPanel}, {qMax(220, height() / 4)}, Qt::Vertical);
    }
    m_jobs->addJob(job);
}

void MainWindow::setUpFailureGroups()
{
    m_failureGroups = new FailureGroupModel(this);
    m_failureGroups->setRunList(m_model);
    m_failureView = new FailureGroupsView(m_failureGroups, this);
    connect(
        m_failureView, &FailureGroupsView::narrowRequested, this, [this](const QStringList &keys) {
            m_sorter->setOnlyRuns(QSet<QString>(keys.constBegin(), keys.constEnd()));
            dropSelectionIfGone(); // the run shown may not be among the group's
            updateStatus();
        });
    // Another list (filter, scope, connection): its groups are others, and so is the choice.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_failureView->clearChoice();
        m_sorter->setOnlyRuns({});
        // "Loaded back to …" was about the list that is gone.
        m_loadBackTo = QDateTime();
        m_failureView->setLoadProgress({}, false);
    });
    connect(m_failureView, &FailureGroupsView::loadWindowRequested, this,
        [this](int hours) { loadBackTo(QDateTime::currentDateTimeUtc().addSecs(-hours * 3600)); });
    connect(m_failureView, &FailureGroupsView::cancelLoadRequested, this,
        [this] { stopLoadingBack(tr("Stopped.")); });
    connect(m_model, &RunListModel::pageLoaded, this, &MainWindow::continueLoadingBack);
    connect(m_model, &RunListModel::pageLoaded, this, &MainWindow::updateSliceNotice);
    connect(m_model, &RunListModel::pageLoaded, this, [this] {
        if (m_failurePanel->isVisible())
            prefetchVisibleErrorCodes();
    });
    connect(m_model, &RunListModel::requestFailed, this, [this](const ApiError &error) {
        if (m_loadBackTo.isValid())
            stopLoadingBack(tr("Stopped: %1").arg(error.message));
    });

    m_failurePanel = new QDockWidget(tr("Failure groups"), this);
    m_failurePanel->setObjectName(QStringLiteral("failureGroupsPanel"));
    m_failurePanel->setWidget(m_failureView);
    m_failurePanel->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_failurePanel->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_failurePanel);
    resizeDocks({m_failurePanel}, {300}, Qt::Horizontal);
    m_failurePanel->hide();
    QAction *toggle = m_failurePanel->toggleViewAction();
    toggle->setObjectName(QStringLiteral("failureGroupsPanelAction"));
    toggle->setText(tr("&Failure groups"));
    toggle->setShortcut(Qt::Key_F8);
    addAction(toggle);
    m_viewMenu->insertAction(m_viewMenu->actions().value(1), toggle);
    // Closing the panel shows the whole list again: a narrowing nobody can see would confuse.
    connect(m_failurePanel, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            prefetchVisibleErrorCodes();
        // Told before Qt moves the focus on from a hidden panel to whatever follows it.
        if (!visible && m_failurePanel->isAncestorOf(QApplication::focusWidget()))
            m_table->setFocus(Qt::OtherFocusReason);
        if (!visible && !m_failurePanel->isVisible() && m_sorter->isNarrowedToRuns()) {
            m_failureView->clearChoice();
            m_sorter->setOnlyRuns({});
            updateStatus();
        }
    });
}

void MainWindow::loadBackTo(const QDateTime &until)
{
    m_loadBackTo = until;
    continueLoadingBack();
}

void MainWindow::continueLoadingBack()
{
    if (!m_loadBackTo.isValid())
        return;
    const int rows = m_model->rowCount();
    const WorkflowRun *oldest = rows > 0 ? m_model->runAt(rows - 1) : nullptr;
    const QDateTime reached = oldest ? oldest->orderTime() : QDateTime();
    const QString when = reached.isValid()
        ? QLocale().toString(reached.toLocalTime(), QLocale::ShortFormat)
        : QString();
    const auto done = [this](const QString &text) {
        m_loadBackTo = QDateTime();
        m_failureView->setLoadProgress(text, false);
    };
    if (m_model->isExhausted()) {
        done(tr("Every run is loaded: %n run(s).", nullptr, rows));
    } else if (reached.isValid() && reached <= m_loadBackTo) {
        done(tr("Loaded back to %1: %n run(s).", nullptr, rows).arg(when));
    } else if (m_model->loadedPages() >= kMaxPagesBack) {
        done(tr("The server gives at most %1 pages; loaded back to %2 (%n run(s)).", nullptr, rows)
                 .arg(kMaxPagesBack)
                 .arg(when));
    } else {
        m_failureView->setLoadProgress(when.isEmpty()
                ? tr("Loading older runs…")
                : tr("Loading older runs… %n so far, back to %1.", nullptr, rows).arg(when),
            true);
        if (!m_model->isLoading() && m_model->canFetchMore({}))
            m_model->fetchMore({});
    }
}

void MainWindow::stopLoadingBack(const QString &why)
{
    m_loadBackTo = QDateTime();
    m_failureView->setLoadProgress(why, false);
}

void MainWindow::openExportDialog()
{
    if (!m_source)
        return;
    if (auto *open = findChild<RunExportDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    // "As shown": the columns on screen, in the order the user dragged them to.
    const QHeaderView *header = m_table->horizontalHeader();
    QList<RunExportWriter::Column> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append({logical, m_model->headerData(logical, Qt::Horizontal).toString()});
    }
    RunQuery query;
    query.workflowPermanentId = m_model->scope();
    query.filter = m_model->filter();
    auto *dialog = new RunExportDialog(m_source, query, columns, m_model, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RunExportDialog::exported, this, [this](int runs, const QString &path) {
        statusBar()->showMessage(
            tr("Exported %Ln run(s) to %1.", nullptr, runs).arg(QDir::toNativeSeparators(path)),
            15000);
    });
    dialog->open();
}

void MainWindow::showHistory(bool shown)
{
    if (shown && !m_historyView) {
        m_historyView = new HistoryView(m_history, this);
        m_historyView->setConnectionName(m_sourceName);
        m_historyView->setErrorCodesFilterable(!m_source || m_source->features().errorCode);
        connect(m_historyView, &HistoryView::closeRequested, this,
            [this] { m_historyAction->setChecked(false); });
        connect(m_historyView, &HistoryView::sliceActivated, this, &MainWindow::showHistorySlice);
        connect(m_historyView, &HistoryView::backfillRequested, this, &MainWindow::startBackfill);
        connect(m_historyView, &HistoryView::backfillCancelRequested, this, [this] {
            if (m_backfill)
                m_backfill->cancel();
        });
        m_pages->addWidget(m_historyView);
    }
    if (shown) {
        m_pages->setCurrentWidget(m_historyView);
        m_historyView->runsChart()->setFocus(Qt::ShortcutFocusReason);
    } else {
        m_pages->setCurrentWidget(m_runsPage);
        m_table->setFocus(Qt::ShortcutFocusReason);
    }
}

void MainWindow::startBackfill(const QDateTime &since)
{
    if (!m_source || !m_historyView)
        return;
    if (m_backfill)
        m_backfill->cancel();
    auto *job = new HistoryBackfillJob(m_source, since.toUTC(), this);
    m_backfill = job;
    connect(job, &HistoryBackfillJob::pageRead, m_history, &RunHistory::record);
    job->setCodesWanted(
        [history = m_history](const WorkflowRun &run) { return !history->hasErrorCodes(run); });
    connect(job, &HistoryBackfillJob::codesRead, this,
        [this](const WorkflowRun &run, const QStringList &codes) {
            m_history->recordErrorCodes(run, codes);
            if (m_model->rowOfRun(run.workflowRunId) >= 0)
                m_model->setErrorCodes(run.workflowRunId, codes); // the list shows them too
        });
    connect(
        job, &HistoryBackfillJob::codesProgressed, m_historyView, &HistoryView::showBackfillCodes);
    connect(
        job, &HistoryBackfillJob::progressed, m_historyView, &HistoryView::showBackfillProgress);
    connect(job, &HistoryBackfillJob::waiting, this,
        [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    const auto end = [this, job](const QString &message) {
        if (m_backfill == job)
            m_backfill = nullptr;
        job->deleteLater();
        if (m_historyView)
            m_historyView->showBackfillEnded(message, job->reachedEnd() && !job->isRunning());
    };
    connect(
        job, &HistoryBackfillJob::finished, this, [end, job](int runs, const QDateTime &reached) {
            end(job->reachedEnd() && reached.isValid()
                    ? tr("Read %n run(s) from the server, which has none older than %1.", nullptr,
                        runs)
                          .arg(QLocale().toString(reached.toLocalTime(), QLocale::ShortFormat))
                    : tr("Read %n run(s) from the server.", nullptr, runs));
        });
    connect(job, &HistoryBackfillJob::failed, this, end);
    connect(job, &HistoryBackfillJob::canceled, this, [end, job] {
        end(tr("Stopped after %n run(s); they are kept.", nullptr, job->runsRead()));
    });
    m_historyView->showBackfillStarted(since);
    job->start();
}

void MainWindow::showHistorySlice(const HistorySlice &slice)
{
    if (!m_source)
        return;
    const SourceFeatures features = m_source->features();
    RunFilter filter;
    // A server that lists one workflow at a time keeps the workflow shown (the slice's own,
    // when it has one); the others show every workflow.
    QString scope = features.allWorkflowsScope ? QString() : m_filterBar->scope();
    if (!slice.workflowId.isEmpty() && !features.runSource)
        scope = slice.workflowId;
    QSet<QString> ids;
    QString title;
    if (!slice.errorCode.isEmpty()) {
        // The server filters by code, and knows codes History never learned.
        filter.errorCode = slice.errorCode;
    } else {
        if (slice.status != RunStatus::Unknown)
            filter.statuses = {slice.status};
        const qint64 toMs = slice.to.isValid() ? slice.to.toMSecsSinceEpoch()
                                               : std::numeric_limits<qint64>::max();
        const QList<HistoryRun> runs
            = m_history->runs(slice.from.isValid() ? slice.from.toMSecsSinceEpoch() : 0);
        for (const HistoryRun &run : runs) {
            if (run.createdMs >= toMs
                || (slice.status != RunStatus::Unknown && run.status != slice.status)
                || (!slice.workflowId.isEmpty() && run.workflowId != slice.workflowId)
                || (!scope.isEmpty() && run.workflowId != scope))
                continue;
            ids.insert(run.runId);
            if (title.isEmpty())
                title = run.workflowTitle;
        }
        // One workflow's runs the server lists by itself, back to the range's start where it
        // can; a merged list cannot, and narrows by id.
        if (!slice.workflowId.isEmpty() && !features.runSource) {
            ids.clear();
            if (features.createdRange && slice.from.isValid())
                filter.createdAfter = slice.from.toUTC();
        }
    }
    // Closing the notice goes back to what the list showed before.
    if (m_sliceText.isEmpty()) {
        m_scopeBeforeSlice = m_filterBar->scope();
        m_filterBeforeSlice = m_filterBar->filter();
    }
    QString when;
    if (slice.from.isValid() && slice.to.isValid()) {
        when = HistoryChart::spanLabel(slice.from, slice.to,
            slice.from.secsTo(slice.to) <= 3600 ? HistoryBucketSize::Hour : HistoryBucketSize::Day,
            true);
    }
    if (!slice.errorCode.isEmpty())
        m_sliceText = tr("the runs with error code %1").arg(slice.errorCode);
    else if (!slice.workflowId.isEmpty())
        m_sliceText = scope.isEmpty()
            ? tr("the %n run(s) of %1 since %2", nullptr, int(ids.size()))
                  .arg(title.isEmpty() ? slice.workflowId : title,
                      HistoryChart::spanLabel(slice.from, slice.to, HistoryBucketSize::Day, false))
            : tr("the runs of %1").arg(title.isEmpty() ? slice.workflowId : title);
    else if (slice.status != RunStatus::Unknown)
        m_sliceText = tr("the %n %1 run(s) of %2", nullptr, int(ids.size()))
                          .arg(RunFormat::statusText(slice.status, {}), when);
    else
        m_sliceText = tr("the %n run(s) of %1", nullptr, int(ids.size())).arg(when);
    m_sliceRuns = int(ids.size());
    m_sliceFrom = ids.isEmpty() ? QDateTime() : slice.from;

    m_historyAction->setChecked(false); // back to the list, which now shows the slice
    m_table->clearSelection(); // the run shown before is not among them
    m_detail->clear();
    showView(scope, filter);
    m_sorter->setOnlyRunIds(ids);
    m_table->scrollToTop();
    updateSliceNotice();
    updateStatus();
}

void MainWindow::updateSliceNotice()
{
    if (m_sliceText.isEmpty())
        return;
    const int shown = m_sorter->rowCount();
    // Its runs may be further back than the pages loaded: load on until they are reached.
    if (m_sliceFrom.isValid() && !m_loadBackTo.isValid() && !m_model->isExhausted()
        && shown < m_sliceRuns) {
        const int rows = m_model->rowCount();
        const WorkflowRun *oldest = rows > 0 ? m_model->runAt(rows - 1) : nullptr;
        if (!oldest || oldest->orderTime() > m_sliceFrom)
            loadBackTo(m_sliceFrom);
    }
    QString text = tr("From History: %1.").arg(m_sliceText);
    if (m_sorter->isNarrowedToRunIds() && shown < m_sliceRuns)
        text += u' ' + tr("%1 of them loaded so far.").arg(shown);
    showNotice(text + u' ' + tr("Close this notice to go back to the list as it was."));
}

void MainWindow::clearHistorySlice()
{
    if (m_sliceText.isEmpty())
        return;
    m_sliceText.clear();
    m_sliceFrom = QDateTime();
    m_sliceRuns = 0;
    m_sorter->setOnlyRunIds({});
    showNotice({});
    updateStatus();
}
