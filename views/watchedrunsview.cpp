#include "watchedrunsview.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

#include "watchedrunmodel.h"

using namespace Qt::StringLiterals;

WatchedRunsView::WatchedRunsView(WatchedRunModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_list(new QTreeView(this))
    , m_empty(new QLabel(this))
{
    m_list->setObjectName(u"watchedRunsList"_s);
    m_list->setAccessibleName(tr("Watched runs"));
    m_list->setModel(model);
    // One column that fits the panel, each line cut short rather than scrolled sideways.
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true); // two lines each
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->header()->setStretchLastSection(true);
    m_list->setIconSize(QSize(10, 10)); // the status colour, as a dot beside the words
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->installEventFilter(this);
    m_empty->setObjectName(u"watchedRunsEmptyLabel"_s);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setText(tr("No runs watched. Runs launched from Runwatch are watched until they "
                        "end; watch any other from its menu in the list. You are told when "
                        "a watched run ends."));
    m_empty->setMargin(8);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty, 1);

    connect(m_list, &QTreeView::activated, this, &WatchedRunsView::openCurrent);
    connect(m_list, &QTreeView::clicked, this, &WatchedRunsView::openCurrent);
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_list->indexAt(pos);
        if (!index.isValid())
            return;
        m_list->setCurrentIndex(index);
        QMenu menu(this);
        menu.addAction(tr("&Open"), this, &WatchedRunsView::openCurrent);
        QAction *stop = menu.addAction(tr("&Stop watching"), this, &WatchedRunsView::stopCurrent);
        stop->setShortcut(QKeySequence::Delete); // said in the menu; the list handles the key
        menu.exec(m_list->viewport()->mapToGlobal(pos));
    });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &WatchedRunsView::updateEmptyState);
    connect(model, &QAbstractItemModel::modelReset, this, &WatchedRunsView::updateEmptyState);
    updateEmptyState();
}

void WatchedRunsView::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_list->setVisible(!empty);
    m_empty->setVisible(empty);
}

void WatchedRunsView::openCurrent()
{
    const QModelIndex index = m_list->currentIndex();
    if (index.isValid())
        emit openRequested(index.data(WatchedRunModel::ConnectionRole).toString(),
            index.data(WatchedRunModel::RunIdRole).toString());
}

void WatchedRunsView::stopCurrent()
{
    const QModelIndex index = m_list->currentIndex();
    if (index.isValid())
        emit stopWatchingRequested(index.data(WatchedRunModel::ConnectionRole).toString(),
            index.data(WatchedRunModel::RunIdRole).toString());
}

bool WatchedRunsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            stopCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
