#include "MediaViewerDialog.h"

#include "ClusterCardDelegate.h"
#include "ClusterResultsModel.h"
#include "Icons.h"
#include "PreviewListModel.h"
#include "ThumbnailCache.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace vl {

static const QSize fullImageSize(2048, 2048);

BoxedImageView::BoxedImageView(ThumbnailCache* thumbnails, const QUrl& url, const QUrl& fallbackUrl,
                               QWidget* parent)
    : QWidget(parent)
    , m_thumbnails(thumbnails)
    , m_url(url)
    , m_fallbackUrl(fallbackUrl) {
    setMinimumSize(320, 240);
    if (m_thumbnails) {
        connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](const QUrl& ready) {
            if (ready == m_url || ready == m_fallbackUrl)
                update();
        });
        connect(m_thumbnails, &ThumbnailCache::thumbnailFailed, this, [this](const QUrl& failed) {
            if (failed == m_url || failed == m_fallbackUrl)
                update();
        });
    }
}

void BoxedImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    QPixmap pixmap;
    if (m_thumbnails) {
        pixmap = m_thumbnails->thumbnail(m_url, fullImageSize);
        // While the full image loads (or if it fails) the thumbnail stands in.
        if (pixmap.isNull() && m_fallbackUrl.isValid())
            pixmap = m_thumbnails->thumbnail(m_fallbackUrl, QSize(256, 256));
    }
    if (pixmap.isNull()) {
        const bool failed = m_thumbnails && !m_thumbnails->failure(m_url).isEmpty();
        drawPlaceholder(&painter, rect(), palette(), failed);
        if (failed) {
            painter.setPen(palette().color(QPalette::Text));
            painter.drawText(rect().adjusted(8, 8, -8, -8),
                             Qt::AlignBottom | Qt::AlignHCenter | Qt::TextWordWrap,
                             tr("The image could not be loaded: %1").arg(m_thumbnails->failure(m_url)));
        }
        return;
    }
    const QSizeF fitted = QSizeF(pixmap.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio);
    const QRectF target(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()));
    painter.setPen(QPen(QColor(0xff, 0x9f, 0x1a), 2.5));
    for (const QRectF& box : m_boxes) {
        painter.drawRect(QRectF(target.left() + box.x() * target.width(),
                                target.top() + box.y() * target.height(), box.width() * target.width(),
                                box.height() * target.height()));
    }
}

MediaViewerDialog::MediaViewerDialog(const Preview& preview, ThumbnailCache* thumbnails, QWidget* parent)
    : QDialog(parent)
    , m_preview(preview) {
    setWindowTitle(preview.fileName.isEmpty() ? tr("Media") : preview.fileName);
    const QUrl full = PreviewListModel::fullImageUrl(preview);
    const QUrl thumb = PreviewListModel::thumbnailUrl(preview);
    auto* view = new BoxedImageView(thumbnails, full, thumb != full ? thumb : QUrl(), this);
    if (preview.boundingBox && !preview.boundingBox->isWholeImage()) {
        const BoundingBox& box = *preview.boundingBox;
        view->setBoxes({QRectF(box.x, box.y, box.width, box.height)});
    }

    QStringList details;
    if (!preview.caption.isEmpty())
        details << QStringLiteral("<b>%1</b>").arg(preview.caption.toHtmlEscaped());
    if (!preview.labels.isEmpty())
        details << tr("Labels: %1").arg(preview.labels.join(QStringLiteral(", ")).toHtmlEscaped());
    QString file = preview.fileName.toHtmlEscaped();
    if (preview.width > 0 && preview.height > 0)
        file += QStringLiteral(" — %1 × %2").arg(preview.width).arg(preview.height);
    details << file;
    const QString relevance =
        ClusterResultsModel::relevanceText(preview.relevanceScore, preview.relevanceScoreType);
    if (!relevance.isEmpty())
        details << relevance;
    auto* info = new QLabel(details.join(QStringLiteral("<br>")), this);
    info->setWordWrap(true);
    info->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* similar = buttons->addButton(tr("Find similar"), QDialogButtonBox::ActionRole);
    similar->setIcon(icon("similar"));
    similar->setEnabled(!preview.mediaId.isEmpty());
    connect(similar, &QPushButton::clicked, this, [this] { emit findSimilarRequested(m_preview.mediaId); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(view, 1);
    layout->addWidget(info);
    layout->addWidget(buttons);
    resize(820, 700);
}

} // namespace vl
