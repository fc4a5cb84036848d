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
    // Several keys for one thing, each named in the user's language ("Bild auf" in German).
    const auto keys = [&native](std::initializer_list<QKeyCombination> combinations) {
        QStringList names;
        for (QKeyCombination combination : combinations)
            names.append(native(QKeySequence(combination)));
        return names.join(QStringLiteral(", "));
    };
    // The keys as the platform writes them (Ctrl on Linux and Windows, ⌘ on macOS).
    const QList<std::pair<QString, QString>> rows {
        {native(QKeySequence::New), tr("Run an agent or workflow")},
        {native(QKeySequence::Refresh), tr("Reload the list")},
        {native(QKeySequence::Find), tr("Search the runs")},
        {keys({Qt::CTRL | Qt::Key_E}),
            tr("Export every run of the list to a CSV or JSON Lines file")},
        {tr("%1 … %2").arg(native(QKeySequence(Qt::CTRL | Qt::Key_1)),
             native(QKeySequence(Qt::CTRL | Qt::Key_9))),
            tr("Show connection 1 to 9 (the last: all connections)")},
        {keys({Qt::Key_Up, Qt::Key_Down, Qt::Key_PageUp, Qt::Key_PageDown}),
            tr("Move through the runs")},
        {native(QKeySequence::Copy), tr("Copy the selected runs' ids")},
        {keys({Qt::SHIFT | Qt::Key_Up, Qt::SHIFT | Qt::Key_Down, Qt::CTRL | Qt::Key_A}),
            tr("Select several runs, or every loaded one, to cancel or retry them at once")},
        {keys({Qt::Key_Escape}), tr("Select only the current run again (in the list)")},
        {keys({Qt::Key_Menu, Qt::SHIFT | Qt::Key_F10}),
            tr("The selected run's menu: copy, cancel, recording, filters")},
        {keys({Qt::Key_Tab, Qt::SHIFT | Qt::Key_Tab}),
            tr("Move between the list, the filters and the detail pane")},
        {keys({Qt::Key_Left, Qt::Key_Right, Qt::Key_Return}),
            tr("Step through screenshots and open one")},
        {keys({Qt::CTRL | Qt::Key_Plus, Qt::CTRL | Qt::Key_Minus, Qt::CTRL | Qt::Key_0}),
            tr("Zoom a screenshot in or out, or fit it (Screenshots tab)")},
        {keys({Qt::Key_Space}), tr("Play or pause the recording")},
        {keys({Qt::Key_Left, Qt::Key_Right}), tr("Move 5 seconds back or on in the recording")},
        {keys({Qt::CTRL | Qt::Key_H}), tr("Show History, or go back to the list")},
        {keys({Qt::Key_F9}), tr("Show or hide the watched runs")},
        {keys({Qt::Key_F8}), tr("Show or hide the failure groups")},
        {keys({Qt::CTRL | Qt::Key_J}), tr("Show or hide the jobs: bulk cancels and retries")},
        {keys({Qt::Key_Delete}), tr("Stop watching the run chosen in the Watched panel")},
        {keys({Qt::CTRL | Qt::Key_Comma}), tr("Preferences: notifications, theme, closing")},
        {keys({Qt::Key_Escape}), tr("Close a dialog or the screenshot viewer")},
        {tr("Alt + the underlined letter"),
            tr("A detail tab (Overview, Timeline…), a menu or a button")},
        {keys({Qt::Key_F1, Qt::CTRL | Qt::Key_Slash}), tr("This list")},
        {native(QKeySequence(Qt::CTRL | Qt::Key_Q)), tr("Quit Runwatch")},
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
    resize(680, 560);
}
