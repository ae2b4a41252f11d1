#include "ConnectionSwitcher.h"

#include "ConnectionDialogs.h"
#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "Icons.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QToolButton>

namespace vl {

ConnectionSwitcher::ConnectionSwitcher(ConnectionsModel* connections, ConnectionManager* manager,
                                       QWidget* parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_manager(manager)
    , m_combo(new QComboBox(this)) {
    m_combo->setObjectName(QStringLiteral("connectionSwitcher"));
    m_combo->setModel(connections);
    m_combo->setMinimumContentsLength(18);
    m_combo->setToolTip(tr("Where the datasets come from"));
    connect(m_combo, qOverload<int>(&QComboBox::activated), this, &ConnectionSwitcher::onChosen);

    auto* connectButton = new QToolButton(this);
    connectButton->setIcon(icon("connection-cloud"));
    connectButton->setText(tr("Connect"));
    connectButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connectButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(connectButton);
    menu->addAction(icon("connection-cloud"), tr("Visual Layer Cloud…"), this,
                    [this] { addConnection(true); });
    menu->addAction(icon("connection-server"), tr("Self-hosted server…"), this,
                    [this] { addConnection(false); });
    connectButton->setMenu(menu);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addWidget(connectButton);
}

void ConnectionSwitcher::selectCurrent() {
    const QString id =
        m_manager->current().id.isEmpty() ? m_connections->lastConnectionId() : m_manager->current().id;
    const int row = m_connections->rowOf(id);
    if (row >= 0)
        m_combo->setCurrentIndex(row);
}

void ConnectionSwitcher::openPopup() {
    m_combo->setFocus();
    m_combo->showPopup();
}

void ConnectionSwitcher::onChosen(int row) {
    if (row < 0)
        return;
    const QString id = m_connections->connection(row).id;
    if (id == m_manager->current().id && m_manager->state() == ConnectionManager::State::Connected)
        return;
    m_manager->connectTo(id);
    save();
}

void ConnectionSwitcher::addConnection(bool cloud) {
    ConnectionDialog dialog(cloud ? ConnectionDialog::Kind::Cloud : ConnectionDialog::Kind::SelfHosted,
                            m_manager, m_connections, window());
    if (dialog.exec() != QDialog::Accepted || dialog.addedConnectionId().isEmpty())
        return;
    save();
    m_manager->connectTo(dialog.addedConnectionId());
}

void ConnectionSwitcher::removeCurrentConnection() {
    const Connection connection = m_manager->current();
    if (connection.kind == Connection::Kind::Local || connection.id.isEmpty()) {
        emit message(tr("The local connection cannot be removed."), true);
        return;
    }
    if (QMessageBox::question(
            window(), tr("Remove connection"),
            tr("Remove \"%1\"? Its API key is also removed from the keychain.").arg(connection.name)) !=
        QMessageBox::Yes)
        return;
    m_connections->remove(connection.id);
    save();
    m_manager->connectTo(Connection::localId());
}

void ConnectionSwitcher::save() {
    QSettings settings;
    m_connections->save(settings);
}

} // namespace vl
