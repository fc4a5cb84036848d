// What the start-up floors share with Runwatch's --report-first-paint: once the watched widget
// has painted, say so on standard output and quit.

#pragma once

#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QTimer>

class FirstPaintReporter final : public QObject
{
public:
    // `sinceMain` was started as main() began.
    FirstPaintReporter(const QElapsedTimer &sinceMain, QObject *parent)
        : QObject(parent)
        , m_sinceMain(sinceMain)
    { }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_reported) {
            m_reported = true;
            QTimer::singleShot(0, this, [this] {
                // As Runwatch says it: what came before main() is the rest of the figure.
                std::printf("checkpoint %.3f first paint\n", m_sinceMain.nsecsElapsed() / 1e6);
                std::printf("painted\n");
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_sinceMain;
    bool m_reported = false;
};
