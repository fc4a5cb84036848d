#include "mainwindow.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "runlistmodel.h"
#include "runsource.h"
#include "runtableview.h"
#include "statusbadgedelegate.h"

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new RunListModel(this))
    , m_table(new RunTableView(this))
    , m_errorLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_reloadAction(new QAction(tr("&Reload"), this))
{
    setWindowTitle(tr("Runwatch"));
    resize(1280, 780);

    m_reloadAction->setObjectName(QStringLiteral("reloadAction"));
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setToolTip(tr("Load the newest runs again (F5)"));
    m_reloadAction->setEnabled(false);
    connect(m_reloadAction, &QAction::triggered, m_model, &RunListModel::reload);
    auto *toolBar = addToolBar(tr("Runs"));
    toolBar->setObjectName(QStringLiteral("runsToolBar"));
    toolBar->setMovable(false);
    toolBar->addAction(m_reloadAction);

    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #8a1c14; border: 1px solid #f5c2bd;"
                       " border-radius: 4px; padding: 6px 10px; }"));
    m_errorLabel->hide();

    m_table->setObjectName(QStringLiteral("runTableView"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(RunListModel::StatusColumn, new StatusBadgeDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->resizeSection(RunListModel::StatusColumn, 120);
    header->resizeSection(RunListModel::WorkflowColumn, 240);
    header->resizeSection(RunListModel::RunIdColumn, 200);
    header->resizeSection(RunListModel::TriggerColumn, 90);
    header->resizeSection(RunListModel::CreatedColumn, 150);
    header->resizeSection(RunListModel::StartedColumn, 150);
    header->resizeSection(RunListModel::DurationColumn, 90);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_table);
    setCentralWidget(central);

    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_statusLabel, 1);

    connect(m_model, &RunListModel::pageLoaded, this, [this] {
        m_errorLabel->hide();
        updateStatus();
    });
    connect(m_model, &RunListModel::loadingChanged, this, &MainWindow::updateStatus);
    connect(m_model, &RunListModel::requestFailed, this, &MainWindow::showError);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::setSource(RunSource *source)
{
    m_sourceName = source ? source->displayName() : QString();
    setWindowTitle(m_sourceName.isEmpty() ? tr("Runwatch") : tr("Runwatch — %1").arg(m_sourceName));
    m_reloadAction->setEnabled(source != nullptr);
    m_model->setSource(source);
    updateStatus();
}

void MainWindow::showStartupMessage(const QString &message)
{
    m_table->setPlaceholderText(message);
    m_statusLabel->setText(message);
}

void MainWindow::showFatalError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
    m_table->setPlaceholderText(tr("No runs to show."));
}

void MainWindow::showError(const ApiError &error)
{
    m_errorLabel->setText(m_model->rowCount() > 0
            ? tr("%1 Showing the runs loaded before.").arg(error.message)
            : error.message);
    m_errorLabel->show();
    updateStatus();
}

void MainWindow::updateStatus()
{
    const int rows = m_model->rowCount();
    if (m_model->isLoading()) {
        m_table->setPlaceholderText(tr("Loading runs…"));
    } else if (m_model->lastError().isError()) {
        m_table->setPlaceholderText(
            tr("Could not load runs. %1").arg(m_model->lastError().message));
    } else if (m_model->loadedPages() > 0) {
        m_table->setPlaceholderText(tr("No runs match."));
    }
    if (m_sourceName.isEmpty())
        return;
    QString text = rows == 1 ? tr("1 run loaded") : tr("%1 runs loaded").arg(rows);
    if (m_model->loadedPages() > 0)
        text += m_model->loadedPages() == 1 ? tr(" · 1 page")
                                            : tr(" · %1 pages").arg(m_model->loadedPages());
    if (m_model->isExhausted())
        text += tr(" · no more runs");
    if (m_model->isLoading())
        text += tr(" · loading…");
    text += tr(" · %1").arg(m_sourceName);
    m_statusLabel->setText(text);
}
