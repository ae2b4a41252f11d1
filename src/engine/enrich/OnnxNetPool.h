#pragma once

#include <QMutex>
#include <QString>

#include <opencv2/dnn.hpp>

#include <memory>
#include <vector>

namespace vl::engine {

// Runs one ONNX model from many threads. cv::dnn::Net::forward is not safe to call concurrently on one
// instance, so each caller borrows a Net of its own; Nets are created from the in-memory model on demand
// and kept for reuse (at most one per thread that ever ran at the same time).
class OnnxNetPool {
public:
    // Reads the model file and builds a first Net; false with `error` when the file is not a model
    // OpenCV can import.
    bool load(const QString& modelPath, QString* error);

    // Runs the model on one input blob and returns its first output, flattened. Thread-safe. Empty with
    // `error` set when OpenCV rejects the input (wrong shape, ...).
    std::vector<float> run(const cv::Mat& input, QString* error = nullptr) const;

private:
    std::unique_ptr<cv::dnn::Net> borrow() const;
    void giveBack(std::unique_ptr<cv::dnn::Net> net) const;

    std::vector<uchar> m_model;
    QString m_path;
    mutable QMutex m_mutex;
    mutable std::vector<std::unique_ptr<cv::dnn::Net>> m_idle;
};

} // namespace vl::engine
