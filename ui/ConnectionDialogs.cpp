#include "ConnectionDialogs.h"

#include "Theme.h"

#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "Icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace vl {

ConnectionDialog::ConnectionDialog(Kind kind, ConnectionManager* manager, ConnectionsModel* connections,
                                   QWidget* parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_manager(manager)
    , m_connections(connections)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_test(new QPushButton(tr("Test connection"), this))
    , m_save(new QPushButton(tr("Save and connect"), this))
    , m_status(new QLabel(this)) {
    const bool cloud = kind == Kind::Cloud;
    setWindowTitle(cloud ? tr("Connect to Visual Layer Cloud") : tr("Add a self-hosted server"));
    setWindowIcon(icon(cloud ? "connection-cloud" : "connection-server"));
    auto* intro = new QLabel(
        cloud
            ? tr("Enter an API key and secret from Visual Layer (Settings → API credentials). The secret is "
                 "shown only once when it is created. Both are kept in this computer's keychain, never in "
                 "settings files.")
            : tr("Enter the address of a self-hosted Visual Layer server, e.g. http://server:2080. "
                 "Self-hosted servers need no API key."),
        this);
    intro->setWordWrap(true);
    m_name->setText(cloud ? tr("Visual Layer Cloud") : tr("Self-hosted"));
    m_url->setText(cloud ? Connection::defaultCloudUrl().toString()
                         : QStringLiteral("http://localhost:2080"));
    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Server"), m_url);
    if (cloud) {
        m_key = new QLineEdit(this);
        m_key->setPlaceholderText(tr("API key"));
        m_secret = new QLineEdit(this);
        m_secret->setEchoMode(QLineEdit::Password);
        m_secret->setPlaceholderText(tr("API secret"));
        form->addRow(tr("API key"), m_key);
        form->addRow(tr("API secret"), m_secret);
        connect(m_key, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
        connect(m_secret, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
    }
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("connectionStatus"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    m_save->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_save, &QPushButton::clicked, this, &ConnectionDialog::save);
    connect(m_url, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    updateButtons();
}

QUrl ConnectionDialog::enteredUrl() const {
    QString text = m_url->text().trimmed();
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() ? url : QUrl();
}

void ConnectionDialog::updateButtons() {
    bool complete = enteredUrl().isValid();
    if (m_kind == Kind::Cloud)
        complete = complete && !m_key->text().trimmed().isEmpty() && !m_secret->text().isEmpty();
    m_test->setEnabled(complete && !m_testing);
    m_save->setEnabled(complete && !m_testing);
}

void ConnectionDialog::setStatus(const QString& text, bool ok) {
    m_status->setText(text);
    m_status->setStyleSheet(ok ? Theme::successTextStyle() : Theme::errorTextStyle());
}

QString ConnectionDialog::statusText() const {
    return m_status->text();
}

void ConnectionDialog::testConnection() {
    if (!m_manager)
        return;
    m_testing = true;
    updateButtons();
    m_status->setStyleSheet({});
    m_status->setText(tr("Testing…"));
    const QString key = m_key ? m_key->text().trimmed() : QString();
    const QByteArray secret = m_secret ? m_secret->text().toUtf8() : QByteArray();
    QPointer<ConnectionDialog> self(this);
    m_manager->testConnection(enteredUrl(), key, secret, [self](bool ok, const QString& message) {
        if (!self)
            return;
        self->m_testing = false;
        self->setStatus(message, ok);
        self->updateButtons();
    });
}

void ConnectionDialog::save() {
    if (!m_connections)
        return;
    const QString name = m_name->text().trimmed().isEmpty() ? enteredUrl().host() : m_name->text().trimmed();
    if (m_kind == Kind::SelfHosted) {
        m_addedId = m_connections->addSelfHosted(name, enteredUrl());
        accept();
        return;
    }
    m_save->setEnabled(false);
    QPointer<ConnectionDialog> self(this);
    ApiCredentials credentials{m_key->text().trimmed(), m_secret->text().toUtf8()};
    m_connections->addCloud(name, enteredUrl(), credentials, [self](const SecretStore::Result& result) {
        if (!self)
            return;
        if (result.status != SecretStore::Status::Ok) {
            self->setStatus(tr("The keychain did not store the credentials, so nothing was saved: %1")
                                .arg(result.message),
                            false);
            self->updateButtons();
            return;
        }
        self->m_addedId = QString::fromUtf8(result.data);
        self->accept();
    });
}

} // namespace vl
