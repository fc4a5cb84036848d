#include "runtableview.h"

#include <QHeaderView>
#include <QMenu>
#include <QPainter>

RunTableView::RunTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
        &RunTableView::showColumnMenu);
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

void RunTableView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (!model() || model()->rowCount() > 0 || m_placeholder.isEmpty())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter.drawText(area, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
}
