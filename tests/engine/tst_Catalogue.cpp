// The catalogue against real SQLite files: schema migrations, and how it behaves when SQLite fails.
#include "Catalogue.h"

#include <QDir>
#include <QTemporaryDir>
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
};

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
        // Back to schema 2: the column of version 3 is gone.
        RawConnection raw(path);
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

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_Catalogue.moc"
