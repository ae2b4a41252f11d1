#include "TrayIcon.h"

#include "Icons.h"

#include <QSystemTrayIcon>

namespace vl {

TrayIcon::TrayIcon(QObject* parent)
    : QObject(parent) {
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(icon("app"), this);
    m_tray->setToolTip(tr("VL Explorer"));
    m_tray->show();
}

void TrayIcon::showTaskFinished(const QString& title, bool succeeded, const QString& message) {
    if (!m_tray || !m_tray->isVisible())
        return;
    m_tray->showMessage(tr("VL Explorer"), succeeded ? tr("%1 is ready.").arg(title) : message,
                        succeeded ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
}

} // namespace vl
