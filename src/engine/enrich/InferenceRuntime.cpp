#include "InferenceRuntime.h"

#include <QFile>
#include <QMutex>

#include <opencv2/core/utility.hpp>
#include <opencv2/dnn.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib> // defines __GLIBC__ where glibc is the C library
#include <mutex>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace vl::engine {
namespace {

std::atomic<int> g_threadsPerCall{0}; // 0: the runtime's default

// Every forward pass allocates and frees megabytes (input copies, outputs, layer scratch). With glibc's
// defaults those blocks are mmap'ed and unmapped each time, and on this kind of VM the page faults of
// touching them again cost about 10% of enrichment (bench_detection: 278k -> 151k faults for 26 images).
// Keeping blocks below 32 MB in the heap, and up to 128 MB of free heap before trimming, avoids that.
void keepInferenceBuffersMapped() {
#ifdef __GLIBC__
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 128 << 20);
    });
#endif
}

} // namespace

// Nets are not thread-safe, so each call borrows one. OpenCV re-plans a whole Net (allocation and layer
// fusion, which copies every weight) whenever it is asked for other outputs than on its previous forward(),
// so an idle Net is remembered with the outputs it was last planned for and handed to callers asking for the
// same ones: alternating output sets (a detector pass with its embedding, then without) cost about 10% of
// the CPU time of enrichment before this.
struct InferenceRuntime::Pool {
    struct Idle {
        std::vector<std::string> plannedOutputs;
        std::unique_ptr<cv::dnn::Net> net;
    };
    std::vector<uchar> model;
    QString path;
    std::vector<std::string> outputs;
    QMutex mutex;
    std::vector<Idle> idle;

    std::unique_ptr<cv::dnn::Net> borrow(const std::vector<std::string>& wanted) {
        {
            QMutexLocker lock(&mutex);
            if (!idle.empty()) {
                auto match = std::find_if(idle.begin(), idle.end(),
                                          [&](const Idle& i) { return i.plannedOutputs == wanted; });
                if (match == idle.end())
                    match = idle.end() - 1; // re-planned once, then reused for these outputs
                auto net = std::move(match->net);
                idle.erase(match);
                return net;
            }
        }
        return std::make_unique<cv::dnn::Net>(cv::dnn::readNetFromONNX(model));
    }

    void giveBack(std::unique_ptr<cv::dnn::Net> net, const std::vector<std::string>& plannedOutputs) {
        QMutexLocker lock(&mutex);
        idle.push_back({plannedOutputs, std::move(net)});
    }
};

InferenceRuntime::InferenceRuntime()
    : m_pool(std::make_unique<Pool>()) {}

InferenceRuntime::~InferenceRuntime() = default;

bool InferenceRuntime::load(const QString& onnxPath, QString* error) {
    keepInferenceBuffersMapped();
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
        m_pool->idle.push_back({{}, std::move(net)});
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
    // OpenCV's forward() without names returns the last layer, which is not always the first output.
    std::vector<std::string> names = outputNames;
    if (names.empty()) {
        const std::vector<std::string> all = this->outputNames();
        names.assign(all.begin(), all.begin() + std::min<size_t>(1, all.size()));
    }
    std::unique_ptr<cv::dnn::Net> net;
    std::vector<cv::Mat> outputs;
    try {
        net = m_pool->borrow(names);
        net->setInput(inputBlob);
        // forward() with names copies every output into `outputs`; without names it returns the Net's own
        // buffer, which the next call (maybe from another thread) overwrites.
        if (names.empty())
            outputs.push_back(net->forward().clone());
        else
            net->forward(outputs, names);
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
        m_pool->giveBack(std::move(net), names);
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
