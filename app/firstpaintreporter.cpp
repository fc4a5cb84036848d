#include "firstpaintreporter.h"

#include <cstdio>

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

#include "startuptrace.h"

FirstPaintReporter::FirstPaintReporter(QAbstractItemView *view)
    : QObject(view)
    , m_view(view)
{
    view->viewport()->installEventFilter(this);
}

bool FirstPaintReporter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Paint || m_reported || !m_view->model())
        return QObject::eventFilter(watched, event);
    const int rows = m_view->model()->rowCount();
    if (rows == 0 && !m_paintedEmpty) {
        m_paintedEmpty = true; // the rows come after: the window is painted twice
        StartupTrace::mark("paint without rows begins");
    }
    if (rows > 0) {
        m_reported = true;
        StartupTrace::mark("paint with rows begins");
        watched->removeEventFilter(this);
        QTimer::singleShot(0, this, [this, rows] {
            StartupTrace::mark("first paint with rows");
            std::printf("painted %d rows\n", rows);
            std::fflush(stdout);
            // The window fills the detail pane from a timer set during that paint: this one
            // comes after it.
            QTimer::singleShot(0, this, [this] {
                if (m_view->currentIndex().isValid())
                    StartupTrace::mark("after it: the current run's overview filled");
                StartupTrace::print();
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        });
    }
    return QObject::eventFilter(watched, event);
}
