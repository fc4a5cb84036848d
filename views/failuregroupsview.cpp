#include "failuregroupsview.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "failuregroupmodel.h"

FailureGroupsView::FailureGroupsView(FailureGroupModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_caption(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_chosen(new QLabel(this))
    , m_showAll(new QPushButton(tr("Show all runs"), this))
    , m_progress(new QLabel(this))
    , m_load24h(new QPushButton(tr("Last 24 hours"), this))
    , m_load7d(new QPushButton(tr("Last 7 days"), this))
    , m_cancelLoad(new QPushButton(tr("Stop loading"), this))
{
    m_caption->setObjectName(QStringLiteral("failureCoverageLabel"));
    m_caption->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("failureGroupsTreeView"));
    m_tree->setAccessibleName(tr("Failure groups"));
    m_tree->setModel(model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    // The cause and its count; times and workflows are a widening (or a tip) away.
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(FailureGroupModel::GroupColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FailureGroupModel::RunsColumn, QHeaderView::ResizeToContents);
    // First and last seen and the workflows are in each group's tip; a wider panel can show
    // them as columns (a right-click on the header).
    for (int column : {FailureGroupModel::FirstSeenColumn, FailureGroupModel::LastSeenColumn,
             FailureGroupModel::WorkflowsColumn}) {
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
        header->setSectionHidden(column, true);
    }
    header->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int column : {FailureGroupModel::FirstSeenColumn, FailureGroupModel::LastSeenColumn,
             FailureGroupModel::WorkflowsColumn}) {
        auto *action = new QAction(model->headerData(column, Qt::Horizontal).toString(), header);
        action->setCheckable(true);
        connect(action, &QAction::toggled, header,
            [header, column](bool shown) { header->setSectionHidden(column, !shown); });
        header->addAction(action);
    }
    m_tree->installEventFilter(this);
    connect(m_tree, &QTreeView::clicked, this, &FailureGroupsView::choose);
    connect(m_tree, &QTreeView::activated, this, &FailureGroupsView::choose);

    m_chosen->setObjectName(QStringLiteral("failureGroupChosenLabel"));
    m_chosen->setWordWrap(true);
    m_chosen->setTextFormat(Qt::PlainText); // quotes servers' failure reasons
    m_showAll->setObjectName(QStringLiteral("showAllRunsButton"));
    m_showAll->setToolTip(tr("The list shows every loaded run again (Escape here)"));
    connect(m_showAll, &QPushButton::clicked, this, [this] {
        clearChoice();
        emit narrowRequested({}, {});
    });

    m_progress->setObjectName(QStringLiteral("failureLoadProgressLabel"));
    m_progress->setWordWrap(true);
    m_load24h->setObjectName(QStringLiteral("loadLastDayButton"));
    m_load24h->setToolTip(tr("Load older runs until the list covers the last 24 hours"));
    m_load7d->setObjectName(QStringLiteral("loadLastWeekButton"));
    m_load7d->setToolTip(tr("Load older runs until the list covers the last 7 days"));
    m_cancelLoad->setObjectName(QStringLiteral("stopLoadingButton"));
    m_cancelLoad->hide();
    connect(m_load24h, &QPushButton::clicked, this, [this] { emit loadWindowRequested(24); });
    connect(m_load7d, &QPushButton::clicked, this, [this] { emit loadWindowRequested(24 * 7); });
    connect(m_cancelLoad, &QPushButton::clicked, this, &FailureGroupsView::cancelLoadRequested);

    auto *chosenRow = new QHBoxLayout;
    chosenRow->addWidget(m_chosen, 1);
    chosenRow->addWidget(m_showAll, 0, Qt::AlignTop);
    auto *loadRow = new QHBoxLayout;
    loadRow->addWidget(new QLabel(tr("Load:"), this));
    loadRow->addWidget(m_load24h);
    loadRow->addWidget(m_load7d);
    loadRow->addWidget(m_cancelLoad);
    loadRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_caption);
    layout->addWidget(m_tree, 1);
    layout->addLayout(chosenRow);
    layout->addLayout(loadRow);
    layout->addWidget(m_progress);
    m_progress->hide();
    clearChoice();

    connect(m_model, &FailureGroupModel::groupsChanged, this, [this] {
        updateCaption();
        // The chosen group gains runs as polls and pages come: the list follows.
        if (m_chosenGroup.isValid())
            narrowToChoice();
        else if (!m_chosen->isHidden())
            m_chosen->setText(tr("The chosen group has no runs left."));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &FailureGroupsView::updateCaption);
    updateCaption();
}

void FailureGroupsView::choose(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex group = index.siblingAtColumn(FailureGroupModel::GroupColumn);
    m_chosenGroup = group;
    m_chosenName = group.parent().isValid()
        ? tr("%1 › %2").arg(group.parent().data().toString(), group.data().toString())
        : group.data().toString();
    m_chosen->show();
    m_showAll->show();
    narrowToChoice();
}

void FailureGroupsView::narrowToChoice()
{
    const QStringList keys = m_chosenGroup.data(FailureGroupModel::RunKeysRole).toStringList();
    m_chosen->setText(
        tr("The list shows the %n run(s) of “%1”.", nullptr, int(keys.size())).arg(m_chosenName));
    emit narrowRequested(keys, m_chosenName);
}

void FailureGroupsView::clearChoice()
{
    m_chosenGroup = QPersistentModelIndex();
    m_tree->clearSelection(); // no group looks chosen while the list shows every run
    m_chosen->hide();
    m_showAll->hide();
}

void FailureGroupsView::setLoadProgress(const QString &text, bool busy)
{
    m_progress->setText(text);
    m_progress->setVisible(!text.isEmpty());
    m_load24h->setVisible(!busy);
    m_load7d->setVisible(!busy);
    m_cancelLoad->setVisible(busy);
}

void FailureGroupsView::updateCaption()
{
    m_caption->setText(m_model->failureCount() == 0 ? tr("No failures among the loaded runs.")
                                                    : m_model->coverageText());
}

bool FailureGroupsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && m_chosenGroup.isValid()) {
        clearChoice();
        emit narrowRequested({}, {});
        return true;
    }
    return QWidget::eventFilter(watched, event);
}
