#include "FaceDetector.h"

namespace vl::engine {

CascadeDetector::Config FaceDetector::defaultConfig() {
    Config config;
    config.label = QStringLiteral("face");
    config.cascadeFile = QStringLiteral("haarcascade_frontalface_alt2.xml");
    config.verifierFile = QStringLiteral("haarcascade_frontalface_default.xml");
    config.scaleFactor = 1.1;
    config.minNeighbors = 3;
    return config;
}

FaceDetector::FaceDetector(Config config)
    : CascadeDetector(std::move(config)) {}

CascadeDetector::Config CatFaceDetector::defaultConfig() {
    Config config;
    config.label = QStringLiteral("cat face");
    config.cascadeFile = QStringLiteral("haarcascade_frontalcatface_extended.xml");
    config.verifierFile = QStringLiteral("haarcascade_frontalcatface.xml");
    config.scaleFactor = 1.1;
    config.minNeighbors = 4;
    config.minSizeFraction = 0.05;
    return config;
}

CatFaceDetector::CatFaceDetector(Config config)
    : CascadeDetector(std::move(config)) {}

} // namespace vl::engine
