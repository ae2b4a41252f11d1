// The search-image upload (POST /api/v1/search-image-similarity/{id}) after cpp-httplib has split the
// multipart body. httplib's own parser is compiled into its shared library and not reachable here, so the
// input encodes the parts directly: parts separated by "\n--\n", each "name[;filename][;content type]" on its
// first line and the content after it. Parts become form fields or files by the HTTP layer's rule (no file
// name and no type = text field), then go through the route's reading steps in the route's order: entity_type
// and threshold, the `file` part, `bounding_box` against the uploaded image's size, and the pixel decode.
#include "BoundingBox.h"
#include "ExploreRequest.h"
#include "FuzzInput.h"
#include "ImageDecoder.h"

namespace {

vl::engine::ApiRequest requestFrom(const QByteArray& bytes) {
    vl::engine::ApiRequest request;
    request.method = QStringLiteral("POST");
    request.captures = QStringList{QStringLiteral("fuzz")};
    for (const QByteArray& part : vl::fuzz::pieces(bytes, "\n--\n")) {
        const qsizetype newline = part.indexOf('\n');
        const QList<QByteArray> header = (newline < 0 ? part : part.left(newline)).split(';');
        const QByteArray content = newline < 0 ? QByteArray() : part.mid(newline + 1);
        const QString name = QString::fromUtf8(header.value(0));
        const QString fileName = QString::fromUtf8(header.value(1));
        const QString type = QString::fromUtf8(header.value(2));
        if (fileName.isEmpty() && type.isEmpty())
            request.form.insert(name, QString::fromUtf8(content));
        else
            request.files.insert(name, vl::engine::UploadedFile{fileName, type, content});
    }
    return request;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const vl::engine::ApiRequest request = requestFrom(vl::fuzz::bytesOf(data, size));
    QList<vl::engine::ValidationIssue> issues;
    vl::engine::ExploreRequest::parseEntityType(request, issues);
    vl::engine::ExploreRequest::parseGranularity(request, issues);
    const auto file = request.files.constFind(QStringLiteral("file"));
    if (!issues.isEmpty() || file == request.files.constEnd() || file->content.isEmpty())
        return 0;
    const QString boxText = request.parameter(QStringLiteral("bounding_box")).value_or(QString()).trimmed();
    const QSize imageSize = vl::engine::ImageDecoder::orientedSize(file->content);
    if (const auto box = vl::BoundingBox::parse(boxText, imageSize); box && box->isValid())
        box->toPixels(imageSize);
    vl::engine::ImageDecoder::decode(file->content, 64 * 64);
    return 0;
}
