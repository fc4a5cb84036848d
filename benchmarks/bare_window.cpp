// The floor of the start-up benchmark: a Qt Widgets window with nothing behind it, started the
// way Runwatch is, saying when its first paint is done.

#include <cstdio>

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QLabel>
#include <QMainWindow>
#include <QTimer>

namespace {
QElapsedTimer sinceMain;

class PaintReporter final : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_reported) {
            m_reported = true;
            QTimer::singleShot(0, this, [] {
                // As Runwatch says it: what came before main() is the rest of the figure.
                std::printf("checkpoint %.3f first paint\n", sinceMain.nsecsElapsed() / 1e6);
                std::printf("painted\n");
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_reported = false;
};
} // namespace

int main(int argc, char *argv[])
{
    sinceMain.start();
    QApplication app(argc, argv);
    QMainWindow window;
    auto *label = new QLabel(QStringLiteral("A bare window"), &window);
    window.setCentralWidget(label);
    label->installEventFilter(new PaintReporter(&window));
    window.resize(1100, 720);
    window.show();
    return QApplication::exec();
}
