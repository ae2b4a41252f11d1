// kill -9 of an engine in the middle of an enrichment and in the middle of exports, then a restart on the
// same data directory: the catalogue passes SQLite's integrity check, every committed row is still there, and
// each job ends in a state a client can read (the copy ERROR with the reason, the export tasks gone with a
// 404 instead of IN_PROGRESS for ever), with no half-written file left behind and the engine usable again.
// Indexing's crash-resume is in tst_EngineIndexing.
#include "EngineTestClient.h"
#include "LocalEngine.h"
#include "ParentWatch.h"
#include "TestImages.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using vl::engine::LocalEngine;

namespace {

constexpr int kImages = 48;
const QString kDetector = QStringLiteral("local_object_detector_v00");
constexpr int kLongWaitMs = 300000; // debug and sanitizer builds on a shared 2-core machine

// What the catalogue holds, read with SQLite itself (a read-write open replays the WAL like the engine does).
struct Census {
    QString integrity;
    QMap<QString, QString> statusById;
    QMap<QString, int> mediaById;
    int objects = 0;
};

Census census(const QString& dataDir) {
    Census result;
    sqlite3* db = nullptr;
    const QByteArray path = QDir(dataDir).filePath(QStringLiteral("catalogue.sqlite")).toUtf8();
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return result;
    }
    const auto each = [db](const char* sql, const std::function<void(sqlite3_stmt*)>& row) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK)
            while (sqlite3_step(statement) == SQLITE_ROW)
                row(statement);
        sqlite3_finalize(statement);
    };
    const auto text = [](sqlite3_stmt* s, int column) {
        return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, column)));
    };
    each("PRAGMA integrity_check", [&](sqlite3_stmt* s) { result.integrity += text(s, 0); });
    each("SELECT id, status FROM datasets",
         [&](sqlite3_stmt* s) { result.statusById[text(s, 0)] = text(s, 1); });
    each("SELECT dataset_id, COUNT(*) FROM media GROUP BY dataset_id",
         [&](sqlite3_stmt* s) { result.mediaById[text(s, 0)] = sqlite3_column_int(s, 1); });
    each("SELECT COUNT(*) FROM objects", [&](sqlite3_stmt* s) { result.objects = sqlite3_column_int(s, 0); });
    sqlite3_close(db);
    return result;
}

// An engine in a child process (this executable, see main) that prints its URL once it accepts requests.
class ChildEngine {
public:
    explicit ChildEngine(const QString& dataDir) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VL_CRASH_CHILD_DATA_DIR"), dataDir);
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QCoreApplication::applicationFilePath(), {});
    }
    ~ChildEngine() {
        if (m_process.state() != QProcess::NotRunning)
            kill();
    }
    QUrl waitForUrl() {
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains('\n') && timer.elapsed() < 60000 && m_process.waitForReadyRead(60000))
            out += m_process.readAllStandardOutput();
        return QUrl(QString::fromUtf8(out.trimmed()));
    }
    bool kill() {
        m_process.kill(); // SIGKILL: no destructor, no SQLite close, no stop()
        return m_process.waitForFinished(10000) && m_process.exitStatus() == QProcess::CrashExit;
    }

private:
    QProcess m_process;
};

QByteArray enrichBody() {
    return QJsonDocument(QJsonObject{{"enrichment_models", QJsonObject{{"OBJECT_DETECTION", kDetector}}}})
        .toJson();
}

QStringList filesUnder(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

} // namespace

class TestEngineCrashRecovery : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_dataDir;
    QString m_sourceId;
    QString m_apiKey;
    QByteArray m_apiSecret;

    EngineTestClient clientFor(const QUrl& url) const { return EngineTestClient(url, m_apiKey, m_apiSecret); }
    static QString path(const QString& id, const QString& tail = {}) {
        return QStringLiteral("/api/v1/dataset/") + id + tail;
    }

private slots:
    void initTestCase();
    void killDuringEnrichment();
    void killDuringExport();
};

// One READY dataset indexed by an in-process engine, then left alone (learned models included).
void TestEngineCrashRecovery::initTestCase() {
    QVERIFY(m_root.isValid());
    const QString folder = m_root.filePath(QStringLiteral("photos"));
    for (int i = 0; i < kImages; ++i)
        QVERIFY(TestImages::save(TestImages::scene(4000 + i, 1024, 768),
                                 QStringLiteral("%1/c%2.jpg").arg(folder).arg(i)));
    m_dataDir = m_root.filePath(QStringLiteral("data"));
    LocalEngine engine(m_dataDir);
    QString error;
    QVERIFY2(engine.start(0, &error), qPrintable(error));
    m_apiKey = engine.apiKey();
    m_apiSecret = engine.apiSecret();
    EngineTestClient client(engine.url(), m_apiKey, m_apiSecret);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("path"), folder);
    m_sourceId = client.post(QStringLiteral("/api/v1/process"), q).object().value("dataset_id").toString();
    QVERIFY(!m_sourceId.isEmpty());
    QCOMPARE(client.waitForStatus(m_sourceId, {"READY", "ERROR"}, kLongWaitMs).value("status_new").toString(),
             QString("READY"));
    QVERIFY(engine.waitForIdle(kLongWaitMs));
    engine.stop();
    QCOMPARE(census(m_dataDir).mediaById.value(m_sourceId), kImages);
}

void TestEngineCrashRecovery::killDuringEnrichment() {
    QString copyId;
    {
        ChildEngine child(m_dataDir);
        const QUrl url = child.waitForUrl();
        QVERIFY2(url.isValid() && !url.isEmpty(), "the child engine started");
        EngineTestClient client = clientFor(url);
        const HttpResult started =
            client.post(path(m_sourceId, QStringLiteral("/enrich_dataset")), {}, enrichBody());
        QCOMPARE(started.status, 200);
        copyId = started.object().value("dataset_id").toString();
        QVERIFY2(!copyId.isEmpty(), started.body.constData());
        // Killed once some images are done and committed, long before the last one.
        QElapsedTimer timer;
        timer.start();
        QJsonObject copy;
        while (timer.elapsed() < kLongWaitMs) {
            copy = client.get(path(copyId)).object();
            if (copy.value("status_new").toString() != QLatin1String("INDEXING") ||
                copy.value("progress").toInt() > 0)
                break;
            QThread::msleep(10);
        }
        QCOMPARE(copy.value("status_new").toString(), QString("INDEXING"));
        QVERIFY2(copy.value("progress").toInt() < 100, "killed before the enrichment ended");
        QVERIFY(child.kill());
    }
    const Census killed = census(m_dataDir);
    QCOMPARE(killed.integrity, QString("ok"));
    QCOMPARE(killed.mediaById.value(m_sourceId), kImages);
    QCOMPARE(killed.statusById.value(m_sourceId), QString("READ ONLY"));
    QCOMPARE(killed.statusById.value(copyId), QString("INDEXING"));
    qInfo("killed at: copy has %d media rows, %d object rows in the catalogue",
          killed.mediaById.value(copyId), killed.objects);

    LocalEngine engine(m_dataDir);
    QString error;
    QVERIFY2(engine.start(0, &error), qPrintable(error));
    EngineTestClient client = clientFor(engine.url());
    // The copy says what happened, the source is usable again, nothing of the source is lost.
    const QJsonObject copy = client.get(path(copyId)).object();
    QCOMPARE(copy.value("status_new").toString(), QString("ERROR"));
    QVERIFY2(copy.value("fatal_error_msg").toString().contains(QStringLiteral("interrupted")),
             qPrintable(QJsonDocument(copy).toJson()));
    const QString context = client.get("/api/v1/enrichment/" + copyId + "/context")
                                .object()
                                .value("enrichment_context_id")
                                .toString();
    QCOMPARE(client.get("/api/v1/enrichment/" + copyId + "/" + context + "/status")
                 .object()
                 .value("status")
                 .toString(),
             QString("FAILED"));
    const QJsonObject source = client.get(path(m_sourceId)).object();
    QCOMPARE(source.value("status_new").toString(), QString("READY"));
    QCOMPARE(source.value("n_images").toInt(), kImages);
    // The interrupted copy can be deleted, and the source enriched again to the end.
    QCOMPARE(client.remove(path(copyId)).status, 200);
    const HttpResult again =
        client.post(path(m_sourceId, QStringLiteral("/enrich_dataset")), {}, enrichBody());
    QCOMPARE(again.status, 200);
    const QString secondCopy = again.object().value("dataset_id").toString();
    QCOMPARE(client.waitForStatus(secondCopy, {"READY", "ERROR"}, kLongWaitMs).value("status_new").toString(),
             QString("READY"));
    QVERIFY(engine.waitForIdle(kLongWaitMs));
    engine.stop();
    const Census after = census(m_dataDir);
    QCOMPARE(after.integrity, QString("ok"));
    QCOMPARE(after.mediaById.value(m_sourceId), kImages);
    QCOMPARE(after.mediaById.value(secondCopy), kImages);
    QVERIFY(!after.statusById.contains(copyId));
}

void TestEngineCrashRecovery::killDuringExport() {
    const Census before = census(m_dataDir);
    QStringList taskIds;
    {
        ChildEngine child(m_dataDir);
        const QUrl url = child.waitForUrl();
        QVERIFY2(url.isValid() && !url.isEmpty(), "the child engine started");
        EngineTestClient client = clientFor(url);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("export_format"), QStringLiteral("json"));
        q.addQueryItem(QStringLiteral("include_images"), QStringLiteral("true"));
        // An export of this dataset takes tens of milliseconds: each new task is polled at once until it
        // leaves INIT, and the engine is killed as soon as one is seen being written.
        QString writing;
        QString lastStatus;
        for (int attempt = 0; attempt < 40 && writing.isEmpty(); ++attempt) {
            const HttpResult r = client.get(path(m_sourceId, QStringLiteral("/export_context_async")), q);
            QCOMPARE(r.status, 200);
            const QString id = r.object().value("id").toString();
            taskIds << id;
            QUrlQuery t;
            t.addQueryItem(QStringLiteral("export_task_id"), id);
            do {
                lastStatus = client.get(path(m_sourceId, QStringLiteral("/export_status")), t)
                                 .object()
                                 .value("status")
                                 .toString();
            } while (lastStatus == QLatin1String("INIT"));
            if (lastStatus == QLatin1String("IN_PROGRESS"))
                writing = id;
        }
        QVERIFY2(!writing.isEmpty(),
                 qPrintable(QStringLiteral("no export seen in progress in %1 tries (last: %2)")
                                .arg(taskIds.size())
                                .arg(lastStatus)));
        QVERIFY(child.kill());
    }
    const Census killed = census(m_dataDir);
    QCOMPARE(killed.integrity, QString("ok"));
    QCOMPARE(killed.mediaById, before.mediaById);
    QCOMPARE(killed.statusById, before.statusById);
    QCOMPARE(killed.objects, before.objects);
    int unfinished = 0;
    for (const QString& file : filesUnder(QDir(m_dataDir).filePath(QStringLiteral("exports"))))
        unfinished += file.endsWith(QLatin1String(".zip")) ? 0 : 1;
    qInfo("killed while export task %d was IN_PROGRESS; %d unfinished archive file(s) on disk",
          int(taskIds.size()), unfinished);
    // What libzip leaves when the kill comes inside zip_close(): "<task>.zip.XXXXXX" (made here when the kill
    // came earlier, so the clean-up is always checked).
    const QString leftover =
        QStringLiteral("%1/exports/%2/%3/%3.zip.Ab12Cd").arg(m_dataDir, m_sourceId, taskIds.constLast());
    QVERIFY(QDir().mkpath(QFileInfo(leftover).absolutePath()));
    TestImages::writeText(leftover, "PK half an archive");

    LocalEngine engine(m_dataDir);
    QString error;
    QVERIFY2(engine.start(0, &error), qPrintable(error));
    EngineTestClient client = clientFor(engine.url());
    // Export tasks live in memory: after the crash each one is unknown (404 with a reason), never
    // IN_PROGRESS.
    for (const QString& id : std::as_const(taskIds)) {
        QUrlQuery t;
        t.addQueryItem(QStringLiteral("export_task_id"), id);
        const HttpResult r = client.get(path(m_sourceId, QStringLiteral("/export_status")), t);
        QCOMPARE(r.status, 404);
        QVERIFY(r.detail().contains(id));
    }
    // No half-written archive (libzip's temporary file) stays on disk.
    for (const QString& file : filesUnder(QDir(m_dataDir).filePath(QStringLiteral("exports"))))
        QVERIFY2(file.endsWith(QLatin1String(".zip")), qPrintable(file + " left behind"));
    // A new export completes.
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("export_format"), QStringLiteral("json"));
    const HttpResult r = client.get(path(m_sourceId, QStringLiteral("/export_context_async")), q);
    QCOMPARE(r.status, 200);
    QUrlQuery t;
    t.addQueryItem(QStringLiteral("export_task_id"), r.object().value("id").toString());
    QElapsedTimer timer;
    timer.start();
    QString status;
    while (timer.elapsed() < kLongWaitMs && status != QLatin1String("COMPLETED") &&
           status != QLatin1String("FAILED")) {
        status = client.get(path(m_sourceId, QStringLiteral("/export_status")), t)
                     .object()
                     .value("status")
                     .toString();
        QThread::msleep(20);
    }
    QCOMPARE(status, QString("COMPLETED"));
    engine.stop();
    QCOMPARE(census(m_dataDir).integrity, QString("ok"));
}

// Child mode: run an engine until killed.
int main(int argc, char** argv) {
    const QString childDataDir = qEnvironmentVariable("VL_CRASH_CHILD_DATA_DIR");
    QCoreApplication app(argc, argv);
    if (!childDataDir.isEmpty()) {
        exitWhenParentCloses(); // the test keeps our stdin open; EOF means it died
        LocalEngine engine(childDataDir);
        QString error;
        if (!engine.start(0, &error)) {
            std::fprintf(stderr, "child engine: %s\n", qPrintable(error));
            return 2;
        }
        std::printf("%s\n", qPrintable(engine.url().toString()));
        std::fflush(stdout);
        return app.exec();
    }
    TestEngineCrashRecovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_EngineCrashRecovery.moc"
