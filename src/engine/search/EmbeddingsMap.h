#pragma once

#include <QPolygonF>

#include <vector>

namespace vl::engine {

// A 2-D map of a dataset's vectors for the desktop's embeddings view (a local extension of the API):
// the first two principal components of the vectors the explore index ranks on, fitted on an evenly
// spaced sample (at most about kSampleSize rows: their covariance, then power iteration on it, so N only
// costs the projection itself), scaled with the aspect ratio kept into integer map units 0..kScale. Integers,
// because the positions served are then exactly the ones the VQL map_region filter tests: a lasso drawn on
// the served map selects the same items the engine filters to, with no rounding in between.
class EmbeddingsMap {
public:
    static constexpr int kSampleSize = 4000;
    static constexpr int kScale = 10000;

    EmbeddingsMap() = default;
    // `vectors`: `count` rows of `dimension` floats. Deterministic: the same vectors give the same map.
    static EmbeddingsMap project(const float* vectors, int count, int dimension);

    int size() const { return int(m_x.size()); }
    int x(int index) const { return m_x[size_t(index)]; }
    int y(int index) const { return m_y[size_t(index)]; }
    // Share of the (sample's) variance the two axes explain, 0..1.
    double explainedVariance() const { return m_explained; }
    // Even-odd rule in map units, the test the desktop's lasso makes (QPolygonF::containsPoint).
    bool inside(int index, const QPolygonF& polygon) const;

private:
    std::vector<int> m_x;
    std::vector<int> m_y;
    double m_explained = 0;
};

} // namespace vl::engine
