#pragma once

#include <QVector>

#include <vector>

namespace vl::engine {

// Visual-search vectors made of two parts: the classical descriptor (layout, gradients, colour: exact for
// near-duplicates) and the learned embedding of the detector's backbone (what is in the picture: robust to
// crops, grey and re-framing). The learned part is centred on the collection's mean first: raw, unrelated
// photos already have a cosine of 0.76-0.87, which would drown the differences. Each part is L2-normalised
// and weighted by the share of the squared norm it gets, so the blend is a unit vector and its cosine is
// the weighted mean of the parts' cosines.
class EmbeddingBlend {
public:
    // Share of the learned part, chosen by tests/bench/bench_region (recall of crops and grey copies).
    static constexpr float kLearnedShare = 0.6f;
    // Share of the face part in the objects' space (classical crop descriptor + face embedding): a face
    // is compared mostly by who it is, a little by how the crop looks.
    static constexpr float kFaceShare = 0.8f;

    EmbeddingBlend() = default;
    EmbeddingBlend(QVector<float> learnedMean, float learnedShare = kLearnedShare);

    // The mean of a collection's learned embeddings (all of one dimension; others are ignored).
    static QVector<float> mean(const std::vector<const QVector<float>*>& learned);

    bool isValid() const { return !m_mean.isEmpty(); }
    int dimension(int classicalDimension) const { return classicalDimension + m_mean.size(); }
    // The blended vector; empty when either part is missing or has the wrong size.
    QVector<float> blend(const QVector<float>& classical, const QVector<float>& learned) const;
    // A vector of the same space for an item without the learned part: the classical descriptor at full
    // weight, zeros after it (so its cosine to a blended vector is the classical cosine times its share).
    QVector<float> padded(const QVector<float>& classical) const;

private:
    QVector<float> m_mean;
    float m_classicalScale = 0;
    float m_learnedScale = 0;
};

} // namespace vl::engine
