#include "SqliteTransaction.h"

#include "SqliteStatement.h"

#include <QDebug>

#include <sqlite3.h>

namespace vl::engine {

SqliteTransaction::SqliteTransaction(sqlite3* db)
    : m_db(db) {
    m_active = exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
    // SQLite may have rolled back by itself already (e.g. after SQLITE_FULL): then autocommit is back on.
    if (m_active && !sqlite3_get_autocommit(m_db))
        exec("ROLLBACK");
}

bool SqliteTransaction::commit() {
    if (!m_active)
        return false;
    if (exec("COMMIT")) {
        m_active = false;
        return true;
    }
    // A COMMIT refused (deferred constraint, busy, I/O) leaves the transaction open: undo it now.
    const QString why = m_error;
    if (!sqlite3_get_autocommit(m_db))
        exec("ROLLBACK");
    m_active = false;
    m_error = why;
    return false;
}

bool SqliteTransaction::exec(const char* sql) {
    char* message = nullptr;
    const int rc = m_db ? sqlite3_exec(m_db, sql, nullptr, nullptr, &message) : SQLITE_MISUSE;
    if (rc == SQLITE_OK)
        return true;
    m_error = SqliteStatement::describe(sql, QString::fromUtf8(message ? message
                                                               : m_db  ? sqlite3_errmsg(m_db)
                                                                       : "no database"));
    sqlite3_free(message);
    qWarning().noquote() << "catalogue: SQLite" << m_error;
    return false;
}

} // namespace vl::engine
