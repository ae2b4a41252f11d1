#include "CompareDialog.h"

#include "PreviewListModel.h"
#include "ResultSelection.h"
#include "ZoomImageView.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QTextDocument>
#include <QVBoxLayout>

namespace vl {

static constexpr double kZoomStep = 1.25;

CompareDialog::CompareDialog(const Preview& left, const Preview& right, ThumbnailCache* thumbnails,
                             QWidget* parent)
    : QDialog(parent)
    , m_previews{left, right} {
    setWindowTitle(tr("Compare %1 and %2").arg(left.fileName, right.fileName));
    auto* sides = new QHBoxLayout;
    sides->addWidget(buildSide(0, thumbnails), 1);
    sides->addWidget(buildSide(1, thumbnails), 1);
    // Each follows the other; setView() does not announce, so there is no echo.
    connect(m_views[0], &ZoomImageView::viewChanged, m_views[1], &ZoomImageView::setView);
    connect(m_views[1], &ZoomImageView::viewChanged, m_views[0], &ZoomImageView::setView);

    auto* hint = new QLabel(tr("Wheel or + / − to zoom both, drag to pan both, 0 to fit."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sides, 1);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    resize(1100, 720);
}

QStringList CompareDialog::detailRows(const Preview& preview) {
    const QLocale locale;
    const QString dimensions =
        preview.width > 0 && preview.height > 0
            ? tr("%1 × %2 px").arg(locale.toString(preview.width), locale.toString(preview.height))
            : tr("unknown");
    const QString local = ResultSelection::localPath(preview);
    const QFileInfo file(local);
    const QString size =
        !local.isEmpty() && file.exists() ? locale.formattedDataSize(file.size()) : tr("unknown");
    // Sorted: the same labels in another order are no difference to point out.
    QStringList labels = preview.labels;
    labels.sort(Qt::CaseInsensitive);
    return {tr("Dimensions: %1").arg(dimensions), tr("File size: %1").arg(size),
            tr("Path: %1").arg(ResultSelection::displayPath(preview)),
            tr("Labels: %1").arg(labels.isEmpty() ? tr("none") : labels.join(QStringLiteral(", ")))};
}

QWidget* CompareDialog::buildSide(int side, ThumbnailCache* thumbnails) {
    const Preview& preview = m_previews[side];
    const QUrl full = PreviewListModel::fullImageUrl(preview);
    const QUrl thumb = PreviewListModel::thumbnailUrl(preview);
    m_views[side] = new ZoomImageView(thumbnails, full, thumb != full ? thumb : QUrl(), this);
    m_views[side]->setObjectName(side == 0 ? QStringLiteral("compareLeft") : QStringLiteral("compareRight"));
    const QStringList mine = detailRows(preview);
    const QStringList theirs = detailRows(m_previews[1 - side]);
    QStringList html{QStringLiteral("<b>%1</b>").arg(preview.fileName.toHtmlEscaped())};
    for (int i = 0; i < mine.size(); ++i) {
        // What differs between the two is what a reviewer of duplicates looks for.
        const bool differs =
            i < theirs.size() && mine.at(i) != theirs.at(i) && !mine.at(i).startsWith(tr("Path: "));
        html
            << (differs ? QStringLiteral("<b>%1</b>") : QStringLiteral("%1")).arg(mine.at(i).toHtmlEscaped());
    }
    m_details[side] = new QLabel(html.join(QStringLiteral("<br>")), this);
    m_details[side]->setWordWrap(true);
    m_details[side]->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_views[side], 1);
    layout->addWidget(m_details[side]);
    return box;
}

QString CompareDialog::detailsText(int side) const {
    QTextDocument document;
    document.setHtml(m_details[side]->text());
    return document.toPlainText();
}

void CompareDialog::keyPressEvent(QKeyEvent* event) {
    // Zooming the left view announces it, and the right one follows.
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_views[0]->zoomBy(kZoomStep);
        return;
    case Qt::Key_Minus:
        m_views[0]->zoomBy(1 / kZoomStep);
        return;
    case Qt::Key_0:
        m_views[0]->resetView();
        return;
    default:
        QDialog::keyPressEvent(event);
    }
}

} // namespace vl
