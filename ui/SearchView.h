#pragma once

#include "ApiError.h"
#include "BoundingBox.h"
#include "ClusterResultsModel.h"
#include "ExploreQuery.h"
#include "SavedView.h"
#include "ThumbnailCache.h"

#include <QPointer>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QSplitter;
class QToolButton;

namespace vl {

class ClusterCardDelegate;
class EnrichmentModelsModel;
class Session;

class FilterChipsBar;
class ResultSelection;
class ResultSelectionActions;

class ThumbnailGridView;
class VisualSearchPane;

// Searching one dataset: a query bar (caption / full-text / semantic, entity type, granularity,
// minimum similarity, filter chips), a banner saying what is shown, the virtualised grid of cluster
// cards and the visual search pane. Server rejections of the query (400/422) are shown at the query.
class SearchView : public QWidget {
    Q_OBJECT
public:
    enum class TextMode { Caption, FullText, Semantic };

    SearchView(ClusterResultsModel* results, ThumbnailCache* thumbnails, QWidget* parent = nullptr);
    ~SearchView() override;

    // The connection's results model (a new connection brings a new one).
    void setResults(ClusterResultsModel* results);
    // The connection's session: its results, and what its server can say about a dataset's text.
    void setSession(Session* session);
    void setDataset(const QString& datasetId, const QString& name);
    QString datasetId() const { return m_results ? m_results->datasetId() : QString(); }

    void runTextSearch(); // from the query bar
    void searchSimilarToMedia(const QString& mediaId);
    void focusQuery();
    void openImageFile(const QString& path);
    void chooseImageFile(); // asks for an image file to search with
    void pasteImage();

    ExploreQuery buildQuery() const; // what the controls describe (without an anchor)
    // The current search as a view to save (unnamed; an uploaded query image is not kept), and
    // restoring one: the controls take its values and it runs.
    SavedView currentView() const;
    void applyView(const SavedView& view);
    void compare(const Preview& left, const Preview& right);
    // Only the images with one quality issue (blur, dark, bright, duplicates, outliers) from `threshold` up.
    void showIssue(const QString& issue, double threshold);
    // Only the images inside the embeddings map's lasso (map units); an empty polygon drops that filter.
    void showMapRegion(const QPolygonF& polygon);
    QString bannerText() const;
    QString queryError() const; // the inline error at the query, empty when none

    // For tests and the window.
    VisualSearchPane* visualSearchPane() const { return m_visualPane; }
    ThumbnailGridView* grid() const { return m_grid; }
    QLineEdit* queryEdit() const { return m_query; }
    QComboBox* modeBox() const { return m_mode; }
    FilterChipsBar* filterChips() const { return m_chips; }
    ResultSelectionActions* selectionActions() const { return m_selectionActions; }
    QString selectionText() const;

signals:
    void backRequested();
    void enrichRequested();
    void openImageRequested();
    void exportSelectionRequested(const QString& datasetId, const QStringList& mediaIds);

private:
    QWidget* buildQueryBar();
    void runImageSearch(const QByteArray& data, const QString& fileName,
                        const std::optional<BoundingBox>& box);
    void onSearchFailed(const ApiError& error);
    void updateBanner();
    void setQueryError(const QString& text);
    void openCluster(const QModelIndex& index);
    void previewCluster(const QModelIndex& index);
    void setTileSize(int pixels);
    void updateSimilarityLabel();
    void loadTextSearchHint(const QString& datasetId);
    void showSelection(const ResultSelection& selection);

    QPointer<ClusterResultsModel> m_results;
    QPointer<ThumbnailCache> m_thumbnails;
    QString m_datasetName;
    QPointer<Session> m_session;
    QPointer<EnrichmentModelsModel> m_enrichment; // the dataset's catalogue, for m_textSearchHint
    QString m_textSearchHint;                     // what an empty text search says (TextSearchHint)
    QString m_searchDescription;                  // the "what" half of the banner for the current search

    QLabel* m_title = nullptr;
    QComboBox* m_mode = nullptr;
    QLineEdit* m_query = nullptr;
    QComboBox* m_entity = nullptr;
    QSpinBox* m_granularity = nullptr;
    QSlider* m_similarity = nullptr;
    QLabel* m_similarityLabel = nullptr;
    FilterChipsBar* m_chips = nullptr;
    QLabel* m_queryError = nullptr;
    QLabel* m_banner = nullptr;
    ThumbnailGridView* m_grid = nullptr;
    ClusterCardDelegate* m_delegate = nullptr;
    VisualSearchPane* m_visualPane = nullptr;
    QSplitter* m_splitter = nullptr;
    QSlider* m_tileSize = nullptr;
    QLabel* m_selectionLabel = nullptr;
    ResultSelectionActions* m_selectionActions = nullptr;
    QString m_anchorMediaId; // the dataset item the current search is anchored on, if any
};

} // namespace vl
