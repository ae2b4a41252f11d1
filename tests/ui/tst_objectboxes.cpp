#include "ClusterCardDelegate.h"
#include "ClusterResultsModel.h"
#include "MediaViewerDialog.h"
#include "ModelTestSupport.h"
#include "ObjectBoxGeometry.h"
#include "SearchView.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "ThumbnailProvider.h"

#include <QBuffer>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QTest>

#include <mutex>

using namespace vl;
using namespace vl::test;

// Object detection results (explore with entity_type=OBJECTS: OBJECT previews with a bounding box in
// fractions of the whole image, plus the image's size) drawn on the cards and in the media viewer,
// against a scripted server. The picture has a black object exactly where the box says.
class ObjectBoxesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void geometryFitsCropsAndMaps();
    void objectsModeRequestsObjectsAndCardsOutlineThem();
    void viewerBoxSurroundsTheObject();

private:
    std::optional<ScriptedReply> answer(const RecordedRequest& request);
    QByteArray m_png;
    std::mutex m_mutex;
    QString m_lastEntityType;
};

static const QSize imageSize(400, 200);
static const QRectF objectFractions(0.5, 0.25, 0.25, 0.5); // pixels 200..300 × 50..150

static QJsonObject objectPreview(const QString& id) {
    return QJsonObject{{"type", "OBJECT"},
                       {"media_id", id},
                       {"media_uri", "/image/street.png"},
                       {"media_thumb_uri", "/thumb/street.png"},
                       {"image_id", "img-1"},
                       {"image_uri", "/image/street.png"},
                       {"bounding_box", QJsonObject{{"x", objectFractions.x()},
                                                    {"y", objectFractions.y()},
                                                    {"width", objectFractions.width()},
                                                    {"height", objectFractions.height()}}},
                       {"file_name", "street.png"},
                       {"labels", QJsonArray{"car"}},
                       {"width", imageSize.width()},
                       {"height", imageSize.height()}};
}

std::optional<ScriptedReply> ObjectBoxesTest::answer(const RecordedRequest& request) {
    if (request.path == QLatin1String("/api/v1/explore/ds")) {
        {
            std::lock_guard lock(m_mutex);
            m_lastEntityType = request.queryValue("entity_type");
        }
        const bool objects = request.queryValue("entity_type") == QLatin1String("OBJECTS");
        const bool firstPage = request.queryValue("page_number") == QLatin1String("0");
        QJsonArray clusters;
        if (firstPage) {
            clusters.append(QJsonObject{{"cluster_id", objects ? "objects-1" : "images-1"},
                                        {"type", objects ? "OBJECTS" : "IMAGES"},
                                        {"n_images", 1},
                                        {"n_objects", objects ? 1 : -1},
                                        {"labels", QJsonArray{"car"}},
                                        {"previews", QJsonArray{objects ? objectPreview("obj-1") : [] {
                                             QJsonObject image = objectPreview("img-1");
                                             image["type"] = "IMAGE";
                                             image["bounding_box"] = QJsonValue::Null;
                                             return image;
                                         }()}}});
        }
        return ScriptedReply::json(
            200, QJsonDocument(QJsonObject{{"clusters", clusters}, {"metadata", QJsonObject{}}}).toJson());
    }
    if (request.path.startsWith(QLatin1String("/thumb/")) ||
        request.path.startsWith(QLatin1String("/image/")))
        return ScriptedReply::raw(200, m_png, "image/png");
    return std::nullopt;
}

void ObjectBoxesTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_objectboxes"));
    QImage image(imageSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.fillRect(QRect(200, 50, 100, 100), Qt::black);
    painter.end();
    QBuffer buffer(&m_png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(image.save(&buffer, "PNG"));
}

void ObjectBoxesTest::geometryFitsCropsAndMaps() {
    using namespace ObjectBoxGeometry;
    // A 2:1 image in a 300×300 area: full width, centred vertically.
    QCOMPARE(fittedRect(QSizeF(400, 200), QRectF(10, 20, 300, 300)), QRectF(10, 95, 300, 150));
    // Cover crop of a 2:1 image into a square: the middle square, or moved to an object at the right edge.
    QCOMPARE(coverSourceRect(QSizeF(400, 200), QSizeF(100, 100)), QRectF(100, 0, 200, 200));
    QCOMPARE(coverSourceRect(QSizeF(400, 200), QSizeF(100, 100), QRectF(0.9, 0.4, 0.1, 0.2)),
             QRectF(200, 0, 200, 200));
    QCOMPARE(coverSourceRect(QSizeF(400, 200), QSizeF(100, 100), QRectF(0.3, 0.4, 0.1, 0.2)),
             QRectF(40, 0, 200, 200)); // centred on x = 140
    // The box (pixels 200..300 × 50..150) drawn from source (100,0 200×200) onto a 100×100 cell at (5,5).
    QCOMPARE(mapBox(objectFractions, QSizeF(400, 200), QRectF(100, 0, 200, 200), QRectF(5, 5, 100, 100)),
             QRectF(55, 30, 50, 50));
}

static bool isBoxColour(QRgb pixel) {
    const QColor expected = objectBoxColor();
    return qAbs(qRed(pixel) - expected.red()) < 40 && qAbs(qGreen(pixel) - expected.green()) < 40 &&
           qAbs(qBlue(pixel) - expected.blue()) < 40;
}

static int boxColouredPixels(const QImage& image, const QRect& area) {
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            count += isBoxColour(image.pixel(x, y)) ? 1 : 0;
    return count;
}

void ObjectBoxesTest::objectsModeRequestsObjectsAndCardsOutlineThem() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([this](const RecordedRequest& request) { return answer(request); });
    auto client = clientFor(server);
    ClusterResultsModel results;
    results.setClient(client.get());
    ThumbnailProvider provider(client.get());
    ThumbnailCache thumbnails(&provider);
    SearchView view(&results, &thumbnails);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setDataset("ds", "Street");
    QTRY_COMPARE_WITH_TIMEOUT(results.rowCount(), 1, 10000);
    QCOMPARE(results.index(0).data(ClusterResultsModel::PreviewBoxesRole).value<QList<QRectF>>(),
             QList<QRectF>{QRectF()});

    QComboBox* entity = nullptr;
    for (QComboBox* box : view.findChildren<QComboBox*>())
        if (box->findText(QStringLiteral("Objects")) >= 0)
            entity = box;
    QVERIFY(entity);
    entity->setCurrentIndex(entity->findText(QStringLiteral("Objects")));
    emit entity->activated(entity->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(results.rowCount() == 1 &&
                                 results.index(0).data(ClusterResultsModel::ClusterIdRole).toString() ==
                                     QLatin1String("objects-1"),
                             10000);
    {
        std::lock_guard lock(m_mutex);
        QCOMPARE(m_lastEntityType, QStringLiteral("OBJECTS"));
    }
    const QModelIndex card = results.index(0);
    QCOMPARE(card.data(ClusterResultsModel::ItemCountRole).toLongLong(), 1);
    const auto boxes = card.data(ClusterResultsModel::PreviewBoxesRole).value<QList<QRectF>>();
    QCOMPARE(boxes.size(), 1);
    QVERIFY(qAbs(boxes.first().x() - objectFractions.x()) < 1e-9);
    QVERIFY(qAbs(boxes.first().height() - objectFractions.height()) < 1e-9);

    // Once the thumbnail is in, the card shows the object outlined.
    const QUrl thumb = card.data(ClusterResultsModel::ThumbnailUrlsRole).value<QList<QUrl>>().first();
    QTRY_VERIFY_WITH_TIMEOUT(!thumbnails.thumbnail(thumb, QSize(256, 256)).isNull(), 10000);
    const QRect cardRect = view.grid()->visualRect(view.grid()->model()->index(0, 0));
    QTRY_VERIFY_WITH_TIMEOUT(boxColouredPixels(view.grid()->viewport()->grab().toImage(), cardRect) > 100,
                             10000);
}

void ObjectBoxesTest::viewerBoxSurroundsTheObject() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([this](const RecordedRequest& request) { return answer(request); });
    auto client = clientFor(server);
    ThumbnailProvider provider(client.get());
    ThumbnailCache thumbnails(&provider);
    const Preview preview = Preview::fromJson(objectPreview("obj-1"), server.baseUrl());
    QVERIFY(preview.boundingBox.has_value());

    MediaViewerDialog dialog(preview, &thumbnails);
    dialog.resize(900, 760);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    BoxedImageView* view = dialog.imageView();
    QTRY_VERIFY_WITH_TIMEOUT(view->shownPixmap().size() == imageSize, 10000);
    const QVector<QRectF> boxes = view->boxesOnScreen(QSizeF(imageSize));
    QCOMPARE(boxes.size(), 1);
    const QRectF box = boxes.first();
    // The image is fitted (2:1 kept), so the box keeps the object's proportions: 100×100 pixels → a square.
    QVERIFY(qAbs(box.width() - box.height()) < 0.5);
    const QRectF fitted = ObjectBoxGeometry::fittedRect(QSizeF(imageSize), QRectF(view->rect()));
    QVERIFY(qAbs(box.width() - fitted.width() / 4) < 0.5);
    QVERIFY(qAbs(box.center().x() - (fitted.left() + fitted.width() * 0.625)) < 0.5);

    // And on screen the outline surrounds the black object in the picture.
    const QImage shot = view->grab().toImage();
    const QPoint centre = box.center().toPoint();
    QCOMPARE(QColor(shot.pixel(centre)).lightness() < 40, true);
    QVERIFY(isBoxColour(shot.pixel(QPointF(box.left(), box.center().y()).toPoint())));
    QVERIFY(isBoxColour(shot.pixel(QPointF(box.center().x(), box.top()).toPoint())));
    QVERIFY(QColor(shot.pixel(QPointF(box.left() - 8, box.center().y()).toPoint())).lightness() > 200);
    QVERIFY(QColor(shot.pixel(QPointF(box.right() + 8, box.center().y()).toPoint())).lightness() > 200);
}

QTEST_MAIN(ObjectBoxesTest)
#include "tst_objectboxes.moc"
