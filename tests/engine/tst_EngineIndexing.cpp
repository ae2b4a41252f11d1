// Indexing across restarts and rescans: a stopped engine resumes without redoing committed files,
// and a reindex picks up added, changed and removed files.
#include "Catalogue.h"
#include "EngineInfo.h"
#include "EngineTestClient.h"
#include "Indexer.h"
#include "LocalEngine.h"
#include "ParentWatch.h"
#include "TestImages.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using vl::engine::Catalogue;
using vl::engine::LocalEngine;

class TestEngineIndexing : public QObject {
    Q_OBJECT

private:
    static QHash<QString, QString> mediaIdsByPath(const QString& dataDir, const QString& datasetId) {
        Catalogue catalogue;
        QString error;
        if (!catalogue.open(QDir(dataDir).filePath("catalogue.sqlite"), &error))
            return {};
        QHash<QString, QString> ids;
        for (const auto& m : catalogue.media(datasetId, false))
            ids.insert(m.relativePath, m.mediaId);
        return ids;
    }

private slots:
    void restartResumesWithoutRedoingCommittedFiles();
    void rescanPicksUpAddedChangedAndRemovedFiles();
    void credentialsSurviveRestartAndUrlIsRewritten();
    void deleteWhileIndexingStopsCleanly();
    void killedEngineLosesNothingCommitted();
};

void TestEngineIndexing::restartResumesWithoutRedoingCommittedFiles() {
    QTemporaryDir root;
    const QString folder = root.filePath("many");
    const int count = 160;
    for (int i = 0; i < count; ++i)
        QVERIFY(TestImages::save(TestImages::scene(1000 + i, 1600, 1200),
                                 QString("%1/img%2.jpg").arg(folder).arg(i, 3, 10, QChar('0'))));
    const QString dataDir = root.filePath("data");

    QString datasetId;
    int committedBeforeStop = 0;
    {
        LocalEngine engine(dataDir);
        QVERIFY(engine.start());
        EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
        QUrlQuery q;
        q.addQueryItem("path", folder);
        datasetId = client.post("/api/v1/process", q).object().value("dataset_id").toString();
        QVERIFY(!datasetId.isEmpty());
        // Stop as soon as the first batch is committed, well before the end.
        QJsonObject state;
        QElapsedTimer timer;
        timer.start();
        int lastProgress = -1;
        bool progressRose = false;
        while (timer.elapsed() < 60000) {
            state = client.get("/api/v1/dataset/" + datasetId).object();
            if (lastProgress >= 0 && state.value("progress").toInt() > lastProgress)
                progressRose = true;
            lastProgress = state.value("progress").toInt();
            if (state.value("n_images").toInt() > 0)
                break;
            QThread::msleep(5);
        }
        QCOMPARE(state.value("status_new").toString(), QString("INDEXING"));
        QVERIFY(state.value("progress").toInt() < 100);
        Q_UNUSED(progressRose);
        engine.stop(); // waits for in-flight analyses, which are committed too
    }
    const QHash<QString, QString> before = mediaIdsByPath(dataDir, datasetId);
    committedBeforeStop = before.size();
    QVERIFY2(committedBeforeStop > 0 && committedBeforeStop < count,
             qPrintable(QString("committed %1 of %2 before the stop").arg(committedBeforeStop).arg(count)));

    LocalEngine engine(dataDir);
    QVERIFY(engine.start());
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    const QJsonObject ready = client.waitForStatus(datasetId, {"READY", "ERROR"});
    QCOMPARE(ready.value("status_new").toString(), QString("READY"));
    QCOMPARE(ready.value("n_images").toInt(), count);
    // Only the files not yet committed were analysed again, and committed ones kept their ids.
    QCOMPARE(engine.analysedFileCount(), count - committedBeforeStop);
    const QHash<QString, QString> after = mediaIdsByPath(dataDir, datasetId);
    QCOMPARE(after.size(), count);
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QCOMPARE(after.value(it.key()), it.value());
    QSet<QString> distinct;
    for (const QString& id : after)
        distinct.insert(id);
    QCOMPARE(distinct.size(), count);

    // 160 distinct scenes make more than one page of clusters at the finest level: 100 a page.
    QUrlQuery explore;
    explore.addQueryItem("entity_type", "IMAGES");
    explore.addQueryItem("threshold", "0");
    int clusters = 0, images = 0, page = 0;
    QSet<QString> clusterIds;
    for (;; ++page) {
        QUrlQuery q = explore;
        q.addQueryItem("page_number", QString::number(page));
        const QJsonArray list =
            client.get("/api/v1/explore/" + datasetId, q).object().value("clusters").toArray();
        if (list.isEmpty())
            break;
        QVERIFY(list.size() <= 100);
        if (page == 0)
            QCOMPARE(list.size(), 100);
        for (const QJsonValue& c : list) {
            clusterIds.insert(c.toObject().value("cluster_id").toString());
            images += c.toObject().value("n_images").toInt();
        }
        clusters += list.size();
    }
    QVERIFY(page >= 2);
    QCOMPARE(images, count);
    QCOMPARE(clusterIds.size(), clusters); // no cluster repeated across pages
}

void TestEngineIndexing::rescanPicksUpAddedChangedAndRemovedFiles() {
    QTemporaryDir root;
    const QString folder = root.filePath("album");
    for (int i = 0; i < 3; ++i)
        QVERIFY(TestImages::save(TestImages::scene(i), QString("%1/p%2.jpg").arg(folder).arg(i)));
    LocalEngine engine(root.filePath("data"));
    QVERIFY(engine.start());
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", folder);
    const QString id = client.post("/api/v1/process", q).object().value("dataset_id").toString();
    QCOMPARE(client.waitForStatus(id, {"READY", "ERROR"}).value("n_images").toInt(), 3);
    QVERIFY(engine.waitForIdle(60000));
    const int firstRun = engine.analysedFileCount();
    QCOMPARE(firstRun, 3);
    const QHash<QString, QString> before = mediaIdsByPath(root.filePath("data"), id);

    // Reindex with nothing changed analyses nothing.
    QCOMPARE(client.post("/api/v1/dataset/" + id + "/reindex").status, 202);
    QVERIFY(engine.waitForIdle(30000));
    QCOMPARE(engine.analysedFileCount(), firstRun);

    QVERIFY(QFile::remove(folder + "/p0.jpg"));
    QVERIFY(TestImages::save(TestImages::scene(10), folder + "/new/p10.jpg"));
    QVERIFY(TestImages::save(TestImages::scene(11), folder + "/p11.jpg"));
    QThread::msleep(20);
    QVERIFY(
        TestImages::save(TestImages::scene(12, 800, 600), folder + "/p1.jpg")); // changed content and size
    TestImages::writeText(folder + "/broken.png", "not a png");
    const HttpResult accepted = client.post("/api/v1/dataset/" + id + "/reindex");
    QCOMPARE(accepted.status, 202);
    const QJsonObject ready = client.waitForStatus(id, {"READY", "ERROR"});
    QVERIFY(engine.waitForIdle(30000));
    QCOMPARE(client.get("/api/v1/dataset/" + id).object().value("n_images").toInt(), 4);
    QCOMPARE(client.get("/api/v1/dataset/" + id).object().value("n_skipped").toInt(), 1);
    QCOMPARE(engine.analysedFileCount(), firstRun + 4); // p10, p11, p1 (changed), broken.png
    const QHash<QString, QString> after = mediaIdsByPath(root.filePath("data"), id);
    QVERIFY(!after.contains("p0.jpg"));
    QVERIFY(after.contains("new/p10.jpg") && after.contains("p11.jpg"));
    QCOMPARE(after.value("p2.jpg"), before.value("p2.jpg"));
    QCOMPARE(after.value("p1.jpg"), before.value("p1.jpg")); // same file, same id, new analysis
    QUrlQuery explore;
    explore.addQueryItem("entity_type", "IMAGES");
    explore.addQueryItem("threshold", "0");
    int images = 0;
    for (const QJsonValue& c :
         client.get("/api/v1/explore/" + id, explore).object().value("clusters").toArray()) {
        images += c.toObject().value("n_images").toInt();
        for (const QJsonValue& p : c.toObject().value("previews").toArray()) {
            if (p.toObject().value("file_name").toString() == "p1.jpg")
                QCOMPARE(p.toObject().value("width").toInt(), 800);
        }
    }
    QCOMPARE(images, 4);
    Q_UNUSED(ready);
}

void TestEngineIndexing::credentialsSurviveRestartAndUrlIsRewritten() {
    QTemporaryDir root;
    const QString dataDir = root.filePath("data");
    QString key;
    QByteArray secret;
    {
        LocalEngine engine(dataDir);
        QVERIFY(engine.start());
        key = engine.apiKey();
        secret = engine.apiSecret();
    }
    // Another process holds the old port now? Either way the new start rewrites the url.
    LocalEngine engine(dataDir);
    QVERIFY(engine.start());
    QCOMPARE(engine.apiKey(), key);
    QCOMPARE(engine.apiSecret(), secret);
    QString error;
    const auto info = vl::EngineInfo::load(dataDir, &error);
    QVERIFY(info);
    QCOMPARE(info->url, engine.url());
    const QByteArray none;
    EngineTestClient client(engine.url(), key, secret);
    QCOMPARE(client.get("/api/v1/healthcheck", {}, &none).status, 200);
    // A fixed port that is taken fails cleanly.
    LocalEngine second(root.filePath("data2"));
    QString portError;
    QVERIFY(!second.start(quint16(engine.url().port()), &portError));
    QVERIFY(!portError.isEmpty());
    QVERIFY(!second.isRunning());
    // A second engine on the same data directory is refused while the first runs.
    LocalEngine twin(dataDir);
    QString lockError;
    QVERIFY(!twin.start(0, &lockError));
    QVERIFY2(lockError.contains("Another engine"), qPrintable(lockError));
    // ...and the app finds the running engine there instead (as with `vlx serve`), answering with its key.
    const auto running = LocalEngine::runningElsewhere(dataDir);
    QVERIFY(running);
    QCOMPARE(running->url, engine.url());
    QCOMPARE(running->apiKey, key);
    QCOMPARE(running->apiSecret, secret);
    QCOMPARE(
        EngineTestClient(running->url, running->apiKey, running->apiSecret).get("/api/v1/datasets").status,
        200);
    QVERIFY(!LocalEngine::runningElsewhere(root.filePath("data2")));
    engine.stop();
    QVERIFY(!LocalEngine::runningElsewhere(dataDir)); // a stopped engine holds nothing
    QVERIFY(twin.start(0, &lockError));
    QCOMPARE(twin.apiKey(), key);
}

void TestEngineIndexing::deleteWhileIndexingStopsCleanly() {
    QTemporaryDir root;
    const QString folder = root.filePath("big");
    for (int i = 0; i < 60; ++i)
        QVERIFY(TestImages::save(TestImages::scene(2000 + i, 1600, 1200),
                                 QString("%1/x%2.jpg").arg(folder).arg(i)));
    const QString dataDir = root.filePath("data");
    LocalEngine engine(dataDir);
    QVERIFY(engine.start());
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", folder);
    q.addQueryItem("name", "big");
    const HttpResult created = client.get("/api/v1/process", q); // the documented GET form
    QCOMPARE(created.status, 200);
    const QString id = created.object().value("dataset_id").toString();
    const QJsonObject state = client.get("/api/v1/dataset/" + id).object();
    if (state.value("status_new").toString() == "INDEXING") {
        const HttpResult busy = client.post("/api/v1/dataset/" + id + "/reindex");
        QCOMPARE(busy.status, 409);
        QVERIFY(busy.detail().contains("already being indexed"));
        QUrlQuery explore;
        explore.addQueryItem("entity_type", "IMAGES");
        QCOMPARE(client.get("/api/v1/explore/" + id, explore).status, 409);
    }
    QCOMPARE(client.remove("/api/v1/dataset/" + id).status, 200);
    QCOMPARE(client.get("/api/v1/dataset/" + id).status, 404);
    QVERIFY(client.get("/api/v1/datasets").array().isEmpty());
    QVERIFY(engine.waitForIdle(30000));
    engine.stop();
    QVERIFY(mediaIdsByPath(dataDir, id).isEmpty()); // nothing was written after the delete
    QVERIFY(!QFileInfo::exists(dataDir + "/thumbs/" + id));
}

// The engine in a child process (this executable, see main) is killed with SIGKILL mid-indexing; the
// next engine on the same data directory recovers the catalogue and analyses only what was not committed.
void TestEngineIndexing::killedEngineLosesNothingCommitted() {
    QTemporaryDir root;
    const QString folder = root.filePath("crash");
    const int count = 120;
    for (int i = 0; i < count; ++i)
        QVERIFY(TestImages::save(TestImages::scene(3000 + i, 1600, 1200),
                                 QString("%1/k%2.jpg").arg(folder).arg(i)));
    const QString dataDir = root.filePath("data");

    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("VL_ENGINE_CHILD_DATA_DIR", dataDir);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    std::optional<vl::EngineInfo> info;
    QElapsedTimer timer;
    timer.start();
    while (!info && timer.elapsed() < 30000) {
        QString error;
        info = vl::EngineInfo::load(dataDir, &error);
        QThread::msleep(20);
    }
    QVERIFY(info);
    QString datasetId;
    int committed = 0;
    {
        EngineTestClient client(info->url, info->apiKey, info->apiSecret);
        QUrlQuery q;
        q.addQueryItem("path", folder);
        datasetId = client.post("/api/v1/process", q).object().value("dataset_id").toString();
        QVERIFY(!datasetId.isEmpty());
        while (timer.elapsed() < 90000 &&
               client.get("/api/v1/dataset/" + datasetId).object().value("n_images").toInt() == 0)
            QThread::msleep(5);
        child.kill();
        QVERIFY(child.waitForFinished(10000));
    }
    committed = mediaIdsByPath(dataDir, datasetId).size();
    QVERIFY2(committed > 0 && committed < count,
             qPrintable(QString("committed %1 of %2").arg(committed).arg(count)));
    const QHash<QString, QString> before = mediaIdsByPath(dataDir, datasetId);

    LocalEngine engine(dataDir); // the dead child's lock is stale and taken over
    QString error;
    QVERIFY2(engine.start(0, &error), qPrintable(error));
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    QCOMPARE(engine.apiKey(), info->apiKey);
    const QJsonObject ready = client.waitForStatus(datasetId, {"READY", "ERROR"});
    QCOMPARE(ready.value("status_new").toString(), QString("READY"));
    QCOMPARE(ready.value("n_images").toInt(), count);
    // READY is set after the last file was analysed, so the count below is final (the perception pass that
    // follows does not analyse files again).
    // Files in flight at the kill were analysed but not committed, so they are done again; no more.
    QVERIFY2(engine.analysedFileCount() >= count - committed &&
                 engine.analysedFileCount() <=
                     count - committed + QThread::idealThreadCount() + vl::engine::Indexer::kBatchSize,
             qPrintable(
                 QString("analysed %1, committed before %2").arg(engine.analysedFileCount()).arg(committed)));
    const QHash<QString, QString> after = mediaIdsByPath(dataDir, datasetId);
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QCOMPARE(after.value(it.key()), it.value());
}

// Child mode for killedEngineLosesNothingCommitted: run an engine until killed.
int main(int argc, char** argv) {
    const QString childDataDir = qEnvironmentVariable("VL_ENGINE_CHILD_DATA_DIR");
    if (!childDataDir.isEmpty()) {
        QCoreApplication app(argc, argv);
        exitWhenParentCloses(); // the test keeps our stdin open; EOF means it died
        LocalEngine engine(childDataDir);
        if (!engine.start())
            return 2;
        return app.exec();
    }
    QCoreApplication app(argc, argv);
    TestEngineIndexing test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_EngineIndexing.moc"
