#include "EmbeddingBlend.h"

#include <cmath>

namespace vl::engine {

namespace {

// Appends `scale * v / |v|` to `out`; false when v has no length.
bool appendNormalised(const float* v, int size, float scale, QVector<float>& out) {
    double norm = 0;
    for (int i = 0; i < size; ++i)
        norm += double(v[i]) * v[i];
    if (norm <= 1e-20)
        return false;
    const float factor = float(scale / std::sqrt(norm));
    for (int i = 0; i < size; ++i)
        out.append(v[i] * factor);
    return true;
}

} // namespace

EmbeddingBlend::EmbeddingBlend(QVector<float> learnedMean, float learnedShare)
    : m_mean(std::move(learnedMean))
    , m_classicalScale(std::sqrt(1.0f - learnedShare))
    , m_learnedScale(std::sqrt(learnedShare)) {}

QVector<float> EmbeddingBlend::mean(const std::vector<const QVector<float>*>& learned) {
    QVector<double> sum;
    int count = 0;
    for (const QVector<float>* v : learned) {
        if (!v || v->isEmpty() || (!sum.isEmpty() && v->size() != sum.size()))
            continue;
        if (sum.isEmpty())
            sum.fill(0.0, v->size());
        for (int i = 0; i < v->size(); ++i)
            sum[i] += (*v)[i];
        ++count;
    }
    QVector<float> result;
    for (double s : sum)
        result.append(float(s / count));
    return result;
}

QVector<float> EmbeddingBlend::blend(const QVector<float>& classical, const QVector<float>& learned) const {
    if (!isValid() || classical.isEmpty() || learned.size() != m_mean.size())
        return {};
    QVector<float> centred(learned.size());
    for (int i = 0; i < learned.size(); ++i)
        centred[i] = learned[i] - m_mean[i];
    QVector<float> out;
    out.reserve(classical.size() + learned.size());
    if (!appendNormalised(classical.constData(), classical.size(), m_classicalScale, out) ||
        !appendNormalised(centred.constData(), centred.size(), m_learnedScale, out))
        return {};
    return out;
}

QVector<float> EmbeddingBlend::padded(const QVector<float>& classical) const {
    QVector<float> out;
    if (!isValid() || !appendNormalised(classical.constData(), classical.size(), 1.0f, out))
        return {};
    out.resize(out.size() + m_mean.size(), 0.0f);
    return out;
}

} // namespace vl::engine
