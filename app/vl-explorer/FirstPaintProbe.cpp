#include "FirstPaintProbe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

#include <cstdio>

void FirstPaintProbe::installIfRequested() {
    if (qEnvironmentVariableIsEmpty("VL_EXIT_AFTER_FIRST_PAINT"))
        return;
    QCoreApplication::instance()->installEventFilter(new FirstPaintProbe(QCoreApplication::instance()));
}

bool FirstPaintProbe::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Paint && watched->isWidgetType() && !m_seen) {
        m_seen = true;
        // A zero timer fires after the whole paint pass (every widget of the window, then the flush).
        QTimer::singleShot(0, [] {
            std::printf("first paint\n");
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    return QObject::eventFilter(watched, event);
}
