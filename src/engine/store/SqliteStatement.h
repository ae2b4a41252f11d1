#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace vl::engine {

// A prepared statement that finalises itself; binds by 1-based position. A statement that does not
// prepare (syntax, missing table) or whose step fails logs the SQL's first words with SQLite's message
// and reports the failure: `run()` returns false, `failed()` turns true after `step()`, `error()` says why.
// Read loops must check `failed()` after the last `step()`: otherwise an error looks like "no rows".
class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, const char* sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    SqliteStatement& bind(int i, const QString& v);
    SqliteStatement& bind(int i, qint64 v);
    SqliteStatement& bind(int i, int v) { return bind(i, qint64(v)); }
    SqliteStatement& bind(int i, double v);
    SqliteStatement& bindBlob(int i, const QByteArray& v);

    bool step();         // true while a row is available
    bool failed() const; // the last prepare/step/run ended in an error
    QString error() const { return m_error; }
    bool run(); // steps once and resets (writes); false on any error
    void reset();

    QString text(int c) const;
    qint64 int64(int c) const;
    double real(int c) const;
    QByteArray blob(int c) const;

    // "first words of the SQL: SQLite's message", as logged.
    static QString describe(const char* sql, const QString& message);

private:
    void noteResult(int rc, const char* what);

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    QByteArray m_sql;
    int m_rc = 0;
    QString m_error;
};

} // namespace vl::engine
