#pragma once

#include "ApiMessage.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace vl::engine {

// Who may call a route: anyone, a bearer of a valid JWT, or also a holder of a signed media URL.
enum class Access { Public, Token, SignedOrToken };

// The HTTP front: cpp-httplib on 127.0.0.1 only, serving on a thread of its own. Routes are
// registered before start(); each request passes the authoriser for its route's Access first.
class HttpServer {
public:
    using Handler = std::function<ApiResponse(const ApiRequest&)>;
    // Returns the error response when the request may not proceed.
    using Authorizer = std::function<std::optional<ApiResponse>(const ApiRequest&, Access)>;

    HttpServer();
    ~HttpServer();

    void setAuthorizer(Authorizer authorizer);
    // `pattern` is an ECMAScript regex over the path; its groups become ApiRequest::captures.
    void route(const QString& method, const QString& pattern, Access access, Handler handler);

    // Returns once the socket listens. `beforeServing` runs once the port is bound and before any request
    // is handled: state the handlers read (such as the engine's base URL) is set there, never after.
    bool start(quint16 port, QString* error, const std::function<void(quint16 port)>& beforeServing = {});
    void stop();
    bool isRunning() const;
    quint16 port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vl::engine
