// GET /api/v1/explore parameters: the input is query parameters, one `name=value` per line, as the HTTP
// layer hands them over (decoded, first value of each). The whole input is also read as a VQL array and as a
// full-text query, the two languages the parameters carry.
#include "ExploreRequest.h"
#include "FullTextQuery.h"
#include "FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes = vl::fuzz::bytesOf(data, size);
    const QString text = QString::fromUtf8(bytes);

    QString error;
    vl::engine::ExploreRequest::parseVql(text, &error);
    if (const auto query = vl::engine::FullTextQuery::parse(text, &error))
        query->describe();
    vl::engine::ExploreRequest::parseList(text);

    vl::engine::ApiRequest request;
    request.method = QStringLiteral("GET");
    request.path = QStringLiteral("/api/v1/explore/fuzz");
    request.captures = QStringList{QStringLiteral("fuzz")};
    for (const QByteArray& line : vl::fuzz::pieces(bytes, "\n")) {
        const qsizetype equals = line.indexOf('=');
        const QString name = QString::fromUtf8(line.left(equals < 0 ? line.size() : equals));
        if (!request.query.contains(name))
            request.query.insert(name, equals < 0 ? QString() : QString::fromUtf8(line.mid(equals + 1)));
    }
    vl::engine::ApiResponse response;
    vl::engine::ExploreRequest::parse(request, &response);
    return 0;
}
