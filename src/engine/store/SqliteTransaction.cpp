#include "SqliteTransaction.h"

#include <sqlite3.h>

namespace vl::engine {

SqliteTransaction::SqliteTransaction(sqlite3* db)
    : m_db(db) {
    sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
}

SqliteTransaction::~SqliteTransaction() {
    if (!m_done)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool SqliteTransaction::commit() {
    m_done = true;
    return sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
}

} // namespace vl::engine
