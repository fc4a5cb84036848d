// The floor of the start-up benchmark: a Qt Widgets window with nothing behind it, started the
// way Runwatch is, saying when its first paint is done.

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QMainWindow>

#include "firstpaintreporter.h"

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QMainWindow window;
    auto *label = new QLabel(QStringLiteral("A bare window"), &window);
    window.setCentralWidget(label);
    label->installEventFilter(new FirstPaintReporter(sinceMain, &window));
    window.resize(1100, 720);
    window.show();
    return QApplication::exec();
}
