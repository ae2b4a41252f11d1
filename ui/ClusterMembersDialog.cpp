#include "ClusterMembersDialog.h"

#include "ClusterCardDelegate.h"
#include "ClusterResultsModel.h"
#include "CompareDialog.h"
#include "Icons.h"
#include "MediaViewerDialog.h"
#include "PreviewListModel.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>
#include <algorithm>

namespace vl {

namespace {

// A square thumbnail with the file name under it.
class PreviewTileDelegate : public QStyledItemDelegate {
public:
    PreviewTileDelegate(ThumbnailCache* thumbnails, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_thumbnails(thumbnails) {}
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override {
        return {kTile + 12, kTile + 16 + option.fontMetrics.height()};
    }
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        painter->save();
        const QRect area(option.rect.left() + 6, option.rect.top() + 6, kTile, kTile);
        const bool selected = option.state & QStyle::State_Selected;
        if (selected)
            painter->fillRect(option.rect.adjusted(1, 1, -1, -1),
                              option.palette.color(QPalette::Highlight).lighter(170));
        const QUrl url = index.data(PreviewListModel::ThumbnailUrlRole).toUrl();
        const QPixmap pixmap = m_thumbnails ? m_thumbnails->thumbnail(url, QSize(256, 256)) : QPixmap();
        if (pixmap.isNull())
            drawPlaceholder(painter, area, option.palette,
                            m_thumbnails && !m_thumbnails->failure(url).isEmpty());
        else
            drawPixmapCovering(painter, area, pixmap, index.data(PreviewListModel::ObjectBoxRole).toRectF());
        const QRect text(area.left(), area.bottom() + 4, kTile, option.fontMetrics.height());
        painter->setPen(option.palette.color(QPalette::Text));
        painter->drawText(text, Qt::AlignCenter,
                          option.fontMetrics.elidedText(index.data().toString(), Qt::ElideMiddle, kTile));
        painter->restore();
    }

private:
    static constexpr int kTile = 150;
    QPointer<ThumbnailCache> m_thumbnails;
};

} // namespace

ClusterMembersDialog::ClusterMembersDialog(const Cluster& cluster, ThumbnailCache* thumbnails,
                                           QWidget* parent)
    : QDialog(parent)
    , m_cluster(cluster)
    , m_thumbnails(thumbnails)
    , m_model(new PreviewListModel(this))
    , m_grid(new ThumbnailGridView(thumbnails, PreviewListModel::ThumbnailUrlRole, this)) {
    setWindowTitle(tr("Cluster members"));
    m_model->setPreviews(cluster.previews);
    auto* delegate = new PreviewTileDelegate(thumbnails, m_grid);
    m_grid->setItemDelegate(delegate);
    m_grid->setModel(m_model);
    QStyleOptionViewItem option;
    option.initFrom(m_grid);
    m_grid->setItemSize(delegate->sizeHint(option, {}));

    const qint64 total = cluster.imageCount >= 0 ? cluster.imageCount : cluster.previews.size();
    QString heading =
        tr("<b>%1</b> — showing %2 of %3 items")
            .arg((cluster.captions.isEmpty() ? tr("Cluster") : cluster.captions.first()).toHtmlEscaped())
            .arg(cluster.previews.size())
            .arg(total);
    if (!cluster.labels.isEmpty())
        heading += QStringLiteral("<br>") +
                   tr("Labels: %1").arg(cluster.labels.join(QStringLiteral(", ")).toHtmlEscaped());
    auto* label = new QLabel(heading, this);
    label->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* similar = buttons->addButton(tr("Find similar"), QDialogButtonBox::ActionRole);
    similar->setIcon(icon("similar"));
    auto* open = buttons->addButton(tr("Open"), QDialogButtonBox::ActionRole);
    m_compare = buttons->addButton(tr("Compare"), QDialogButtonBox::ActionRole);
    m_compare->setToolTip(tr("Two members side by side (select two with Ctrl+click)"));
    connect(m_compare, &QPushButton::clicked, this, &ClusterMembersDialog::compareSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(similar, &QPushButton::clicked, this, [this] {
        const QModelIndex current =
            m_grid->currentIndex().isValid() ? m_grid->currentIndex() : m_model->index(0);
        if (current.isValid())
            emit findSimilarRequested(current.data(PreviewListModel::MediaIdRole).toString());
    });
    connect(open, &QPushButton::clicked, this, [this] { openMember(m_grid->currentIndex()); });
    connect(m_grid, &ThumbnailGridView::openRequested, this, &ClusterMembersDialog::openMember);
    connect(m_grid, &ThumbnailGridView::previewRequested, this, &ClusterMembersDialog::openMember);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_grid, 1);
    layout->addWidget(buttons);
    resize(760, 560);
    if (m_model->rowCount() > 0)
        m_grid->setCurrentIndex(m_model->index(0));
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_compare->setEnabled(comparePair().size() == 2); });
    m_compare->setEnabled(comparePair().size() == 2);
    m_grid->setFocus();
}

// The two selected members, or the only two of a pair of duplicates.
QVector<Preview> ClusterMembersDialog::comparePair() const {
    QModelIndexList selected = m_grid->selectionModel()->selectedIndexes();
    if (selected.size() != 2 && m_model->rowCount() == 2)
        selected = {m_model->index(0), m_model->index(1)};
    if (selected.size() != 2)
        return {};
    std::sort(selected.begin(), selected.end());
    return {m_model->preview(selected.at(0).row()), m_model->preview(selected.at(1).row())};
}

void ClusterMembersDialog::compareSelected() {
    const QVector<Preview> pair = comparePair();
    if (pair.size() != 2)
        return;
    auto* dialog = new CompareDialog(pair.at(0), pair.at(1), m_thumbnails, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ClusterMembersDialog::openMember(const QModelIndex& index) {
    if (!index.isValid())
        return;
    auto* viewer = new MediaViewerDialog(m_model->preview(index.row()), m_thumbnails, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    connect(viewer, &MediaViewerDialog::findSimilarRequested, this,
            &ClusterMembersDialog::findSimilarRequested);
    viewer->show();
}

} // namespace vl
