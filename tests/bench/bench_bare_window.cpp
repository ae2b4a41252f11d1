// bench_startup's baseline: the least a Qt Widgets program does before its first painted window (a main
// window with a label), stopped by the app's own FirstPaintProbe (VL_EXIT_AFTER_FIRST_PAINT).
#include "FirstPaintProbe.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    FirstPaintProbe::installIfRequested();
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("Hello"), &window));
    window.resize(1280, 800);
    window.show();
    return app.exec();
}
