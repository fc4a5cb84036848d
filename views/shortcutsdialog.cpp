#include "shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QTableWidget>
#include <QVBoxLayout>

ShortcutsDialog::ShortcutsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    const auto native
        = [](const QKeySequence &keys) { return keys.toString(QKeySequence::NativeText); };
    // The keys as the platform writes them (Ctrl on Linux and Windows, ⌘ on macOS).
    const QList<std::pair<QString, QString>> rows {
        {native(QKeySequence::New), tr("Run an agent or workflow")},
        {native(QKeySequence::Refresh), tr("Reload the list")},
        {native(QKeySequence::Find), tr("Search the runs")},
        {tr("%1 … %2").arg(native(QKeySequence(Qt::CTRL | Qt::Key_1)),
             native(QKeySequence(Qt::CTRL | Qt::Key_9))),
            tr("Show connection 1 to 9 (the last: all connections)")},
        {tr("Up, Down, Page Up, Page Down"), tr("Move through the runs")},
        {native(QKeySequence::Copy), tr("Copy the selected run's id")},
        {tr("Menu, %1").arg(native(QKeySequence(Qt::SHIFT | Qt::Key_F10))),
            tr("The selected run's menu: copy, cancel, recording, filters")},
        {tr("Tab, Shift+Tab"), tr("Move between the list, the filters and the detail pane")},
        {tr("Left, Right, Enter"), tr("Step through screenshots and open one")},
        {tr("Escape"), tr("Close a dialog or the screenshot viewer")},
        {tr("%1, %2").arg(
             native(QKeySequence(Qt::Key_F1)), native(QKeySequence(Qt::CTRL | Qt::Key_Slash))),
            tr("This list")},
    };
    auto *table = new QTableWidget(int(rows.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setAccessibleName(tr("Keyboard shortcuts"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("What they do")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setTabKeyNavigation(false);
    for (int row = 0; row < rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(rows.at(row).first));
        table->setItem(row, 1, new QTableWidgetItem(rows.at(row).second));
    }
    table->resizeColumnToContents(0);
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(620, 420);
}
