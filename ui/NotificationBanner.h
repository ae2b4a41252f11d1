#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;

namespace vl {

// An in-app banner at the top of the window for finished tasks and other news; hides itself after
// a while or when closed.
class NotificationBanner : public QWidget {
    Q_OBJECT
public:
    explicit NotificationBanner(QWidget* parent = nullptr);
    void showMessage(const QString& text, bool isError, int timeoutMs = 10000);
    QString text() const;

private:
    QLabel* m_text;
    QTimer m_hideTimer;
};

} // namespace vl
