// retort/engine/adopt.hpp — retort statements on a database connection someone else owns.
//
//   retort::connection conn = retort::adopt(handle);   // a sqlite3* or a PGconn*
//   conn.execute(retort::select<User>().where(c<&User::id> == 1));
//
// The returned retort::connection borrows the handle: it never closes it, never changes
// its settings, and runs its statements in whatever transaction the owner has open on
// it. It keeps its own cache of prepared statements (one per statement type, as a
// pooled connection does) and must be destroyed before the handle is closed. Adapters
// for the C++ libraries that own such handles: retort/interop/sqlitecpp.hpp
// (SQLite::Database) and retort/interop/pqxx.hpp (pqxx::connection, pqxx::work).
// docs/interop.md says what the owner keeps owning.
#pragma once

#include <cstddef>

#include "retort/engine/engine.hpp"
#include "retort/engine/events.hpp"

struct pg_conn;  // <libpq-fe.h>: PGconn

namespace retort {

/// Settings of an adopted connection (the engine_options that apply to one connection).
struct adopt_options {
    /// Prepared statements kept (least recently used evicted; 0: unbounded).
    std::size_t statement_cache_size = 500;
    /// Log every statement (SQL, parameters, duration) to stderr, unless on_event is set.
    bool echo = false;
    /// Render bound parameters in events (false: "?" each, for sensitive data).
    bool echo_parameters = true;
    /// Receives before_execute / after_execute events.
    event_sink on_event;
};

/// For adapters over a client library that owns a PGconn (retort/interop/pqxx.hpp).
struct postgresql_owner {
    /// The server process the owner's connection talks to now (0 when closed), asked
    /// before each use: a different answer than at adoption (libpqxx reconnects after a
    /// lost connection) is a connection_error instead of a dangling handle.
    int (*backend_pid)(const void* owner) noexcept = nullptr;
    const void* owner = nullptr;
    /// Told when a retort statement failed and left the owner's transaction failed on
    /// the server (`message` is the exception's text), so that the owner's own commit
    /// cannot report success for a transaction the server rolls back.
    void (*transaction_failed)(void* transaction, const char* message) noexcept = nullptr;
    void* transaction = nullptr;
};

/// Borrows an open SQLite connection. Throws argument_error for a null handle.
connection adopt(sqlite3* handle, adopt_options options = {});

/// Borrows an open libpq connection (idle: not in pipeline mode, no query running).
/// Throws argument_error for a null handle, connection_error when it is not open.
connection adopt(pg_conn* handle, adopt_options options = {}, postgresql_owner owner = {});

}  // namespace retort
