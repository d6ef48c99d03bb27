// retort/engine/engine.hpp — URL → engine → connection → transaction.
//
// An engine owns the URL and a pool of idle driver connections. `connect()` checks a
// connection out; destroying the retort::connection checks it back in (rolling back a
// transaction left open). A connection belongs to one thread at a time; an engine may
// be shared by any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/engine/error.hpp"
#include "retort/engine/url.hpp"

namespace retort {

class connection;
class transaction;

namespace detail {

struct engine_state;

/// A checked-out driver connection with its cache of prepared statements, indexed by
/// the dense compile-time identity of each statement type (see statement_slot()).
struct pooled_connection {
    std::unique_ptr<driver::connection> raw;
    std::vector<std::unique_ptr<driver::statement>> cache;
    std::uint64_t cache_hits = 0;
    std::uint64_t cache_misses = 0;
};

/// A process-wide dense number for each (statement type, dialect) pair, handed out on
/// first use. It indexes pooled_connection::cache, so a cache lookup is one vector access.
std::size_t next_statement_slot() noexcept;

template <class Key>
std::size_t statement_slot() noexcept {
    static const std::size_t slot = next_statement_slot();
    return slot;
}

}  // namespace detail

class engine {
public:
    /// Throws argument_error for a malformed URL. Does not connect yet.
    explicit engine(const retort::url& u);

    dialect_id dialect() const noexcept;
    const retort::url& url() const noexcept;

    /// Checks out a connection (opening one when none is idle). Throws connection_error.
    connection connect();

    /// Closes every idle connection; connections checked out close when returned.
    void dispose();

    /// Number of idle connections in the pool (for tests and logs).
    std::size_t idle_count() const;

private:
    std::shared_ptr<detail::engine_state> state_;
};

/// `retort::create_engine("sqlite:///app.db")`, `create_engine("postgresql://u:p@127.0.0.1:5432/app")`.
engine create_engine(std::string_view url);

class connection {
public:
    connection(connection&&) noexcept;
    connection& operator=(connection&&) noexcept;
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection();

    dialect_id dialect() const noexcept { return dialect_; }

    /// Runs SQL text with no parameters and no result rows (DDL, pragmas).
    void execute_script(std::string_view sql);

    /// Starts a transaction; the guard rolls back when destroyed uncommitted.
    transaction begin();
    bool in_transaction() const noexcept;

    /// The prepared statement for `sql` in cache slot `slot`, prepared on first use.
    driver::statement& prepared(std::size_t slot, std::string_view sql);

    /// Statement-cache counters for this connection (tests, logs).
    std::uint64_t cache_hits() const noexcept { return pooled_->cache_hits; }
    std::uint64_t cache_misses() const noexcept { return pooled_->cache_misses; }

    /// The driver connection underneath (escape hatch).
    driver::connection& raw() noexcept { return *pooled_->raw; }

    // Statement execution (execute, query, first ...) is declared in
    // retort/engine/execute.hpp, which knows the statement types.
    /// A temporary select statement is kept alive by its result; a named one must
    /// outlive the result it produced.
    template <class Statement>
    auto execute(Statement&& statement);

private:
    friend class engine;
    connection(std::shared_ptr<detail::engine_state> state, std::unique_ptr<detail::pooled_connection> c);

    std::shared_ptr<detail::engine_state> engine_;
    std::unique_ptr<detail::pooled_connection> pooled_;
    dialect_id dialect_;
};

class transaction {
public:
    transaction(transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
    transaction& operator=(transaction&&) = delete;
    transaction(const transaction&) = delete;
    ~transaction();

    void commit();
    void rollback();
    bool active() const noexcept { return conn_ != nullptr; }

private:
    friend class connection;
    explicit transaction(connection& c) : conn_(&c) {}
    connection* conn_;
};

}  // namespace retort
