#include "ConnectionStatusPage.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vl {

ConnectionStatusPage::ConnectionStatusPage(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_retry(new QPushButton(icon("refresh"), tr("Retry"), this))
    , m_choose(new QPushButton(tr("Choose another connection…"), this)) {
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_reason->setAlignment(Qt::AlignCenter);
    m_reason->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("connectionFailureReason"));
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->setMaximumWidth(560);
    auto* logo = new QLabel(this);
    logo->setPixmap(icon("app").pixmap(64, 64));
    logo->setAlignment(Qt::AlignCenter);
    connect(m_retry, &QPushButton::clicked, this, &ConnectionStatusPage::retryRequested);
    connect(m_choose, &QPushButton::clicked, this, &ConnectionStatusPage::chooseConnectionRequested);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_retry);
    buttons->addWidget(m_choose);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(logo);
    layout->addWidget(m_title);
    // Centred by stretches, not an alignment flag: an aligned item gets its one-line size hint and a
    // wrapped reason would be cut after the first line.
    auto* reasonRow = new QHBoxLayout;
    reasonRow->addStretch();
    reasonRow->addWidget(m_reason, 100);
    reasonRow->addStretch();
    layout->addLayout(reasonRow);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(2);
}

void ConnectionStatusPage::showConnecting(const QString& connectionName) {
    m_title->setText(tr("Connecting to %1…").arg(connectionName));
    m_reason->clear();
    m_retry->hide();
    m_choose->hide();
}

void ConnectionStatusPage::showStartingEngine() {
    m_title->setText(tr("Starting the local engine…"));
    m_reason->setText(tr("Opening the catalogue of local datasets. This takes a moment the first time."));
    m_retry->hide();
    m_choose->show(); // a cloud connection need not wait for the engine
}

void ConnectionStatusPage::showFailure(const QString& connectionName, const QString& reason) {
    m_title->setText(tr("Could not connect to %1").arg(connectionName));
    m_reason->setText(reason);
    m_retry->show();
    m_choose->show();
    m_retry->setFocus();
}

QString ConnectionStatusPage::titleText() const {
    return m_title->text();
}

QString ConnectionStatusPage::reasonText() const {
    return m_reason->text();
}

bool ConnectionStatusPage::showState(const ConnectionManager& manager) {
    const Connection& connection = manager.current();
    const QString name =
        connection.name.isEmpty() ? Connection::kindDisplayName(connection.kind) : connection.name;
    switch (manager.state()) {
    case ConnectionManager::State::Connecting:
        if (connection.kind == Connection::Kind::Local && manager.isLocalStarting())
            showStartingEngine();
        else
            showConnecting(name);
        return true;
    case ConnectionManager::State::Failed:
        showFailure(name, manager.failureReason());
        return true;
    default:
        return false;
    }
}

} // namespace vl
