#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

// Talks to a running engine over real HTTP on loopback and waits for each reply (test code only).
struct HttpResult {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonDocument json;
    QJsonObject object() const { return json.object(); }
    QJsonArray array() const { return json.array(); }
    QString detail() const { return json.object().value("detail").toString(); }
};

class EngineTestClient {
public:
    EngineTestClient(QUrl baseUrl, QString apiKey, QByteArray apiSecret)
        : m_baseUrl(std::move(baseUrl))
        , m_apiKey(std::move(apiKey))
        , m_apiSecret(std::move(apiSecret)) {}

    // Authorization header value: a fresh valid token unless `token` overrides it ("" = no header).
    HttpResult get(const QString& path, const QUrlQuery& query = {}, const QByteArray* token = nullptr);
    HttpResult getUrl(const QUrl& absoluteUrl, const QByteArray* token = nullptr);
    HttpResult post(const QString& path, const QUrlQuery& query = {}, const QByteArray& body = {},
                    const QByteArray& contentType = "application/json");
    HttpResult postFile(const QString& path, const QUrlQuery& query, const QByteArray& fileData,
                        const QList<QPair<QByteArray, QByteArray>>& formFields = {});
    HttpResult remove(const QString& path);
    HttpResult raw(const QByteArray& requestLine); // a hand-written request, unnormalised path

    QByteArray token(int lifetimeSeconds = 600, qint64 issuedAtOffset = 0) const;
    QByteArray bearer() const { return "Bearer " + token(); }
    QUrl url(const QString& path, const QUrlQuery& query = {}) const;

    // Every cluster of every explore page (threshold 0) for the entity type, with extra query items (values
    // are percent-encoded here); empty when a page fails.
    QList<QJsonObject> exploreAll(const QString& datasetId, const QString& entityType,
                                  const QList<QPair<QString, QString>>& extra = {});
    static QList<QJsonObject> previewsOf(const QList<QJsonObject>& clusters);

    // Polls GET /dataset/{id} until status_new is one of `states`; returns the last object.
    QJsonObject waitForStatus(const QString& datasetId, const QStringList& states, int timeoutMs = 120000);

private:
    HttpResult send(const QByteArray& verb, const QUrl& url, const QByteArray& body,
                    const QByteArray& contentType, const QByteArray* token);
    QUrl m_baseUrl;
    QString m_apiKey;
    QByteArray m_apiSecret;
    QNetworkAccessManager m_network;
};
