// src/engine.cpp — engine, connection pool, connection, transaction.
//
// The pool is a LIFO stack of idle driver connections behind a mutex: the most recently
// used connection (warm caches, live socket) is handed out first. A connection is
// checked back in when its retort::connection is destroyed; a transaction left open is
// rolled back, and a connection that cannot roll back or does not answer is closed
// instead of pooled.
//
// An SQLite ":memory:" database lives and dies with its one connection, so an engine for
// one keeps exactly that connection: every connect() hands out the same one, and a
// second connect() while it is checked out is an error rather than a new, empty database.

#include "retort/engine/engine.hpp"

#include <atomic>
#include <charconv>
#include <mutex>
#include <utility>

#include "drivers.hpp"

namespace retort {
namespace detail {

struct engine_state {
    retort::url url;
    bool single_connection = false;  // SQLite :memory:
    mutable std::mutex mutex;
    std::vector<std::unique_ptr<pooled_connection>> idle;  // guarded by mutex
    bool single_checked_out = false;                       // guarded by mutex
};

std::size_t next_statement_slot() noexcept {
    static std::atomic<std::size_t> counter{0};
    return counter.fetch_add(1, std::memory_order_relaxed);
}

namespace {

std::unique_ptr<driver::connection> open_driver(const retort::url& u) {
    switch (u.dialect) {
    case dialect_id::sqlite: return open_sqlite(u);
    case dialect_id::postgresql: return open_postgresql(u);
    }
    throw argument_error("retort: unknown dialect in URL " + u.redacted());
}

void check_options(const retort::url& u) {
    switch (u.dialect) {
    case dialect_id::sqlite: return check_sqlite_options(u);
    case dialect_id::postgresql: return check_postgresql_options(u);
    }
}

/// Leaves the connection as a fresh one would be; false if it is not fit to reuse.
bool make_reusable(pooled_connection& p) noexcept {
    for (auto& statement : p.cache)
        if (statement) statement->reset();  // release result sets and SQLite read locks
    try {
        if (p.raw->in_transaction()) p.raw->execute_script("ROLLBACK");
    } catch (...) {
        return false;
    }
    return !p.raw->in_transaction() && p.raw->ping();
}

/// Returns a connection to its engine's pool (or closes it). Never throws.
void checkin(engine_state& state, std::unique_ptr<pooled_connection> p) noexcept {
    const bool reusable = make_reusable(*p);
    std::unique_ptr<pooled_connection> closing;  // closed outside the lock
    {
        std::lock_guard lock(state.mutex);
        if (state.single_connection) state.single_checked_out = false;
        if (reusable) {
            try {
                state.idle.push_back(std::move(p));
            } catch (...) {  // out of memory: close it instead
                closing = std::move(p);
            }
        } else {
            closing = std::move(p);
        }
    }
}

}  // namespace
}  // namespace detail

// ---- engine ----

engine::engine(const retort::url& u) : state_(std::make_shared<detail::engine_state>()) {
    detail::check_options(u);
    state_->url = u;
    state_->single_connection = u.dialect == dialect_id::sqlite && u.database == ":memory:";
}

dialect_id engine::dialect() const noexcept { return state_->url.dialect; }

const retort::url& engine::url() const noexcept { return state_->url; }

connection engine::connect() {
    auto& state = *state_;
    {
        std::lock_guard lock(state.mutex);
        if (state.single_connection) {
            if (state.single_checked_out)
                throw programming_error(
                    "retort: an in-memory SQLite database (" + state.url.redacted() +
                    ") has exactly one connection, and it is in use; destroy the other retort::connection "
                    "first, or use a file database for several connections");
            state.single_checked_out = true;
        }
        if (!state.idle.empty()) {
            auto p = std::move(state.idle.back());
            state.idle.pop_back();
            return connection(state_, std::move(p));
        }
    }
    // Open outside the lock: connecting to a server takes a round trip or more.
    try {
        auto p = std::make_unique<detail::pooled_connection>();
        p->raw = detail::open_driver(state.url);
        return connection(state_, std::move(p));
    } catch (...) {
        if (state.single_connection) {
            std::lock_guard lock(state.mutex);
            state.single_checked_out = false;
        }
        throw;
    }
}

void engine::dispose() {
    std::vector<std::unique_ptr<detail::pooled_connection>> closing;
    {
        std::lock_guard lock(state_->mutex);
        closing.swap(state_->idle);
    }
}

std::size_t engine::idle_count() const {
    std::lock_guard lock(state_->mutex);
    return state_->idle.size();
}

engine create_engine(std::string_view text) {
    return engine(url::parse(text));
}

// ---- connection ----

connection::connection(std::shared_ptr<detail::engine_state> state, std::unique_ptr<detail::pooled_connection> c)
    : engine_(std::move(state)), pooled_(std::move(c)), dialect_(engine_->url.dialect) {}

connection::connection(connection&& other) noexcept
    : engine_(std::move(other.engine_)), pooled_(std::move(other.pooled_)), dialect_(other.dialect_) {}

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        if (pooled_) detail::checkin(*engine_, std::move(pooled_));
        engine_ = std::move(other.engine_);
        pooled_ = std::move(other.pooled_);
        dialect_ = other.dialect_;
    }
    return *this;
}

connection::~connection() {
    if (pooled_) detail::checkin(*engine_, std::move(pooled_));
}

namespace {

detail::pooled_connection& live(const std::unique_ptr<detail::pooled_connection>& p) {
    if (!p) throw programming_error("retort: this connection was moved from and can no longer be used");
    return *p;
}

}  // namespace

void connection::execute_script(std::string_view sql) {
    live(pooled_).raw->execute_script(sql);
}

transaction connection::begin() {
    auto& raw = *live(pooled_).raw;
    if (raw.in_transaction())
        throw programming_error(
            "retort: a transaction is already open on this connection (nested transactions and savepoints are "
            "not supported yet); commit or roll back the open one first");
    raw.execute_script("BEGIN");
    return transaction(*this);
}

bool connection::in_transaction() const noexcept {
    return pooled_ && pooled_->raw->in_transaction();
}

driver::statement& connection::prepared(std::size_t slot, std::string_view sql) {
    auto& p = live(pooled_);
    if (slot >= p.cache.size()) p.cache.resize(slot + 1);
    auto& cached = p.cache[slot];
    if (cached) {
        ++p.cache_hits;
        return *cached;
    }
    char name[32] = "retort_s";
    const auto [end, ec] = std::to_chars(name + 8, name + sizeof name, slot);
    ++p.cache_misses;
    cached = p.raw->prepare(sql, std::string_view(name, static_cast<std::size_t>(end - name)));
    return *cached;
}

// ---- transaction ----

transaction::~transaction() {
    if (conn_ == nullptr) return;
    try {
        if (conn_->in_transaction()) conn_->execute_script("ROLLBACK");
    } catch (...) {
        // A failed rollback leaves the connection in a transaction; checkin closes it.
    }
}

void transaction::commit() {
    if (conn_ == nullptr)
        throw programming_error("retort: commit() on a transaction that was already committed or rolled back");
    conn_->execute_script("COMMIT");
    conn_ = nullptr;
}

void transaction::rollback() {
    if (conn_ == nullptr) return;  // rolling back twice is harmless
    auto* c = std::exchange(conn_, nullptr);
    if (c->in_transaction()) c->execute_script("ROLLBACK");
}

}  // namespace retort
