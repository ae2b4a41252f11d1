#include "InferenceRuntime.h"

#include <QFile>
#include <QMutex>

#include <opencv2/core/utility.hpp>
#include <opencv2/dnn.hpp>

#include <atomic>

namespace vl::engine {
namespace {

std::atomic<int> g_threadsPerCall{0}; // 0: the runtime's default

} // namespace

struct InferenceRuntime::Pool {
    std::vector<uchar> model;
    QString path;
    std::vector<std::string> outputs;
    QMutex mutex;
    std::vector<std::unique_ptr<cv::dnn::Net>> idle;

    std::unique_ptr<cv::dnn::Net> borrow() {
        {
            QMutexLocker lock(&mutex);
            if (!idle.empty()) {
                auto net = std::move(idle.back());
                idle.pop_back();
                return net;
            }
        }
        return std::make_unique<cv::dnn::Net>(cv::dnn::readNetFromONNX(model));
    }

    void giveBack(std::unique_ptr<cv::dnn::Net> net) {
        QMutexLocker lock(&mutex);
        idle.push_back(std::move(net));
    }
};

InferenceRuntime::InferenceRuntime()
    : m_pool(std::make_unique<Pool>()) {}

InferenceRuntime::~InferenceRuntime() = default;

bool InferenceRuntime::load(const QString& onnxPath, QString* error) {
    QFile file(onnxPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(onnxPath, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    std::vector<uchar> model(bytes.begin(), bytes.end());
    try {
        auto net = std::make_unique<cv::dnn::Net>(cv::dnn::readNetFromONNX(model));
        if (net->empty())
            throw cv::Exception(0, "empty network", "readNetFromONNX", __FILE__, __LINE__);
        QMutexLocker lock(&m_pool->mutex);
        m_pool->model = std::move(model);
        m_pool->path = onnxPath;
        m_pool->outputs = net->getUnconnectedOutLayersNames();
        m_pool->idle.clear();
        m_pool->idle.push_back(std::move(net));
        return true;
    } catch (const cv::Exception& e) {
        if (error)
            *error = QStringLiteral("OpenCV cannot load %1 as an ONNX model: %2")
                         .arg(onnxPath, QString::fromStdString(e.msg));
    } catch (const std::exception& e) { // e.g. std::bad_alloc on an absurd tensor shape
        if (error)
            *error = QStringLiteral("OpenCV cannot load %1 as an ONNX model: %2")
                         .arg(onnxPath, QString::fromUtf8(e.what()));
    }
    return false;
}

bool InferenceRuntime::isLoaded() const {
    QMutexLocker lock(&m_pool->mutex);
    return !m_pool->model.empty();
}

QString InferenceRuntime::path() const {
    QMutexLocker lock(&m_pool->mutex);
    return m_pool->path;
}

std::vector<std::string> InferenceRuntime::outputNames() const {
    QMutexLocker lock(&m_pool->mutex);
    return m_pool->outputs;
}

std::vector<cv::Mat> InferenceRuntime::run(const cv::Mat& inputBlob,
                                           const std::vector<std::string>& outputNames,
                                           QString* error) const {
    if (!isLoaded()) {
        if (error)
            *error = QStringLiteral("model not loaded");
        return {};
    }
    std::unique_ptr<cv::dnn::Net> net;
    std::vector<cv::Mat> outputs;
    try {
        net = m_pool->borrow();
        net->setInput(inputBlob);
        // OpenCV's forward() without names returns the last layer, which is not always the first output.
        std::vector<std::string> names = outputNames;
        if (names.empty())
            names = std::vector<std::string>(m_pool->outputs.begin(), m_pool->outputs.begin() + 1);
        if (names.empty())
            outputs.push_back(net->forward());
        else
            net->forward(outputs, names);
        // The Net reuses its output buffers on the next call, which may come from another thread.
        for (cv::Mat& output : outputs)
            output = output.clone();
    } catch (const cv::Exception& e) {
        if (error)
            *error = QStringLiteral("%1 failed: %2").arg(path(), QString::fromStdString(e.msg));
        outputs.clear();
    } catch (const std::exception& e) {
        if (error)
            *error = QStringLiteral("%1 failed: %2").arg(path(), QString::fromUtf8(e.what()));
        outputs.clear();
    }
    if (net)
        m_pool->giveBack(std::move(net));
    return outputs;
}

std::vector<float> InferenceRuntime::runFlat(const cv::Mat& inputBlob, QString* error) const {
    const std::vector<cv::Mat> outputs = run(inputBlob, {}, error);
    if (outputs.empty())
        return {};
    cv::Mat output = outputs.front();
    if (output.depth() != CV_32F)
        output.convertTo(output, CV_32F);
    output = output.isContinuous() ? output : output.clone();
    return std::vector<float>(output.ptr<float>(), output.ptr<float>() + output.total());
}

void InferenceRuntime::setThreadsPerCall(int threads) {
    g_threadsPerCall = threads;
    // OpenCV's thread count is process-wide: a call already running on many threads keeps them, later calls
    // follow the new setting. 0 in our API means "the default", which OpenCV spells -1.
    cv::setNumThreads(threads > 0 ? threads : -1);
}

int InferenceRuntime::threadsPerCall() {
    const int threads = g_threadsPerCall;
    return threads > 0 ? threads : cv::getNumThreads();
}

} // namespace vl::engine
