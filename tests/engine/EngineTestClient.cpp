#include "EngineTestClient.h"

#include "Jwt.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

QUrl EngineTestClient::url(const QString& path, const QUrlQuery& query) const {
    QUrl u = m_baseUrl;
    u.setPath(path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

QByteArray EngineTestClient::token(int lifetimeSeconds, qint64 issuedAtOffset) const {
    return vl::Jwt::mint(m_apiKey, m_apiSecret, QDateTime::currentDateTimeUtc().addSecs(issuedAtOffset),
                         lifetimeSeconds);
}

HttpResult EngineTestClient::send(const QByteArray& verb, const QUrl& url, const QByteArray& body,
                                  const QByteArray& contentType, const QByteArray* token) {
    QNetworkRequest request(url);
    request.setTransferTimeout(60000);
    const QByteArray auth = token ? *token : bearer();
    if (!auth.isEmpty())
        request.setRawHeader("Authorization", auth);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.json = QJsonDocument::fromJson(result.body);
    reply->deleteLater();
    return result;
}

HttpResult EngineTestClient::get(const QString& path, const QUrlQuery& query, const QByteArray* token) {
    return send("GET", url(path, query), {}, {}, token);
}

HttpResult EngineTestClient::getUrl(const QUrl& absoluteUrl, const QByteArray* token) {
    return send("GET", absoluteUrl, {}, {}, token);
}

HttpResult EngineTestClient::post(const QString& path, const QUrlQuery& query, const QByteArray& body,
                                  const QByteArray& contentType) {
    return send("POST", url(path, query), body, contentType, nullptr);
}

HttpResult EngineTestClient::postFile(const QString& path, const QUrlQuery& query, const QByteArray& fileData,
                                      const QList<QPair<QByteArray, QByteArray>>& formFields) {
    const QByteArray boundary = "----vlx-test-boundary-7d1f";
    QByteArray body;
    for (const auto& [name, value] : formFields) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
                value + "\r\n";
    }
    if (!fileData.isNull()) {
        body += "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"query.jpg\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" +
                fileData + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return send("POST", url(path, query), body, "multipart/form-data; boundary=" + boundary, nullptr);
}

HttpResult EngineTestClient::remove(const QString& path) {
    return send("DELETE", url(path), {}, {}, nullptr);
}

// QUrl normalises "../" away, so traversal attempts go over a plain socket.
HttpResult EngineTestClient::raw(const QByteArray& requestLine) {
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_baseUrl.port()));
    HttpResult result;
    if (!socket.waitForConnected(5000))
        return result;
    socket.write(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray response;
    while (socket.waitForReadyRead(5000))
        response += socket.readAll();
    response += socket.readAll();
    const int space = response.indexOf(' ');
    result.status = response.mid(space + 1, 3).toInt();
    const int split = response.indexOf("\r\n\r\n");
    result.body = split >= 0 ? response.mid(split + 4) : QByteArray();
    result.json = QJsonDocument::fromJson(result.body);
    return result;
}

QJsonObject EngineTestClient::waitForStatus(const QString& datasetId, const QStringList& states,
                                            int timeoutMs) {
    QJsonObject last;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        last = get("/api/v1/dataset/" + datasetId).object();
        if (states.contains(last.value("status_new").toString()))
            return last;
        QThread::msleep(50);
    }
    return last;
}

QList<QJsonObject> EngineTestClient::exploreAll(const QString& datasetId, const QString& entityType,
                                                const QList<QPair<QString, QString>>& extra) {
    QList<QJsonObject> all;
    for (int page = 0; page < 20; ++page) {
        QUrlQuery q;
        q.addQueryItem("entity_type", entityType);
        q.addQueryItem("threshold", "0");
        q.addQueryItem("page_number", QString::number(page));
        for (const auto& [k, v] : extra)
            q.addQueryItem(k, QString(QUrl::toPercentEncoding(v)));
        const HttpResult r = get("/api/v1/explore/" + datasetId, q);
        if (r.status != 200) {
            qWarning() << r.status << r.body;
            return {};
        }
        const QJsonArray pageClusters = r.object().value("clusters").toArray();
        if (pageClusters.isEmpty())
            break;
        for (const QJsonValue& c : pageClusters)
            all.append(c.toObject());
    }
    return all;
}

QList<QJsonObject> EngineTestClient::previewsOf(const QList<QJsonObject>& clusters) {
    QList<QJsonObject> all;
    for (const QJsonObject& c : clusters) {
        for (const QJsonValue& p : c.value("previews").toArray())
            all.append(p.toObject());
    }
    return all;
}
