#include "OnnxNetPool.h"

#include <QFile>

namespace vl::engine {

bool OnnxNetPool::load(const QString& modelPath, QString* error) {
    QFile file(modelPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(modelPath, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    m_model.assign(bytes.begin(), bytes.end());
    m_path = modelPath;
    try {
        auto net = std::make_unique<cv::dnn::Net>(cv::dnn::readNetFromONNX(m_model));
        if (net->empty())
            throw cv::Exception(0, "empty network", "readNetFromONNX", __FILE__, __LINE__);
        giveBack(std::move(net));
        return true;
    } catch (const cv::Exception& e) {
        if (error)
            *error = QStringLiteral("OpenCV cannot load %1 as an ONNX model: %2")
                         .arg(modelPath, QString::fromStdString(e.msg));
    } catch (const std::exception& e) { // e.g. std::bad_alloc on an absurd tensor shape
        if (error)
            *error = QStringLiteral("OpenCV cannot load %1 as an ONNX model: %2")
                         .arg(modelPath, QString::fromUtf8(e.what()));
    }
    return false;
}

std::unique_ptr<cv::dnn::Net> OnnxNetPool::borrow() const {
    {
        QMutexLocker lock(&m_mutex);
        if (!m_idle.empty()) {
            auto net = std::move(m_idle.back());
            m_idle.pop_back();
            return net;
        }
    }
    return std::make_unique<cv::dnn::Net>(cv::dnn::readNetFromONNX(m_model));
}

void OnnxNetPool::giveBack(std::unique_ptr<cv::dnn::Net> net) const {
    QMutexLocker lock(&m_mutex);
    m_idle.push_back(std::move(net));
}

std::vector<float> OnnxNetPool::run(const cv::Mat& input, QString* error) const {
    if (m_model.empty()) {
        if (error)
            *error = QStringLiteral("model not loaded");
        return {};
    }
    std::unique_ptr<cv::dnn::Net> net;
    std::vector<float> values;
    try {
        net = borrow();
        net->setInput(input);
        cv::Mat output = net->forward();
        if (output.depth() != CV_32F)
            output.convertTo(output, CV_32F);
        output = output.isContinuous() ? output : output.clone();
        values.assign(output.ptr<float>(), output.ptr<float>() + output.total());
    } catch (const cv::Exception& e) {
        if (error)
            *error = QStringLiteral("%1 failed: %2").arg(m_path, QString::fromStdString(e.msg));
        values.clear();
    } catch (const std::exception& e) {
        if (error)
            *error = QStringLiteral("%1 failed: %2").arg(m_path, QString::fromUtf8(e.what()));
        values.clear();
    }
    if (net)
        giveBack(std::move(net));
    return values;
}

} // namespace vl::engine
