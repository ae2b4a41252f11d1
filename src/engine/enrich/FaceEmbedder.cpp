#include "FaceEmbedder.h"

#include "LearnedModelFiles.h"

#include <QJsonArray>
#include <QJsonObject>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace vl::engine {
namespace {

const QString kModelId = QStringLiteral("mobilefacenet-112");
constexpr int kInput = 112;

} // namespace

FaceEmbedder::FaceEmbedder()
    : FaceEmbedder(LearnedModelFiles::instance()) {}

FaceEmbedder::FaceEmbedder(const LearnedModelFiles& files) {
    const QString path = files.path(kModelId);
    if (path.isEmpty()) {
        m_error =
            QStringLiteral("the face embedder is unavailable: %1").arg(files.unavailableReason(kModelId));
        return;
    }
    const QJsonObject entry = files.entry(kModelId);
    for (const QJsonValue& v :
         entry.value(QStringLiteral("centre")).toObject().value(QStringLiteral("vector")).toArray())
        m_centre.push_back(float(v.toDouble()));
    m_cropScale =
        entry.value(QStringLiteral("input")).toObject().value(QStringLiteral("crop_scale")).toDouble(1.4);
    if (m_centre.size() != size_t(Dimension)) {
        m_error = QStringLiteral("%1 has no %2-d centre vector for %3: rerun packaging/bootstrap.sh")
                      .arg(files.directory() + QStringLiteral("/manifest.json"))
                      .arg(Dimension)
                      .arg(kModelId);
        return;
    }
    m_runtime.load(path, &m_error);
}

QVector<float> FaceEmbedder::embed(const QImage& image, const QRect& faceBox) const {
    if (!m_error.isEmpty() || image.isNull() || faceBox.isEmpty() || !faceBox.intersects(image.rect()))
        return {};
    // Square crop around the box centre; the part outside the image stays black (as in the model's checks).
    const double side = m_cropScale * std::max(faceBox.width(), faceBox.height());
    const QPointF centre = QRectF(faceBox).center();
    const QRect square = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side).toRect();
    QImage crop(square.size(), QImage::Format_RGB888);
    crop.fill(Qt::black);
    const QRect part = square.intersected(image.rect());
    const QImage rgb = image.copy(part).convertToFormat(QImage::Format_RGB888);
    for (int y = 0; y < rgb.height(); ++y)
        std::copy_n(rgb.constScanLine(y), rgb.width() * 3,
                    crop.scanLine(y + part.y() - square.y()) + (part.x() - square.x()) * 3);
    const cv::Mat wrapped(crop.height(), crop.width(), CV_8UC3, crop.bits(), size_t(crop.bytesPerLine()));
    cv::Mat resized;
    cv::resize(wrapped, resized, cv::Size(kInput, kInput), 0, 0,
               side > kInput ? cv::INTER_AREA : cv::INTER_LINEAR);
    // NCHW, (pixel - 127.5) / 128; the crop is already RGB.
    const int dims[] = {1, 3, kInput, kInput};
    cv::Mat blob(4, dims, CV_32F);
    std::vector<cv::Mat> planes;
    for (int c = 0; c < 3; ++c)
        planes.emplace_back(kInput, kInput, CV_32F, blob.ptr<float>(0, c));
    cv::Mat scaled;
    resized.convertTo(scaled, CV_32FC3, 1.0 / 128, -127.5 / 128);
    cv::split(scaled, planes);

    const std::vector<float> raw = m_runtime.runFlat(blob);
    if (raw.size() != size_t(Dimension))
        return {};
    QVector<float> embedding(Dimension);
    double squares = 0;
    for (int i = 0; i < Dimension; ++i) {
        embedding[i] = raw[size_t(i)] - m_centre[size_t(i)];
        squares += double(embedding[i]) * embedding[i];
    }
    const double norm = std::sqrt(squares);
    if (norm <= 0)
        return {};
    for (float& v : embedding)
        v = float(v / norm);
    return embedding;
}

float FaceEmbedder::similarity(const QVector<float>& a, const QVector<float>& b) {
    if (a.size() != b.size())
        return 0;
    double dot = 0;
    for (int i = 0; i < a.size(); ++i)
        dot += double(a[i]) * b[i];
    return float(dot);
}

} // namespace vl::engine
