#pragma once

#include <QVector>
#include <algorithm>
#include <cmath>

// Order statistics of timings (nearest-rank percentiles), shared by the benchmarks.
namespace BenchStats {

inline double percentile(QVector<double> values, double fraction) {
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const int rank = int(std::ceil(fraction * values.size())) - 1;
    return values.at(std::clamp(rank, 0, int(values.size()) - 1));
}

inline double median(const QVector<double>& values) {
    return percentile(values, 0.5);
}

} // namespace BenchStats
