#include "StatusIndicators.h"

#include "Icons.h"
#include "Session.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>

namespace vl {

StatusIndicators::StatusIndicators(QStatusBar* bar)
    : QObject(bar)
    , m_connectionIcon(new QLabel(bar))
    , m_connectionLabel(new QLabel(bar))
    , m_retryLabel(new QLabel(bar))
    , m_activityLabel(new QLabel(bar))
    , m_activityBar(new QProgressBar(bar))
    , m_bar(bar) {
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_retryLabel->setObjectName(QStringLiteral("retryLabel"));
    m_activityBar->setRange(0, 0); // busy indicator
    m_activityBar->setMaximumWidth(90);
    m_activityBar->setMaximumHeight(12);
    m_activityBar->hide();
    bar->addWidget(m_connectionIcon);
    bar->addWidget(m_connectionLabel);
    bar->addPermanentWidget(m_retryLabel);
    bar->addPermanentWidget(m_activityLabel);
    bar->addPermanentWidget(m_activityBar);
    m_retryClear.setSingleShot(true);
    connect(&m_retryClear, &QTimer::timeout, m_retryLabel, &QLabel::clear);
}

void StatusIndicators::showConnection(const Connection& connection, ConnectionManager::State state,
                                      bool engineStarting) {
    const QString name =
        connection.name.isEmpty() ? Connection::kindDisplayName(connection.kind) : connection.name;
    switch (state) {
    case ConnectionManager::State::Connecting:
        m_connectionLabel->setText(engineStarting ? tr("%1 — starting…").arg(name)
                                                  : tr("%1 — connecting…").arg(name));
        break;
    case ConnectionManager::State::Connected:
        m_connectionLabel->setText(tr("%1 — connected").arg(name));
        break;
    case ConnectionManager::State::Failed:
        m_connectionLabel->setText(tr("%1 — not connected").arg(name));
        break;
    case ConnectionManager::State::Disconnected:
        m_connectionLabel->setText(tr("Not connected"));
        break;
    }
    m_connectionLabel->setToolTip(connection.url.toDisplayString());
    const char* iconName = connection.kind == Connection::Kind::Cloud        ? "connection-cloud"
                           : connection.kind == Connection::Kind::SelfHosted ? "connection-server"
                                                                             : "connection-local";
    m_connectionIcon->setPixmap(icon(iconName).pixmap(16, 16));
}

void StatusIndicators::setSession(Session* session) {
    showActivity(0);
    m_retryLabel->clear();
    connect(session, &Session::activityChanged, this, &StatusIndicators::showActivity);
    connect(session, &Session::retryScheduled, this, &StatusIndicators::showRetry);
}

void StatusIndicators::showProgress(const QString& text) {
    if (text.isEmpty())
        m_bar->clearMessage();
    else
        m_bar->showMessage(text);
}

QString StatusIndicators::retryText() const {
    return m_retryLabel->text();
}

void StatusIndicators::showActivity(int active) {
    m_activityBar->setVisible(active > 0);
    m_activityLabel->setText(
        active > 0 ? (active == 1 ? tr("1 request running") : tr("%1 requests running").arg(active))
                   : QString());
}

void StatusIndicators::showRetry(const QString& operation, int attempt, int delayMs) {
    const int seconds = qMax(1, (delayMs + 999) / 1000);
    m_retryLabel->setText(tr("retrying in %n s", nullptr, seconds));
    m_retryLabel->setToolTip(tr("Could not %1 (attempt %2); trying again.").arg(operation).arg(attempt));
    m_retryClear.start(delayMs + 1000);
}

} // namespace vl
