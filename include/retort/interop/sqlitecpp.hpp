// retort/interop/sqlitecpp.hpp — retort statements on an existing SQLite::Database (SQLiteCpp).
//
//   SQLite::Database db("app.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
//   retort::connection conn = retort::adopt(db);
//   SQLite::Transaction tx(db);
//   db.exec("UPDATE ...");                           // your SQL
//   conn.execute(retort::insert(user));              // retort's, in the same transaction
//   tx.commit();                                     // both, or neither
//
// The retort::connection borrows db's handle (db.getHandle()): `db` keeps owning the
// handle, its settings (PRAGMA foreign_keys, busy timeout) and its transactions, and
// must outlive `conn`. See docs/interop.md. Links with what retort already links
// (SQLiteCpp, sqlite3): nothing to add.
#pragma once

#include <SQLiteCpp/Database.h>

#include "retort/engine/adopt.hpp"

namespace retort {

/// Borrows `db`'s connection. Destroy the result before `db`.
inline connection adopt(SQLite::Database& db, adopt_options options = {}) {
    return adopt(db.getHandle(), std::move(options));
}

}  // namespace retort
