#pragma once

#include <QImage>
#include <QSet>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>

namespace vl::engine {

// Writes the cached thumbnails. Each file is written atomically (QSaveFile: a temporary file renamed over
// the target), so a reader sees either no file or a whole one, never a half-written file. A missing
// thumbnail is built once: concurrent requests for the same file wait for the first build and then serve
// its result instead of decoding the original again and writing over each other.
class ThumbnailWriter {
public:
    // Makes sure `path` exists: calls `make` (at most one call per path at a time) when it does not.
    // False when `make` gave a null image or the file could not be written.
    bool ensure(const QString& path, const std::function<QImage()>& make);

    // Atomic write in the cache's format (JPEG without alpha when WebP is not available).
    static bool write(const QImage& image, const QString& path, const QByteArray& format);

private:
    std::mutex m_mutex;
    std::condition_variable m_built;
    QSet<QString> m_building;
};

} // namespace vl::engine
