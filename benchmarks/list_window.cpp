// A second floor for the start-up benchmark: the least a window showing a saved run list can
// be. Qt's own table of 50 rows in memory, with Runwatch's columns and texts like its runs',
// linked with the Qt libraries Runwatch links; no file read, no tool bar, no detail pane.

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QMainWindow>
#include <QStandardItemModel>
#include <QTableView>

#include "firstpaintreporter.h"

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QMainWindow window;
    const QStringList columns {QStringLiteral("Status"), QStringLiteral("Workflow"),
        QStringLiteral("Run ID"), QStringLiteral("Trigger"), QStringLiteral("Created"),
        QStringLiteral("Duration"), QStringLiteral("Failure reason"), QStringLiteral("Error codes"),
        QStringLiteral("Tags"), QStringLiteral("Type")};
    auto *model = new QStandardItemModel(50, int(columns.size()), &window);
    model->setHorizontalHeaderLabels(columns);
    for (int row = 0; row < model->rowCount(); ++row) {
        const bool failed = row % 4 == 0;
        const QStringList texts {failed ? QStringLiteral("Failed") : QStringLiteral("Completed"),
            QStringLiteral("Permit status check %1").arg(row),
            QStringLiteral("wr_%1").arg(493'000'000'000LL + row * 7'919LL),
            QStringLiteral("Schedule"),
            QStringLiteral("Today 13:%1").arg(row % 60, 2, 10, QLatin1Char('0')),
            QStringLiteral("1 m %1 s").arg(row % 60),
            failed ? QStringLiteral("Timed out waiting for the permit page to load") : QString(),
            failed ? QStringLiteral("PAGE_TIMEOUT") : QString(), QStringLiteral("nightly"),
            QStringLiteral("Workflow run")};
        for (int column = 0; column < texts.size(); ++column)
            model->setItem(row, column, new QStandardItem(texts.at(column)));
    }
    auto *table = new QTableView(&window);
    table->setModel(model);
    table->setWordWrap(false);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    window.setCentralWidget(table);
    table->viewport()->installEventFilter(new FirstPaintReporter(sinceMain, &window));
    window.resize(1100, 720);
    window.show();
    return QApplication::exec();
}
