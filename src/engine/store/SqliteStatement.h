#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace vl::engine {

// A prepared statement that finalises itself; binds by 1-based position.
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

    bool step();
    bool failed() const;
    bool run();
    void reset();

    QString text(int c) const;
    qint64 int64(int c) const;
    double real(int c) const;
    QByteArray blob(int c) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc = 0;
};

} // namespace vl::engine
