#include "AfterFirstPaint.h"

#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

void AfterFirstPaint::run(QWidget* window, std::function<void()> function, int fallbackMs) {
    new AfterFirstPaint(window, std::move(function), fallbackMs); // deletes itself once it has run
}

AfterFirstPaint::AfterFirstPaint(QWidget* window, std::function<void()> function, int fallbackMs)
    : QObject(QCoreApplication::instance())
    , m_window(window)
    , m_function(std::move(function)) {
    QCoreApplication::instance()->installEventFilter(this);
    m_fallback.setSingleShot(true);
    connect(&m_fallback, &QTimer::timeout, this, &AfterFirstPaint::fire);
    m_fallback.start(fallbackMs);
}

// Paint events go to the window's widgets, not to the window alone: any of them counts.
bool AfterFirstPaint::eventFilter(QObject* watched, QEvent* event) {
    if (!m_painted && event->type() == QEvent::Paint && watched->isWidgetType() && m_window &&
        static_cast<QWidget*>(watched)->window() == m_window) {
        m_painted = true;
        // A zero timer fires after the whole paint pass (every widget of the window, then the flush).
        m_fallback.start(0);
    }
    return QObject::eventFilter(watched, event);
}

void AfterFirstPaint::fire() {
    QCoreApplication::instance()->removeEventFilter(this);
    const std::function<void()> function = std::move(m_function);
    deleteLater();
    if (function)
        function();
}
