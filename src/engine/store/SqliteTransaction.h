#pragma once

struct sqlite3;

namespace vl::engine {

// Begin/commit around a scope; rolls back when not committed.
class SqliteTransaction {
public:
    explicit SqliteTransaction(sqlite3* db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    bool commit();

private:
    sqlite3* m_db;
    bool m_done = false;
};

} // namespace vl::engine
