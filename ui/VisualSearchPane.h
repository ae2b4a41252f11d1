#pragma once

#include "BoundingBox.h"
#include "ImageDecoding.h"

#include <QFutureWatcher>
#include <QWidget>
#include <optional>

class QLabel;
class QMimeData;
class QProgressBar;
class QPushButton;

namespace vl {

class ImageSelectionWidget;

// The query image for visual search. Takes an image file dropped from the file manager, an image
// pasted from the clipboard, one opened with "Open image…", or a result dragged from the grid (that
// one searches by MEDIA anchor). The image is decoded off the GUI thread and shown scaled; a box
// drawn on it narrows the search to that region. Searches are requested when an image arrives and
// whenever the box settles; the bytes uploaded are the original file's.
class VisualSearchPane : public QWidget {
    Q_OBJECT
public:
    explicit VisualSearchPane(QWidget* parent = nullptr);
    ~VisualSearchPane() override;

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
    };
    void load(std::function<Loaded()> work);
    void onLoaded();
    void requestSearch(const std::optional<BoundingBox>& box);

    ImageSelectionWidget* m_selector;
    QLabel* m_hint;
    QLabel* m_message;
    QProgressBar* m_progress;
    QPushButton* m_clearBox;
    QFutureWatcher<Loaded> m_loader;
    QByteArray m_imageData;
    QString m_fileName;
};

} // namespace vl
