// src/drivers.hpp — internal: how the engine reaches the compiled drivers.
//
// Not installed. Each driver lives in its own translation unit behind the abstract
// interface of retort/engine/driver.hpp; the engine only sees these factories.
#pragma once

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "retort/engine/adopt.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/url.hpp"

namespace retort::detail {

/// SQL text for an error message: cut after 400 characters, so that a multi-row INSERT of
/// thousands of rows does not make a message of hundreds of kilobytes.
inline std::string sql_excerpt(std::string_view sql) {
    constexpr std::size_t max = 400;
    if (sql.size() <= max) return std::string(sql);
    return std::string(sql.substr(0, max)) + "... [" + std::to_string(sql.size() - max) + " more characters]";
}

/// Runs `run` between before_execute and after_execute events (echo / logging).
template <class Run>
auto observed(const driver::observer& o, const void* conn, std::string_view sql, std::span<const std::string> params,
              Run&& run) {
    event e{};
    e.kind = event_kind::before_execute;
    e.connection = conn;
    e.sql = sql;
    e.parameters = params;
    o.sink(e);
    const auto start = std::chrono::steady_clock::now();
    e.kind = event_kind::after_execute;
    try {
        auto out = run();
        e.duration = std::chrono::steady_clock::now() - start;
        o.sink(e);
        return out;
    } catch (...) {
        e.duration = std::chrono::steady_clock::now() - start;
        e.failed = true;
        o.sink(e);
        throw;
    }
}

/// Engine settings a driver needs (from engine_options).
struct driver_options {
    /// PostgreSQL: named server-side prepared statements (false: PQexecParams, nothing kept).
    bool server_prepared = true;
    /// PostgreSQL: a connect_timeout when the URL gives none (libpq's minimum is 2 s).
    std::chrono::milliseconds connect_timeout{10'000};
};

/// Checks the URL's query options for a driver without connecting; throws argument_error.
void check_sqlite_options(const url& u);
void check_postgresql_options(const url& u);

/// The echo sink (engine_options::echo): one line per execution on stderr.
void echo_event(const event& e);

/// Driver connections over a handle someone else owns (retort::adopt, src/adopt.cpp).
std::unique_ptr<driver::connection> borrow_sqlite(sqlite3* handle, driver::observer observer);
std::unique_ptr<driver::connection> borrow_postgresql(pg_conn* handle, postgresql_owner owner,
                                                     driver::observer observer);

/// Opens one driver connection; throws connection_error (or argument_error for bad options).
std::unique_ptr<driver::connection> open_sqlite(const url& u, const driver_options& o);
std::unique_ptr<driver::connection> open_postgresql(const url& u, const driver_options& o);

}  // namespace retort::detail
