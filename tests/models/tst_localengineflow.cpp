#include "ClusterResultsModel.h"
#include "DatasetJobs.h"
#include "DatasetListModel.h"
#include "LocalEngine.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vl;

// The models against the real embedded engine on a folder of generated images: the dataset list
// follows the new dataset from DRAFT/INDEXING to READY in place, then explore and visual search work.
class LocalEngineFlowTest : public QObject {
    Q_OBJECT
private slots:
    void folderBecomesASearchableDataset();
};

// Four families of pictures (a shape and a colour each), with small variations inside a family.
static QImage generatedImage(int family, int variant) {
    const QColor colours[] = {QColor(200, 40, 40), QColor(40, 60, 200), QColor(40, 170, 70),
                              QColor(230, 200, 40)};
    QImage image(320, 240, QImage::Format_RGB32);
    image.fill(QColor(235 - variant * 6, 235, 235));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(colours[family].darker(100 + variant * 8));
    painter.setPen(Qt::NoPen);
    const QRect shape(60 + variant * 6, 40 + variant * 4, 180, 150);
    switch (family) {
    case 0:
        painter.drawEllipse(shape);
        break;
    case 1:
        painter.drawRect(shape);
        break;
    case 2:
        for (int x = 0; x < 320; x += 40)
            painter.drawRect(x + variant * 3, 0, 18, 240);
        break;
    default:
        painter.drawPolygon(
            QPolygon({shape.bottomLeft(), shape.bottomRight(), QPoint(shape.center().x(), shape.top())}));
    }
    return image;
}

void LocalEngineFlowTest::folderBecomesASearchableDataset() {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QDir(root.path()).mkpath("photos");
    const QString photos = root.filePath("photos");
    for (int family = 0; family < 4; ++family) {
        for (int variant = 0; variant < 4; ++variant)
            QVERIFY(generatedImage(family, variant)
                        .save(QStringLiteral("%1/f%2_v%3.png").arg(photos).arg(family).arg(variant)));
    }

    engine::LocalEngine engine(root.filePath("data"));
    QString error;
    QVERIFY2(engine.start(0, &error), qPrintable(error));
    ApiClient client;
    client.setBaseUrl(engine.url());
    client.setCredentials(engine.apiKey(), engine.apiSecret());

    DatasetListModel datasets;
    QAbstractItemModelTester tester(&datasets, QAbstractItemModelTester::FailureReportingMode::QtTest);
    datasets.setPollInterval(50);
    datasets.setClient(&client);
    QSignalSpy resets(&datasets, &QAbstractItemModel::modelReset);

    auto* create = new CreateDatasetFromFolderJob(&client, photos, "Shapes");
    QSignalSpy created(create, &ApiJob::finished);
    QVERIFY(created.wait(30000));
    QVERIFY2(create->isSuccess(), qPrintable(create->error().message));
    const QString id = create->datasetId();
    QVERIFY(!id.isEmpty());

    QList<int> statuses;
    connect(&datasets, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex& topLeft) {
        const QModelIndex row = datasets.index(topLeft.row(), 0);
        if (row.data(DatasetListModel::DatasetIdRole).toString() == id)
            statuses << row.data(DatasetListModel::StatusRole).toInt();
    });
    datasets.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(datasets.rowOf(id) >= 0, 30000);
    const QPersistentModelIndex row = datasets.index(datasets.rowOf(id), 0);
    statuses.prepend(row.data(DatasetListModel::StatusRole).toInt());
    QTRY_COMPARE_WITH_TIMEOUT(row.data(DatasetListModel::StatusRole).toInt(), int(DatasetStatus::Ready),
                              180000);
    QVERIFY(row.isValid());
    QCOMPARE(resets.count(), 0);
    QVERIFY2(statuses.first() != int(DatasetStatus::Ready) || statuses.size() == 1,
             "the list should have seen the dataset before it was ready");
    QCOMPARE(
        row.sibling(row.row(), DatasetListModel::ImagesColumn).data(DatasetListModel::SortRole).toLongLong(),
        16);
    // READY, then the engine's learned models look at the images (perception_progress): the list keeps
    // following the dataset until they are done, then stops polling.
    QTRY_VERIFY_WITH_TIMEOUT(!datasets.isLoading() && !datasets.isPolling(), 240000);

    ClusterResultsModel results;
    QAbstractItemModelTester resultsTester(&results, QAbstractItemModelTester::FailureReportingMode::QtTest);
    results.setClient(&client);
    results.search(id, ExploreQuery{});
    QTRY_VERIFY_WITH_TIMEOUT(results.isExhausted(), 30000); // the tester pages to the end
    QVERIFY(results.rowCount() > 0);
    qint64 items = 0;
    for (int i = 0; i < results.rowCount(); ++i)
        items += results.index(i).data(ClusterResultsModel::ItemCountRole).toLongLong();
    QCOMPARE(items, 16);

    QFile query(photos + "/f0_v1.png");
    QVERIFY(query.open(QIODevice::ReadOnly));
    results.searchByImage(id, ExploreQuery{}, query.readAll(), "f0_v1.png", BoundingBox{0.1, 0.1, 0.8, 0.8});
    QTRY_VERIFY_WITH_TIMEOUT(results.isExhausted() && results.rowCount() > 0, 30000);
    QVERIFY(!results.index(0).data(ClusterResultsModel::RelevanceTextRole).toString().isEmpty());
}

QTEST_MAIN(LocalEngineFlowTest)
#include "tst_localengineflow.moc"
