// The floor of the start-up benchmark: a Qt Widgets window with nothing behind it, started the
// way Runwatch is, saying when its first paint is done.

#include <cstdio>

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QMainWindow>
#include <QTimer>

namespace {
class PaintReporter final : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_reported) {
            m_reported = true;
            QTimer::singleShot(0, this, [] {
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
    QApplication app(argc, argv);
    QMainWindow window;
    auto *label = new QLabel(QStringLiteral("A bare window"), &window);
    window.setCentralWidget(label);
    label->installEventFilter(new PaintReporter(&window));
    window.resize(1100, 720);
    window.show();
    return QApplication::exec();
}
