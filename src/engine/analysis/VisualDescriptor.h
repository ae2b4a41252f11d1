#pragma once

#include <QVector>

#include <opencv2/core.hpp>

namespace vl::engine {

// A hand-made global image descriptor for near-duplicate and visual-similarity search (no neural
// network is available offline). Three blocks, each L2-normalised, weighted and concatenated:
//  - luminance layout: a 12x12 thumbnail of the grey image, mean-centred (brightness/contrast invariant),
//    split into its mirror-symmetric part and the magnitude of its antisymmetric part (mirror invariant);
//  - gradient orientations: 8-bin unsigned orientation histograms on a 4x4 grid, folded so that a
//    mirrored image yields the same numbers (HOG-like, robust to small rotation through soft binning);
//  - colour: hue x saturation histogram plus an achromatic bin, independent of brightness.
// The result is L2-normalised so cosine distance is 1 - dot product.
class VisualDescriptor {
public:
    static int dimension();
    // `bgr`: 8-bit BGR image of any size (downscaled internally).
    static QVector<float> compute(const cv::Mat& bgr);
};

} // namespace vl::engine
