#pragma once

#include "BoundingBox.h"
#include "ImageDecoding.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QUrl>
#include <QWidget>
#include <optional>

class QLabel;
class QMimeData;
class QProgressBar;
class QPushButton;

namespace vl {

class ImageSelectionWidget;
class ThumbnailCache;

// The query image for visual search. Takes an image file dropped from the file manager, an image
// pasted from the clipboard, one opened with "Open image…", or a result dragged from the grid (that
// one searches by MEDIA anchor, and its image is loaded through the thumbnail cache so that a box can
// be drawn on it). The image is decoded off the GUI thread and shown scaled; a box
// drawn on it narrows the search to that region. Searches are requested when an image arrives and
// whenever the box settles; the bytes uploaded are the original file's.
class VisualSearchPane : public QWidget {
    Q_OBJECT
public:
    explicit VisualSearchPane(QWidget* parent = nullptr);
    ~VisualSearchPane() override;

    // Where a result dragged from the grid is loaded from (the connection's thumbnails).
    void setThumbnails(ThumbnailCache* thumbnails);

    void openImageFile(const QString& path);
    void pasteFromClipboard();
    bool acceptMimeData(const QMimeData* mime); // what a drop does; false (with a message) when unusable
    void clear();

    void setUploadProgress(qint64 sent, qint64 total);
    void setSearching(bool searching);
    void showMessage(const QString& text, bool isError);
    QString message() const;

    ImageSelectionWidget* selectionWidget() const { return m_selector; }
    bool hasImage() const { return !m_imageData.isEmpty(); }
    bool isLoading() const { return m_loader.isRunning(); }

signals:
    void imageSearchRequested(const QByteArray& imageData, const QString& fileName,
                              const std::optional<vl::BoundingBox>& box);
    void mediaSearchRequested(const QString& mediaId);
    void openImageRequested(); // the "Open image…" button; the window owns the file dialog

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct Loaded {
        QByteArray data;
        QString fileName;
        DecodedImage decoded;
        bool fromDataset = false; // a dragged result: its search has been asked for already
    };
    static Loaded encodeImage(const QImage& image, const QString& fileName, const char* format);
    void load(std::function<Loaded()> work);
    void onLoaded();
    void requestSearch(const std::optional<BoundingBox>& box);
    void showDraggedImage();
    bool concernsDragged(const QUrl& url) const;

    ImageSelectionWidget* m_selector;
    QLabel* m_hint;
    QLabel* m_message;
    QProgressBar* m_progress;
    QPushButton* m_clearBox;
    QFutureWatcher<Loaded> m_loader;
    QByteArray m_imageData;
    QString m_fileName;
    QString m_description; // what the pane says about the image shown
    QPointer<ThumbnailCache> m_thumbnails;
    QUrl m_draggedUrl; // a dragged result's image while it loads
    QString m_draggedName;
    // A dragged result's search: asked for, then running; its end ends the "Searching…" message.
    bool m_mediaSearchPending = false;
    bool m_mediaSearchRunning = false;
};

} // namespace vl
