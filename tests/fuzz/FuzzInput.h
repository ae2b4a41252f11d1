#pragma once

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>

// Helpers that turn a fuzzer's flat byte string into the structured inputs the parsers take.
namespace vl::fuzz {

inline QByteArray bytesOf(const uint8_t* data, size_t size) {
    // A deep copy: Qt may keep references into the data past the call.
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// Splits at every occurrence of `separator`, keeping empty pieces (they are inputs too).
inline QList<QByteArray> pieces(const QByteArray& bytes, const QByteArray& separator) {
    QList<QByteArray> out;
    qsizetype from = 0;
    for (qsizetype at = bytes.indexOf(separator); at >= 0; at = bytes.indexOf(separator, from)) {
        out.append(bytes.mid(from, at - from));
        from = at + separator.size();
    }
    out.append(bytes.mid(from));
    return out;
}

} // namespace vl::fuzz
