#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;

namespace vl {

class ConnectionManager;
class ConnectionsModel;

// The toolbar's "where the datasets come from": the saved connections, a Connect menu (cloud,
// self-hosted), and removing the current one. Choosing an entry asks the connection manager to
// connect; the list is saved whenever it changes.
class ConnectionSwitcher : public QWidget {
    Q_OBJECT
public:
    ConnectionSwitcher(ConnectionsModel* connections, ConnectionManager* manager, QWidget* parent = nullptr);

    void addConnection(bool cloud);
    void removeCurrentConnection();
    void selectCurrent(); // shows the manager's connection (or the last used one) as chosen
    void openPopup();
    void save();

signals:
    void message(const QString& text, bool isError);

private:
    void onChosen(int row);

    QPointer<ConnectionsModel> m_connections;
    QPointer<ConnectionManager> m_manager;
    QComboBox* m_combo;
};

} // namespace vl
