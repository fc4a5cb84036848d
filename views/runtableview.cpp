#include "runtableview.h"

#include <utility>

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTimer>

#include "runlistmodel.h"

namespace {
// Scrolling fires many times a second; the rows on screen are told once it settles.
constexpr int kVisibleRowsSettleMs = 120;
} // namespace

RunTableView::RunTableView(QWidget *parent)
    : QTableView(parent)
    , m_visibleRowsTimer(new QTimer(this))
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several runs at once (Shift, Ctrl, Ctrl+A) for the bulk bar; one is still the current.
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    // Tab leaves the list for the next control; arrows move between runs. Tab walking the cells
    // would trap the keyboard here and change the selected run every few presses.
    setTabKeyNavigation(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
        &RunTableView::showColumnMenu);
    m_visibleRowsTimer->setSingleShot(true);
    m_visibleRowsTimer->setInterval(kVisibleRowsSettleMs);
    connect(m_visibleRowsTimer, &QTimer::timeout, this, &RunTableView::visibleRowsChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
        &RunTableView::scheduleVisibleRowsChanged);
}

void RunTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    connect(
        model, &QAbstractItemModel::modelReset, this, &RunTableView::scheduleVisibleRowsChanged);
    connect(
        model, &QAbstractItemModel::layoutChanged, this, &RunTableView::scheduleVisibleRowsChanged);
    connect(
        model, &QAbstractItemModel::rowsInserted, this, &RunTableView::scheduleVisibleRowsChanged);
    connect(
        model, &QAbstractItemModel::rowsRemoved, this, &RunTableView::scheduleVisibleRowsChanged);
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
        [this](const QModelIndex &, int first) {
            // Rows that arrive above what the pointer is over would push the row it aims at
            // down just before a click: what is under it stays there instead, and the new rows
            // wait above, where the scroll bar shows them.
            const int top = rowAt(0);
            m_anchorInsertion = viewport()->underMouse() && top >= 0 && first <= top;
            m_scrollBeforeInsertion = verticalScrollBar()->value();
        });
}

void RunTableView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QTableView::rowsInserted(parent, start, end);
    if (!std::exchange(m_anchorInsertion, false))
        return;
    int added = 0;
    for (int row = start; row <= end; ++row)
        added += rowHeight(row);
    updateGeometries(); // the scroll range, so the value is not clamped to the old one
    verticalScrollBar()->setValue(m_scrollBeforeInsertion + added);
}

void RunTableView::scheduleVisibleRowsChanged()
{
    m_visibleRowsTimer->start();
}

QModelIndexList RunTableView::visibleRows() const
{
    QModelIndexList rows;
    if (!model() || model()->rowCount() == 0 || !isVisible())
        return rows;
    const int first = rowAt(0);
    int last = rowAt(viewport()->height() - 1);
    if (first < 0)
        return rows;
    if (last < 0)
        last = model()->rowCount() - 1;
    for (int row = first; row <= last; ++row)
        rows.append(model()->index(row, 0));
    return rows;
}

void RunTableView::showColumnMenu(const QPoint &position)
{
    if (!model())
        return;
    QMenu menu(this);
    QHeaderView *header = horizontalHeader();
    QAction *serverOrder = menu.addAction(tr("Newest first (server order)"));
    serverOrder->setObjectName(QStringLiteral("serverOrderAction"));
    serverOrder->setEnabled(header->sortIndicatorSection() >= 0);
    connect(serverOrder, &QAction::triggered, header,
        [header] { header->setSortIndicator(-1, Qt::DescendingOrder); });
    menu.addSection(tr("Columns"));
    const int columns = model()->columnCount();
    for (int column = 0; column < columns; ++column) {
        QAction *action = menu.addAction(model()->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column stays: a table without columns is a dead end.
        action->setEnabled(
            header->isSectionHidden(column) || header->hiddenSectionCount() < columns - 1);
        connect(action, &QAction::toggled, header,
            [header, column](bool shown) { header->setSectionHidden(column, !shown); });
    }
    menu.exec(header->mapToGlobal(position));
}

void RunTableView::setPlaceholderText(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    viewport()->update();
}

QRect RunTableView::focusRingRect() const
{
    const QModelIndex current = currentIndex();
    if (!hasFocus() || !current.isValid())
        return {};
    const QRect row = visualRect(current.siblingAtColumn(horizontalHeader()->logicalIndexAt(0)));
    if (!row.isValid())
        return {};
    return QRect(0, row.top(), viewport()->width(), row.height());
}

void RunTableView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    QPainter painter(viewport());
    // The style's own focus rectangle is faint or missing on most themes; a keyboard user must
    // see where they are at a glance, selected row or not.
    const QRect ring = focusRingRect();
    if (ring.isValid()) {
        QPen pen(palette().color(QPalette::Highlight).darker(160), 2);
        pen.setJoinStyle(Qt::MiterJoin);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(ring).adjusted(1, 1, -1, -1));
    }
    if (!model() || model()->rowCount() > 0 || m_placeholder.isEmpty())
        return;
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter.drawText(area, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
}

void RunTableView::focusInEvent(QFocusEvent *event)
{
    // Qt makes a row current when focus arrives with none (see moveCursor()).
    const QScopedValueRollback<bool> arriving(m_focusArriving, true);
    QTableView::focusInEvent(event);
    viewport()->update();
}

void RunTableView::focusOutEvent(QFocusEvent *event)
{
    QTableView::focusOutEvent(event);
    viewport()->update();
}

void RunTableView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTableView::currentChanged(current, previous);
    m_hadCurrent = m_hadCurrent || current.isValid();
    // The ring spans the whole row, more than the cells Qt repaints for a new current index.
    viewport()->update();
}

void RunTableView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    scheduleVisibleRowsChanged();
}

QModelIndex RunTableView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    // Focus arriving with nothing current makes Qt pick a row, which the window then shows.
    // Once, at start, that is the newest run; after that nothing is current because a filter
    // hid the run or the list was replaced, and a run nobody chose would open when focus came
    // back from a menu. A key still picks one.
    if (m_focusArriving && m_hadCurrent)
        return {};
    // With nothing current yet (the list had the keys before its rows came), Qt's table goes to
    // the first row for every key; End and Page Down go down from there as from a first row.
    if (!currentIndex().isValid() && (action == MoveEnd || action == MovePageDown)) {
        const QModelIndex first = QTableView::moveCursor(MoveHome, modifiers);
        if (first.isValid())
            selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    }
    return QTableView::moveCursor(action, modifiers);
}

void RunTableView::keyPressEvent(QKeyEvent *event)
{
    const QModelIndex current = currentIndex();
    const QModelIndexList selected = selectionModel()->selectedRows();
    if (event->matches(QKeySequence::Copy) && selected.size() > 1) {
        QStringList ids;
        for (const QModelIndex &row : selected)
            ids.append(row.data(RunListModel::RunIdRole).toString());
        QApplication::clipboard()->setText(ids.join(u'\n'));
        emit copied(tr("Copied %n run id(s).", nullptr, int(ids.size())));
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Copy) && current.isValid()) {
        const QString runId = current.data(RunListModel::RunIdRole).toString();
        QApplication::clipboard()->setText(runId);
        emit copied(tr("Copied the run id %1.").arg(runId));
        event->accept();
        return;
    }
    // Escape drops a selection of several runs, keeping the current one.
    if (event->key() == Qt::Key_Escape && selected.size() > 1 && current.isValid()) {
        selectionModel()->select(
            current, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        event->accept();
        return;
    }
    // Shift+F10 is the menu key of keyboards without one.
    if (event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier) {
        if (current.isValid()) {
            const QRect cell = visualRect(current);
            requestRowMenu(current, viewport()->mapToGlobal(cell.bottomLeft()));
        }
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void RunTableView::contextMenuEvent(QContextMenuEvent *event)
{
    QModelIndex index;
    QPoint globalPos = event->globalPos();
    if (event->reason() == QContextMenuEvent::Mouse) {
        index = indexAt(viewport()->mapFromGlobal(event->globalPos()));
        // The row a right-click lands on is the one acted on, and the one the pane shows; a
        // selection of several it belongs to stays for the bulk bar.
        if (index.isValid() && selectionModel()->isRowSelected(index.row(), index.parent()))
            selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        else if (index.isValid())
            selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else {
        index = currentIndex();
        if (index.isValid())
            globalPos = viewport()->mapToGlobal(visualRect(index).bottomLeft());
    }
    if (index.isValid())
        requestRowMenu(index, globalPos);
    event->accept();
}

void RunTableView::requestRowMenu(const QModelIndex &index, const QPoint &globalPos)
{
    emit rowMenuRequested(index.siblingAtColumn(0), globalPos);
}
