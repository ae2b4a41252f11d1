#pragma once

#include <QString>
#include <QTemporaryDir>
#include <QVector>
#include <memory>

namespace vl {
class ApiClient;
class ClusterCardDelegate;
class ClusterResultsModel;
class ThumbnailCache;
class ThumbnailGridView;
class ThumbnailProvider;
namespace test {
class ScriptedServer;
}
} // namespace vl

// The results grid as the app builds it (SearchView): a ClusterResultsModel paged through ExploreJob
// from a loopback server serving synthetic explore pages, a ThumbnailGridView with the ClusterCardDelegate
// and its prefetcher, a ThumbnailCache on a real ThumbnailProvider. Thumbnails are small JPEG files on
// disk (file: links, one distinct link per preview) so MediaLoader decodes them on its pool, as it
// decodes downloaded bytes, without a server competing for the GUI thread while frames are timed.
class GridScenario {
public:
    struct Frames {
        QVector<double> paintMs;      // full viewport repaint per scroll step, the fastest of three
        QVector<double> firstPaintMs; // the first of those three repaints alone
        QVector<double> stepMs;       // scroll + events until the visible thumbnails were in + repaint
        int completeFrames = 0;       // frames painted with every visible thumbnail in the cache
    };

    GridScenario();
    ~GridScenario();

    // Serves `clusters` clusters (9 previews each) and pages the model to the end; false with `error`.
    bool load(int clusters, QString* error);
    // Shows the grid at `width` x `height` and scrolls it top to bottom one card row per step.
    Frames scrollThrough(int width, int height, int waitForThumbnailsMs);

    int rowCount() const;
    int cacheUsedKb() const;

private:
    bool visibleThumbnailsCached() const;
    double timedRepaint() const; // ms
    void writeThumbnailFiles();

    QTemporaryDir m_files;
    std::unique_ptr<vl::test::ScriptedServer> m_server;
    std::unique_ptr<vl::ApiClient> m_client;
    std::unique_ptr<vl::ThumbnailProvider> m_provider;
    std::unique_ptr<vl::ThumbnailCache> m_cache;
    std::unique_ptr<vl::ClusterResultsModel> m_model;
    std::unique_ptr<vl::ThumbnailGridView> m_grid;
    vl::ClusterCardDelegate* m_delegate = nullptr; // owned by the grid
};
