#include "MultipartForm.h"

#include <QRandomGenerator>

namespace vl {

MultipartForm::MultipartForm()
    : MultipartForm("vl-explorer-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16) +
                    QByteArray::number(QRandomGenerator::global()->generate64(), 16)) {}

MultipartForm::MultipartForm(const QByteArray& boundary)
    : m_boundary(boundary) {}

QByteArray MultipartForm::quoted(const QString& text) {
    // RFC 7578: names and file names are quoted strings; escape what would end or break them.
    QByteArray bytes = text.toUtf8();
    bytes.replace('"', "%22");
    bytes.replace('\r', "%0D");
    bytes.replace('\n', "%0A");
    return '"' + bytes + '"';
}

void MultipartForm::addField(const QString& name, const QByteArray& value) {
    m_parts += "--" + m_boundary + "\r\n";
    m_parts += "Content-Disposition: form-data; name=" + quoted(name) + "\r\n\r\n";
    m_parts += value + "\r\n";
}

void MultipartForm::addFile(const QString& name, const QString& fileName, const QByteArray& contentType,
                            const QByteArray& data) {
    m_parts += "--" + m_boundary + "\r\n";
    m_parts +=
        "Content-Disposition: form-data; name=" + quoted(name) + "; filename=" + quoted(fileName) + "\r\n";
    m_parts +=
        "Content-Type: " + (contentType.isEmpty() ? QByteArray("application/octet-stream") : contentType) +
        "\r\n\r\n";
    m_parts += data + "\r\n";
}

QByteArray MultipartForm::body() const {
    return m_parts + "--" + m_boundary + "--\r\n";
}

QByteArray MultipartForm::contentType() const {
    return "multipart/form-data; boundary=" + m_boundary;
}

} // namespace vl
