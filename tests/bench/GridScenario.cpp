#include "GridScenario.h"

#include "ExplorePayload.h"

#include "ApiClient.h"
#include "ClusterCardDelegate.h"
#include "ClusterResultsModel.h"
#include "ScriptedServer.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "ThumbnailProvider.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionViewItem>
#include <QTest>
#include <QTimer>

using namespace vl;

namespace {
constexpr int kPreviewsPerCluster = 9;
constexpr int kThumbnailFiles = 64; // distinct pictures; every preview still has its own link
constexpr int kTileSize = 180;      // SearchView's default tile size
} // namespace

GridScenario::GridScenario() = default;
GridScenario::~GridScenario() = default;

// Engine-sized thumbnails (512 px on the long side) with different colours, so cards differ.
void GridScenario::writeThumbnailFiles() {
    for (int i = 0; i < kThumbnailFiles; ++i) {
        QImage image(512, 384, QImage::Format_RGB32);
        QPainter painter(&image);
        QLinearGradient sky(0, 0, 0, 384);
        sky.setColorAt(0, QColor::fromHsv((i * 37) % 360, 120, 230));
        sky.setColorAt(1, QColor::fromHsv((i * 37 + 90) % 360, 200, 90));
        painter.fillRect(image.rect(), sky);
        painter.setBrush(QColor::fromHsv((i * 71) % 360, 220, 200));
        painter.drawEllipse(QPoint(100 + (i * 13) % 300, 120 + (i * 7) % 150), 60, 45);
        painter.end();
        image.save(m_files.filePath(QStringLiteral("t%1.jpg").arg(i)), "JPG", 85);
    }
}

bool GridScenario::load(int clusters, QString* error) {
    writeThumbnailFiles();
    const QString folder = m_files.path();
    // Signature parameters as on engine links, so the cache strips them as it does in the app.
    const ExplorePayload::ThumbUri thumbUri = [folder](int cluster, int preview) {
        const QString file =
            QStringLiteral("%1/t%2.jpg").arg(folder).arg((cluster * 7 + preview) % kThumbnailFiles);
        return QUrl::fromLocalFile(file).toString() +
               QStringLiteral("?p=%1-%2&expires=1767225600&sig=0a1b2c3d").arg(cluster).arg(preview);
    };
    m_server = std::make_unique<test::ScriptedServer>();
    if (!m_server->listen()) {
        *error = QStringLiteral("the loopback server did not start");
        return false;
    }
    m_server->setHandler([clusters, thumbUri](const test::RecordedRequest& request) {
        const int page = request.queryValue(QStringLiteral("page_number")).toInt();
        return std::optional<test::ScriptedReply>(test::ScriptedReply::json(
            200, ExplorePayload::page(page, clusters, kPreviewsPerCluster, thumbUri)));
    });
    m_client = std::make_unique<ApiClient>();
    m_client->setBaseUrl(m_server->baseUrl());
    m_provider = std::make_unique<ThumbnailProvider>(m_client.get());
    m_cache = std::make_unique<ThumbnailCache>(m_provider.get());
    m_model = std::make_unique<ClusterResultsModel>();
    m_model->setClient(m_client.get());
    QString failure;
    QObject guard; // ends the connection below with this function
    QObject::connect(m_model.get(), &ClusterResultsModel::searchFailed, &guard,
                     [&failure](const ApiError& e) { failure = e.message; });
    m_model->search(QStringLiteral("bench"), ExploreQuery{});
    while (!m_model->isExhausted() && failure.isEmpty()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (!m_model->isLoading())
            m_model->fetchMore({});
    }
    if (!failure.isEmpty())
        *error = failure;
    return failure.isEmpty();
}

int GridScenario::rowCount() const {
    return m_model ? m_model->rowCount() : 0;
}

int GridScenario::cacheUsedKb() const {
    return m_cache ? m_cache->memoryUsedKb() : 0;
}

bool GridScenario::visibleThumbnailsCached() const {
    const QRect viewport = m_grid->viewport()->rect();
    const QModelIndex first = m_grid->indexAt(QPoint(1, 1));
    for (int row = qMax(0, first.row()); row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row);
        const QRect rect = m_grid->visualRect(index);
        if (rect.top() > viewport.bottom())
            break;
        if (!rect.intersects(viewport))
            continue;
        for (const auto& request : m_delegate->thumbnailRequests(index, m_grid->devicePixelRatioF())) {
            if (!m_cache->contains(request.first, request.second) &&
                m_cache->failure(request.first).isEmpty())
                return false;
        }
    }
    return true;
}

double GridScenario::timedRepaint() const {
    QElapsedTimer paint;
    paint.start();
    m_grid->viewport()->repaint();
    return paint.nsecsElapsed() / 1e6;
}

GridScenario::Frames GridScenario::scrollThrough(int width, int height, int waitForThumbnailsMs) {
    m_grid = std::make_unique<ThumbnailGridView>(m_cache.get(), ClusterResultsModel::ThumbnailUrlsRole);
    m_delegate = new ClusterCardDelegate(m_cache.get(), m_grid.get());
    m_grid->setItemDelegate(m_delegate);
    m_grid->setPrefetcher([this](const QModelIndex& index) {
        return m_delegate->thumbnailRequests(index, m_grid->devicePixelRatioF());
    });
    m_grid->setModel(m_model.get());
    m_grid->setFillRows(ClusterCardDelegate::cardWidth(kTileSize), ClusterCardDelegate::cardWidth(96),
                        ClusterCardDelegate::cardWidth(320), [this](int cardWidth) {
                            m_delegate->setTileSize(ClusterCardDelegate::tileSizeForCardWidth(cardWidth));
                            QStyleOptionViewItem option;
                            option.initFrom(m_grid.get());
                            return m_delegate->sizeHint(option, {});
                        });
    m_grid->resize(width, height);
    m_grid->show();
    Frames frames;
    if (!QTest::qWaitForWindowExposed(m_grid.get()))
        return frames;
    QTimer tick; // wakes the wait below even when no load is left to finish
    tick.start(2);
    QScrollBar* bar = m_grid->verticalScrollBar();
    const int step = qMax(1, m_grid->gridSize().height());
    for (int value = 0;; value += step) {
        QElapsedTimer stepTimer;
        stepTimer.start();
        bar->setValue(qMin(value, bar->maximum()));
        while (!visibleThumbnailsCached() && stepTimer.elapsed() < waitForThumbnailsMs)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        frames.completeFrames += visibleThumbnailsCached() ? 1 : 0;
        frames.firstPaintMs.append(timedRepaint());
        // The frame's cost without the scheduler's noise on a shared machine: the fastest of three paints.
        frames.paintMs.append(qMin(frames.firstPaintMs.last(), qMin(timedRepaint(), timedRepaint())));
        frames.stepMs.append(stepTimer.nsecsElapsed() / 1e6);
        if (value >= bar->maximum())
            break;
    }
    return frames;
}
