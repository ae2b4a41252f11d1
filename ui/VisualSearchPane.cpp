#include "VisualSearchPane.h"

#include "Theme.h"

#include "ClusterResultsModel.h"
#include "Icons.h"
#include "ImageSelectionWidget.h"
#include "ThumbnailCache.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace vl {

// The displayed copy is decoded at most this large; the upload keeps the original bytes.
static const QSize displaySize(1600, 1600);
// Files larger than this are refused before reading them into memory.
static constexpr qint64 kMaxImageFileBytes = 100LL * 1024 * 1024;

VisualSearchPane::VisualSearchPane(QWidget* parent)
    : QWidget(parent)
    , m_selector(new ImageSelectionWidget(this))
    , m_hint(new QLabel(this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_clearBox(new QPushButton(tr("Whole image"), this)) {
    setAcceptDrops(true);
    auto* title = new QLabel(tr("<b>Visual search</b>"), this);
    m_hint->setText(tr("Drop an image here, paste one (Ctrl+V), open one (Ctrl+O), or drag a result here. "
                       "Then draw a box to search for a region."));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("Uploading %p%"));
    m_progress->hide();

    auto* open = new QPushButton(icon("image-open"), tr("Open image…"), this);
    auto* paste = new QPushButton(icon("paste"), tr("Paste"), this);
    m_clearBox->setIcon(icon("clear"));
    m_clearBox->setToolTip(tr("Search with the whole image (Esc in the image)"));
    m_clearBox->setEnabled(false);
    connect(open, &QPushButton::clicked, this, &VisualSearchPane::openImageRequested);
    connect(paste, &QPushButton::clicked, this, &VisualSearchPane::pasteFromClipboard);
    connect(m_clearBox, &QPushButton::clicked, m_selector, &ImageSelectionWidget::clearSelection);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(paste);
    buttons->addStretch();
    buttons->addWidget(m_clearBox);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_hint);
    layout->addWidget(m_selector, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_selector, &ImageSelectionWidget::selectionSettled, this, [this](const BoundingBox& box) {
        requestSearch(box.isWholeImage() ? std::nullopt : std::optional(box));
    });
    connect(m_selector, &ImageSelectionWidget::selectionCleared, this,
            [this] { requestSearch(std::nullopt); });
    connect(&m_loader, &QFutureWatcher<Loaded>::finished, this, &VisualSearchPane::onLoaded);
}

VisualSearchPane::~VisualSearchPane() {
    m_loader.disconnect(this);
    m_loader.waitForFinished(); // the worker touches no member; this only keeps the future's result alive
}

void VisualSearchPane::setThumbnails(ThumbnailCache* thumbnails) {
    if (m_thumbnails)
        m_thumbnails->disconnect(this);
    m_thumbnails = thumbnails;
    if (!thumbnails)
        return;
    connect(thumbnails, &ThumbnailCache::thumbnailReady, this, [this](const QUrl& url) {
        if (concernsDragged(url))
            showDraggedImage();
    });
    connect(thumbnails, &ThumbnailCache::thumbnailFailed, this,
            [this](const QUrl& url, const QString& reason) {
                if (!concernsDragged(url))
                    return;
                m_draggedUrl.clear();
                showMessage(tr("The dragged image could not be loaded: %1").arg(reason), true);
            });
}

// The cache reports a load under the link first asked, which may differ in its signature.
bool VisualSearchPane::concernsDragged(const QUrl& url) const {
    return !m_draggedUrl.isEmpty() &&
           ThumbnailCache::stableUrl(url) == ThumbnailCache::stableUrl(m_draggedUrl);
}

// Shows a dragged result's image once the cache has it (asking for it otherwise). Its bytes for an
// upload are a JPEG of that copy: a box drawn on it searches by image, the region being a fraction.
void VisualSearchPane::showDraggedImage() {
    if (!m_thumbnails || m_draggedUrl.isEmpty())
        return;
    const QPixmap pixmap = m_thumbnails->thumbnail(m_draggedUrl, displaySize);
    if (pixmap.isNull())
        return; // thumbnailReady() brings it
    const QImage image = pixmap.toImage();
    const QString name = m_draggedName.isEmpty() ? m_draggedUrl.fileName() : m_draggedName;
    m_draggedUrl.clear();
    load([image, name]() {
        Loaded loaded = encodeImage(image, name, "JPEG");
        loaded.fromDataset = true;
        return loaded;
    });
}

VisualSearchPane::Loaded VisualSearchPane::encodeImage(const QImage& image, const QString& fileName,
                                                       const char* format) {
    Loaded loaded;
    loaded.fileName = fileName;
    QBuffer buffer(&loaded.data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, qstrcmp(format, "JPEG") == 0 ? 92 : -1);
    loaded.decoded.originalSize = image.size();
    loaded.decoded.image = image.size().boundedTo(displaySize) == image.size()
                               ? image
                               : image.scaled(displaySize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return loaded;
}

void VisualSearchPane::showMessage(const QString& text, bool isError) {
    m_message->setText(text);
    m_message->setStyleSheet(isError ? Theme::errorTextStyle() : QString());
    m_message->setVisible(!text.isEmpty());
}

QString VisualSearchPane::message() const {
    return m_message->isVisible() ? m_message->text() : QString();
}

void VisualSearchPane::load(std::function<Loaded()> work) {
    if (m_loader.isRunning()) {
        showMessage(tr("Still reading the previous image…"), false);
        return;
    }
    showMessage(tr("Reading image…"), false);
    m_loader.setFuture(QtConcurrent::run(std::move(work)));
}

void VisualSearchPane::openImageFile(const QString& path) {
    load([path]() {
        Loaded loaded;
        loaded.fileName = QFileInfo(path).fileName();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            loaded.decoded.error = QCoreApplication::translate("vl::VisualSearchPane", "Cannot open %1: %2")
                                       .arg(loaded.fileName, file.errorString());
            return loaded;
        }
        if (file.size() > kMaxImageFileBytes) {
            loaded.decoded.error =
                QCoreApplication::translate("vl::VisualSearchPane",
                                            "%1 is too large to search with (over 100 MB).")
                    .arg(loaded.fileName);
            return loaded;
        }
        loaded.data = file.readAll();
        loaded.decoded = decodeImageData(loaded.data, displaySize, loaded.fileName);
        if (!loaded.decoded.isValid()) {
            loaded.decoded.error = QCoreApplication::translate("vl::VisualSearchPane",
                                                               "%1 is not an image this program can read.")
                                       .arg(loaded.fileName);
            loaded.data.clear();
        }
        return loaded;
    });
}

void VisualSearchPane::pasteFromClipboard() {
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime || !acceptMimeData(mime))
        showMessage(tr("The clipboard holds no image."), true);
}

bool VisualSearchPane::acceptMimeData(const QMimeData* mime) {
    const QString mediaType = QString::fromLatin1(ClusterResultsModel::mediaMimeType);
    if (mime->hasFormat(mediaType)) {
        const QString mediaId = QString::fromUtf8(mime->data(mediaType));
        if (mediaId.isEmpty())
            return false;
        m_imageData.clear();
        m_selector->clearImage();
        m_description.clear();
        m_draggedName =
            QString::fromUtf8(mime->data(QString::fromLatin1(ClusterResultsModel::kMediaNameMimeType)));
        m_draggedUrl =
            QUrl::fromEncoded(mime->data(QString::fromLatin1(ClusterResultsModel::kMediaUrlMimeType)));
        showMessage(m_draggedName.isEmpty() ? tr("Searching for images like the dragged result…")
                                            : tr("Searching for images like %1…").arg(m_draggedName),
                    false);
        m_mediaSearchPending = true;
        emit mediaSearchRequested(mediaId);
        showDraggedImage();
        return true;
    }
    if (mime->hasUrls()) {
        for (const QUrl& url : mime->urls()) {
            if (!url.isLocalFile())
                continue;
            // Whether it is an image is decided by the worker that reads it (no file I/O here).
            openImageFile(url.toLocalFile());
            return true;
        }
        showMessage(tr("Only image files from this computer can be dropped here."), true);
        return false;
    }
    if (mime->hasImage()) {
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        if (image.isNull())
            return false;
        load([image]() { return encodeImage(image, QStringLiteral("pasted.png"), "PNG"); });
        return true;
    }
    showMessage(tr("That is not an image. Drop an image file, or a result from the grid."), true);
    return false;
}

void VisualSearchPane::onLoaded() {
    const Loaded loaded = m_loader.result();
    if (!loaded.decoded.isValid()) {
        showMessage(loaded.decoded.error, true);
        return;
    }
    m_imageData = loaded.data;
    m_fileName = loaded.fileName;
    m_selector->setImage(loaded.decoded.image, loaded.decoded.originalSize);
    m_hint->hide();
    m_clearBox->setEnabled(true);
    m_selector->setFocus();
    if (loaded.fromDataset) {
        m_description = tr("%1 — draw a box to search for a region").arg(m_fileName);
        const bool searching = m_mediaSearchPending || m_mediaSearchRunning;
        showMessage(searching ? tr("Searching for images like %1…").arg(m_fileName) : m_description, false);
        return; // its search by media id is under way
    }
    m_description = tr("%1 (%2 × %3)")
                        .arg(m_fileName)
                        .arg(loaded.decoded.originalSize.width())
                        .arg(loaded.decoded.originalSize.height());
    showMessage(m_description, false);
    requestSearch(std::nullopt);
}

void VisualSearchPane::requestSearch(const std::optional<BoundingBox>& box) {
    if (m_imageData.isEmpty())
        return;
    emit imageSearchRequested(m_imageData, m_fileName, box);
}

void VisualSearchPane::clear() {
    m_imageData.clear();
    m_description.clear();
    m_draggedUrl.clear();
    m_mediaSearchPending = m_mediaSearchRunning = false;
    m_selector->clearImage();
    m_hint->show();
    m_clearBox->setEnabled(false);
    showMessage({}, false);
    m_progress->hide();
}

void VisualSearchPane::setUploadProgress(qint64 sent, qint64 total) {
    if (total <= 0)
        return;
    m_progress->show();
    m_progress->setValue(int(sent * 100 / total));
}

void VisualSearchPane::setSearching(bool searching) {
    if (!searching)
        m_progress->hide();
    if (searching && m_mediaSearchPending) {
        m_mediaSearchPending = false;
        m_mediaSearchRunning = true;
    } else if (!searching && m_mediaSearchRunning) {
        m_mediaSearchRunning = false; // the results are in: say what is shown, not "Searching…"
        showMessage(m_description, false);
    }
}

void VisualSearchPane::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* mime = event->mimeData();
    // Accept anything plausible so that a wrong drop gets an explanation instead of a silent refusal.
    if (mime->hasUrls() || mime->hasImage() ||
        mime->hasFormat(QString::fromLatin1(ClusterResultsModel::mediaMimeType)) || mime->hasText())
        event->acceptProposedAction();
}

void VisualSearchPane::dragMoveEvent(QDragMoveEvent* event) {
    event->acceptProposedAction();
}

void VisualSearchPane::dropEvent(QDropEvent* event) {
    if (acceptMimeData(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

} // namespace vl
