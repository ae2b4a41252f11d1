#pragma once

#include <QString>
#include <QUrl>

namespace vl {

// One saved place to browse datasets. Settings hold only these fields; the cloud API key and
// secret live in the OS keychain (CredentialStore, keyed by the connection id).
struct Connection {
    enum class Kind { Local, Cloud, SelfHosted };

    QString id;
    Kind kind = Kind::Local;
    QString name;
    QUrl url; // empty for Local (the embedded engine's address changes every start)

    bool needsCredentials() const { return kind == Kind::Cloud; }

    static QString kindToString(Kind kind); // local / cloud / self-hosted
    static Kind kindFromString(const QString& text);
    static QString kindDisplayName(Kind kind); // "Local", "Visual Layer Cloud", "Self-hosted"
    static QString localId() { return QStringLiteral("local"); }
    static QUrl defaultCloudUrl() { return QUrl(QStringLiteral("https://app.visual-layer.com")); }
};

} // namespace vl
