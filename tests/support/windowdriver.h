#pragma once

// Driving the main window as a person does: show it on a source, click a run of some status,
// open a detail tab by its name. Shared by the tests of the detail pane's tabs.

#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "mainwindow.h"
#include "runlistmodel.h"

namespace WindowDriver {

/** Shows the window at a size where every tab has room, on `source`; the run table. */
inline QTableView *showOn(MainWindow &window, RunSource *source)
{
    using namespace Qt::StringLiterals;
    window.resize(1400, 900);
    window.show();
    [&] { QVERIFY(QTest::qWaitForWindowExposed(&window)); }();
    window.setSource(source);
    return window.findChild<QTableView *>(u"runTableView"_s);
}

/**
 * Clicks the first row (from the top, or from the bottom) with this status, and of this
 * connection in a merged list if `source` is given; its run id.
 */
inline QString clickRunWith(
    QTableView *table, RunStatus status, bool fromBottom = false, const QString &source = {})
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 20000); }();
    const int rows = table->model()->rowCount();
    for (int i = 0; i < rows; ++i) {
        const int row = fromBottom ? rows - 1 - i : i;
        const QModelIndex index = table->model()->index(row, RunListModel::WorkflowColumn);
        if (index.data(RunListModel::StatusRole).toInt() != int(status))
            continue;
        if (!source.isEmpty()
            && index.siblingAtColumn(RunListModel::SourceColumn).data().toString() != source)
            continue;
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        return index.data(RunListModel::RunIdRole).toString();
    }
    return {};
}

/** The detail tab called `name` (without its mnemonic), or -1. */
inline int tabIndex(MainWindow &window, const QString &name)
{
    using namespace Qt::StringLiterals;
    QTabBar *bar = window.findChild<QTabWidget *>(u"detailTabWidget"_s)->tabBar();
    for (int i = 0; i < bar->count(); ++i) {
        if (QString(bar->tabText(i)).remove(u'&') == name)
            return i;
    }
    return -1;
}

/** Clicks the detail tab called `name`; fails when it is not there to click. */
inline void openTab(MainWindow &window, const QString &name)
{
    using namespace Qt::StringLiterals;
    QTabBar *bar = window.findChild<QTabWidget *>(u"detailTabWidget"_s)->tabBar();
    const int index = tabIndex(window, name);
    QVERIFY2(index >= 0 && bar->isTabVisible(index), qPrintable(name));
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
}

} // namespace WindowDriver
