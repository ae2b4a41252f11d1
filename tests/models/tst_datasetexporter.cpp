#include "DatasetExporter.h"
#include "ModelTestSupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vl;
using namespace vl::test;

class DatasetExporterTest : public QObject {
    Q_OBJECT
private slots:
    void pollsThenDownloadsIntoTheFile();
    void rejectedExportLeavesNoFile();
    void selectionExportPostsTheMediaIds();
};

static QByteArray task(const QString& status, double progress, const QString& download = {},
                       const QString& message = {}) {
    QJsonObject json{{"id", "task-1"},
                     {"dataset_id", "ds"},
                     {"status", status},
                     {"progress", progress},
                     {"download_uri", download.isEmpty() ? QJsonValue() : QJsonValue(download)},
                     {"result_message", message.isEmpty() ? QJsonValue() : QJsonValue(message)}};
    return toJson(json);
}

void DatasetExporterTest::pollsThenDownloadsIntoTheFile() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/dataset/ds/export_context_async", ScriptedReply::json(200, task("INIT", 0)));
    server.onSequence("GET", "/api/v1/dataset/ds/export_status",
                      {ScriptedReply::json(200, task("IN_PROGRESS", 0.5)),
                       ScriptedReply::json(200, task("COMPLETED", 1.0, "/cdn/ds/images/task-1/task-1.zip"))});
    const QByteArray archive = QByteArrayLiteral("PK\x03\x04 pretend zip ").repeated(1000);
    server.on("GET", "/cdn/ds/images/task-1/task-1.zip", ScriptedReply::raw(200, archive, "application/zip"));
    auto client = clientFor(server);
    QTemporaryDir dir;
    const QString path = dir.filePath("export.zip");
    DatasetExporter exporter(client.get());
    exporter.setPollInterval(20);
    QSignalSpy progress(&exporter, &DatasetExporter::progressChanged);
    QSignalSpy finished(&exporter, &DatasetExporter::finished);
    ExportOptions options;
    options.includeImages = true;
    exporter.start("ds", options, path);
    QVERIFY(exporter.isRunning());
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), archive);
    bool sawHalf = false;
    for (const auto& args : progress)
        sawHalf = sawHalf || args.at(0).toInt() == 50;
    QVERIFY(sawHalf);
    QCOMPARE(
        server.requestsTo("/api/v1/dataset/ds/export_context_async").first().queryValue("include_images"),
        QStringLiteral("true"));
    QCOMPARE(server.requestsTo("/api/v1/dataset/ds/export_status").first().queryValue("export_task_id"),
             QStringLiteral("task-1"));
}

void DatasetExporterTest::rejectedExportLeavesNoFile() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/dataset/ds/export_context_async",
              ScriptedReply::json(200, task("REJECTED", 0, {}, "Entity count exceeds threshold")));
    auto client = clientFor(server);
    QTemporaryDir dir;
    const QString path = dir.filePath("export.zip");
    DatasetExporter exporter(client.get());
    QSignalSpy finished(&exporter, &DatasetExporter::finished);
    exporter.start("ds", ExportOptions{}, path);
    QVERIFY(finished.wait(15000));
    QVERIFY(!finished.first().at(0).toBool());
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("Entity count exceeds threshold"));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!exporter.isRunning());
}

// Exporting chosen items: POST export_entities_async with a media selection, then the same polling.
void DatasetExporterTest::selectionExportPostsTheMediaIds() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("POST", "/api/v1/dataset/ds/export_entities_async", ScriptedReply::json(200, task("INIT", 0)));
    server.on("GET", "/api/v1/dataset/ds/export_status",
              ScriptedReply::json(200, task("COMPLETED", 1.0, "/cdn/ds/images/task-1/task-1.zip")));
    server.on("GET", "/cdn/ds/images/task-1/task-1.zip", ScriptedReply::raw(200, "PK", "application/zip"));
    auto client = clientFor(server);
    QTemporaryDir dir;
    DatasetExporter exporter(client.get());
    exporter.setPollInterval(20);
    QSignalSpy finished(&exporter, &DatasetExporter::finished);
    exporter.startMedia("ds", {"m-1", "m-2"}, ExportOptions{}, dir.filePath("selection.zip"));
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    const auto posts = server.requestsTo("/api/v1/dataset/ds/export_entities_async");
    QCOMPARE(posts.size(), 1);
    QCOMPARE(posts.first().method, QByteArray("POST"));
    QCOMPARE(posts.first().queryValue("export_format"), QStringLiteral("json"));
    const QJsonArray selection =
        QJsonDocument::fromJson(posts.first().body).object().value("media_selection").toArray();
    QCOMPARE(selection.size(), 1);
    QCOMPARE(selection.first().toObject().value("type").toString(), QStringLiteral("media"));
    QCOMPARE(selection.first().toObject().value("payload").toObject().value("media_ids").toArray(),
             (QJsonArray{"m-1", "m-2"}));
    QVERIFY(QFile::exists(dir.filePath("selection.zip")));
}

QTEST_MAIN(DatasetExporterTest)
#include "tst_datasetexporter.moc"
