#pragma once

#include "InferenceRuntime.h"
#include "PluginDescriptor.h"

#include <QImage>
#include <QString>
#include <QVector>

#include <memory>

namespace vl::engine {

// MULTIMODEL_IMAGE_ENCODING plug-in: an image encoder and, optionally, a text encoder into the same space
// (CLIP-like), for semantic text search. Embeddings are L2-normalised so that cosine distance = 1 - dot.
class OnnxImageEncoder {
public:
    // Loads both models and checks, on a blank image and the empty text, that they agree on the dimension.
    static std::unique_ptr<OnnxImageEncoder> load(const PluginDescriptor& descriptor, QString* error);

    int dimension() const { return m_dimension; }
    bool hasTextEncoder() const { return m_descriptor.hasTextEncoder(); }

    // Thread-safe. Empty on failure (`error` says why) or when the plug-in has no text encoder.
    QVector<float> encodeImage(const QImage& image, QString* error = nullptr) const;
    QVector<float> encodeText(const QString& text, QString* error = nullptr) const;

    const PluginDescriptor& descriptor() const { return m_descriptor; }

private:
    PluginDescriptor m_descriptor;
    InferenceRuntime m_imagePool;
    InferenceRuntime m_textPool;
    int m_dimension = 0;
};

} // namespace vl::engine
