#include "OnnxImageEncoder.h"

#include "OnnxInput.h"

#include <cmath>

namespace vl::engine {
namespace {

QVector<float> normalised(const std::vector<float>& values) {
    double squares = 0;
    for (float v : values)
        squares += double(v) * v;
    const double norm = std::sqrt(squares);
    QVector<float> result(static_cast<int>(values.size()), 0.0f);
    if (norm <= 0) // an all-zero embedding stays zero: it matches nothing rather than everything
        return result;
    for (size_t i = 0; i < values.size(); ++i)
        result[static_cast<int>(i)] = static_cast<float>(values[i] / norm);
    return result;
}

} // namespace

std::unique_ptr<OnnxImageEncoder> OnnxImageEncoder::load(const PluginDescriptor& descriptor, QString* error) {
    auto encoder = std::unique_ptr<OnnxImageEncoder>(new OnnxImageEncoder);
    encoder->m_descriptor = descriptor;
    if (!descriptor.isValid()) {
        if (error)
            *error = descriptor.error;
        return nullptr;
    }
    if (!encoder->m_imagePool.load(descriptor.modelPath, error))
        return nullptr;
    QImage blank(descriptor.inputWidth, descriptor.inputHeight, QImage::Format_RGB32);
    blank.fill(Qt::gray);
    QString runError;
    const std::vector<float> image =
        encoder->m_imagePool.runFlat(OnnxInput::imageBlob(blank, descriptor), &runError);
    if (image.empty()) {
        if (error)
            *error = runError;
        return nullptr;
    }
    encoder->m_dimension = static_cast<int>(image.size());
    if (!descriptor.hasTextEncoder())
        return encoder;
    if (!encoder->m_textPool.load(descriptor.textModelPath, error))
        return nullptr;
    const std::vector<float> text =
        encoder->m_textPool.runFlat(OnnxInput::textBlob(QString(), descriptor), &runError);
    if (text.size() != image.size()) {
        if (error)
            *error = !runError.isEmpty()
                         ? runError
                         : QStringLiteral("the image model outputs %1 values but the text model %2")
                               .arg(image.size())
                               .arg(text.size());
        return nullptr;
    }
    return encoder;
}

QVector<float> OnnxImageEncoder::encodeImage(const QImage& image, QString* error) const {
    return normalised(m_imagePool.runFlat(OnnxInput::imageBlob(image, m_descriptor), error));
}

QVector<float> OnnxImageEncoder::encodeText(const QString& text, QString* error) const {
    if (!hasTextEncoder()) {
        if (error)
            *error = QStringLiteral("model %1 has no text encoder").arg(m_descriptor.id);
        return {};
    }
    return normalised(m_textPool.runFlat(OnnxInput::textBlob(text, m_descriptor), error));
}

} // namespace vl::engine
