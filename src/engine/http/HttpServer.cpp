#include "HttpServer.h"

#include <httplib.h>

#include <QFile>
#include <QVector>

#include <atomic>
#include <chrono>
#include <memory>
#include <regex>
#include <thread>

namespace vl::engine {

namespace {

struct Route {
    QString method;
    QString pattern;
    Access access;
    HttpServer::Handler handler;
};

ApiRequest toApiRequest(const httplib::Request& req) {
    ApiRequest r;
    r.method = QString::fromStdString(req.method);
    r.path = QString::fromStdString(req.path);
    for (size_t i = 1; i < req.matches.size(); ++i)
        r.captures.append(QString::fromStdString(req.matches[i].str()));
    for (const auto& [key, value] : req.params) {
        const QString name = QString::fromStdString(key);
        if (!r.query.contains(name))
            r.query.insert(name, QString::fromStdString(value));
    }
    for (const auto& [key, part] : req.files) {
        const QString name = QString::fromStdString(key);
        if (part.filename.empty() && part.content_type.empty()) {
            r.form.insert(name, QString::fromStdString(part.content));
        } else {
            r.files.insert(name, UploadedFile{QString::fromStdString(part.filename),
                                              QString::fromStdString(part.content_type),
                                              QByteArray::fromStdString(part.content)});
        }
    }
    for (const auto& [key, value] : req.headers)
        r.headers.insert(QString::fromStdString(key).toLower(), QString::fromStdString(value));
    if (req.files.empty())
        r.body = QByteArray::fromStdString(req.body);
    return r;
}

// Large originals are streamed in chunks rather than held in memory once per request.
bool streamFile(const ApiResponse& from, httplib::Response& res) {
    auto file = std::make_shared<QFile>(from.filePath);
    if (!file->open(QIODevice::ReadOnly))
        return false;
    res.set_content_provider(size_t(file->size()), from.contentType.toStdString(),
                             [file](size_t offset, size_t length, httplib::DataSink& sink) {
                                 if (!file->seek(qint64(offset)))
                                     return false;
                                 const QByteArray chunk =
                                     file->read(qint64(std::min<size_t>(length, 256 * 1024)));
                                 if (chunk.isEmpty())
                                     return false;
                                 sink.write(chunk.constData(), size_t(chunk.size()));
                                 return true;
                             });
    return true;
}

void fillResponse(const ApiResponse& from, httplib::Response& res) {
    res.status = from.status;
    for (const auto& [name, value] : from.headers)
        res.set_header(name.toStdString(), value.toStdString());
    if (!from.filePath.isEmpty()) {
        if (streamFile(from, res))
            return;
        res.status = 404;
        res.set_content(R"({"detail":"Media not found"})", "application/json");
        return;
    }
    res.set_content(from.body.toStdString(), from.contentType.toStdString());
}

QString reasonFor(int status) {
    switch (status) {
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 413:
        return QStringLiteral("Request Entity Too Large");
    case 400:
        return QStringLiteral("Bad Request");
    default:
        return QStringLiteral("HTTP error %1").arg(status);
    }
}

} // namespace

struct HttpServer::Impl {
    QVector<Route> routes;
    Authorizer authorizer;
    std::unique_ptr<httplib::Server> server;
    std::thread thread;
    int port = 0;

    bool pathHasOtherMethod(const httplib::Request& req) const {
        const QString method = QString::fromStdString(req.method);
        for (const Route& route : routes) {
            if (route.method != method && std::regex_match(req.path, std::regex(route.pattern.toStdString())))
                return true;
        }
        return false;
    }

    void install(httplib::Server& s) {
        for (const Route& route : routes) {
            auto handler = [this, route](const httplib::Request& req, httplib::Response& res) {
                const ApiRequest request = toApiRequest(req);
                if (authorizer) {
                    if (auto denied = authorizer(request, route.access)) {
                        fillResponse(*denied, res);
                        return;
                    }
                }
                fillResponse(route.handler(request), res);
            };
            const std::string pattern = route.pattern.toStdString();
            if (route.method == QLatin1String("GET"))
                s.Get(pattern, handler);
            else if (route.method == QLatin1String("POST"))
                s.Post(pattern, handler);
            else if (route.method == QLatin1String("DELETE"))
                s.Delete(pattern, handler);
            else if (route.method == QLatin1String("PUT"))
                s.Put(pattern, handler);
        }
        s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            fillResponse(ApiResponse::detail(500, QStringLiteral("Internal Server Error")), res);
        });
        // Unmatched routes and library-level rejections still answer in the API's error shape.
        const httplib::Server::HandlerWithResponse onError = [this](const httplib::Request& req,
                                                                    httplib::Response& res) {
            if (res.status == 404 && res.body.empty() && pathHasOtherMethod(req))
                res.status = 405; // as FastAPI answers: the path exists, the method does not
            if (res.body.empty())
                fillResponse(ApiResponse::detail(res.status, reasonFor(res.status)), res);
            return httplib::Server::HandlerResponse::Handled;
        };
        s.set_error_handler(onError);
        s.set_payload_max_length(size_t(256) * 1024 * 1024);
        s.set_keep_alive_timeout(2); // idle keep-alive connections hold up stop() for at most this long
        // A response is written as headers, then body: with Nagle's algorithm the body waits for the
        // client's delayed ACK of the headers (40 ms on Linux), which capped thumbnails at ~190/s.
        s.set_tcp_nodelay(true);
        // httplib closes a connection after 5 requests by default; a grid reuses its few connections.
        s.set_keep_alive_max_count(1000);
        // httplib's default adds SO_REUSEPORT, which would let a second engine bind the same port and
        // take over part of the connections; a taken port must fail instead.
        s.set_socket_options([](socket_t sock) {
            int yes = 1;
#ifdef _WIN32
            setsockopt(sock, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char*>(&yes),
                       sizeof(yes));
#else
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
#endif
        });
    }
};

HttpServer::HttpServer()
    : d(std::make_unique<Impl>()) {}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::setAuthorizer(Authorizer authorizer) {
    d->authorizer = std::move(authorizer);
}

void HttpServer::route(const QString& method, const QString& pattern, Access access, Handler handler) {
    d->routes.append(Route{method, pattern, access, std::move(handler)});
}

bool HttpServer::start(quint16 port, QString* error, const std::function<void(quint16 port)>& beforeServing) {
    stop();
    d->server = std::make_unique<httplib::Server>();
    d->install(*d->server);
    // Loopback only: the engine serves the user's own files and must never be reachable from the network.
    const std::string host = "127.0.0.1";
    if (port == 0) {
        d->port = d->server->bind_to_any_port(host);
    } else {
        d->port = d->server->bind_to_port(host, port) ? port : -1;
    }
    if (d->port <= 0) {
        if (error)
            *error = QStringLiteral("Cannot listen on 127.0.0.1:%1").arg(port);
        d->server.reset();
        d->port = 0;
        return false;
    }
    if (beforeServing)
        beforeServing(quint16(d->port));
    httplib::Server* server = d->server.get();
    auto exited = std::make_shared<std::atomic<bool>>(false);
    d->thread = std::thread([server, exited] {
        server->listen_after_bind();
        *exited = true;
    });
    // stop() only interrupts a server that has entered its accept loop, so wait for it.
    while (!server->is_running() && !*exited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}

void HttpServer::stop() {
    if (d->server)
        d->server->stop();
    if (d->thread.joinable())
        d->thread.join();
    d->server.reset();
    d->port = 0;
}

bool HttpServer::isRunning() const {
    return d->server && d->port > 0;
}

quint16 HttpServer::port() const {
    return quint16(d->port);
}

} // namespace vl::engine
