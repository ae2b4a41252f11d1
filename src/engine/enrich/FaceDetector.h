#pragma once

#include "CascadeDetector.h"

namespace vl::engine {

// Frontal human faces ("face") with OpenCV's Haar cascade haarcascade_frontalface_alt2 (opencv-data), each
// candidate confirmed by the LBP cascade lbpcascade_frontalface_improved. Misses profiles, strongly tilted
// (> ~20 degrees) and very small faces (side < 3% of the image's short side, at least 20 px at 1024 px).
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
