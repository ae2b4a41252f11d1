#include "ThumbnailWriter.h"

#include "Indexer.h"

#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QSaveFile>

namespace vl::engine {

bool ThumbnailWriter::ensure(const QString& path, const std::function<QImage()>& make) {
    {
        std::unique_lock lock(m_mutex);
        m_built.wait(lock, [&] { return !m_building.contains(path); });
        if (QFileInfo::exists(path))
            return true;
        m_building.insert(path);
    }
    const QImage image = make();
    const bool ok = !image.isNull() && write(image, path, Indexer::thumbnailSuffix().toLatin1());
    std::lock_guard lock(m_mutex);
    m_building.remove(path);
    m_built.notify_all();
    return ok;
}

bool ThumbnailWriter::write(const QImage& image, const QString& path, const QByteArray& format) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QImageWriter writer(&file, format);
    writer.setQuality(85);
    const bool opaque = image.hasAlphaChannel() && format != "webp";
    if (!writer.write(opaque ? image.convertToFormat(QImage::Format_RGB32) : image)) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

} // namespace vl::engine
