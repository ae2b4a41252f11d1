#pragma once

#include "ConnectionManager.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace vl {

// Shown instead of the dataset list while connecting or after a failure: what happened, why, and
// buttons to retry or pick another connection. Never a blank window.
class ConnectionStatusPage : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionStatusPage(QWidget* parent = nullptr);
    void showConnecting(const QString& connectionName);
    void showStartingEngine();
    QString titleText() const;
    void showFailure(const QString& connectionName, const QString& reason);
    QString reasonText() const;
    // Shows what the manager's state means; false when the page has nothing to say (connected).
    bool showState(const ConnectionManager& manager);

signals:
    void retryRequested();
    void chooseConnectionRequested();

private:
    QLabel* m_title;
    QLabel* m_reason;
    QPushButton* m_retry;
    QPushButton* m_choose;
};

} // namespace vl
