#pragma once

#include <QObject>

// Start-up measurement hook (tests/bench/bench_startup): when the environment variable
// VL_EXIT_AFTER_FIRST_PAINT is set, the first paint of any widget of the process is followed, once that
// paint pass is over, by the line "first paint" on standard output and a normal quit. Otherwise nothing
// is installed.
class FirstPaintProbe : public QObject {
    Q_OBJECT
public:
    static void installIfRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
    bool m_seen = false;
};
