#pragma once

#include "InferenceRuntime.h"
#include "PluginDescriptor.h"

#include <QImage>
#include <QString>
#include <QVector>

#include <memory>

namespace vl::engine {

// IMAGE_TAGGING plug-in: an ONNX image classifier whose output i scores label i.
class OnnxImageTagger {
public:
    struct Tag {
        QString label;
        float score; // probability in [0, 1]
    };

    // Loads the model and checks, on a blank image, that it yields one score per label. Null with `error`.
    static std::unique_ptr<OnnxImageTagger> load(const PluginDescriptor& descriptor, QString* error);

    // At most top_k labels scoring at least min_score, best first. Thread-safe. Empty on failure (`error`).
    QVector<Tag> tag(const QImage& image, QString* error = nullptr) const;
    // All label probabilities (softmax applied when the model outputs logits).
    std::vector<float> probabilities(const QImage& image, QString* error = nullptr) const;

    const PluginDescriptor& descriptor() const { return m_descriptor; }

private:
    PluginDescriptor m_descriptor;
    InferenceRuntime m_pool;
};

} // namespace vl::engine
