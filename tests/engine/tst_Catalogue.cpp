// The catalogue against real SQLite files: schema migrations, and how it behaves when SQLite fails.
// Failures are injected from a second, raw connection: a table dropped or renamed, a trigger that aborts,
// a deferred foreign key that makes COMMIT fail, an exclusive lock held past the busy timeout.
#include "Catalogue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <sqlite3.h>

using namespace vl::engine;

namespace {

// A second, raw connection to the catalogue file: sets up states the engine cannot reach by itself.
class RawConnection {
public:
    explicit RawConnection(const QString& path) { sqlite3_open(path.toUtf8().constData(), &m_db); }
    ~RawConnection() { sqlite3_close(m_db); }
    bool exec(const char* sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    qint64 integer(const char* sql) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr);
        const qint64 v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_finalize(s);
        return v;
    }

private:
    sqlite3* m_db = nullptr;
};

} // namespace

class TestCatalogue : public QObject {
    Q_OBJECT

private slots:
    void freshFileGetsTheCurrentSchema();
    void olderSchemaIsMigrated();
    void newerSchemaIsRefused();
    void lockedMigrationFailsWithReason();
    void prepareErrorIsLoggedAndReported();
    void readErrorIsNotNoRows();
    void failedRemoveFilesRemovesNothingAndReturnsNoIds();
    void refusedCommitRollsBack();
    void refusedBeginWritesNothing();

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Catalogue> m_catalogue;

    // A catalogue with dataset "d1" holding a.jpg and b.jpg.
    void openWithTwoImages();
    void tagsOfEachSourceAreReplacedSeparately();
};

void TestCatalogue::openWithTwoImages() {
    m_path = m_dir.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + ".sqlite");
    m_catalogue = std::make_unique<Catalogue>();
    QString error;
    QVERIFY2(m_catalogue->open(m_path, &error), qPrintable(error));
    DatasetRecord d;
    d.id = "d1";
    d.displayName = "one";
    d.folder = "/tmp";
    d.createdAt = QDateTime::currentDateTimeUtc();
    QVERIFY(m_catalogue->insertDataset(d));
    QVector<MediaRecord> media;
    for (const char* name : {"a.jpg", "b.jpg"}) {
        MediaRecord m;
        m.mediaId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m.relativePath = name;
        m.stamp = FileStamp{100, 1000};
        media.append(m);
    }
    QVERIFY(m_catalogue->writeBatch("d1", media, {SkippedRecord{"c.txt", FileStamp{1, 1}, "not an image"}}));
}

void TestCatalogue::freshFileGetsTheCurrentSchema() {
    QTemporaryDir dir;
    const QString path = dir.filePath("catalogue.sqlite");
    Catalogue catalogue;
    QString error;
    QVERIFY2(catalogue.open(path, &error), qPrintable(error));
    catalogue.close();
    RawConnection raw(path);
    QCOMPARE(raw.integer("PRAGMA user_version"), qint64(Catalogue::kSchemaVersion));
    QCOMPARE(raw.integer("SELECT COUNT(*) FROM pragma_table_info('media') WHERE name = 'semantic'"), 1);
}

void TestCatalogue::olderSchemaIsMigrated() {
    QTemporaryDir dir;
    const QString path = dir.filePath("catalogue.sqlite");
    {
        Catalogue catalogue;
        QString error;
        QVERIFY2(catalogue.open(path, &error), qPrintable(error));
        DatasetRecord d;
        d.id = "d1";
        d.displayName = "one";
        d.folder = "/tmp";
        d.createdAt = QDateTime::currentDateTimeUtc();
        QVERIFY(catalogue.insertDataset(d));
    }
    {
        // Back to schema 2: the column of version 3, the tags of version 4, the perception of version 5 and
        // the face embeddings of version 6 are gone.
        RawConnection raw(path);
        QVERIFY(raw.exec("ALTER TABLE objects DROP COLUMN face_embedding"));
        QVERIFY(raw.exec("ALTER TABLE anchors DROP COLUMN face_embedding"));
        QVERIFY(raw.exec("DROP TRIGGER perception_stale; DROP TABLE perception;"));
        QVERIFY(raw.exec("DROP TRIGGER media_tags_delete; DROP TABLE tags_fts; DROP TABLE tags;"));
        QVERIFY(raw.exec("ALTER TABLE media DROP COLUMN semantic"));
        QVERIFY(raw.exec("PRAGMA user_version = 2"));
    }
    Catalogue catalogue;
    QString error;
    QVERIFY2(catalogue.open(path, &error), qPrintable(error));
    QVERIFY(catalogue.dataset("d1").has_value());
    catalogue.close();
    RawConnection raw(path);
    QCOMPARE(raw.integer("PRAGMA user_version"), qint64(Catalogue::kSchemaVersion));
    QCOMPARE(raw.integer("SELECT COUNT(*) FROM pragma_table_info('media') WHERE name = 'semantic'"), 1);
    QCOMPARE(raw.integer("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('tags', 'tags_fts')"), 2);
    QCOMPARE(
        raw.integer("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('perception', 'perception_stale')"),
        2);
    QCOMPARE(raw.integer("SELECT COUNT(*) FROM pragma_table_info('objects') WHERE name = 'face_embedding'"),
             1);
    QCOMPARE(raw.integer("SELECT COUNT(*) FROM pragma_table_info('anchors') WHERE name = 'face_embedding'"),
             1);
}

void TestCatalogue::newerSchemaIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath("catalogue.sqlite");
    {
        RawConnection raw(path);
        QVERIFY(raw.exec("PRAGMA user_version = 99"));
    }
    Catalogue catalogue;
    QString error;
    QVERIFY(!catalogue.open(path, &error));
    QVERIFY2(error.contains("newer engine"), qPrintable(error));
}

// A newer engine's migration blocked by another writer fails with the reason, instead of carrying on
// with a half-migrated file.
void TestCatalogue::lockedMigrationFailsWithReason() {
    QTemporaryDir dir;
    const QString path = dir.filePath("catalogue.sqlite");
    {
        Catalogue catalogue;
        QString error;
        QVERIFY2(catalogue.open(path, &error), qPrintable(error));
    }
    RawConnection raw(path);
    QVERIFY(raw.exec("ALTER TABLE media DROP COLUMN semantic"));
    QVERIFY(raw.exec("PRAGMA user_version = 2"));
    QVERIFY(raw.exec("BEGIN EXCLUSIVE"));
    Catalogue catalogue;
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("BEGIN IMMEDIATE.*locked"));
    QVERIFY(!catalogue.open(path, &error));
    QVERIFY2(error.contains("schema 3") && error.contains("locked"), qPrintable(error));
    QVERIFY(raw.exec("ROLLBACK"));
    QCOMPARE(raw.integer("PRAGMA user_version"), 2);
}

void TestCatalogue::prepareErrorIsLoggedAndReported() {
    openWithTwoImages();
    RawConnection raw(m_path);
    QVERIFY(raw.exec("DROP TABLE skipped"));
    // The connection notices the schema change at its next step; from then on the statement cannot prepare.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("(step|prepare) failed: SELECT rel_path, size, "
                                                          "mtime.*no such table: skipped"));
    QString error;
    QVERIFY(m_catalogue->skipped("d1", &error).isEmpty());
    QVERIFY2(error.contains("no such table: skipped"), qPrintable(error));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("prepare failed: UPDATE datasets SET.*no such table: skipped"));
    QVERIFY(!m_catalogue->refreshCounts("d1"));
    error.clear();
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression("prepare failed: SELECT rel_path, size, mtime.*no such table: skipped"));
    QVERIFY(m_catalogue->skippedStamps("d1", &error).isEmpty());
    QVERIFY2(error.contains("no such table: skipped"), qPrintable(error));
}

void TestCatalogue::readErrorIsNotNoRows() {
    openWithTwoImages();
    QString error;
    QVERIFY(!m_catalogue->dataset("missing", &error));
    QVERIFY2(error.isEmpty(), qPrintable(error)); // no rows is not an error
    QCOMPARE(m_catalogue->media("d1", false, &error).size(), 2);
    QVERIFY(error.isEmpty());

    RawConnection raw(m_path);
    QVERIFY(raw.exec("ALTER TABLE datasets RENAME TO datasets_gone"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such table: datasets"));
    QVERIFY(!m_catalogue->dataset("d1", &error));
    QVERIFY2(error.contains("no such table: datasets"), qPrintable(error));
    QVERIFY(raw.exec("ALTER TABLE datasets_gone RENAME TO datasets"));

    error.clear();
    QVERIFY(raw.exec("ALTER TABLE media RENAME COLUMN rel_path TO path_gone"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such column: rel_path"));
    QVERIFY(m_catalogue->mediaStamps("d1", &error).isEmpty());
    QVERIFY2(error.contains("rel_path"), qPrintable(error));
}

// The indexer deletes the thumbnails of the ids removeFiles returns: a rolled-back removal must return none.
void TestCatalogue::failedRemoveFilesRemovesNothingAndReturnsNoIds() {
    openWithTwoImages();
    RawConnection raw(m_path);
    QVERIFY(raw.exec(
        "CREATE TRIGGER refuse BEFORE DELETE ON skipped BEGIN SELECT RAISE(ABORT, 'injected'); END"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("DELETE FROM skipped.*injected"));
    const std::optional<QStringList> removed = m_catalogue->removeFiles("d1", {"a.jpg", "c.txt"});
    QVERIFY(!removed.has_value());
    QCOMPARE(m_catalogue->media("d1", false).size(), 2);
    QCOMPARE(m_catalogue->skipped("d1").size(), 1);

    QVERIFY(raw.exec("DROP TRIGGER refuse"));
    const auto removedNow = m_catalogue->removeFiles("d1", {"a.jpg"});
    QVERIFY(removedNow.has_value());
    QCOMPARE(removedNow->size(), 1);
    QCOMPARE(m_catalogue->media("d1", false).size(), 1);
}

// A deferred foreign key makes COMMIT itself fail: the writes are rolled back and the connection is
// usable again (not left inside an open transaction).
void TestCatalogue::refusedCommitRollsBack() {
    openWithTwoImages();
    RawConnection raw(m_path);
    QVERIFY(raw.exec(
        "CREATE TABLE trap (media_row INTEGER REFERENCES media(row) DEFERRABLE INITIALLY DEFERRED)"));
    QVERIFY(raw.exec("INSERT INTO trap SELECT row FROM media"));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("COMMIT.*FOREIGN KEY constraint failed"));
    QVERIFY(!m_catalogue->removeFiles("d1", {"a.jpg"}).has_value());
    QCOMPARE(m_catalogue->media("d1", false).size(), 2);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("COMMIT.*FOREIGN KEY constraint failed"));
    QVERIFY(!m_catalogue->deleteDataset("d1"));
    QVERIFY(m_catalogue->dataset("d1").has_value());
    QCOMPARE(m_catalogue->media("d1", false).size(), 2);

    QVERIFY(m_catalogue->setProgress("d1", 42)); // autocommit again: a plain write goes through
    QCOMPARE(m_catalogue->dataset("d1")->progress, 42);
}

// Another writer holds the file past the busy timeout: BEGIN fails and nothing is written or returned.
void TestCatalogue::refusedBeginWritesNothing() {
    openWithTwoImages();
    RawConnection raw(m_path);
    QVERIFY(raw.exec("BEGIN EXCLUSIVE"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("BEGIN IMMEDIATE.*locked"));
    QVERIFY(!m_catalogue->removeFiles("d1", {"a.jpg"}).has_value());
    QVERIFY(raw.exec("ROLLBACK"));
    QCOMPARE(m_catalogue->media("d1", false).size(), 2);
}

void TestCatalogue::tagsOfEachSourceAreReplacedSeparately() {
    QTemporaryDir dir;
    const QString path = dir.filePath("catalogue.sqlite");
    Catalogue catalogue;
    QString error;
    QVERIFY2(catalogue.open(path, &error), qPrintable(error));
    for (const QString id : {"d1", "d2"}) {
        DatasetRecord d;
        d.id = id;
        d.displayName = id;
        d.folder = "/tmp";
        d.createdAt = QDateTime::currentDateTimeUtc();
        QVERIFY(catalogue.insertDataset(d));
    }
    MediaRecord beach;
    beach.mediaId = "m1";
    beach.relativePath = "golden_retriever_beach.jpg";
    beach.tags = {{TagSource::Name, {"golden", "retriever", "beach"}}, {TagSource::Attribute, {"blue"}}};
    MediaRecord other = beach;
    other.mediaId = "m2";
    other.relativePath = "x.jpg";
    other.tags = {};
    QVERIFY(catalogue.writeBatch("d1", {beach, other}, {}));
    const QVector<MediaRecord> media = catalogue.media("d1");
    QCOMPARE(media.size(), 2);
    const qint64 row = media[0].row;
    QCOMPARE(media[0].tags.value(TagSource::Name), QStringList({"golden", "retriever", "beach"}));

    // A detector's tags and OCR words are written separately; neither clobbers the other or the names.
    QVERIFY(catalogue.setTags("d1", TagSource::Object, {{row, {"dog", "Frisbee", "dog"}}}));
    QVERIFY(catalogue.setTags("d1", TagSource::Ocr, {{row, {"SALE"}}}));
    QVERIFY(catalogue.setTags("d1", TagSource::Object, {{row, {"dog", "frisbee", "person"}}}));
    MediaTags tags = catalogue.tags("d1").value(row);
    QCOMPARE(tags.value(TagSource::Object), QStringList({"dog", "frisbee", "person"}));
    QCOMPARE(tags.value(TagSource::Ocr), QStringList({"sale"}));
    QCOMPARE(tags.value(TagSource::Attribute), QStringList({"blue"}));
    QCOMPARE(catalogue.mediaById("m1")->tags.value(TagSource::Name).size(), 3);
    // Rows of another dataset are not touched through this one.
    QVERIFY(catalogue.setTags("d2", TagSource::Object, {{row, {}}}));
    QCOMPARE(catalogue.tags("d1").value(row).value(TagSource::Object).size(), 3);

    // Full-text search reaches tags (porter-stemmed) as well as captions.
    QCOMPARE(*catalogue.fullTextMatch("d1", "\"retrievers\""), QSet<qint64>({row}));
    QCOMPARE(*catalogue.fullTextMatch("d1", "\"sale\""), QSet<qint64>({row}));
    QVERIFY(catalogue.fullTextMatch("d1", "\"frisbee\"")->contains(row));
    QVERIFY(catalogue.fullTextMatch("d2", "\"frisbee\"")->isEmpty());
    QCOMPARE(catalogue.untaggedMedia("d1", TagSource::Name).values(), QStringList({"x.jpg"}));

    // Clearing one source; enriched copies carry the tags; removed files take theirs along.
    QVERIFY(catalogue.setTags("d1", TagSource::Ocr, {{row, {}}}));
    QVERIFY(catalogue.fullTextMatch("d1", "\"sale\"")->isEmpty());
    QCOMPARE(catalogue.copyMedia("d1", "d2").size(), 2);
    QCOMPARE(catalogue.fullTextMatch("d2", "\"frisbee\"")->size(), 1);
    catalogue.removeFiles("d1", {"golden_retriever_beach.jpg"});
    QVERIFY(catalogue.fullTextMatch("d1", "\"retriever\"")->isEmpty());
    QVERIFY(catalogue.deleteDataset("d2"));
    catalogue.close();
    RawConnection raw(path);
    QCOMPARE(raw.integer("SELECT COUNT(*) FROM tags"), 0);
    QVERIFY(raw.exec("INSERT INTO tags_fts(tags_fts) VALUES ('integrity-check')"));
}

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_Catalogue.moc"
