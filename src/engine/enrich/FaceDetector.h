#pragma once

#include "CascadeDetector.h"

namespace vl::engine {

// Frontal human faces ("face") with OpenCV's Haar cascade haarcascade_frontalface_alt2 (opencv-data), each
// candidate confirmed by a second cascade, haarcascade_frontalface_default. Measured by
// tests/enrich/bench_faces (IoU >= 0.5): recall 0.77, precision 0.996; the second pass halves false positives
// for one missed face in 300. Misses profiles, strongly tilted (> ~20 degrees) and small faces (side < 3% of
// the image's short side, and at least 20 px once the image is scaled to 1024 px).
class FaceDetector : public CascadeDetector {
public:
    static Config defaultConfig();
    explicit FaceDetector(Config config = defaultConfig());
};

// Frontal cat faces ("cat face") with OpenCV's haarcascade_frontalcatface_extended, confirmed by
// haarcascade_frontalcatface. Cats seen from the side or back are not found.
class CatFaceDetector : public CascadeDetector {
public:
    static Config defaultConfig();
    explicit CatFaceDetector(Config config = defaultConfig());
};

} // namespace vl::engine
