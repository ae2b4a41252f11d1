#include "OnnxImageTagger.h"

#include "OnnxInput.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vl::engine {
namespace {

void softmax(std::vector<float>& values) {
    if (values.empty())
        return;
    const float maximum = *std::max_element(values.begin(), values.end());
    double sum = 0;
    for (float& v : values) {
        v = std::exp(v - maximum);
        sum += v;
    }
    for (float& v : values)
        v = static_cast<float>(v / sum);
}

} // namespace

std::unique_ptr<OnnxImageTagger> OnnxImageTagger::load(const PluginDescriptor& descriptor, QString* error) {
    auto tagger = std::unique_ptr<OnnxImageTagger>(new OnnxImageTagger);
    tagger->m_descriptor = descriptor;
    if (!descriptor.isValid()) {
        if (error)
            *error = descriptor.error;
        return nullptr;
    }
    if (!tagger->m_pool.load(descriptor.modelPath, error))
        return nullptr;
    QImage blank(descriptor.inputWidth, descriptor.inputHeight, QImage::Format_RGB32);
    blank.fill(Qt::gray);
    QString runError;
    const std::vector<float> scores =
        tagger->m_pool.runFlat(OnnxInput::imageBlob(blank, descriptor), &runError);
    if (scores.size() != static_cast<size_t>(descriptor.labels.size())) {
        if (error)
            *error = !runError.isEmpty()
                         ? runError
                         : QStringLiteral("the model outputs %1 scores but the labels file has %2 labels")
                               .arg(scores.size())
                               .arg(descriptor.labels.size());
        return nullptr;
    }
    return tagger;
}

std::vector<float> OnnxImageTagger::probabilities(const QImage& image, QString* error) const {
    std::vector<float> scores = m_pool.runFlat(OnnxInput::imageBlob(image, m_descriptor), error);
    if (scores.size() != static_cast<size_t>(m_descriptor.labels.size()))
        return {};
    if (m_descriptor.outputIsLogits)
        softmax(scores);
    return scores;
}

QVector<OnnxImageTagger::Tag> OnnxImageTagger::tag(const QImage& image, QString* error) const {
    const std::vector<float> scores = probabilities(image, error);
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return scores[size_t(a)] > scores[size_t(b)]; });
    QVector<Tag> tags;
    for (int index : order) {
        if (tags.size() >= m_descriptor.topK || scores[size_t(index)] < m_descriptor.minScore)
            break;
        tags.append({m_descriptor.labels.at(index), scores[size_t(index)]});
    }
    return tags;
}

} // namespace vl::engine
