#pragma once

#include <QString>

struct sqlite3;

namespace vl::engine {

// BEGIN IMMEDIATE around a scope; rolls back when not committed. A BEGIN that fails (the file is locked
// by another writer past the busy timeout, read-only, ...) leaves the transaction inactive: the caller
// must not write, and commit() returns false. A failed COMMIT rolls back, so nothing half-done remains.
class SqliteTransaction {
public:
    explicit SqliteTransaction(sqlite3* db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    QString error() const { return m_error; }

private:
    bool exec(const char* sql);

    sqlite3* m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace vl::engine
