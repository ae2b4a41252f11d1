#pragma once

#include "Detector.h"
#include "InferenceRuntime.h"

#include <QRectF>

namespace vl::engine {

class LearnedModelFiles;

// Human faces ("face") with MediaPipe's BlazeFace "back camera" model (256x256 input, 896 SSD anchors;
// model id blazeface-back-256 in LearnedModelFiles), each face confirmed by the "front camera" model
// (blazeface-front-128) on a crop twice its size: the back model alone scores cat faces, rocket exhaust and
// textures up to 0.8, the front model gives them <= 0.58 and real faces >= 0.69, so the pair is both more
// precise and, with a lower first threshold, finds more faces. Confidence = the back model's sigmoid score.
//
// The network sees 256x256 pixels and finds faces from ~12% of its input upwards (box regression degrades
// below ~32 input pixels), so a photo is scanned at two scales: the whole image letterboxed into the input
// (large faces), then overlapping square tiles small enough that a face of `minFaceFraction` of the short
// side spans ~32 input pixels (small faces). Tiles overlap by the smallest face the whole-image pass finds,
// so no face is only ever seen cut in half. Overlapping boxes (IoU > 0.3), within a pass and across passes,
// are merged MediaPipe-style: the score-weighted mean box with the best score.
//
// Finds frontal to ~60 degree profile faces, upright +-~30 degrees; not upside-down or sideways faces
// (pass the EXIF-oriented image). Measured by tests/enrich/bench_faces.
class BlazeFaceDetector : public Detector {
public:
    struct Config {
        float minScore = 0.6f;         // sigmoid score; see bench_faces for the precision/recall trade-off
        float verifyScore = 0.7f;      // the front model's score on a crop around each face
        double minFaceFraction = 0.04; // smallest face side searched for, as a fraction of the short side
        int minFacePixels = 24;        // ... but never below this many image pixels
        double tileOverlap = 0.4;      // fraction of a tile shared with its neighbour
        double mergeIou = 0.3;         // boxes overlapping more than this are one face
        int maxTiles = 30;             // bounds the cost on panoramas (tiles grow instead)
        bool headWindows = true;       // near people: one window on each person's head end, not every tile
        int maxHeadWindows = 4;        // ... for up to this many people; more use the tiles
    };

    explicit BlazeFaceDetector(const LearnedModelFiles& files);
    BlazeFaceDetector(const LearnedModelFiles& files, Config config);
    // Uses LearnedModelFiles::instance().
    BlazeFaceDetector();

    QVector<Detection> detect(const QImage& image) const override;
    // Faces where people are (`people`, e.g. CocoDetector::Output::people, in image pixels): the whole-image
    // pass as always, but tiles only where they overlap a person. A photo without people costs one network
    // run instead of up to 1 + maxTiles; small faces without a visible body (a wall of passport photos) are
    // missed unless the object detector still sees people there (bench_faces measures it).
    QVector<Detection> detectNearPeople(const QImage& image, const QVector<QRect>& people) const;
    QStringList classes() const override { return {QStringLiteral("face")}; }
    QString error() const override { return m_error; }
    const Config& config() const { return m_config; }

    // Squares (in image pixels) that the network looks at for an image of this size: the letterboxed
    // whole image first, then the tiles. Exposed for tests and the benchmark (cost = number of squares).
    QVector<QRect> squares(const QSize& imageSize) const;
    // The squares detectNearPeople() looks at: the whole image, then per person one square over the head
    // end of its box (config().headWindows), or the tiles that overlap a person when that is cheaper.
    QVector<QRect> squaresNear(const QSize& imageSize, const QVector<QRect>& people) const;

private:
    // Squares over the upper part of each person's box, where the head is in a standing or sitting person,
    // sized so that a head of an eighth of the body is >= 32 input pixels; tiles for very large people.
    QVector<QRect> headWindows(const QSize& imageSize, const QVector<QRect>& people,
                               const QVector<QRect>& tiles) const;
    struct Candidate {
        QRectF box; // image pixels
        float score;
    };
    // Faces the network `runtime` (input side `inputSide`) finds in `square` of the image, letterboxed.
    static QVector<Candidate> detectInSquare(const InferenceRuntime& runtime, int inputSide,
                                             const QImage& rgb, const QRect& square, float minScore);
    bool verified(const QImage& rgb, const QRectF& face) const;
    bool usable(const QImage& image) const;
    // The merged candidates that the front model confirms, as detections.
    QVector<Detection> confirmed(const QImage& rgb, const QVector<Candidate>& candidates) const;
    QVector<Candidate> merged(QVector<Candidate> candidates) const;

    Config m_config;
    InferenceRuntime m_runtime;  // back model, 256
    InferenceRuntime m_verifier; // front model, 128
    QString m_error;
};

} // namespace vl::engine
