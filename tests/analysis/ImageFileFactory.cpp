#include "ImageFileFactory.h"

#include <QVector>

namespace {

void appendBigEndian16(QByteArray& bytes, quint16 value) {
    bytes.append(char(value >> 8)).append(char(value & 0xFF));
}

void appendBigEndian32(QByteArray& bytes, quint32 value) {
    appendBigEndian16(bytes, quint16(value >> 16));
    appendBigEndian16(bytes, quint16(value & 0xFFFF));
}

QByteArray app1Segment(const QByteArray& payload) {
    QByteArray segment("\xFF\xE1", 2);
    appendBigEndian16(segment, quint16(payload.size() + 2)); // the length counts itself
    return segment + payload;
}

QByteArray insertAfterSoi(const QByteArray& jpeg, const QByteArray& segment) {
    return jpeg.left(2) + segment + jpeg.mid(2);
}

quint32 crc32(const QByteArray& bytes) {
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : bytes) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray pngChunk(const char* type, const QByteArray& data) {
    QByteArray chunk;
    appendBigEndian32(chunk, quint32(data.size()));
    const QByteArray typed = QByteArray(type) + data;
    chunk += typed;
    appendBigEndian32(chunk, crc32(typed));
    return chunk;
}

} // namespace

QByteArray ImageFileFactory::withExif(const QByteArray& jpeg, int orientation,
                                      const QByteArray& description) {
    struct Entry {
        quint16 tag, type;
        quint32 count;
        QByteArray value; // inline when <= 4 bytes, else stored in the data area
    };
    QVector<Entry> entries;
    if (!description.isEmpty())
        entries.append({0x010E, 2, quint32(description.size() + 1), description + '\0'});
    if (orientation > 0) {
        QByteArray value;
        appendBigEndian16(value, quint16(orientation));
        entries.append({0x0112, 3, 1, value + QByteArray(2, '\0')});
    }
    QByteArray tiff("MM\0\x2A", 4);
    appendBigEndian32(tiff, 8);
    appendBigEndian16(tiff, quint16(entries.size()));
    quint32 dataOffset = 8 + 2 + 12 * quint32(entries.size()) + 4;
    QByteArray dataArea;
    for (const Entry& entry : entries) {
        appendBigEndian16(tiff, entry.tag);
        appendBigEndian16(tiff, entry.type);
        appendBigEndian32(tiff, entry.count);
        if (entry.value.size() <= 4) {
            tiff += entry.value.leftJustified(4, '\0');
        } else {
            appendBigEndian32(tiff, dataOffset + quint32(dataArea.size()));
            dataArea += entry.value;
        }
    }
    appendBigEndian32(tiff, 0); // no next IFD
    return insertAfterSoi(jpeg, app1Segment(QByteArray("Exif\0\0", 6) + tiff + dataArea));
}

QByteArray ImageFileFactory::withXmpDescription(const QByteArray& jpeg, const QString& description) {
    const QByteArray packet =
        "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
        "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:description><rdf:Alt>"
        "<rdf:li xml:lang='x-default'>" +
        description.toHtmlEscaped().toUtf8() +
        "</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
    return insertAfterSoi(jpeg, app1Segment(QByteArray("http://ns.adobe.com/xap/1.0/\0", 29) + packet));
}

QByteArray ImageFileFactory::pngClaimingSize(quint32 width, quint32 height) {
    QByteArray header;
    appendBigEndian32(header, width);
    appendBigEndian32(header, height);
    header += QByteArray("\x08\x02\x00\x00\x00", 5); // 8-bit RGB, deflate, no filter, no interlace
    const QByteArray emptyDeflate("\x78\x9C\x03\x00\x00\x00\x00\x01", 8);
    return QByteArray("\x89PNG\r\n\x1A\n", 8) + pngChunk("IHDR", header) + pngChunk("IDAT", emptyDeflate) +
           pngChunk("IEND", QByteArray());
}
