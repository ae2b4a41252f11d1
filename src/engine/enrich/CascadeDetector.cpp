#include "CascadeDetector.h"

#include "CascadeLocator.h"
#include "DetectorImage.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

namespace vl::engine {
namespace {

// This thread's instance of a cascade, loaded on first use; nullptr when the file does not load.
cv::CascadeClassifier* threadCascade(const QString& path) {
    thread_local std::map<std::string, std::unique_ptr<cv::CascadeClassifier>> cache;
    const std::string key = path.toStdString();
    auto it = cache.find(key);
    if (it == cache.end()) {
        auto cascade = std::make_unique<cv::CascadeClassifier>();
        try {
            if (!cascade->load(key))
                cascade.reset();
        } catch (const cv::Exception&) {
            cascade.reset();
        }
        it = cache.emplace(key, std::move(cascade)).first;
    }
    return it->second.get();
}

} // namespace

CascadeDetector::CascadeDetector(Config config)
    : m_config(std::move(config)) {
    m_cascadePath = CascadeLocator::find(m_config.cascadeFile, &m_error);
    if (m_error.isEmpty() && !m_config.verifierFile.isEmpty())
        m_verifierPath = CascadeLocator::find(m_config.verifierFile, &m_error);
    if (m_error.isEmpty() && !threadCascade(m_cascadePath))
        m_error = QStringLiteral("OpenCV cannot load the cascade %1").arg(m_cascadePath);
    if (m_error.isEmpty() && !m_verifierPath.isEmpty() && !threadCascade(m_verifierPath))
        m_error = QStringLiteral("OpenCV cannot load the cascade %1").arg(m_verifierPath);
}

bool CascadeDetector::verified(const cv::Mat& gray, const cv::Rect& candidate) const {
    cv::CascadeClassifier* verifier = threadCascade(m_verifierPath);
    if (!verifier)
        return true;
    // Look in a crop 1.5x the candidate's size so the verifier sees the object's context at its own scales.
    const int marginX = candidate.width / 4;
    const int marginY = candidate.height / 4;
    const cv::Rect area = cv::Rect(candidate.x - marginX, candidate.y - marginY,
                                   candidate.width + 2 * marginX, candidate.height + 2 * marginY) &
                          cv::Rect(0, 0, gray.cols, gray.rows);
    std::vector<cv::Rect> found;
    const int minSide = std::max(12, candidate.width * 4 / 10);
    verifier->detectMultiScale(gray(area), found, 1.05, m_config.verifierMinNeighbors, 0,
                               cv::Size(minSide, minSide));
    // Cascades frame faces differently (LBP boxes are tighter than Haar ones), so agreement means "each box
    // holds the other's centre" rather than a box-overlap threshold.
    const cv::Rect local = candidate - area.tl();
    const auto centre = [](const cv::Rect& r) { return cv::Point(r.x + r.width / 2, r.y + r.height / 2); };
    return std::any_of(found.begin(), found.end(), [&](const cv::Rect& r) {
        return r.contains(centre(local)) && local.contains(centre(r));
    });
}

QVector<Detection> CascadeDetector::detect(const QImage& image) const {
    QVector<Detection> detections;
    if (!m_error.isEmpty())
        return detections;
    const DetectorImage working = DetectorImage::fromQImage(image, m_config.maxSide);
    const int shortSide = std::min(working.gray.cols, working.gray.rows);
    const int minSide = std::max(m_config.minSizePixels, int(shortSide * m_config.minSizeFraction));
    cv::CascadeClassifier* cascade = threadCascade(m_cascadePath);
    if (working.gray.empty() || shortSide < minSide || !cascade)
        return detections;
    cv::Mat equalized;
    cv::equalizeHist(working.gray, equalized); // cascades were trained on equalised faces; helps dim photos
    std::vector<cv::Rect> found;
    std::vector<int> hits;
    cascade->detectMultiScale(equalized, found, hits, m_config.scaleFactor, m_config.minNeighbors, 0,
                              cv::Size(minSide, minSide));
    const QSize size = image.size();
    for (size_t i = 0; i < found.size(); ++i) {
        if (!m_verifierPath.isEmpty() && !verified(equalized, found[i]))
            continue;
        const int n = i < hits.size() ? hits[i] : m_config.minNeighbors;
        const float confidence = float(n) / float(n + std::max(1, m_config.minNeighbors));
        const QRect box = working.toOriginal(found[i], size);
        if (!box.isEmpty())
            detections.append({m_config.label, confidence, box});
    }
    return detections;
}

} // namespace vl::engine
