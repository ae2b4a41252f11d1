// ImageDecoder::decode on arbitrary bytes with a small pixel limit: the header check must refuse bombs
// before decoding, and whatever Qt's plugins accept must come back oriented without crashing.
#include "FuzzInput.h"
#include "ImageDecoder.h"
#include "ImageMetadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes = vl::fuzz::bytesOf(data, size);
    constexpr qint64 kMaxPixels = 64 * 64; // small, so the fuzzer spends its time in headers, not pixels
    const vl::engine::ImageDecoder::Result full = vl::engine::ImageDecoder::decode(bytes, kMaxPixels);
    const vl::engine::ImageDecoder::Result scaled = vl::engine::ImageDecoder::decode(bytes, kMaxPixels, 16);
    vl::engine::ImageDecoder::isTruncatedJpeg(bytes);
    if (!full.image.isNull())
        vl::engine::ImageMetadata::description(bytes, full.text);
    (void)scaled;
    return 0;
}
