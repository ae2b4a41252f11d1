#pragma once

#include <QObject>

class QSystemTrayIcon;

namespace vl {

// The system tray entry (where the desktop has a tray): tells about finished tasks while the window
// may be hidden behind others.
class TrayIcon : public QObject {
    Q_OBJECT
public:
    explicit TrayIcon(QObject* parent = nullptr);

    bool isAvailable() const { return m_tray != nullptr; }
    void showTaskFinished(const QString& title, bool succeeded, const QString& message);

private:
    QSystemTrayIcon* m_tray = nullptr;
};

} // namespace vl
