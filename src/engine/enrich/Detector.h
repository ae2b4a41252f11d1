#pragma once

#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vl::engine {

// One object found in an image. `box` is in pixels of the image passed to detect().
struct Detection {
    QString label;
    float confidence = 0; // in [0, 1]; a heuristic per detector, see its documentation
    QRect box;
};

// Finds objects in decoded images. Implementations are thread-safe: one instance may be shared by all
// worker threads (per-thread OpenCV state is kept internally).
class Detector {
public:
    virtual ~Detector() = default;
    // Null, empty and tiny images yield no detections.
    virtual QVector<Detection> detect(const QImage& image) const = 0;
    // The labels this detector can produce.
    virtual QStringList classes() const = 0;
    // Empty when usable, else why not (e.g. a cascade file was not found); detect() then returns nothing.
    virtual QString error() const { return {}; }
};

} // namespace vl::engine
