#pragma once

#include <QString>

struct sqlite3;

namespace vl::engine {

// The catalogue's tables and their history: the DDL of every schema version and the migrations that bring
// an older file (PRAGMA user_version) up to kVersion. Queries live in Catalogue.
class CatalogueSchema {
public:
    static constexpr int kVersion = 6;

    // Sets the connection's pragmas (WAL, foreign keys) and migrates the file to kVersion.
    static bool prepare(sqlite3* db, QString* error);

private:
    static bool migrate(sqlite3* db, QString* error);
};

} // namespace vl::engine
