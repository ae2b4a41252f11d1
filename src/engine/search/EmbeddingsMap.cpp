#include "EmbeddingsMap.h"

#include <algorithm>
#include <cmath>

namespace vl::engine {

namespace {

using Vector = std::vector<double>;

double dot(const float* row, const Vector& mean, const Vector& axis) {
    double sum = 0;
    for (size_t j = 0; j < axis.size(); ++j)
        sum += (double(row[j]) - mean[j]) * axis[j];
    return sum;
}

double normalise(Vector& v) {
    double norm = 0;
    for (double value : v)
        norm += value * value;
    norm = std::sqrt(norm);
    if (norm > 0) {
        for (double& value : v)
            value /= norm;
    }
    return norm;
}

void removeComponent(Vector& v, const Vector& axis) {
    double along = 0;
    for (size_t j = 0; j < v.size(); ++j)
        along += v[j] * axis[j];
    for (size_t j = 0; j < v.size(); ++j)
        v[j] -= along * axis[j];
}

struct Sample {
    const float* vectors;
    int dimension;
    std::vector<int> rows;
    Vector mean;
    double totalVariance = 0;
    const float* row(int r) const { return vectors + size_t(r) * size_t(dimension); }
};

Sample takeSample(const float* vectors, int count, int dimension) {
    Sample sample{vectors, dimension, {}, Vector(size_t(dimension), 0.0)};
    const int step = std::max(1, (count + EmbeddingsMap::kSampleSize - 1) / EmbeddingsMap::kSampleSize);
    for (int r = 0; r < count; r += step)
        sample.rows.push_back(r);
    for (int r : sample.rows) {
        for (int j = 0; j < dimension; ++j)
            sample.mean[size_t(j)] += sample.row(r)[j];
    }
    for (double& m : sample.mean)
        m /= double(sample.rows.size());
    for (int r : sample.rows) {
        for (int j = 0; j < dimension; ++j) {
            const double d = sample.row(r)[j] - sample.mean[size_t(j)];
            sample.totalVariance += d * d;
        }
    }
    sample.totalVariance /= double(sample.rows.size());
    return sample;
}

// The sample's covariance matrix (dimension x dimension, row-major), built once: the power iterations
// then cost dimension^2 each instead of a pass over the sample.
Vector covariance(const Sample& sample) {
    const size_t d = size_t(sample.dimension);
    Vector matrix(d * d, 0.0);
    Vector centred(d);
    for (int r : sample.rows) {
        const float* row = sample.row(r);
        for (size_t j = 0; j < d; ++j)
            centred[j] = double(row[j]) - sample.mean[j];
        for (size_t a = 0; a < d; ++a) {
            const double along = centred[a];
            double* out = matrix.data() + a * d;
            for (size_t b = a; b < d; ++b)
                out[b] += along * centred[b];
        }
    }
    const double n = double(sample.rows.size());
    for (size_t a = 0; a < d; ++a) {
        for (size_t b = a; b < d; ++b)
            matrix[b * d + a] = matrix[a * d + b] /= n;
    }
    return matrix;
}

// Power iteration on the covariance, kept orthogonal to `other` (the first axis, for the second).
// Returns the axis; `variance` gets its eigenvalue.
Vector principalAxis(const Vector& matrix, size_t d, const Vector* other, double* variance) {
    Vector v(d);
    quint32 state = 12345; // fixed start: the map must not change between runs
    for (double& value : v) {
        state = state * 1664525u + 1013904223u;
        value = double(state >> 8) / double(1u << 24) - 0.5;
    }
    if (other)
        removeComponent(v, *other);
    normalise(v);
    double eigen = 0;
    for (int iteration = 0; iteration < 1000; ++iteration) {
        Vector next(d, 0.0);
        for (size_t a = 0; a < d; ++a) {
            const double* row = matrix.data() + a * d;
            double sum = 0;
            for (size_t b = 0; b < d; ++b)
                sum += row[b] * v[b];
            next[a] = sum;
        }
        if (other)
            removeComponent(next, *other);
        eigen = normalise(next);
        double change = 0;
        for (size_t j = 0; j < d; ++j)
            change = std::max(change, std::abs(next[j] - v[j]));
        v.swap(next);
        if (change < 1e-9)
            break;
    }
    *variance = eigen;
    return v;
}

// Fits [min, max] of both coordinates into 0..kScale with one factor, centring the narrower axis.
std::vector<int> toMapUnits(const std::vector<double>& values, double low, double range, double span) {
    const double offset = (range - span) / 2;
    std::vector<int> units(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        units[i] = int(std::lround((values[i] - low + offset) / range * EmbeddingsMap::kScale));
    return units;
}

} // namespace

EmbeddingsMap EmbeddingsMap::project(const float* vectors, int count, int dimension) {
    EmbeddingsMap map;
    if (count <= 0 || dimension <= 0)
        return map;
    const Sample sample = takeSample(vectors, count, dimension);
    double first = 0;
    double second = 0;
    const Vector matrix = covariance(sample);
    const Vector axisX = principalAxis(matrix, size_t(dimension), nullptr, &first);
    const Vector axisY = principalAxis(matrix, size_t(dimension), &axisX, &second);
    map.m_explained = sample.totalVariance > 0 ? std::min(1.0, (first + second) / sample.totalVariance) : 0;

    std::vector<double> xs(static_cast<size_t>(count));
    std::vector<double> ys(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        const float* row = vectors + size_t(i) * size_t(dimension);
        xs[size_t(i)] = dot(row, sample.mean, axisX);
        ys[size_t(i)] = dot(row, sample.mean, axisY);
    }
    const auto [minX, maxX] = std::minmax_element(xs.begin(), xs.end());
    const auto [minY, maxY] = std::minmax_element(ys.begin(), ys.end());
    const double spanX = *maxX - *minX;
    const double spanY = *maxY - *minY;
    const double range = std::max({spanX, spanY, 1e-12});
    map.m_x = toMapUnits(xs, *minX, range, spanX);
    map.m_y = toMapUnits(ys, *minY, range, spanY);
    return map;
}

bool EmbeddingsMap::inside(int index, const QPolygonF& polygon) const {
    return polygon.containsPoint(QPointF(x(index), y(index)), Qt::OddEvenFill);
}

} // namespace vl::engine
