// The engine when things go wrong underneath it: the catalogue failing under a running engine (a table
// dropped by a test-only second connection), concurrent requests racing for the same dataset or file.
// Every case must end in a clear answer (HTTP 500 with a message, a dataset in ERROR), never in acting on an
// empty result as if the catalogue had no rows.
#include "EngineTestClient.h"
#include "LocalEngine.h"
#include "TestImages.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using vl::engine::LocalEngine;

namespace {

// Changes the engine's catalogue behind its back, as a damaged or foreign-edited file would.
bool execOnCatalogue(const QString& dataDir, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(QDir(dataDir).filePath("catalogue.sqlite").toUtf8().constData(), &db);
    const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

} // namespace

class TestEngineFaults : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_folder;
    QString m_dataDir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_datasetId;

private slots:
    void init();
    void cleanup();
    void catalogueReadErrorAnswers500();
    void indexerReadErrorPutsDatasetInError();
};

// A fresh engine and a READY three-image dataset for every test.
void TestEngineFaults::init() {
    m_folder = m_root.filePath(QStringLiteral("photos-%1").arg(QDateTime::currentMSecsSinceEpoch()));
    for (int i = 0; i < 3; ++i)
        QVERIFY(TestImages::save(TestImages::scene(300 + i), QString("%1/p%2.jpg").arg(m_folder).arg(i)));
    TestImages::writeText(m_folder + "/notes.txt", "not an image");
    m_dataDir = m_folder + "-data";
    m_engine = std::make_unique<LocalEngine>(m_dataDir);
    QVERIFY(m_engine->start());
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", m_folder);
    m_datasetId = m_client->post("/api/v1/process", q).object().value("dataset_id").toString();
    QVERIFY(!m_datasetId.isEmpty());
    QCOMPARE(m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
}

void TestEngineFaults::cleanup() {
    m_client.reset();
    m_engine.reset();
}

void TestEngineFaults::catalogueReadErrorAnswers500() {
    QCOMPARE(m_client->get("/api/v1/dataset/" + m_datasetId + "/skipped").array().size(), 1);
    QVERIFY(execOnCatalogue(m_dataDir, "DROP TABLE skipped"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such table: skipped"));
    const HttpResult skipped = m_client->get("/api/v1/dataset/" + m_datasetId + "/skipped");
    QCOMPARE(skipped.status, 500);
    QVERIFY2(skipped.detail().contains("no such table: skipped"), skipped.body.constData());

    // Explore reads media and objects into a snapshot; a failed read must not become an empty page.
    QVERIFY(execOnCatalogue(m_dataDir, "ALTER TABLE objects RENAME TO objects_gone"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such table: objects"));
    QUrlQuery q;
    q.addQueryItem("entity_type", "IMAGES");
    const HttpResult explore = m_client->get("/api/v1/explore/" + m_datasetId, q);
    QCOMPARE(explore.status, 500);
    QVERIFY2(explore.detail().contains("no such table: objects"), explore.body.constData());
    QCOMPARE(m_client->get("/api/v1/healthcheck").status, 200); // the engine lives on
}

// Before: the skipped files' stamps read as "none", the batch write failed and the dataset stayed
// INDEXING for ever. Now the run stops at the read and the dataset says why.
void TestEngineFaults::indexerReadErrorPutsDatasetInError() {
    QVERIFY(execOnCatalogue(m_dataDir, "DROP TABLE skipped"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such table: skipped"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("indexer: dataset .* failed"));
    QCOMPARE(m_client->post("/api/v1/dataset/" + m_datasetId + "/reindex").status, 202);
    const QJsonObject state = m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}, 30000);
    QCOMPARE(state.value("status_new").toString(), QString("ERROR"));
    QVERIFY2(state.value("fatal_error_msg").toString().contains("no such table: skipped"),
             qPrintable(state.value("fatal_error_msg").toString()));
}

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_EngineFaults.moc"
