#include "mainwindow.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "artifactfetcher.h"
#include "launchrundialog.h"
#include "rundetailpane.h"
#include "runfilterbar.h"
#include "runlistmodel.h"
#include "runsortproxymodel.h"
#include "runsource.h"
#include "runtableview.h"
#include "statusbadgedelegate.h"

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_artifacts(new ArtifactFetcher(this))
    , m_model(new RunListModel(this))
    , m_sorter(new RunSortProxyModel(this))
    , m_filterBar(new RunFilterBar(this))
    , m_table(new RunTableView(this))
    , m_detail(new RunDetailPane(m_artifacts, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_errorLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_reloadAction(new QAction(tr("&Reload"), this))
    , m_launchAction(new QAction(tr("Run &agent…"), this))
    , m_connectionAction(new QAction(tr("&Edit connection…"), this))
    , m_newConnectionAction(new QAction(tr("&New connection…"), this))
    , m_removeConnectionAction(new QAction(tr("&Remove connection"), this))
    , m_connectionCombo(new QComboBox(this))
    , m_pollTimer(new QTimer(this))
    , m_durationTimer(new QTimer(this))
{
    setWindowTitle(tr("Runwatch"));
    resize(1440, 860);

    m_reloadAction->setObjectName(QStringLiteral("reloadAction"));
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setToolTip(tr("Load the newest runs again (F5)"));
    m_reloadAction->setEnabled(false);
    connect(m_reloadAction, &QAction::triggered, m_model, &RunListModel::reload);
    m_launchAction->setObjectName(QStringLiteral("launchAction"));
    m_launchAction->setShortcut(QKeySequence::New);
    m_launchAction->setToolTip(tr("Launch a run of a workflow (Ctrl+N)"));
    m_launchAction->setEnabled(false);
    m_connectionAction->setObjectName(QStringLiteral("connectionAction"));
    m_connectionAction->setToolTip(tr("Server and API key of this connection"));
    m_newConnectionAction->setObjectName(QStringLiteral("newConnectionAction"));
    m_removeConnectionAction->setObjectName(QStringLiteral("removeConnectionAction"));
    m_connectionCombo->setObjectName(QStringLiteral("connectionComboBox"));
    m_connectionCombo->setToolTip(tr("Which connection's runs to show (Ctrl+1…9)"));
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
        });
    }
    auto *connectionMenu = new QMenu(this);
    connectionMenu->addAction(m_connectionAction);
    connectionMenu->addAction(m_newConnectionAction);
    connectionMenu->addAction(m_removeConnectionAction);
    auto *connectionButton = new QToolButton(this);
    connectionButton->setObjectName(QStringLiteral("connectionsToolButton"));
    connectionButton->setText(tr("Connections"));
    connectionButton->setMenu(connectionMenu);
    connectionButton->setPopupMode(QToolButton::InstantPopup);
    auto *toolBar = addToolBar(tr("Runs"));
    toolBar->setObjectName(QStringLiteral("runsToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addAction(m_launchAction);
    toolBar->addAction(m_reloadAction);
    toolBar->addSeparator();
    toolBar->addWidget(m_connectionCombo);
    toolBar->addWidget(connectionButton);

    connect(m_launchAction, &QAction::triggered, this, &MainWindow::openLaunchDialog);

    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    connect(findShortcut, &QShortcut::activated, m_filterBar, &RunFilterBar::focusSearch);

    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #8a1c14; border: 1px solid #f5c2bd;"
                       " border-radius: 4px; padding: 6px 10px; }"));
    m_errorLabel->hide();

    m_filterBar->setObjectName(QStringLiteral("runFilterBar"));
    m_table->setObjectName(QStringLiteral("runTableView"));
    m_sorter->setSourceModel(m_model);
    m_table->setModel(m_sorter);
    // No column sorted: the server's order, newest first.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setItemDelegateForColumn(RunListModel::StatusColumn, new StatusBadgeDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->resizeSection(RunListModel::StatusColumn, 96);
    header->resizeSection(RunListModel::WorkflowColumn, 190);
    header->resizeSection(RunListModel::RunIdColumn, 165);
    header->resizeSection(RunListModel::TriggerColumn, 80);
    header->resizeSection(RunListModel::CreatedColumn, 125);
    header->resizeSection(RunListModel::StartedColumn, 125);
    header->resizeSection(RunListModel::DurationColumn, 72);
    header->resizeSection(RunListModel::ErrorCodesColumn, 150);
    header->resizeSection(RunListModel::SourceColumn, 140);
    // Created and duration say what started does; it is one right-click on the header away.
    header->setSectionHidden(RunListModel::StartedColumn, true);
    // What an operator scans first, left to right; ids and triggers are in the detail pane and
    // further right. The order is the user's to change and is saved with the layout.
    const QList<int> order {RunListModel::StatusColumn, RunListModel::SourceColumn,
        RunListModel::WorkflowColumn, RunListModel::CreatedColumn, RunListModel::StartedColumn,
        RunListModel::DurationColumn, RunListModel::FailureReasonColumn,
        RunListModel::ErrorCodesColumn, RunListModel::TriggerColumn, RunListModel::RunIdColumn};
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order.at(visual)), visual);
    header->resizeSection(RunListModel::FailureReasonColumn, 300);

    auto *listArea = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listArea);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_errorLabel);
    listLayout->addWidget(m_table);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(listArea);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({960, 480});

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_statusLabel, 1);

    connect(m_filterBar, &RunFilterBar::filterChanged, this, [this](const RunFilter &filter) {
        // Narrow what is loaded at once; the server's answer (which also searches parameters)
        // then replaces it.
        m_sorter->setLocalFilter(filter);
        m_model->setFilter(filter);
        emit viewChanged();
    });
    connect(m_filterBar, &RunFilterBar::scopeChanged, this, [this](const QString &scope) {
        m_model->setScope(scope);
        emit viewChanged();
    });
    connect(m_detail, &RunDetailPane::errorCodesSeen, this,
        [this](const QString &runId, const QStringList &codes) {
            m_filterBar->addKnownErrorCodes(codes);
            m_model->setErrorCodes(runId, codes);
        });
    connect(m_detail, &RunDetailPane::runCanceled, m_model, &RunListModel::refresh);

    connect(m_model, &RunListModel::pageLoaded, this, [this] {
        m_sorter->setLocalFilter({});
        showPartialErrors();
        updateStatus();
        schedulePoll();
        if (!m_pendingSelection.isEmpty())
            selectRun(m_pendingSelection);
    });
    connect(m_model, &RunListModel::modelAboutToBeReset, this, [this] {
        if (m_pendingSelection.isEmpty())
            m_pendingSelection = m_detail->runId();
    });
    connect(m_model, &RunListModel::refreshed, this, [this] {
        showPartialErrors();
        updateStatus();
        schedulePoll();
        if (!m_pendingSelection.isEmpty())
            selectRun(m_pendingSelection);
    });
    connect(m_model, &RunListModel::runChanged, this, [this](const QString &runId) {
        if (runId != m_detail->runId())
            return;
        const int row = m_model->rowOfRun(runId);
        if (const WorkflowRun *run = m_model->runAt(row))
            m_detail->showRun(*run);
    });
    connect(m_model, &RunListModel::loadingChanged, this, &MainWindow::updateStatus);
    connect(m_model, &RunListModel::requestFailed, this, [this](const ApiError &error) {
        m_sorter->setLocalFilter({}); // the rows shown are the last good ones, as they were
        showError(error);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &MainWindow::onSelectionChanged);

    m_pollTimer->setObjectName(QStringLiteral("pollTimer"));
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, m_model, &RunListModel::refresh);
    m_durationTimer->setInterval(1000);
    connect(m_durationTimer, &QTimer::timeout, m_model, &RunListModel::tickActiveDurations);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::setSource(RunSource *source, const QString &name)
{
    m_source = source;
    m_sourceName = source ? source->displayName() : QString();
    if (source && !name.isEmpty() && name != m_sourceName)
        m_sourceName = tr("%1 (%2)").arg(name, m_sourceName);
    setWindowTitle(m_sourceName.isEmpty() ? tr("Runwatch") : tr("Runwatch — %1").arg(m_sourceName));
    const SourceFeatures features = source ? source->features() : SourceFeatures();
    applyFeatures(features);
    m_reloadAction->setEnabled(source != nullptr);
    m_launchAction->setEnabled(source != nullptr && features.launch);
    m_detail->setSource(source);
    m_detail->clear();
    disconnect(m_retryConnection);
    if (source) {
        m_retryConnection = connect(
            source, &RunSource::retrying, this, [this](const ApiError &error, int delayMs) {
                // Said at once, so a slow list is never a silent one.
                const int seconds = (delayMs + 999) / 1000;
                m_errorLabel->setText(seconds > 0
                        ? tr("%1 Retrying in %2 s.").arg(error.message).arg(seconds)
                        : tr("%1 Retrying.").arg(error.message));
                m_errorLabel->show();
            });
    }
    m_model->setSource(source);
    loadWorkflows();
    updateStatus();
}

void MainWindow::setConnections(const QList<ConnectionChoice> &choices, const QString &currentId)
{
    m_connectionCombo->clear();
    for (int i = 0; i < choices.size(); ++i) {
        const QString label
            = i < 9 ? tr("%1  (Ctrl+%2)").arg(choices.at(i).name).arg(i + 1) : choices.at(i).name;
        m_connectionCombo->addItem(label, choices.at(i).id);
    }
    m_connectionCombo->setCurrentIndex(qMax(0, m_connectionCombo->findData(currentId)));
    m_connectionCombo->setVisible(choices.size() > 1);
}

void MainWindow::showNotice(const QString &message)
{
    statusBar()->showMessage(message, 20000);
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
    // Runs without a created time (or a mix of both kinds) are told apart by when they started.
    if ((!features.createdAt || features.runSource)
        && header->isSectionHidden(RunListModel::StartedColumn)) {
        header->setSectionHidden(RunListModel::StartedColumn, false); // the time runs have
        m_columnsShownForSource.append(RunListModel::StartedColumn);
    }
    m_detail->setFeatures(features);
}

void MainWindow::openLaunchDialog()
{
    if (!m_source)
        return;
    auto *dialog = new LaunchRunDialog(m_source, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInitialWorkflow(m_filterBar->scope());
    connect(dialog, &LaunchRunDialog::runLaunched, this,
        [this](const RunDetail &run, const QString &note) {
            // Show the new run at once; the list picks it up on the refresh below.
            WorkflowRun summary;
            summary.workflowRunId = run.runId;
            summary.workflowPermanentId
                = run.runRequest.value(QLatin1String("workflow_id")).toString();
            summary.status = run.status;
            summary.statusText = run.statusText;
            summary.createdAt = run.createdAt;
            summary.modifiedAt = run.modifiedAt;
            summary.triggerType = TriggerType::Api;
            m_detail->showRun(summary);
            m_pendingSelection = run.runId;
            statusBar()->showMessage(note.isEmpty() ? tr("Launched %1.").arg(run.runId)
                                                    : tr("Launched %1. %2").arg(run.runId, note),
                note.isEmpty() ? 8000 : 30000);
            m_model->refresh();
        });
    dialog->open();
}

void MainWindow::loadWorkflows()
{
    if (!m_source)
        return;
    m_source->listWorkflows(this, [this](const ApiResult<QList<Workflow>> &result) {
        if (result.ok())
            m_filterBar->setWorkflows(result.value);
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
    QByteArray layout;
    QDataStream stream(&layout, QIODevice::WriteOnly);
    stream << kLayoutVersion << m_splitter->saveState() << m_table->horizontalHeader()->saveState();
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

void MainWindow::onSelectionChanged()
{
    const QModelIndex current = m_sorter->mapToSource(m_table->selectionModel()->currentIndex());
    if (const WorkflowRun *run = m_model->runAt(current.row()))
        m_detail->showRun(*run);
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
    m_errorLabel->setText(messages.join(u' ') + tr(" The other connections' runs are shown."));
    m_errorLabel->show();
}

void MainWindow::showError(const ApiError &error)
{
    QString text = m_model->rowCount() > 0
        ? tr("%1 Showing the runs loaded before.").arg(error.message)
        : error.message;
    if (error.kind == ApiError::Kind::RateLimited && error.retryAfterSeconds > 0)
        text += tr(" Retrying in %1 s.").arg(error.retryAfterSeconds);
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
    // Poll only while someone can see the list; slower when nothing is moving.
    if (!m_source || !isVisible() || isMinimized()) {
        m_pollTimer->stop();
        m_durationTimer->stop();
        return;
    }
    const bool active = m_model->activeRunCount() > 0;
    m_pollTimer->start(active ? kActivePollMs : kIdlePollMs);
    if (active)
        m_durationTimer->start();
    else
        m_durationTimer->stop();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
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
        m_table->setPlaceholderText(
            m_model->filter().isEmpty() ? tr("No runs yet.") : tr("No runs match these filters."));
    }
    if (m_model->isShowingSaved()) {
        const QDateTime saved = m_savedAt.toLocalTime();
        const QString when = saved.date() == QDate::currentDate()
            ? QLocale().toString(saved.time(), QLocale::ShortFormat)
            : QLocale().toString(saved, QLocale::ShortFormat);
        const QString state
            = m_model->lastError().isError() ? tr("could not update") : tr("updating…");
        m_statusLabel->setText(rows == 1
                ? tr("1 run as saved at %1 · %2").arg(when, state)
                : tr("%1 runs as saved at %2 · %3").arg(rows).arg(when, state));
        return;
    }
    if (m_sourceName.isEmpty())
        return;
    QString text = rows == 1 ? tr("1 run loaded") : tr("%1 runs loaded").arg(rows);
    if (m_model->loadedPages() > 0)
        text += m_model->loadedPages() == 1 ? tr(" · 1 page")
                                            : tr(" · %1 pages").arg(m_model->loadedPages());
    if (m_model->isExhausted())
        text += tr(" · no more runs");
    else if (m_model->loadedPages() > 0)
        text += tr(" · scroll for more");
    const int active = m_model->activeRunCount();
    if (active > 0)
        text += tr(" · %1 active, updating live").arg(active);
    if (m_model->isLoading())
        text += tr(" · loading…");
    text += tr(" · %1").arg(m_sourceName);
    m_statusLabel->setText(text);
}
