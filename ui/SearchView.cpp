#include "SearchView.h"

#include "Theme.h"

#include "ClusterCardDelegate.h"
#include "ClusterMembersDialog.h"
#include "ClusterResultsModel.h"
#include "CompareDialog.h"
#include "Connection.h"
#include "EnrichmentModelsModel.h"
#include "FilterChipsBar.h"
#include "Icons.h"
#include "MediaViewerDialog.h"
#include "ResultSelectionActions.h"
#include "Session.h"
#include "TextSearchHint.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "VisualSearchPane.h"
#include "Vql.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <iterator>

namespace vl {

SearchView::SearchView(ClusterResultsModel* results, ThumbnailCache* thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_results(results)
    , m_thumbnails(thumbnails) {
    m_grid = new ThumbnailGridView(thumbnails, ClusterResultsModel::ThumbnailUrlsRole, this);
    m_delegate = new ClusterCardDelegate(thumbnails, m_grid);
    m_grid->setItemDelegate(m_delegate);
    m_grid->setPrefetcher([this](const QModelIndex& index) {
        return m_delegate->thumbnailRequests(index, m_grid->devicePixelRatioF());
    });
    m_grid->setObjectName(QStringLiteral("resultsGrid"));
    m_visualPane = new VisualSearchPane(this);
    m_visualPane->setThumbnails(thumbnails);
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("resultsBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_grid);
    m_splitter->addWidget(m_visualPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    m_tileSize = new QSlider(Qt::Horizontal, this);
    m_tileSize->setRange(96, 320);
    m_tileSize->setFixedWidth(140);
    m_tileSize->setToolTip(tr("Tile size"));
    m_selectionLabel = new QLabel(this);
    m_selectionLabel->setObjectName(QStringLiteral("selectionLabel"));
    m_selectionActions = new ResultSelectionActions(m_grid, this);
    auto* footer = new QHBoxLayout;
    footer->addWidget(m_banner, 1);
    footer->addWidget(m_selectionLabel);
    footer->addWidget(new QLabel(tr("Tile size"), this));
    footer->addWidget(m_tileSize);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildQueryBar());
    layout->addWidget(m_splitter, 1);
    layout->addLayout(footer);

    QSettings settings;
    const int tile = settings.value(QStringLiteral("ui/tileSize"), 180).toInt();
    m_tileSize->setValue(tile);
    setTileSize(tile);
    if (!m_splitter->restoreState(settings.value(QStringLiteral("searchView/splitter")).toByteArray()))
        m_splitter->setSizes({700, 300});
    connect(m_tileSize, &QSlider::valueChanged, this, &SearchView::setTileSize);
    // Ctrl+V pastes a query image, except where a text field takes the paste itself.
    auto* paste = new QShortcut(QKeySequence::Paste, this, this, &SearchView::pasteImage);
    paste->setContext(Qt::WidgetWithChildrenShortcut);

    connect(m_grid, &ThumbnailGridView::openRequested, this, &SearchView::openCluster);
    connect(m_grid, &ThumbnailGridView::previewRequested, this, &SearchView::previewCluster);
    connect(m_visualPane, &VisualSearchPane::imageSearchRequested, this, &SearchView::runImageSearch);
    connect(m_visualPane, &VisualSearchPane::mediaSearchRequested, this, &SearchView::searchSimilarToMedia);
    connect(m_visualPane, &VisualSearchPane::openImageRequested, this, &SearchView::openImageRequested);
    connect(m_selectionActions, &ResultSelectionActions::selectionChanged, this, &SearchView::showSelection);
    connect(m_selectionActions, &ResultSelectionActions::findSimilarRequested, this,
            &SearchView::searchSimilarToMedia);
    connect(m_selectionActions, &ResultSelectionActions::compareRequested, this, &SearchView::compare);
    connect(m_selectionActions, &ResultSelectionActions::exportRequested, this,
            [this](const QStringList& ids) { emit exportSelectionRequested(datasetId(), ids); });
    setResults(results);
}

void SearchView::setResults(ClusterResultsModel* results) {
    if (m_results)
        m_results->disconnect(this);
    m_results = results;
    m_grid->setModel(results);
    m_selectionActions->setResults(results);
    if (!results)
        return;
    connect(results, &ClusterResultsModel::searchFailed, this, &SearchView::onSearchFailed);
    connect(results, &ClusterResultsModel::uploadProgress, m_visualPane,
            &VisualSearchPane::setUploadProgress);
    connect(results, &ClusterResultsModel::loadingChanged, this, [this](bool loading) {
        m_visualPane->setSearching(loading);
        updateBanner();
    });
    connect(results, &ClusterResultsModel::pageLoaded, this, &SearchView::updateBanner);
}

void SearchView::setSession(Session* session) {
    m_session = session;
    setResults(session ? session->results() : nullptr);
}

// An empty text search says what this dataset's text fields are and which runnable models would
// add some; that needs the dataset's enrichment catalogue, asked for when the dataset opens.
void SearchView::loadTextSearchHint(const QString& datasetId) {
    delete m_enrichment;
    m_textSearchHint.clear();
    if (!m_session || !m_session->hasServer() || datasetId.isEmpty())
        return;
    m_enrichment = m_session->enrichmentModels(datasetId, this);
    const bool local = m_session->connectionId() == Connection::localId();
    connect(m_enrichment, &EnrichmentModelsModel::loaded, this, [this, local] {
        m_textSearchHint = TextSearchHint::describe(m_enrichment->models(), m_enrichment->context(), local);
        updateBanner();
    });
}

SearchView::~SearchView() {
    QSettings settings;
    settings.setValue(QStringLiteral("searchView/splitter"), m_splitter->saveState());
}

QWidget* SearchView::buildQueryBar() {
    auto* bar = new QWidget(this);
    auto* back = new QToolButton(bar);
    back->setIcon(icon("back"));
    back->setToolTip(tr("Back to datasets (Alt+Left)"));
    back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    connect(back, &QToolButton::clicked, this, &SearchView::backRequested);
    m_title = new QLabel(bar);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    auto* enrich = new QPushButton(icon("enrich"), tr("Enrich…"), bar);
    connect(enrich, &QPushButton::clicked, this, &SearchView::enrichRequested);

    m_mode = new QComboBox(bar);
    m_mode->addItem(tr("Caption"), int(TextMode::Caption));
    m_mode->addItem(tr("Full text"), int(TextMode::FullText));
    m_mode->addItem(tr("Semantic"), int(TextMode::Semantic));
    m_mode->setToolTip(
        tr("Caption: meaning of captions, labels and tags · Full text: words in them (AND, OR, -word, "
           "\"phrase\") · Semantic: meaning, via image embeddings or word meanings"));
    m_query = new QLineEdit(bar);
    m_query->setObjectName(QStringLiteral("queryEdit"));
    m_query->setPlaceholderText(tr("Search captions, e.g. \"dog on a beach\"  (Ctrl+F)"));
    m_query->setClearButtonEnabled(true);
    m_query->addAction(icon("search"), QLineEdit::LeadingPosition);
    m_entity = new QComboBox(bar);
    m_entity->addItem(tr("Images"), int(EntityType::Images));
    m_entity->addItem(tr("Objects"), int(EntityType::Objects));
    m_granularity = new QSpinBox(bar);
    m_granularity->setRange(0, 4);
    m_granularity->setPrefix(tr("Granularity "));
    m_granularity->setToolTip(tr("Clustering granularity: 0 is the finest (most clusters), 4 the coarsest"));
    m_similarity = new QSlider(Qt::Horizontal, bar);
    m_similarity->setRange(0, 100);
    m_similarity->setFixedWidth(110);
    m_similarity->setToolTip(tr("Minimum similarity of text matches (0 = no minimum)"));
    m_similarityLabel = new QLabel(bar);
    m_similarityLabel->setMinimumWidth(
        m_similarityLabel->fontMetrics().horizontalAdvance(tr("min. similarity 0.00")));
    auto* search = new QPushButton(icon("search"), tr("Search"), bar);
    search->setDefault(true);
    m_chips = new FilterChipsBar(bar);
    m_queryError = new QLabel(bar);
    m_queryError->setObjectName(QStringLiteral("queryError"));
    m_queryError->setWordWrap(true);
    m_queryError->setStyleSheet(Theme::errorTextStyle());
    m_queryError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_queryError->hide();

    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(back);
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(enrich);
    auto* queryRow = new QHBoxLayout;
    queryRow->addWidget(m_mode);
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(m_entity);
    queryRow->addWidget(m_granularity);
    queryRow->addWidget(m_similarity);
    queryRow->addWidget(m_similarityLabel);
    queryRow->addWidget(search);
    auto* layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(titleRow);
    layout->addLayout(queryRow);
    layout->addWidget(m_queryError);
    layout->addWidget(m_chips);

    connect(search, &QPushButton::clicked, this, &SearchView::runTextSearch);
    connect(m_query, &QLineEdit::returnPressed, this, &SearchView::runTextSearch);
    connect(m_query, &QLineEdit::textEdited, this, [this] { setQueryError({}); });
    connect(m_chips, &FilterChipsBar::filtersChanged, this, &SearchView::runTextSearch);
    connect(m_entity, qOverload<int>(&QComboBox::activated), this, &SearchView::runTextSearch);
    connect(m_granularity, qOverload<int>(&QSpinBox::valueChanged), this, &SearchView::runTextSearch);
    connect(m_similarity, &QSlider::valueChanged, this, &SearchView::updateSimilarityLabel);
    connect(m_similarity, &QSlider::sliderReleased, this, &SearchView::runTextSearch);
    // The hint follows the mode however it changes (keyboard, mouse or code).
    connect(m_mode, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        const auto mode = TextMode(m_mode->currentData().toInt());
        m_query->setPlaceholderText(mode == TextMode::FullText ? tr("Words: cat AND (sofa OR bed) -dog")
                                    : mode == TextMode::Semantic
                                        ? tr("Describe what you look for: people on a beach")
                                        : tr("Search captions, e.g. \"dog on a beach\""));
    });
    connect(m_mode, qOverload<int>(&QComboBox::activated), this, [this] {
        if (!m_query->text().trimmed().isEmpty())
            runTextSearch();
    });
    updateSimilarityLabel();
    return bar;
}

void SearchView::updateSimilarityLabel() {
    const int value = m_similarity->value();
    m_similarityLabel->setText(value == 0 ? tr("min. similarity: any")
                                          : tr("min. similarity %1").arg(value / 100.0, 0, 'f', 2));
}

// The slider gives the preferred tile size; the grid widens or narrows the tiles a little so that
// whole columns fill the row.
void SearchView::setTileSize(int pixels) {
    m_grid->setFillRows(ClusterCardDelegate::cardWidth(pixels),
                        ClusterCardDelegate::cardWidth(m_tileSize->minimum()),
                        ClusterCardDelegate::cardWidth(m_tileSize->maximum()), [this](int cardWidth) {
                            m_delegate->setTileSize(ClusterCardDelegate::tileSizeForCardWidth(cardWidth));
                            QStyleOptionViewItem option;
                            option.initFrom(m_grid);
                            return m_delegate->sizeHint(option, {});
                        });
    QSettings().setValue(QStringLiteral("ui/tileSize"), pixels);
}

void SearchView::setDataset(const QString& datasetId, const QString& name) {
    if (m_results)
        m_results->setDataset(datasetId);
    m_datasetName = name;
    m_title->setText(name);
    loadTextSearchHint(datasetId);
    m_query->clear();
    m_chips->clearFilters();
    m_visualPane->clear();
    if (m_thumbnails)
        m_thumbnails->keepOnly({});
    setQueryError({});
    runTextSearch();
}

ExploreQuery SearchView::buildQuery() const {
    ExploreQuery query;
    query.entityType = EntityType(m_entity->currentData().toInt());
    query.granularity = m_granularity->value();
    Vql vql;
    const QString text = m_query->text().trimmed();
    const double similarity = m_similarity->value() / 100.0;
    if (!text.isEmpty()) {
        switch (TextMode(m_mode->currentData().toInt())) {
        case TextMode::Caption:
            query.caption = text;
            // The API keeps results whose cosine distance is below the threshold.
            if (similarity > 0)
                query.textualSimilarityThreshold = 1.0 - similarity;
            break;
        case TextMode::FullText:
            vql.fullText(text);
            break;
        case TextMode::Semantic:
            vql.semantic(text, similarity > 0 ? std::optional<double>(similarity) : std::nullopt);
            break;
        }
    }
    m_chips->applyTo(vql);
    if (!vql.isEmpty())
        query.vql = vql.toJsonString();
    return query;
}

static QString describeQuery(const ExploreQuery& query, const FilterChipsBar* chips, const QString& text,
                             int mode) {
    QStringList parts;
    if (!text.isEmpty()) {
        const QString kind = mode == int(SearchView::TextMode::Caption)    ? QObject::tr("caption")
                             : mode == int(SearchView::TextMode::FullText) ? QObject::tr("full text")
                                                                           : QObject::tr("semantic");
        parts << QStringLiteral("%1 \"%2\"").arg(kind, text);
    }
    for (const FilterChipsBar::Filter& filter : chips->filters())
        parts << filter.text();
    if (query.entityType == EntityType::Objects)
        parts << QObject::tr("objects");
    if (query.granularity > 0)
        parts << QObject::tr("granularity %1").arg(query.granularity);
    return parts.join(QStringLiteral("; "));
}

void SearchView::runTextSearch() {
    if (!m_results || datasetId().isEmpty())
        return;
    setQueryError({});
    const ExploreQuery query = buildQuery();
    m_anchorMediaId.clear();
    m_searchDescription =
        describeQuery(query, m_chips, m_query->text().trimmed(), m_mode->currentData().toInt());
    m_results->search(datasetId(), query);
    updateBanner();
}

void SearchView::runImageSearch(const QByteArray& data, const QString& fileName,
                                const std::optional<BoundingBox>& box) {
    if (!m_results || datasetId().isEmpty())
        return;
    setQueryError({});
    ExploreQuery query = buildQuery();
    query.caption.clear(); // the image is the query; filters still apply
    QString what = tr("images like %1").arg(fileName);
    if (box) {
        what += tr(" (region %1%, %2% — %3 × %4%)")
                    .arg(qRound(box->x * 100))
                    .arg(qRound(box->y * 100))
                    .arg(qRound(box->width * 100))
                    .arg(qRound(box->height * 100));
    }
    const QString filters = describeQuery(query, m_chips, {}, 0);
    m_anchorMediaId.clear();
    m_searchDescription = filters.isEmpty() ? what : what + QStringLiteral("; ") + filters;
    m_results->searchByImage(datasetId(), query, data, fileName, box);
    updateBanner();
}

void SearchView::searchSimilarToMedia(const QString& mediaId) {
    if (!m_results || datasetId().isEmpty() || mediaId.isEmpty())
        return;
    setQueryError({});
    ExploreQuery query = buildQuery();
    query.caption.clear();
    query.anchor = Anchor::media(mediaId);
    m_anchorMediaId = mediaId;
    m_searchDescription = tr("images like a dataset item");
    m_results->search(datasetId(), query);
    updateBanner();
}

static const char* const kModeNames[] = {"caption", "fulltext", "semantic"};

SavedView SearchView::currentView() const {
    SavedView view;
    view.mode = QLatin1String(kModeNames[m_mode->currentData().toInt()]);
    view.text = m_query->text().trimmed();
    view.filters = m_chips->toJson();
    view.entityType = EntityType(m_entity->currentData().toInt());
    view.granularity = m_granularity->value();
    view.minSimilarity = m_similarity->value() / 100.0;
    view.anchorMediaId = m_anchorMediaId;
    return view;
}

// The controls take the view's values quietly (each would otherwise start its own search), then
// the view's search runs once.
void SearchView::applyView(const SavedView& view) {
    {
        const QSignalBlocker chips(m_chips);
        const QSignalBlocker granularity(m_granularity);
        for (int mode = 0; mode < int(std::size(kModeNames)); ++mode) {
            if (view.mode == QLatin1String(kModeNames[mode]))
                m_mode->setCurrentIndex(m_mode->findData(mode));
        }
        m_query->setText(view.text);
        m_chips->setFilters(FilterChipsBar::filtersFromJson(view.filters));
        m_entity->setCurrentIndex(m_entity->findData(int(view.entityType)));
        m_granularity->setValue(view.granularity);
        m_similarity->setValue(qRound(view.minSimilarity * 100));
    }
    if (view.anchorMediaId.isEmpty())
        runTextSearch();
    else
        searchSimilarToMedia(view.anchorMediaId);
}

void SearchView::showIssue(const QString& issue, double threshold) {
    FilterChipsBar::Filter filter;
    filter.kind = issue == QLatin1String("duplicates") ? FilterChipsBar::Filter::Kind::Duplicates
                                                       : FilterChipsBar::Filter::Kind::Issue;
    if (filter.kind == FilterChipsBar::Filter::Kind::Issue)
        filter.values = {issue};
    filter.low = threshold;
    filter.high = 1.0;
    SavedView view;
    view.mode = QLatin1String(kModeNames[int(TextMode::Caption)]);
    view.filters = QJsonArray{filter.toJson()};
    applyView(view);
}

void SearchView::showMapRegion(const QPolygonF& polygon) {
    QVector<FilterChipsBar::Filter> filters;
    for (const FilterChipsBar::Filter& filter : m_chips->filters()) {
        if (filter.kind != FilterChipsBar::Filter::Kind::MapRegion)
            filters.append(filter);
    }
    if (!polygon.isEmpty()) {
        filters.append(FilterChipsBar::Filter::mapRegion(polygon));
        // The map places images: its polygon means nothing on the objects' map.
        m_entity->setCurrentIndex(m_entity->findData(int(EntityType::Images)));
    }
    m_chips->setFilters(filters); // a change runs the search
}

void SearchView::showSelection(const ResultSelection& selection) {
    const int cards = selection.cardCount();
    const int items = int(selection.previews().size());
    if (cards == 0)
        m_selectionLabel->clear();
    else if (cards == items)
        m_selectionLabel->setText(tr("%n selected", nullptr, cards));
    else
        m_selectionLabel->setText(tr("%n selected (%1 images)", nullptr, cards).arg(items));
}

QString SearchView::selectionText() const {
    return m_selectionLabel->text();
}

void SearchView::compare(const Preview& left, const Preview& right) {
    auto* dialog = new CompareDialog(left, right, m_thumbnails, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void SearchView::updateBanner() {
    if (!m_results)
        return;
    const int count = m_results->rowCount();
    const QString filters = m_searchDescription.isEmpty() ? tr("no filters") : m_searchDescription;
    QString text;
    if (m_results->isLoading() && count == 0)
        text = tr("Searching — %1…").arg(filters);
    else
        text = (count == 1 ? tr("Showing 1 cluster — filters: %1")
                           : tr("Showing %1 clusters — filters: %2").arg(count))
                   .arg(filters);
    if (m_results->mayHaveMore())
        text += tr(" (more load as you scroll)");
    m_banner->setText(text);
    if (m_results->isLoading())
        m_grid->setEmptyText(tr("Searching…"));
    else if (!m_query->text().trimmed().isEmpty() &&
             TextMode(m_mode->currentData().toInt()) != TextMode::Semantic)
        m_grid->setEmptyText(m_textSearchHint.isEmpty()
                                 ? tr("Nothing matches. Text search looks at captions, labels and tags.")
                                 : m_textSearchHint);
    else if (EntityType(m_entity->currentData().toInt()) == EntityType::Objects)
        m_grid->setEmptyText(tr("No objects found. Objects come from enrichment with an object detector "
                                "(Enrich…); switch to Images to see the pictures."));
    else
        m_grid->setEmptyText(tr("Nothing matches this search."));
}

QString SearchView::bannerText() const {
    return m_banner->text();
}

void SearchView::setQueryError(const QString& text) {
    m_queryError->setText(text);
    m_queryError->setVisible(!text.isEmpty());
    m_query->setStyleSheet(
        text.isEmpty()
            ? QString()
            : QStringLiteral("QLineEdit { border: 1px solid %1; }").arg(Theme::errorColor().name()));
}

QString SearchView::queryError() const {
    return m_queryError->isVisible() ? m_queryError->text() : QString();
}

void SearchView::onSearchFailed(const ApiError& error) {
    const QString detail = error.detail.isEmpty() ? error.message : error.detail;
    if (error.kind == ApiError::Kind::Validation) {
        setQueryError(tr("The server rejected this query: %1").arg(detail));
    } else if (error.kind == ApiError::Kind::Conflict) {
        setQueryError(tr("This dataset cannot be searched right now (it is being updated): %1").arg(detail));
    } else {
        setQueryError(error.message.isEmpty() ? detail : error.message);
    }
    m_visualPane->setSearching(false);
    updateBanner();
}

void SearchView::focusQuery() {
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

void SearchView::chooseImageFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open an image to search with"), QDir::homePath(),
        tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)"));
    if (!path.isEmpty())
        openImageFile(path);
}

void SearchView::openImageFile(const QString& path) {
    m_visualPane->openImageFile(path);
}

void SearchView::pasteImage() {
    m_visualPane->pasteFromClipboard();
}

void SearchView::openCluster(const QModelIndex& index) {
    if (!index.isValid() || !m_results)
        return;
    // A one-item cluster has nothing to choose from: its members dialog would be almost empty.
    if (index.data(ClusterResultsModel::ItemCountRole).toLongLong() == 1) {
        previewCluster(index);
        return;
    }
    auto* dialog = new ClusterMembersDialog(m_results->cluster(index.row()), m_thumbnails, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClusterMembersDialog::findSimilarRequested, this,
            [this, dialog](const QString& mediaId) {
                dialog->close();
                searchSimilarToMedia(mediaId);
            });
    dialog->show();
}

void SearchView::previewCluster(const QModelIndex& index) {
    if (!index.isValid() || !m_results || m_results->cluster(index.row()).previews.isEmpty())
        return;
    auto* viewer =
        new MediaViewerDialog(m_results->cluster(index.row()).previews.first(), m_thumbnails, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    connect(viewer, &MediaViewerDialog::findSimilarRequested, this, [this, viewer](const QString& mediaId) {
        viewer->close();
        searchSimilarToMedia(mediaId);
    });
    viewer->show();
}

} // namespace vl
