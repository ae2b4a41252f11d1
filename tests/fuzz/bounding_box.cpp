// BoundingBox::parse on arbitrary text, with and without an image size (the pixel forms need one), and on
// the JSON value when the text is JSON. Whatever parses must convert to pixels and back without UB.
#include "BoundingBox.h"
#include "FuzzInput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

void exercise(const std::optional<vl::BoundingBox>& box, const QSize& size) {
    if (!box)
        return;
    box->isValid();
    box->isWholeImage();
    const QRectF pixels = box->clamped().toPixels(size);
    vl::BoundingBox::fromPixels(pixels, size);
    box->toJsonString();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes = vl::fuzz::bytesOf(data, size);
    // The first two bytes pick an image size, including the degenerate 0 x 0 and 1 x 1.
    const QSize imageSize = size >= 2 ? QSize(data[0] * 16, data[1] * 16) : QSize(640, 480);
    const QString text = QString::fromUtf8(bytes);
    exercise(vl::BoundingBox::parse(text), imageSize);
    exercise(vl::BoundingBox::parse(text, imageSize), imageSize);
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    const QJsonValue value =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    if (!document.isNull()) {
        exercise(vl::BoundingBox::parse(value, imageSize), imageSize);
        if (const auto raw = vl::BoundingBox::rawRect(value))
            vl::BoundingBox::looksLikePixels(*raw);
    }
    return 0;
}
