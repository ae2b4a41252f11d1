#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class QWidget;

// Runs a function once `window` has been painted for the first time (after that whole paint pass),
// or after `fallbackMs` if no paint comes (a window started hidden or minimised). main() starts the
// local engine this way: its start (catalogue, learned models) takes over a second of CPU, and on a
// small machine it would otherwise compete with building and painting the first frame.
class AfterFirstPaint : public QObject {
    Q_OBJECT
public:
    static void run(QWidget* window, std::function<void()> function, int fallbackMs = 1000);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    AfterFirstPaint(QWidget* window, std::function<void()> function, int fallbackMs);
    void fire();

    QPointer<QWidget> m_window;
    std::function<void()> m_function;
    QTimer m_fallback;
    bool m_painted = false;
};
