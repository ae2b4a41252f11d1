#pragma once

#include <QVector>

#include <opencv2/core.hpp>

namespace vl::engine {

// A hand-made global image descriptor for near-duplicate and visual-similarity search (no neural
// network is available offline). Three blocks, each L2-normalised, weighted and concatenated:
//  - luminance layout: a 12x12 thumbnail of the grey image, mean-centred (brightness/contrast invariant),
//    split into its mirror-symmetric part and the magnitude of its antisymmetric part (mirror invariant);
//  - gradient orientations: 8-bin unsigned orientation histograms on a 4x4 grid (bilinear in space and
//    orientation, neighbouring bins smoothed), folded so that a mirrored image yields the same numbers;
//  - colour: soft hue x saturation histograms plus three grey levels for a top and a bottom region;
//    hue and saturation do not change with exposure, so brightness edits barely move it.
// The result is L2-normalised so cosine distance is 1 - dot product.
class VisualDescriptor {
public:
    static int dimension();
    // `bgr`: 8-bit BGR image of any size (downscaled internally).
    static QVector<float> compute(const cv::Mat& bgr);
};

} // namespace vl::engine
