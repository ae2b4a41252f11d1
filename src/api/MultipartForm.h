#pragma once

#include <QByteArray>
#include <QString>

namespace vl {

// Builds a multipart/form-data body in memory. Unlike QHttpMultiPart the result is plain bytes, so a
// request can be sent again (after a 401 re-mint) and tests can compare it exactly.
class MultipartForm {
public:
    MultipartForm();
    explicit MultipartForm(const QByteArray& boundary);

    void addField(const QString& name, const QByteArray& value);
    void addFile(const QString& name, const QString& fileName, const QByteArray& contentType,
                 const QByteArray& data);

    QByteArray body() const;        // all parts plus the closing delimiter
    QByteArray contentType() const; // multipart/form-data; boundary=...
    QByteArray boundary() const { return m_boundary; }

private:
    static QByteArray quoted(const QString& text);
    QByteArray m_boundary;
    QByteArray m_parts;
};

} // namespace vl
