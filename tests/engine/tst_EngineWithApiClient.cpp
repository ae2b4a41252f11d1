// The app's own API client (vlapi) against the local engine: the same jobs that talk to the cloud
// create, browse and search a local dataset without any special casing.
#include "ApiClient.h"
#include "DatasetJobs.h"
#include "EnrichmentJobs.h"
#include "ExploreJob.h"
#include "ExportJobs.h"
#include "ImageSimilarityJob.h"
#include "LocalEngine.h"
#include "TestImages.h"
#include "Vql.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using vl::engine::LocalEngine;

class TestEngineWithApiClient : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<vl::ApiClient> m_client;
    QString m_datasetId;

    template <typename Job> Job* run(Job* job) {
        job->waitForFinished();
        return job;
    }
    QStringList fileNames(const vl::ExploreResult& result) {
        QStringList names;
        for (const vl::Cluster& c : result.clusters) {
            for (const vl::Preview& p : c.previews)
                names.append(p.fileName);
        }
        return names;
    }

private slots:
    void initTestCase();
    void createsAndListsADataset();
    void exploresWithVqlAndLabels();
    void visualSearchRoundTrip();
    void previewUrlsLoadWithoutCredentials();
    void enrichmentCatalogueDecodes();
    void exportDownloadsThroughTheApiJobs();
    void errorsMapToApiErrorKinds();
    void cleanupTestCase();
};

void TestEngineWithApiClient::initTestCase() {
    const QString folder = m_root.filePath("trip");
    QVERIFY(TestImages::save(TestImages::scene(21), folder + "/beach/b1.jpg"));
    TestImages::writeText(folder + "/beach/b1.txt", "Waves breaking on a sandy beach at sunset");
    QVERIFY(TestImages::save(TestImages::scene(22), folder + "/beach/b2.jpg"));
    TestImages::writeText(folder + "/beach/b2.txt", "Children building a sand castle");
    QVERIFY(TestImages::save(TestImages::scene(23), folder + "/city/c1.jpg"));
    TestImages::writeText(folder + "/city/c1.txt", "A red bus on a busy street");
    QVERIFY(TestImages::save(TestImages::scene(24), folder + "/city/c2.jpg"));
    TestImages::writeText(folder + "/city/c2.txt", "Skyscrapers at night");

    m_engine = std::make_unique<LocalEngine>(m_root.filePath("data"));
    QString error;
    QVERIFY2(m_engine->start(0, &error), qPrintable(error));
    m_client = std::make_unique<vl::ApiClient>();
    m_client->setBaseUrl(m_engine->url());
    m_client->setCredentials(m_engine->apiKey(), m_engine->apiSecret());
    m_client->setMaxRetries(0);
}

void TestEngineWithApiClient::cleanupTestCase() {
    m_client.reset();
    m_engine->stop();
}

void TestEngineWithApiClient::createsAndListsADataset() {
    auto* create = run(new vl::CreateDatasetFromFolderJob(m_client.get(), m_root.filePath("trip"), "Trip"));
    QVERIFY2(create->isSuccess(), qPrintable(create->error().message));
    m_datasetId = create->datasetId();
    QVERIFY(!m_datasetId.isEmpty());
    delete create;

    vl::Dataset dataset;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        auto* get = run(new vl::GetDatasetJob(m_client.get(), m_datasetId));
        QVERIFY2(get->isSuccess(), qPrintable(get->error().message));
        dataset = get->dataset();
        delete get;
        if (dataset.status == vl::DatasetStatus::Ready || dataset.status == vl::DatasetStatus::Error)
            break;
        QThread::msleep(50);
    }
    QCOMPARE(dataset.status, vl::DatasetStatus::Ready);
    QCOMPARE(dataset.imageCount, 4);
    QCOMPARE(dataset.progress, 100);
    QCOMPARE(dataset.displayName, QString("Trip"));
    QCOMPARE(dataset.sourceType, QString("LOCAL"));
    QVERIFY(dataset.createdAt.isValid());

    auto* list = run(new vl::ListDatasetsJob(m_client.get()));
    QVERIFY(list->isSuccess());
    QCOMPARE(list->datasets().size(), 1);
    QCOMPARE(list->datasets().first().id, m_datasetId);
    delete list;
}

void TestEngineWithApiClient::exploresWithVqlAndLabels() {
    vl::ExploreQuery query;
    query.vql = vl::Vql().fullText("sunset OR bus").toJsonString();
    auto* job = run(new vl::ExploreJob(m_client.get(), m_datasetId, query));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QStringList names = fileNames(job->result());
    names.sort();
    QCOMPARE(names, QStringList({"b1.jpg", "c1.jpg"}));
    delete job;

    query = {};
    query.labels = {"city"};
    job = run(new vl::ExploreJob(m_client.get(), m_datasetId, query));
    QVERIFY(job->isSuccess());
    names = fileNames(job->result());
    names.sort();
    QCOMPARE(names, QStringList({"c1.jpg", "c2.jpg"}));
    for (const vl::Cluster& c : job->result().clusters) {
        QCOMPARE(c.labels, QStringList({"city"}));
        QCOMPARE(c.relevanceScoreType, QString("cosine_distance"));
    }
    delete job;

    query = {};
    query.vql = vl::Vql().semantic("omnibus", 0.5).toJsonString(); // a WordNet synonym of bus
    job = run(new vl::ExploreJob(m_client.get(), m_datasetId, query));
    QVERIFY(job->isSuccess());
    QCOMPARE(fileNames(job->result()), QStringList({"c1.jpg"}));
    QVERIFY(job->result().clusters.first().relevanceScore.has_value());
    delete job;
}

void TestEngineWithApiClient::visualSearchRoundTrip() {
    const QImage query = TestImages::scene(23);
    const QByteArray data = TestImages::encode(query);
    auto* upload =
        run(new vl::ImageSimilarityJob(m_client.get(), m_datasetId, data, "query.jpg", vl::EntityType::Images,
                                       0, vl::BoundingBox{0.0, 0.0, 1.0, 1.0}));
    QVERIFY2(upload->isSuccess(), qPrintable(upload->error().message));
    const vl::Anchor anchor = upload->anchor();
    QVERIFY(anchor.isValid());
    QCOMPARE(anchor.type, vl::Anchor::Type::Upload);
    delete upload;

    vl::ExploreQuery explore;
    explore.anchor = anchor;
    auto* job = run(new vl::ExploreJob(m_client.get(), m_datasetId, explore));
    QVERIFY(job->isSuccess());
    QCOMPARE(job->result().clusters.first().previews.first().fileName, QString("c1.jpg"));
    const QString c1 = job->result().clusters.first().previews.first().mediaId;
    delete job;

    explore.anchor = vl::Anchor::media(c1);
    job = run(new vl::ExploreJob(m_client.get(), m_datasetId, explore));
    QVERIFY(job->isSuccess());
    QCOMPARE(job->result().clusters.first().previews.first().mediaId, c1);
    QVERIFY(*job->result().clusters.first().previews.first().relevanceScore < 1e-4);
    delete job;
}

void TestEngineWithApiClient::previewUrlsLoadWithoutCredentials() {
    vl::ExploreQuery query;
    auto* job = run(new vl::ExploreJob(m_client.get(), m_datasetId, query));
    QVERIFY(job->isSuccess());
    const vl::Preview preview = job->result().clusters.first().previews.first();
    delete job;
    QNetworkAccessManager plain; // no Authorization header, like an image view fetching a CDN link
    for (const QUrl& url : {preview.thumbUrl, preview.mediaUrl}) {
        QNetworkReply* reply = plain.get(QNetworkRequest(url));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QImage image;
        QVERIFY(image.loadFromData(reply->readAll()));
        reply->deleteLater();
    }
}

void TestEngineWithApiClient::enrichmentCatalogueDecodes() {
    auto* models = run(new vl::ListModelsJob(m_client.get(), m_datasetId));
    QVERIFY(models->isSuccess());
    QVERIFY(!models->models().isEmpty());
    int active = 0;
    for (const vl::EnrichmentModel& m : models->models())
        active += m.isActive() ? 1 : 0;
    QVERIFY(active >= 1);                      // the local detectors
    QVERIFY(active < models->models().size()); // captioning is Coming Soon
    delete models;
    auto* context = run(new vl::EnrichmentContextJob(m_client.get(), m_datasetId));
    QVERIFY(context->isSuccess());
    delete context;
}

void TestEngineWithApiClient::exportDownloadsThroughTheApiJobs() {
    vl::ExportOptions options;
    options.includeImages = true;
    options.fileName = "trip";
    auto* start = run(new vl::StartExportJob(m_client.get(), m_datasetId, options));
    QVERIFY2(start->isSuccess(), qPrintable(start->error().message));
    vl::ExportTask task = start->task();
    delete start;
    QVERIFY(task.entitiesCount > 0);
    for (int i = 0; i < 600 && !task.isFinished(); ++i) {
        QThread::msleep(50);
        auto* status = run(new vl::ExportStatusJob(m_client.get(), m_datasetId, task.id));
        QVERIFY(status->isSuccess());
        task = status->task();
        delete status;
    }
    QCOMPARE(task.status, vl::ExportTask::Status::Completed);
    QCOMPARE(task.progressPercent(), 100);
    QCOMPARE(task.downloadUrl.host(), m_engine->url().host());
    QBuffer zip;
    zip.open(QIODevice::WriteOnly);
    auto* download = run(new vl::DownloadJob(m_client.get(), task.downloadUrl, &zip));
    QVERIFY2(download->isSuccess(), qPrintable(download->error().message));
    QCOMPARE(download->bytesWritten(), qint64(zip.data().size()));
    delete download;
    QVERIFY(zip.data().startsWith("PK\x03\x04"));
    QVERIFY(zip.data().contains("metadata.json"));
    QVERIFY(zip.data().contains("images/b1.jpg"));

    options.format = "parquet";
    start = run(new vl::StartExportJob(m_client.get(), m_datasetId, options));
    QVERIFY(start->isSuccess());
    QCOMPARE(start->task().status, vl::ExportTask::Status::Rejected);
    QVERIFY(start->task().resultMessage.contains("parquet"));
    delete start;
}

void TestEngineWithApiClient::errorsMapToApiErrorKinds() {
    auto* missing = run(new vl::GetDatasetJob(m_client.get(), "00000000-0000-0000-0000-000000000000"));
    QCOMPARE(missing->error().kind, vl::ApiError::Kind::NotFound);
    QVERIFY(missing->error().detail.contains("not found"));
    delete missing;

    vl::ExploreQuery bad;
    bad.vql = "[{\"text\":{\"op\":\"fts\",\"value\":\"\\\"open\"}}]";
    auto* job = run(new vl::ExploreJob(m_client.get(), m_datasetId, bad));
    QCOMPARE(job->error().kind, vl::ApiError::Kind::Validation);
    QVERIFY(job->error().fields.contains("query.vql"));
    delete job;

    vl::ApiClient wrong;
    wrong.setBaseUrl(m_engine->url());
    wrong.setCredentials(m_engine->apiKey(), "not-the-secret");
    wrong.setMaxRetries(0);
    auto* denied = new vl::ListDatasetsJob(&wrong);
    denied->waitForFinished();
    QCOMPARE(denied->error().kind, vl::ApiError::Kind::Authentication);
    delete denied;
}

QTEST_GUILESS_MAIN(TestEngineWithApiClient)
#include "tst_EngineWithApiClient.moc"
