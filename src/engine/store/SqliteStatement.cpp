#include "SqliteStatement.h"

#include <QDebug>

#include <sqlite3.h>

namespace vl::engine {

namespace {

bool isError(int rc) {
    return rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE;
}

// Enough of the statement to find it in the source, without logging the rest (values are bound anyway).
QString firstWords(const char* sql) {
    const QStringList words = QString::fromUtf8(sql).simplified().split(QLatin1Char(' '));
    return words.mid(0, 4).join(QLatin1Char(' '));
}

} // namespace

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql)
    : m_db(db)
    , m_sql(sql) {
    m_rc = db ? sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) : SQLITE_MISUSE;
    if (m_rc != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        noteResult(m_rc, "prepare");
    }
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_stmt);
}

QString SqliteStatement::describe(const char* sql, const QString& message) {
    return QStringLiteral("%1…: %2").arg(firstWords(sql), message);
}

void SqliteStatement::noteResult(int rc, const char* what) {
    m_rc = rc;
    if (!isError(rc))
        return;
    const QString message = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("no database");
    m_error = describe(m_sql.constData(), message);
    qWarning().noquote() << "catalogue: SQLite" << what << "failed:" << m_error;
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
    if (!m_stmt)
        return false; // the prepare error stays in m_rc
    noteResult(sqlite3_step(m_stmt), "step");
    return m_rc == SQLITE_ROW;
}

bool SqliteStatement::failed() const {
    return isError(m_rc);
}

bool SqliteStatement::run() {
    if (!m_stmt)
        return false;
    noteResult(sqlite3_step(m_stmt), "step");
    sqlite3_reset(m_stmt);
    return !failed();
}

void SqliteStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (m_stmt)
        m_rc = SQLITE_OK;
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
