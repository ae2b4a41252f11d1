#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace vl {

class ConnectionManager;
class ConnectionsModel;

// "Connect to Visual Layer Cloud": API key + secret (the secret is shown once by Visual Layer, so it
// is typed or pasted here), a "Test connection" step, then the pair goes to the keychain only.
// With cloud = false it is the "Self-hosted server" dialog: a URL and no credentials.
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Cloud, SelfHosted };
    ConnectionDialog(Kind kind, ConnectionManager* manager, ConnectionsModel* connections,
                     QWidget* parent = nullptr);

    QString addedConnectionId() const { return m_addedId; }

    // For tests.
    QLineEdit* urlEdit() const { return m_url; }
    QLineEdit* keyEdit() const { return m_key; }
    QLineEdit* secretEdit() const { return m_secret; }
    QPushButton* testButton() const { return m_test; }
    QString statusText() const;

private:
    QUrl enteredUrl() const;
    void updateButtons();
    void testConnection();
    void save();
    void setStatus(const QString& text, bool ok);

    Kind m_kind;
    QPointer<ConnectionManager> m_manager;
    QPointer<ConnectionsModel> m_connections;
    QLineEdit* m_name;
    QLineEdit* m_url;
    QLineEdit* m_key = nullptr;
    QLineEdit* m_secret = nullptr;
    QPushButton* m_test;
    QPushButton* m_save;
    QLabel* m_status;
    QString m_addedId;
    bool m_testing = false;
};

} // namespace vl
