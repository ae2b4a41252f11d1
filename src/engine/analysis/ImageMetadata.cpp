#include "ImageMetadata.h"

namespace vl::engine {

namespace {

constexpr int kSearchWindow = 1 << 20; // metadata lives near the start; never scan whole huge files
constexpr quint16 kImageDescriptionTag = 0x010E;
constexpr quint16 kAsciiType = 2;

// Reads TIFF structures with bounds checks; every accessor returns 0 past the end.
class TiffReader {
public:
    TiffReader(const QByteArray& bytes, int start)
        : m_bytes(bytes)
        , m_start(start) {
        m_littleEndian = byteAt(0) == 'I';
    }

    bool hasValidHeader() const {
        const bool intel = byteAt(0) == 'I' && byteAt(1) == 'I' && u16(2) == 42;
        const bool motorola = byteAt(0) == 'M' && byteAt(1) == 'M' && u16(2) == 42;
        return intel || motorola;
    }

    quint32 u32(qint64 offset) const {
        const quint32 a = byteAt(offset), b = byteAt(offset + 1), c = byteAt(offset + 2),
                      d = byteAt(offset + 3);
        return m_littleEndian ? (a | b << 8 | c << 16 | d << 24) : (d | c << 8 | b << 16 | a << 24);
    }
    quint16 u16(qint64 offset) const {
        const quint16 a = byteAt(offset), b = byteAt(offset + 1);
        return quint16(m_littleEndian ? (a | b << 8) : (b | a << 8));
    }
    QByteArray slice(qint64 offset, qint64 length) const {
        const qint64 begin = m_start + offset;
        if (offset < 0 || length < 0 || begin + length > m_bytes.size())
            return QByteArray();
        return m_bytes.mid(int(begin), int(length));
    }

private:
    uchar byteAt(qint64 offset) const {
        const qint64 index = m_start + offset;
        return index >= 0 && index < m_bytes.size() ? uchar(m_bytes[int(index)]) : 0;
    }

    const QByteArray& m_bytes;
    int m_start;
    bool m_littleEndian = true;
};

QString asciiTagInIfd0(const QByteArray& bytes, int tiffStart, quint16 wantedTag) {
    const TiffReader tiff(bytes, tiffStart);
    if (!tiff.hasValidHeader())
        return QString();
    const quint32 ifd = tiff.u32(4);
    const int entries = tiff.u16(ifd);
    for (int i = 0; i < entries && i < 1000; ++i) {
        const qint64 entry = qint64(ifd) + 2 + 12 * i;
        if (tiff.u16(entry) != wantedTag || tiff.u16(entry + 2) != kAsciiType)
            continue;
        const quint32 count = tiff.u32(entry + 4);
        const qint64 valueOffset = count <= 4 ? entry + 8 : qint64(tiff.u32(entry + 8));
        QByteArray value = tiff.slice(valueOffset, count);
        const int nul = value.indexOf('\0');
        if (nul >= 0)
            value.truncate(nul);
        return QString::fromUtf8(value).trimmed();
    }
    return QString();
}

// Where the TIFF structure of the EXIF block starts, or -1.
int exifTiffStart(const QByteArray& bytes) {
    const QByteArray window = bytes.left(kSearchWindow);
    if (window.startsWith(QByteArray("II*\0", 4)) || window.startsWith(QByteArray("MM\0*", 4)))
        return 0; // a TIFF file: IFD0 is the image's own directory
    const int exifHeader = window.indexOf(QByteArray("Exif\0\0", 6)); // JPEG APP1, WebP EXIF chunk
    if (exifHeader >= 0)
        return exifHeader + 6;
    const int pngChunk = window.indexOf("eXIf"); // PNG: raw TIFF right after the chunk type
    return pngChunk >= 0 ? pngChunk + 4 : -1;
}

QString decodeXmlEntities(QString text) {
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&apos;"), QLatin1String("'"));
    int start = 0;
    while ((start = text.indexOf(QLatin1String("&#"), start)) >= 0) {
        const int end = text.indexOf(QLatin1Char(';'), start);
        if (end < 0 || end - start > 10)
            break;
        const QString number = text.mid(start + 2, end - start - 2);
        bool ok = false;
        const uint code =
            number.startsWith(QLatin1Char('x')) ? number.mid(1).toUInt(&ok, 16) : number.toUInt(&ok);
        if (!ok || code == 0 || code > 0x10FFFF) {
            start = end;
            continue;
        }
        const char32_t character = code;
        text.replace(start, end - start + 1, QString::fromUcs4(&character, 1));
        ++start;
    }
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text.trimmed();
}

} // namespace

QString ImageMetadata::exifImageDescription(const QByteArray& bytes) {
    const int start = exifTiffStart(bytes);
    return start < 0 ? QString() : asciiTagInIfd0(bytes, start, kImageDescriptionTag);
}

QString ImageMetadata::xmpDescription(const QByteArray& bytes) {
    const QByteArray window = bytes.left(kSearchWindow);
    const int element = window.indexOf("<dc:description");
    if (element < 0) {
        const int attribute = window.indexOf("dc:description=\""); // the attribute shorthand form
        if (attribute < 0)
            return QString();
        const int valueStart = attribute + 16;
        const int valueEnd = window.indexOf('"', valueStart);
        return valueEnd < 0
                   ? QString()
                   : decodeXmlEntities(QString::fromUtf8(window.mid(valueStart, valueEnd - valueStart)));
    }
    const int elementEnd = window.indexOf("</dc:description>", element);
    if (elementEnd < 0)
        return QString();
    const QByteArray body = window.mid(element, elementEnd - element);
    // Usually <rdf:Alt><rdf:li xml:lang="x-default">text</rdf:li></rdf:Alt>; take the first item.
    const int item = body.indexOf("<rdf:li");
    const int textStart = body.indexOf('>', item < 0 ? 0 : item) + 1;
    if (textStart <= 0)
        return QString();
    int textEnd = body.indexOf('<', textStart);
    if (textEnd < 0)
        textEnd = body.size();
    return decodeXmlEntities(QString::fromUtf8(body.mid(textStart, textEnd - textStart)));
}

QString ImageMetadata::description(const QByteArray& bytes, const QMap<QString, QString>& pluginText) {
    QString text = exifImageDescription(bytes);
    if (text.isEmpty())
        text = xmpDescription(bytes);
    if (text.isEmpty())
        text = pluginText.value(QStringLiteral("Description")).trimmed();
    return text;
}

} // namespace vl::engine
