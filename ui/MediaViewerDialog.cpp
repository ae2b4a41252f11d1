#include "MediaViewerDialog.h"

#include "ClusterCardDelegate.h"
#include "ClusterResultsModel.h"
#include "Icons.h"
#include "ObjectBoxGeometry.h"
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
    if (m_thumbnails)
        m_thumbnails->repaintOnArrival(this, {m_url, m_fallbackUrl});
}

QPixmap BoxedImageView::shownPixmap() const {
    if (!m_thumbnails)
        return {};
    QPixmap pixmap = m_thumbnails->thumbnail(m_url, fullImageSize);
    // While the full image loads (or if it fails) the thumbnail stands in.
    if (pixmap.isNull() && m_fallbackUrl.isValid())
        pixmap = m_thumbnails->thumbnail(m_fallbackUrl, QSize(256, 256));
    return pixmap;
}

QVector<QRectF> BoxedImageView::boxesOnScreen(const QSizeF& imageSize) const {
    const QRectF target = ObjectBoxGeometry::fittedRect(imageSize, QRectF(rect()));
    QVector<QRectF> boxes;
    for (const QRectF& box : m_boxes)
        boxes.append(ObjectBoxGeometry::mapBox(box, imageSize, QRectF(QPointF(0, 0), imageSize), target));
    return boxes;
}

void BoxedImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QPixmap pixmap = shownPixmap();
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
    const QSizeF imageSize = QSizeF(pixmap.size()) / pixmap.devicePixelRatio();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawPixmap(ObjectBoxGeometry::fittedRect(imageSize, QRectF(rect())), pixmap,
                       QRectF(pixmap.rect()));
    painter.setPen(QPen(objectBoxColor(), 2.5));
    painter.setBrush(Qt::NoBrush);
    for (const QRectF& box : boxesOnScreen(imageSize))
        painter.drawRect(box);
}

MediaViewerDialog::MediaViewerDialog(const Preview& preview, ThumbnailCache* thumbnails, QWidget* parent)
    : QDialog(parent)
    , m_preview(preview) {
    setWindowTitle(preview.fileName.isEmpty() ? tr("Media") : preview.fileName);
    const QUrl full = PreviewListModel::fullImageUrl(preview);
    const QUrl thumb = PreviewListModel::thumbnailUrl(preview);
    auto* view = new BoxedImageView(thumbnails, full, thumb != full ? thumb : QUrl(), this);
    m_view = view;
    const QRectF box = PreviewListModel::objectBox(preview);
    if (!box.isNull())
        view->setBoxes({box});

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
