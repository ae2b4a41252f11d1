#include "SqliteStatement.h"

#include <sqlite3.h>

namespace vl::engine {

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql) {
    sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_stmt);
}

SqliteStatement& SqliteStatement::bind(int i, const QString& v) {
    if (v.isNull()) {
        sqlite3_bind_null(m_stmt, i);
    } else {
        const QByteArray utf8 = v.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), utf8.size(), SQLITE_TRANSIENT);
    }
    return *this;
}

SqliteStatement& SqliteStatement::bind(int i, qint64 v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int i, double v) {
    sqlite3_bind_double(m_stmt, i, v);
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int i, const QByteArray& v) {
    sqlite3_bind_blob(m_stmt, i, v.constData(), v.size(), SQLITE_TRANSIENT);
    return *this;
}

bool SqliteStatement::step() {
    m_rc = m_stmt ? sqlite3_step(m_stmt) : SQLITE_ERROR;
    return m_rc == SQLITE_ROW;
}

bool SqliteStatement::failed() const {
    return m_rc != SQLITE_OK && m_rc != SQLITE_ROW && m_rc != SQLITE_DONE;
}

bool SqliteStatement::run() {
    if (!m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

void SqliteStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

QString SqliteStatement::text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, c)) : QString();
}

qint64 SqliteStatement::int64(int c) const {
    return sqlite3_column_int64(m_stmt, c);
}

double SqliteStatement::real(int c) const {
    return sqlite3_column_double(m_stmt, c);
}

QByteArray SqliteStatement::blob(int c) const {
    const void* p = sqlite3_column_blob(m_stmt, c);
    return p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, c)) : QByteArray();
}

} // namespace vl::engine
