#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <optional>

namespace vl {

// How to reach a local engine: DATA_DIR/engine.json = {"url", "api_key", "api_secret"}.
// The file holds a secret, so it is only ever readable by its owner.
struct EngineInfo {
    QUrl url;
    QString apiKey;
    QByteArray apiSecret;

    // Reads DATA_DIR/engine.json. On failure returns nullopt and a sentence naming the file and the problem
    // (missing file, malformed JSON, missing or mistyped field, unusable URL).
    static std::optional<EngineInfo> load(const QString& dataDir, QString* error);
    // Writes DATA_DIR/engine.json atomically; the file gets owner-only permissions before the secret is
    // written into it. Creates DATA_DIR when needed.
    bool save(const QString& dataDir, QString* error) const;
    static QString fileName(); // "engine.json"
    static QString filePath(const QString& dataDir);
};

} // namespace vl
