#include "ClusterJson.h"
#include "ClusterMembersDialog.h"
#include "ClusterResultsModel.h"
#include "FilterChipsBar.h"
#include "ImageSelectionWidget.h"
#include "MediaViewerDialog.h"
#include "ModelTestSupport.h"
#include "SearchView.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "ThumbnailProvider.h"
#include "VisualSearchPane.h"

#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vl;
using namespace vl::test;

// The whole visual search flow through real widgets and real HTTP: a generated image file is dropped
// on the query pane, a box is drawn with the mouse, and the requests the server received and the
// results shown are checked.
class VisualSearchTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void droppedImageAndDrawnBoxReachTheServer();
    void nonImageDropIsRejectedWithAMessage();
    void resultDraggedOnThePaneSearchesByMedia();
    void invalidVqlIsShownAtTheQuery();
    void textModesBuildTheRightQuery();
    void gridKeyboardOpensAndPreviews();
    void oneItemClusterOpensTheViewer();

private:
    std::optional<ScriptedReply> answer(const RecordedRequest& request);
    void dropUrls(const QList<QUrl>& urls);
    void dropMime(const QMimeData* mime);
    QString writeImage(const QString& name, const QSize& size);

    QTemporaryDir m_dir;
    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<ClusterResultsModel> m_results;
    std::unique_ptr<ThumbnailProvider> m_provider;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    std::unique_ptr<SearchView> m_view;
    QByteArray m_thumbnailPng;
};

std::optional<ScriptedReply> VisualSearchTest::answer(const RecordedRequest& request) {
    if (request.path == QLatin1String("/api/v1/dataset/ds/search-image-similarity"))
        return ScriptedReply::json(200, R"({"anchor_media_id":"upload-1","anchor_type":"UPLOAD"})");
    if (request.path == QLatin1String("/api/v1/explore/ds")) {
        if (request.queryValue("vql").contains(QLatin1String("bogus")))
            return ScriptedReply::json(
                422,
                R"({"detail":[{"loc":["query","vql"],"msg":"Unknown filter 'bogus'","type":"value_error"}]})");
        const bool firstPage = request.queryValue("page_number") == QLatin1String("0");
        const bool anchored = request.hasQueryItem("anchor_media_id");
        return ScriptedReply::json(200, toJson(explorePage(firstPage ? (anchored ? 5 : 12) : 0, 0, 0.21,
                                                           m_server->baseUrl().toString())));
    }
    if (request.path.startsWith(QLatin1String("/thumb/")) ||
        request.path.startsWith(QLatin1String("/image/")))
        return ScriptedReply::raw(200, m_thumbnailPng, "image/png");
    return std::nullopt;
}

QString VisualSearchTest::writeImage(const QString& name, const QSize& size) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(0x30, 0x60, 0x90));
    QPainter painter(&image);
    painter.fillRect(QRect(QPoint(size.width() / 4, size.height() / 4), size / 2), Qt::yellow);
    painter.end();
    const QString path = m_dir.filePath(name);
    if (!image.save(path))
        return {};
    return path;
}

void VisualSearchTest::initTestCase() {
    // The view remembers tile size and splitter in QSettings: keep them apart from a user's.
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_visualsearch"));
}

void VisualSearchTest::init() {
    QVERIFY(m_dir.isValid());
    QImage thumb(64, 48, QImage::Format_RGB32);
    thumb.fill(Qt::magenta);
    QBuffer buffer(&m_thumbnailPng);
    buffer.open(QIODevice::WriteOnly);
    thumb.save(&buffer, "PNG");

    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([this](const RecordedRequest& request) { return answer(request); });
    m_client = clientFor(*m_server);
    m_results = std::make_unique<ClusterResultsModel>();
    m_results->setClient(m_client.get());
    m_provider = std::make_unique<ThumbnailProvider>(m_client.get());
    m_thumbnails = std::make_unique<ThumbnailCache>(m_provider.get());
    m_view = std::make_unique<SearchView>(m_results.get(), m_thumbnails.get());
    m_view->resize(1200, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setDataset("ds", "Test dataset");
    QTRY_COMPARE_WITH_TIMEOUT(m_results->rowCount(), 12, 10000);
}

void VisualSearchTest::cleanup() {
    m_view.reset();
    m_thumbnails.reset();
    m_provider.reset();
    m_results.reset();
    m_client.reset();
    m_server.reset();
}

void VisualSearchTest::dropUrls(const QList<QUrl>& urls) {
    QMimeData mime;
    mime.setUrls(urls);
    dropMime(&mime);
}

// As a real drag does: the drag-enter picks the target, then the drop goes to it.
void VisualSearchTest::dropMime(const QMimeData* mime) {
    VisualSearchPane* pane = m_view->visualSearchPane();
    const QPoint center = pane->rect().center();
    QDragEnterEvent enter(center, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(pane, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(center), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(pane, &drop);
}

static void mouse(QWidget* widget, QEvent::Type type, const QPointF& point, Qt::MouseButtons buttons) {
    QMouseEvent event(type, point, widget->mapToGlobal(point), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void VisualSearchTest::droppedImageAndDrawnBoxReachTheServer() {
    // Larger than the pane's display decode (1600 px), so what is shown is a reduced copy.
    const QString path = writeImage("query.png", QSize(2400, 1800));
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();

    dropUrls({QUrl::fromLocalFile(path)});
    const QString uploadPath = QStringLiteral("/api/v1/dataset/ds/search-image-similarity");
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsTo(uploadPath).size(), 1, 15000);
    RecordedRequest upload = m_server->requestsTo(uploadPath).first();
    QVERIFY(!upload.hasQueryItem("bounding_box")); // the whole image first
    QCOMPARE(upload.queryValue("entity_type"), QStringLiteral("IMAGES"));
    const auto parts = upload.multipartParts();
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts.first().name, QByteArray("file"));
    QCOMPARE(parts.first().data, original); // the original bytes, not the reduced display copy
    QTRY_COMPARE_WITH_TIMEOUT(m_results->rowCount(), 5, 10000);

    ImageSelectionWidget* selector = m_view->visualSearchPane()->selectionWidget();
    QCOMPARE(selector->originalSize(), QSize(2400, 1800));
    QVERIFY(selector->imageRect().width() < 1600); // displayed smaller than the decode, smaller than the file
    const QPointF from = selector->toWidget(QPointF(600, 450));
    const QPointF to = selector->toWidget(QPointF(1800, 1350));
    mouse(selector, QEvent::MouseButtonPress, from, Qt::LeftButton);
    mouse(selector, QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    mouse(selector, QEvent::MouseMove, to, Qt::LeftButton);
    QTest::qWait(50);
    QCOMPARE(m_server->requestsTo(uploadPath).size(), 1); // not while dragging
    mouse(selector, QEvent::MouseButtonRelease, to, Qt::NoButton);

    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsTo(uploadPath).size(), 2, 15000);
    upload = m_server->requestsTo(uploadPath).last();
    const auto box = BoundingBox::parse(upload.queryValue("bounding_box"));
    QVERIFY2(box.has_value(), qPrintable(upload.queryValue("bounding_box")));
    QVERIFY(qAbs(box->x - 0.25) < 1e-3 && qAbs(box->y - 0.25) < 1e-3);
    QVERIFY(qAbs(box->width - 0.5) < 1e-3 && qAbs(box->height - 0.5) < 1e-3);

    // Explore ran around the returned anchor and the grid shows its clusters.
    QTRY_VERIFY_WITH_TIMEOUT(!m_results->isLoading(), 10000);
    const RecordedRequest explore = m_server->requestsTo("/api/v1/explore/ds").last();
    QCOMPARE(explore.queryValue("anchor_media_id"), QStringLiteral("upload-1"));
    QCOMPARE(explore.queryValue("anchor_type"), QStringLiteral("UPLOAD"));
    QTRY_COMPARE_WITH_TIMEOUT(m_results->rowCount(), 5, 10000);
    QCOMPARE(m_view->grid()->model()->rowCount(), 5);
    QVERIFY2(m_view->bannerText().contains(QStringLiteral("Showing 5 clusters")),
             qPrintable(m_view->bannerText()));
    QVERIFY(m_view->bannerText().contains(QStringLiteral("images like query.png (region 25%, 25%")));
    QCOMPARE(m_results->index(0).data(ClusterResultsModel::RelevanceTextRole).toString(),
             QStringLiteral("distance 0.21 (lower = more similar)"));

    // The visible cards' thumbnails were fetched from the server and decoded.
    const QUrl firstThumb =
        m_results->index(0).data(ClusterResultsModel::ThumbnailUrlsRole).value<QList<QUrl>>().first();
    QTRY_VERIFY_WITH_TIMEOUT(m_thumbnails->memoryUsedKb() > 0, 10000);
    QVERIFY(m_server->requestsTo(firstThumb.path()).size() >= 1);
}

void VisualSearchTest::nonImageDropIsRejectedWithAMessage() {
    const QString path = m_dir.filePath("notes.txt");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some words, not pixels\n");
    file.close();
    dropUrls({QUrl::fromLocalFile(path)});
    VisualSearchPane* pane = m_view->visualSearchPane();
    QTRY_VERIFY_WITH_TIMEOUT(pane->message().contains(QStringLiteral("not an image")), 10000);
    QVERIFY(pane->message().contains(QStringLiteral("notes.txt")));
    QVERIFY(!pane->hasImage());
    QTest::qWait(100);
    QCOMPARE(m_server->requestsTo("/api/v1/dataset/ds/search-image-similarity").size(), 0);

    // A web link is not a local file either.
    dropUrls({QUrl("https://example.com/cat.jpg")});
    QVERIFY(pane->message().contains(QStringLiteral("from this computer")));
}

void VisualSearchTest::resultDraggedOnThePaneSearchesByMedia() {
    std::unique_ptr<QMimeData> mime(m_results->mimeData({m_results->index(3)}));
    QVERIFY(mime);
    dropMime(mime.get());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_server->requestsTo("/api/v1/explore/ds").last().hasQueryItem("anchor_media_id"), 10000);
    const RecordedRequest explore = m_server->requestsTo("/api/v1/explore/ds").last();
    QCOMPARE(explore.queryValue("anchor_media_id"), QStringLiteral("c3-m0"));
    QCOMPARE(explore.queryValue("anchor_type"), QStringLiteral("MEDIA"));
    QCOMPARE(m_server->requestsTo("/api/v1/dataset/ds/search-image-similarity").size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_results->rowCount(), 5, 10000);

    // Issue 11: the pane stayed empty with "Searching…" after the results came. It shows the
    // dragged image, loaded from the server through the thumbnails, and says what it is.
    VisualSearchPane* pane = m_view->visualSearchPane();
    ImageSelectionWidget* selector = pane->selectionWidget();
    QTRY_VERIFY_WITH_TIMEOUT(selector->hasImage(), 10000);
    QVERIFY(m_server->requestsTo("/image/c3-m0.png").size() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(!m_results->isLoading(), 10000);
    QVERIFY2(!pane->message().contains(QStringLiteral("Searching")), qPrintable(pane->message()));
    QVERIFY2(pane->message().contains(QStringLiteral("c3-0.png")), qPrintable(pane->message()));

    // A box drawn on it searches for that region (the shown copy is uploaded).
    const QString uploadPath = QStringLiteral("/api/v1/dataset/ds/search-image-similarity");
    const QPointF from = selector->toWidget(QPointF(16, 12));
    const QPointF to = selector->toWidget(QPointF(48, 36));
    mouse(selector, QEvent::MouseButtonPress, from, Qt::LeftButton);
    mouse(selector, QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    mouse(selector, QEvent::MouseMove, to, Qt::LeftButton);
    mouse(selector, QEvent::MouseButtonRelease, to, Qt::NoButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsTo(uploadPath).size(), 1, 15000);
    const auto box = BoundingBox::parse(m_server->requestsTo(uploadPath).first().queryValue("bounding_box"));
    QVERIFY(box.has_value());
    QVERIFY(qAbs(box->x - 0.25) < 0.02 && qAbs(box->width - 0.5) < 0.02);
    QVERIFY(!m_server->requestsTo(uploadPath).first().multipartParts().first().data.isEmpty());
}

void VisualSearchTest::invalidVqlIsShownAtTheQuery() {
    FilterChipsBar::Filter filter;
    filter.kind = FilterChipsBar::Filter::Kind::Labels;
    filter.values = {"bogus"};
    m_view->filterChips()->addFilter(filter); // runs the search
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->queryError().isEmpty(), 10000);
    QVERIFY2(m_view->queryError().contains(QStringLiteral("Unknown filter 'bogus'")),
             qPrintable(m_view->queryError()));
    QVERIFY(m_view->queryError().contains(QStringLiteral("rejected")));
    // Editing the query clears the complaint.
    QTest::keyClicks(m_view->queryEdit(), "x");
    QVERIFY(m_view->queryError().isEmpty());
}

void VisualSearchTest::textModesBuildTheRightQuery() {
    m_view->queryEdit()->setText("dog on a beach");
    m_view->modeBox()->setCurrentIndex(int(SearchView::TextMode::Caption));
    ExploreQuery query = m_view->buildQuery();
    QCOMPARE(query.caption, QStringLiteral("dog on a beach"));
    QVERIFY(query.vql.isEmpty());
    m_view->modeBox()->setCurrentIndex(int(SearchView::TextMode::FullText));
    query = m_view->buildQuery();
    QVERIFY(query.caption.isEmpty());
    QCOMPARE(query.vql, Vql().fullText("dog on a beach").toJsonString());
    m_view->modeBox()->setCurrentIndex(int(SearchView::TextMode::Semantic));
    query = m_view->buildQuery();
    QCOMPARE(query.vql, Vql().semantic("dog on a beach").toJsonString());

    m_view->runTextSearch();
    QTRY_VERIFY_WITH_TIMEOUT(!m_results->isLoading(), 10000);
    const RecordedRequest explore = m_server->requestsTo("/api/v1/explore/ds").last();
    QCOMPARE(explore.queryValue("vql"), Vql().semantic("dog on a beach").toJsonString());
    QVERIFY(m_view->bannerText().contains(QStringLiteral("semantic \"dog on a beach\"")));
}

void VisualSearchTest::gridKeyboardOpensAndPreviews() {
    ThumbnailGridView* grid = m_view->grid();
    grid->setFocus();
    grid->setCurrentIndex(m_results->index(0));
    QSignalSpy opened(grid, &ThumbnailGridView::openRequested);
    QSignalSpy previewed(grid, &ThumbnailGridView::previewRequested);
    QTest::keyClick(grid, Qt::Key_End);
    QCOMPARE(grid->currentIndex().row(), m_results->rowCount() - 1);
    QTest::keyClick(grid, Qt::Key_Home);
    QCOMPARE(grid->currentIndex().row(), 0);
    QTest::keyClick(grid, Qt::Key_Right);
    QCOMPARE(grid->currentIndex().row(), 1);
    QTest::keyClick(grid, Qt::Key_Return);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().first().toModelIndex().row(), 1);
    QTest::keyClick(grid, Qt::Key_Space);
    QCOMPARE(previewed.count(), 1);
    // The members dialog and the viewer opened as windows of their own; close them.
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (top != m_view.get() && top->isVisible())
            top->close();
    }
}

// Issue 11: opening a one-item cluster showed an almost empty members dialog; it opens the image
// viewer instead, while a cluster of several items still opens its members.
void VisualSearchTest::oneItemClusterOpensTheViewer() {
    const QString base = m_server->baseUrl().toString();
    m_server->setHandler([this, base](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path == QLatin1String("/api/v1/explore/ds") &&
            request.queryValue("page_number") == QLatin1String("0")) {
            QJsonObject one = clusterJson("one", 1, 0.1, base);
            one["n_images"] = 1;
            const QJsonObject page{{"clusters", QJsonArray{one, clusterJson("many", 3, 0.2, base)}},
                                   {"metadata", QJsonObject{}}};
            return ScriptedReply::json(200, toJson(page));
        }
        return answer(request);
    });
    m_view->runTextSearch();
    QTRY_COMPARE_WITH_TIMEOUT(m_results->rowCount(), 2, 10000);
    QCOMPARE(m_results->index(0).data(ClusterResultsModel::ItemCountRole).toLongLong(), 1);
    ThumbnailGridView* grid = m_view->grid();
    grid->setFocus();
    grid->setCurrentIndex(m_results->index(0));
    QTest::keyClick(grid, Qt::Key_Return);
    auto* viewer = m_view->findChild<MediaViewerDialog*>();
    QVERIFY(viewer);
    QVERIFY(viewer->isVisible());
    QVERIFY(!m_view->findChild<ClusterMembersDialog*>());
    delete viewer;

    grid->setCurrentIndex(m_results->index(1));
    QTest::keyClick(grid, Qt::Key_Return);
    auto* members = m_view->findChild<ClusterMembersDialog*>();
    QVERIFY(members);
    QVERIFY(members->isVisible());
    QVERIFY(!m_view->findChild<MediaViewerDialog*>());
    delete members;
}

QTEST_MAIN(VisualSearchTest)
#include "tst_visualsearch.moc"
