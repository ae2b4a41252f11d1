// The Map dock's canvas with real mouse events, offscreen, fed by the model from a scripted loopback
// server: a freehand lasso around one cluster selects exactly its points and asks for the grid filter,
// a click on empty space clears it, hovering a point asks for its thumbnail through the thumbnail cache
// (loaded by the provider, never on the GUI thread), and the wheel zooms about the cursor.
#include "EmbeddingsMapModel.h"
#include "EmbeddingsMapPanel.h"
#include "EmbeddingsMapView.h"
#include "ModelTestSupport.h"
#include "ThumbnailCache.h"
#include "ThumbnailProvider.h"

#include <QBuffer>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace vl;
using namespace vl::test;

namespace {

// Two clusters of 20 points: "cat" around (2500, 2500), "dog" around (7500, 7000).
QJsonObject mapJson() {
    QJsonArray ids, xs, ys, labels;
    for (int i = 0; i < 40; ++i) {
        const bool cat = i < 20;
        const double angle = i * 0.7;
        const double radius = 150 + (i % 5) * 120;
        ids.append(QStringLiteral("m%1").arg(i));
        xs.append(int((cat ? 2500 : 7500) + radius * std::cos(angle)));
        ys.append(int((cat ? 2500 : 7000) + radius * std::sin(angle)));
        labels.append(cat ? 0 : 1);
    }
    return QJsonObject{
        {"entity_type", "IMAGES"}, {"method", "pca"}, {"scale", 10000}, {"labels", QJsonArray{"cat", "dog"}},
        {"media_ids", ids},        {"x", xs},         {"y", ys},        {"label", labels}};
}

QByteArray pngBytes() {
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class EmbeddingsMapTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void lassoSelectsOneClusterAndAsksForTheFilter();
    void clickOnEmptySpaceClearsTheSelection();
    void hoverShowsTheThumbnailOfThePoint();
    void wheelZoomsAboutTheCursor();

private:
    void drawLasso(const QPolygonF& widgetPolygon);

    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<ThumbnailProvider> m_provider;
    std::unique_ptr<ThumbnailCache> m_cache;
    std::unique_ptr<EmbeddingsMapModel> m_model;
    std::unique_ptr<EmbeddingsMapPanel> m_panel;
    EmbeddingsMapView* m_view = nullptr;
};

void EmbeddingsMapTest::init() {
    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listen());
    const QByteArray png = pngBytes();
    m_server->setHandler([png](const RecordedRequest& request) {
        if (request.path.endsWith("/thumb/256"))
            return ScriptedReply::raw(200, png, "image/png");
        return ScriptedReply::json(200, toJson(mapJson()));
    });
    m_client = clientFor(*m_server);
    m_provider = std::make_unique<ThumbnailProvider>(m_client.get());
    m_cache = std::make_unique<ThumbnailCache>(m_provider.get());
    m_model = std::make_unique<EmbeddingsMapModel>();
    m_panel = std::make_unique<EmbeddingsMapPanel>(m_model.get(), m_cache.get());
    m_view = m_panel->view();
    m_panel->resize(560, 460);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_model->setClient(m_client.get());
    m_model->setDataset("ds");
    QTRY_COMPARE_WITH_TIMEOUT(m_model->state(), EmbeddingsMapModel::State::Ready, 15000);
    QCOMPARE(m_model->map().size(), 40);
}

void EmbeddingsMapTest::cleanup() {
    m_panel.reset();
    m_model.reset();
    m_cache.reset();
    m_provider.reset();
    m_client.reset();
    m_server.reset();
}

// Press, a move to every vertex (and half-way between), release: as a hand would draw it.
void EmbeddingsMapTest::drawLasso(const QPolygonF& polygon) {
    QTest::mousePress(m_view, Qt::LeftButton, Qt::NoModifier, polygon.first().toPoint());
    for (int i = 1; i <= polygon.size(); ++i) {
        const QPointF from = polygon[i - 1];
        const QPointF to = polygon[i % polygon.size()];
        QTest::mouseMove(m_view, ((from + to) / 2).toPoint());
        QTest::mouseMove(m_view, to.toPoint());
    }
    QTest::mouseRelease(m_view, Qt::LeftButton, Qt::NoModifier, polygon.first().toPoint());
}

void EmbeddingsMapTest::lassoSelectsOneClusterAndAsksForTheFilter() {
    QSignalSpy asked(m_panel.get(), &EmbeddingsMapPanel::regionSelected);
    // An octagon around the cat cluster's centre, 1100 map units across: every cat, no dog.
    const QPointF centre = m_view->toWidget(QPointF(2500, 2500));
    const double radius =
        1100 * m_view->toWidget(QPointF(1, 0)).x() - 1100 * m_view->toWidget(QPointF(0, 0)).x();
    QPolygonF octagon;
    for (int k = 0; k < 8; ++k)
        octagon << centre + radius * QPointF(std::cos(k * M_PI / 4), std::sin(k * M_PI / 4));
    drawLasso(octagon);

    QStringList cats;
    for (int i = 0; i < 20; ++i)
        cats << QStringLiteral("m%1").arg(i);
    QStringList selected = m_model->selectedMediaIds();
    selected.sort();
    cats.sort();
    QCOMPARE(selected, cats);
    QCOMPARE(asked.count(), 1);
    const QPolygonF mapPolygon = asked.first().first().value<QPolygonF>();
    QVERIFY(mapPolygon.size() >= 8);
    QVERIFY(mapPolygon.containsPoint(QPointF(2500, 2500), Qt::OddEvenFill));
    QVERIFY(!mapPolygon.containsPoint(QPointF(7500, 7000), Qt::OddEvenFill));
    QVERIFY(m_panel->statusText().contains("20 selected"));
}

void EmbeddingsMapTest::clickOnEmptySpaceClearsTheSelection() {
    QSignalSpy asked(m_panel.get(), &EmbeddingsMapPanel::regionSelected);
    const QPointF centre = m_view->toWidget(QPointF(7500, 7000));
    drawLasso(QPolygonF({centre + QPointF(-80, -80), centre + QPointF(80, -80), centre + QPointF(80, 80),
                         centre + QPointF(-80, 80)}));
    QVERIFY(!m_model->selection().isEmpty());
    const QPoint empty = m_view->toWidget(QPointF(9500, 500)).toPoint();
    QTest::mouseClick(m_view, Qt::LeftButton, Qt::NoModifier, empty);
    QVERIFY(m_model->selection().isEmpty());
    QCOMPARE(asked.count(), 2);
    QVERIFY(asked.last().first().value<QPolygonF>().isEmpty()); // the grid filter goes
}

void EmbeddingsMapTest::hoverShowsTheThumbnailOfThePoint() {
    const int point = 27;
    const QPoint at = m_view->toWidget(m_model->map().positions[point]).toPoint();
    QTest::mouseMove(m_view, at);
    QCOMPARE(m_view->hoveredPoint(), point);
    const QUrl url = m_model->thumbnailUrl(point);
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->contains(url, QSize(128, 128)), 15000);
    QCOMPARE(int(m_server->requestsTo("/api/v1/media/m27/thumb/256").size()), 1);
    // Far from every point nothing is hovered.
    QTest::mouseMove(m_view, m_view->toWidget(QPointF(9800, 200)).toPoint());
    QCOMPARE(m_view->hoveredPoint(), -1);
}

void EmbeddingsMapTest::wheelZoomsAboutTheCursor() {
    const QPointF cursor = m_view->toWidget(QPointF(2500, 2500));
    const double before = m_view->toWidget(QPointF(1000, 0)).x() - m_view->toWidget(QPointF(0, 0)).x();
    QWheelEvent wheel(cursor, m_view->mapToGlobal(cursor), {}, QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view, &wheel);
    const double after = m_view->toWidget(QPointF(1000, 0)).x() - m_view->toWidget(QPointF(0, 0)).x();
    QVERIFY2(after > before * 1.2, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    const QPointF stays = m_view->toWidget(QPointF(2500, 2500));
    QVERIFY(std::abs(stays.x() - cursor.x()) < 0.5 && std::abs(stays.y() - cursor.y()) < 0.5);
}

QTEST_MAIN(EmbeddingsMapTest)
#include "tst_embeddingsmap.moc"
