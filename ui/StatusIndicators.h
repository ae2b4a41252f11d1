#pragma once

#include "ConnectionManager.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace vl {

class Session;

// What the window's status bar shows: the connection (icon, name, state), requests running, and
// "retrying in 4 s" while a request waits for its next attempt.
class StatusIndicators : public QObject {
    Q_OBJECT
public:
    explicit StatusIndicators(QStatusBar* bar);

    void showConnection(const Connection& connection, ConnectionManager::State state, bool engineStarting);
    void setSession(Session* session);
    QString retryText() const;
    void showProgress(const QString& text); // a passing message ("Creating a dataset…"); empty clears

private:
    void showActivity(int active);
    void showRetry(const QString& operation, int attempt, int delayMs);

    QLabel* m_connectionIcon;
    QLabel* m_connectionLabel;
    QLabel* m_retryLabel;
    QLabel* m_activityLabel;
    QProgressBar* m_activityBar;
    QStatusBar* m_bar;
    QTimer m_retryClear;
};

} // namespace vl
