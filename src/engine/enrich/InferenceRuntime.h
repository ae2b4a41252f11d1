#pragma once

#include <QString>

#include <opencv2/core.hpp>

#include <memory>
#include <string>
#include <vector>

namespace vl::engine {

// The one place that knows which runtime runs neural networks (OpenCV DNN today): loads an ONNX model once
// and runs it from many threads. Nothing else in the engine includes the runtime's headers, so swapping it
// touches this class only.
//
// Thread-safe: run() may be called concurrently. A network instance must not run two forward passes at
// once, so each call borrows an instance from a pool (created from the in-memory model on demand, kept for
// reuse: at most one per thread that ever ran at the same time).
class InferenceRuntime {
public:
    InferenceRuntime();
    ~InferenceRuntime();
    InferenceRuntime(const InferenceRuntime&) = delete;
    InferenceRuntime& operator=(const InferenceRuntime&) = delete;

    // Reads the model file and builds a first network; false with `error` when the file cannot be read or
    // is not a model the runtime can import.
    bool load(const QString& onnxPath, QString* error);
    bool isLoaded() const;
    QString path() const;

    // Runs the model on one input blob (the layout the model expects, e.g. NCHW or NHWC float) and returns
    // the named outputs in the order asked; an empty `outputNames` returns the model's first output only.
    // Empty with `error` set when the model is not loaded or the runtime rejects the input.
    std::vector<cv::Mat> run(const cv::Mat& inputBlob, const std::vector<std::string>& outputNames,
                             QString* error = nullptr) const;

    // The first output, flattened to floats (plug-ins with one output). Empty on failure.
    std::vector<float> runFlat(const cv::Mat& inputBlob, QString* error = nullptr) const;

    // Names of the model's outputs, in the model's order (empty when not loaded).
    std::vector<std::string> outputNames() const;

    // Threads the runtime may use inside one call. Callers that already run one call per core (the
    // enrichment workers) set 1, so calls do not fight over the cores; 0 restores the runtime's default.
    static void setThreadsPerCall(int threads);
    static int threadsPerCall();

private:
    struct Pool;
    std::unique_ptr<Pool> m_pool;
};

} // namespace vl::engine
