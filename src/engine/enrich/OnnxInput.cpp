#include "OnnxInput.h"

#include <QPainter>

namespace vl::engine {
namespace {

QImage toRgb888(const QImage& image, int width, int height) {
    QImage rgb;
    if (image.hasAlphaChannel()) {
        rgb = QImage(image.size(), QImage::Format_RGB888);
        rgb.fill(Qt::white);
        QPainter painter(&rgb);
        painter.drawImage(0, 0, image);
    } else {
        rgb = image.convertToFormat(QImage::Format_RGB888);
    }
    if (rgb.width() != width || rgb.height() != height)
        rgb = rgb.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return rgb;
}

} // namespace

cv::Mat OnnxInput::imageBlob(const QImage& image, const PluginDescriptor& descriptor) {
    const int width = descriptor.inputWidth;
    const int height = descriptor.inputHeight;
    const bool nchw = descriptor.layout == PluginDescriptor::Layout::NCHW;
    const int shape[4] = {1, nchw ? 3 : height, nchw ? height : width, nchw ? width : 3};
    cv::Mat blob(4, shape, CV_32F, cv::Scalar(0));
    if (image.isNull() || width <= 0 || height <= 0)
        return blob;
    const QImage rgb = toRgb888(image, width, height);
    auto* out = blob.ptr<float>();
    for (int y = 0; y < height; ++y) {
        const uchar* row = rgb.constScanLine(y);
        for (int x = 0; x < width; ++x) {
            for (int c = 0; c < 3; ++c) {
                const int source = descriptor.bgr ? 2 - c : c; // RGB888 memory order is R, G, B
                const auto k = static_cast<size_t>(c);
                const double value =
                    (row[x * 3 + source] * descriptor.scale - descriptor.mean[k]) / descriptor.std[k];
                const size_t index = nchw ? (static_cast<size_t>(c) * height + y) * width + x
                                          : (static_cast<size_t>(y) * width + x) * 3 + c;
                out[index] = static_cast<float>(value);
            }
        }
    }
    return blob;
}

std::vector<int> OnnxInput::tokenIds(const QString& text, const PluginDescriptor& descriptor) {
    std::vector<int> ids;
    if (descriptor.bosId >= 0)
        ids.push_back(descriptor.bosId);
    for (const QString& word : PluginDescriptor::words(text)) {
        const int id = descriptor.tokenIds.value(word, descriptor.unknownId);
        if (id >= 0)
            ids.push_back(id);
    }
    if (descriptor.eosId >= 0)
        ids.push_back(descriptor.eosId);
    return ids;
}

cv::Mat OnnxInput::textBlob(const QString& text, const PluginDescriptor& descriptor) {
    std::vector<int> ids = tokenIds(text, descriptor);
    if (descriptor.textInput == PluginDescriptor::TextInput::BagOfWords) {
        cv::Mat counts(1, static_cast<int>(descriptor.vocabulary.size()), CV_32F, cv::Scalar(0));
        for (int id : ids)
            counts.at<float>(0, id) += 1.0f;
        return counts;
    }
    const auto length = static_cast<size_t>(descriptor.sequenceLength);
    if (ids.size() > length) {
        ids.resize(length);
        if (descriptor.eosId >= 0)
            ids.back() = descriptor.eosId;
    }
    cv::Mat sequence(1, descriptor.sequenceLength, CV_32F, cv::Scalar(descriptor.padId));
    for (size_t i = 0; i < ids.size(); ++i)
        sequence.at<float>(0, static_cast<int>(i)) = static_cast<float>(ids[i]);
    return sequence;
}

} // namespace vl::engine
