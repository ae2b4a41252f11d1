#pragma once

#include "PluginDescriptor.h"

#include <QImage>
#include <QString>

#include <opencv2/core.hpp>

#include <vector>

namespace vl::engine {

// Turns images and text into the input tensors a plug-in's descriptor asks for.
class OnnxInput {
public:
    // Resizes to input width x height (ignoring aspect ratio, smooth), then per channel
    // (pixel * scale - mean) / std in the descriptor's channel order and layout. Alpha is composed over
    // white.
    static cv::Mat imageBlob(const QImage& image, const PluginDescriptor& descriptor);

    // Token ids following the descriptor's tokenizer contract (bos, words, eos; not padded or truncated).
    static std::vector<int> tokenIds(const QString& text, const PluginDescriptor& descriptor);

    // float [1, sequence_length] of ids (truncated, padded with pad_id; a truncated sequence keeps its eos)
    // or float [1, vocabulary size] word counts, per the descriptor's text_input.
    static cv::Mat textBlob(const QString& text, const PluginDescriptor& descriptor);
};

} // namespace vl::engine
