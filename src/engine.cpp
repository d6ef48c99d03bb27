// src/engine.cpp — engine, connection pool, connection, transaction, savepoint.
//
// The pool (SQLAlchemy's QueuePool): a deque of idle driver connections behind one
// mutex and one condition variable. connect() takes an idle connection (the most
// recently returned one first, LIFO: warm caches, live socket), or reserves a slot and
// opens a new one outside the lock while fewer than pool_size + max_overflow exist, or
// waits for a checkin until pool_timeout. Pre-ping and recycling happen at checkout,
// outside the lock. A connection is checked back in when its retort::connection is
// destroyed: a transaction left open is rolled back; a connection that cannot roll back,
// does not answer, belongs to an earlier dispose() generation or would make the idle
// set larger than pool_size is closed instead.
//
// An SQLite ":memory:" database lives and dies with its one connection, so an engine
// for one has exactly one connection (pool_size 1, no overflow, never recycled): every
// connect() hands out the same one, other threads wait for it (pool_timeout), and a
// second connect() from the thread that holds it is an error rather than a deadlock.

#include "retort/engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <utility>

#include "drivers.hpp"

namespace retort {

const char* to_string(event_kind kind) noexcept {
    switch (kind) {
    case event_kind::connect: return "connect";
    case event_kind::checkout: return "checkout";
    case event_kind::checkin: return "checkin";
    case event_kind::before_execute: return "before_execute";
    case event_kind::after_execute: return "after_execute";
    }
    return "?";
}

std::string pool_status::to_string() const {
    return "pool_size=" + std::to_string(pool_size) + " max_overflow=" + std::to_string(max_overflow) +
           " in_use=" + std::to_string(in_use) + " idle=" + std::to_string(idle) +
           " overflow=" + std::to_string(overflow) + " waiters=" + std::to_string(waiters) +
           " opened=" + std::to_string(opened) + " closed=" + std::to_string(closed);
}

std::int64_t driver::statement::last_insert_id() const {
    throw programming_error("retort: this driver returns generated keys through RETURNING, not last_insert_id()");
}

void driver::statement::sqlite_step_failed(int rc) {
    throw programming_error("retort: internal error: SQLite step result " + std::to_string(rc) +
                            " reported to a statement of another driver");
}

namespace detail {

void pooled_connection::move_to_front(std::size_t slot) noexcept {
    unlink(slot);
    push_front(slot);
}


struct shape_cache::table {
    struct entry {
        std::string sql;  // prepared statements refer to this text
        std::unique_ptr<driver::statement> statement;
    };
    std::unordered_map<std::string, entry> entries;
};

shape_cache::shape_cache() : table_(std::make_unique<table>()) {}
shape_cache::~shape_cache() = default;

bool shape_cache::contains(const std::string& key) const {
    return table_->entries.find(key) != table_->entries.end();
}

std::size_t shape_cache::size() const noexcept { return table_->entries.size(); }

driver::statement* shape_cache::find(const std::string& key) {
    auto it = table_->entries.find(key);
    if (it == table_->entries.end()) return nullptr;
    ++hits;
    return it->second.statement.get();
}

driver::statement& shape_cache::add(driver::connection& raw, const std::string& key, std::string sql) {
    ++misses;
    auto& entries = table_->entries;
    if (entries.size() >= capacity) {
        // Only statements no result is reading may go.
        for (auto it = entries.begin(); it != entries.end();)
            it = it->second.statement->in_use ? std::next(it) : entries.erase(it);
    }
    const std::string name = "retort_d" + std::to_string(next_name_++);
    auto [it, inserted] = entries.emplace(key, table::entry{std::move(sql), nullptr});
    try {
        it->second.statement = raw.prepare(it->second.sql, name);
    } catch (...) {
        entries.erase(it);
        throw;
    }
    return *it->second.statement;
}

struct engine_state {
    retort::url url;         // as given (for messages)
    retort::url driver_url;  // without the engine's own query options
    engine_options options;
    driver_options driver;
    driver::observer observer;
    bool observing = false;
    bool single_connection = false;  // SQLite :memory:

    mutable std::mutex mutex;
    std::condition_variable available;
    std::deque<std::unique_ptr<pooled_connection>> idle;  // guarded by mutex; back = most recent
    std::size_t in_use = 0;                               // guarded
    std::size_t opening = 0;                              // guarded: slots reserved by connect()
    std::size_t waiters = 0;                              // guarded
    std::uint64_t generation = 0;                         // guarded: bumped by dispose()
    std::uint64_t opened = 0, closed = 0;                 // guarded
    std::thread::id single_owner;                         // guarded (single_connection)

    std::size_t open_count() const noexcept { return idle.size() + in_use + opening; }

    void emit(event_kind kind, const void* conn) const {
        if (!observing) return;
        event e{};
        e.kind = kind;
        e.connection = conn;
        observer.sink(e);
    }
};

void throw_concurrent_use() {
    throw concurrent_use_error(
        "retort: this connection is in use by another thread right now: a retort::connection (with its results, "
        "transactions and savepoints) belongs to one thread at a time. Take a connection per thread from the "
        "engine (engine.connect()), or hand this one over only when the other thread has finished with it and "
        "its results are read or destroyed");
}

void throw_stream_open() {
    throw programming_error(
        "retort: a stream() on this connection is still reading rows: PostgreSQL sends them over the connection "
        "one at a time, so the connection can run nothing else meanwhile. Read the stream to the end or destroy "
        "it first, collect the rows with execute(...).all() instead, or run the other statement on a second "
        "connection (engine.connect())");
}

void attend_operation(connection_use& use) {
    if (use.stream_open()) {
        use.leave();
        throw_stream_open();
    }
    if (use.autobegin_pending()) {
        try {
            use.run_autobegin();
        } catch (...) {
            use.leave();
            throw;
        }
    }
}

std::unique_ptr<driver::statement> prepare_again(connection& conn, const driver::statement& cached) {
    return conn.raw().prepare(cached.sql(), {});
}

std::size_t next_statement_slot() noexcept {
    static std::atomic<std::size_t> counter{0};
    return counter.fetch_add(1, std::memory_order_relaxed);
}

namespace {

// ---- options from the URL query

bool parse_bool(const std::string& key, const std::string& v, const retort::url& u) {
    if (v == "1" || v == "true" || v == "yes" || v == "on" || v == "True") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off" || v == "False") return false;
    throw argument_error("retort: engine option " + key + "='" + v + "' is not a boolean (true/false) in URL " +
                         u.redacted());
}

std::size_t parse_count(const std::string& key, const std::string& v, const retort::url& u) {
    std::size_t out = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc{} || p != v.data() + v.size())
        throw argument_error("retort: engine option " + key + "='" + v +
                             "' is not a non-negative whole number in URL " + u.redacted());
    return out;
}

/// Seconds, possibly fractional ("2.5").
std::chrono::milliseconds parse_seconds(const std::string& key, const std::string& v, const retort::url& u) {
    double seconds = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
    if (ec != std::errc{} || p != v.data() + v.size() || !(seconds >= 0) || seconds > 1e9)
        throw argument_error("retort: engine option " + key + "='" + v + "' is not a number of seconds in URL " +
                             u.redacted());
    return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0 + 0.5));
}

/// Moves the engine's own options out of the URL query into `o`.
retort::url take_engine_options(const retort::url& u, engine_options& o) {
    retort::url rest = u;
    rest.query.clear();
    for (const auto& [key, value] : u.query) {
        if (key == "pool_size") o.pool_size = parse_count(key, value, u);
        else if (key == "max_overflow") o.max_overflow = parse_count(key, value, u);
        else if (key == "pool_timeout") o.pool_timeout = parse_seconds(key, value, u);
        else if (key == "pool_recycle")
            o.pool_recycle = parse_seconds(key, value, u);
        else if (key == "pool_pre_ping") o.pool_pre_ping = parse_bool(key, value, u);
        else if (key == "pool_lifo") o.pool_lifo = parse_bool(key, value, u);
        else if (key == "statement_cache_size") o.statement_cache_size = parse_count(key, value, u);
        else if (key == "prepared_statements") o.prepared_statements = parse_bool(key, value, u);
        else if (key == "echo") o.echo = parse_bool(key, value, u);
        else if (key == "echo_parameters") o.echo_parameters = parse_bool(key, value, u);
        else if (key == "autobegin") o.autobegin = parse_bool(key, value, u);
        else rest.query.emplace(key, value);
    }
    if (o.pool_size == 0) throw argument_error("retort: pool_size must be at least 1 (URL " + u.redacted() + ")");
    return rest;
}

void echo_to_stderr(const event& e) {
    if (e.kind != event_kind::after_execute) return;
    std::string line = "retort: ";
    line += e.sql;
    if (!e.parameters.empty()) {
        line += " [";
        for (std::size_t i = 0; i < e.parameters.size(); ++i) {
            if (i) line += ", ";
            line += e.parameters[i];
        }
        line += ']';
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, " (%.1f us%s)\n", static_cast<double>(e.duration.count()) / 1000.0,
                  e.failed ? ", failed" : "");
    line += buf;
    std::fputs(line.c_str(), stderr);
}

}  // namespace

void echo_event(const event& e) { echo_to_stderr(e); }

namespace {

std::unique_ptr<driver::connection> open_driver(const engine_state& s) {
    switch (s.driver_url.dialect) {
    case dialect_id::sqlite: return open_sqlite(s.driver_url, s.driver);
    case dialect_id::postgresql: return open_postgresql(s.driver_url, s.driver);
    }
    throw argument_error("retort: unknown dialect in URL " + s.url.redacted());
}

/// Opens a fresh pooled connection (outside the lock).
std::unique_ptr<pooled_connection> open_pooled(engine_state& s, std::uint64_t generation) {
    auto p = std::make_unique<pooled_connection>();
    p->raw = open_driver(s);
    if (s.observing) p->raw->events = &s.observer;
    p->cache_capacity = s.options.statement_cache_size;
    p->created = std::chrono::steady_clock::now();
    p->generation = generation;
    s.emit(event_kind::connect, p->raw.get());
    return p;
}

/// Leaves the connection as a fresh one would be; false if it is not fit to reuse.
bool make_reusable(pooled_connection& p) noexcept {
    for (auto& e : p.cache)
        if (e.statement) e.statement->reset();  // release result sets and SQLite read locks
    p.savepoints.clear();
    p.guarded = false;
    p.use.set_autobegin_pending(false);
    try {
        if (p.raw->in_transaction()) p.raw->execute_script("ROLLBACK");
    } catch (...) {
        return false;
    }
    return !p.raw->in_transaction() && p.raw->ping();
}

/// Returns a connection to its engine's pool (or closes it). Never throws.
void checkin(engine_state& state, std::unique_ptr<pooled_connection> p) noexcept {
    try {
        state.emit(event_kind::checkin, p->raw.get());
    } catch (...) {  // a throwing sink must not leak the connection
    }
    const bool reusable = make_reusable(*p);
    std::unique_ptr<pooled_connection> closing;  // closed outside the lock
    {
        std::lock_guard lock(state.mutex);
        --state.in_use;
        if (state.single_connection) state.single_owner = {};
        const bool keep = reusable && p->generation == state.generation &&
                          (state.single_connection || state.idle.size() < state.options.pool_size);
        if (keep) {
            try {
                state.idle.push_back(std::move(p));
            } catch (...) {  // out of memory: close it instead
                closing = std::move(p);
            }
        } else {
            closing = std::move(p);
        }
        if (closing) ++state.closed;
    }
    state.available.notify_one();
}

/// Gives back a reserved slot after a failed open.
void release_reservation(engine_state& state) noexcept {
    {
        std::lock_guard lock(state.mutex);
        --state.opening;
        if (state.single_connection) state.single_owner = {};
    }
    state.available.notify_one();
}

std::string seconds_text(std::chrono::milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g s", static_cast<double>(ms.count()) / 1000.0);
    return buf;
}

}  // namespace
}  // namespace detail

// ---- engine ----

engine::engine(const retort::url& u, engine_options options) : state_(std::make_shared<detail::engine_state>()) {
    auto& s = *state_;
    s.url = u;
    s.driver_url = detail::take_engine_options(u, options);
    switch (u.dialect) {
    case dialect_id::sqlite: detail::check_sqlite_options(s.driver_url); break;
    case dialect_id::postgresql: detail::check_postgresql_options(s.driver_url); break;
    }
    s.single_connection = u.dialect == dialect_id::sqlite && u.database == ":memory:";
    if (s.single_connection) {
        options.pool_size = 1;
        options.max_overflow = 0;
        options.pool_recycle = std::chrono::milliseconds{0};
    }
    s.options = std::move(options);
    s.driver.server_prepared = s.options.prepared_statements;
    s.driver.connect_timeout = s.options.pool_timeout;
    if (s.options.on_event) {
        s.observer.sink = s.options.on_event;
    } else if (s.options.echo) {
        s.observer.sink = detail::echo_to_stderr;
    }
    s.observer.parameters = s.options.echo_parameters;
    s.observing = static_cast<bool>(s.observer.sink);
}

dialect_id engine::dialect() const noexcept { return state_->url.dialect; }

const retort::url& engine::url() const noexcept { return state_->url; }

const engine_options& engine::options() const noexcept { return state_->options; }

connection engine::connect() {
    auto& s = *state_;
    const auto& o = s.options;
    std::unique_ptr<detail::pooled_connection> p;
    std::uint64_t generation = 0;
    {
        std::unique_lock lock(s.mutex);
        if (s.single_connection && s.single_owner == std::this_thread::get_id())
            throw programming_error(
                "retort: an in-memory SQLite database (" + s.url.redacted() +
                ") has exactly one connection, and this thread holds it; destroy the other retort::connection "
                "first, or use a file database for several connections");
        const auto deadline = std::chrono::steady_clock::now() + o.pool_timeout;
        for (;;) {
            if (!s.idle.empty()) {
                if (o.pool_lifo) {
                    p = std::move(s.idle.back());
                    s.idle.pop_back();
                } else {
                    p = std::move(s.idle.front());
                    s.idle.pop_front();
                }
                ++s.in_use;
                break;
            }
            if (s.open_count() < o.pool_size + o.max_overflow) {
                ++s.opening;  // reserve a slot, open outside the lock
                break;
            }
            ++s.waiters;
            const bool woken = s.available.wait_until(lock, deadline, [&] {
                return !s.idle.empty() || s.open_count() < o.pool_size + o.max_overflow;
            });
            --s.waiters;
            if (!woken) {
                const auto busy = s.in_use + s.opening;
                throw timeout_error("retort: no database connection became free within " +
                                    detail::seconds_text(o.pool_timeout) + " (pool_size=" +
                                    std::to_string(o.pool_size) + ", max_overflow=" + std::to_string(o.max_overflow) +
                                    ", " + std::to_string(busy) +
                                    " in use); return connections sooner (destroy retort::connection objects), or "
                                    "raise pool_size / max_overflow / pool_timeout (" +
                                    s.url.redacted() + ")");
            }
        }
        if (s.single_connection) s.single_owner = std::this_thread::get_id();
        generation = s.generation;
    }

    if (p) {
        // Checkout checks, outside the lock: too old, or dropped by the server.
        const bool too_old = o.pool_recycle.count() > 0 &&
                             std::chrono::steady_clock::now() - p->created >= o.pool_recycle;
        const bool dead = !too_old && o.pool_pre_ping && !p->raw->ping();
        if (too_old || dead) {
            {
                std::lock_guard lock(s.mutex);
                ++s.closed;
                --s.in_use;
                ++s.opening;
            }
            p.reset();  // close the old one first
            try {
                p = detail::open_pooled(s, generation);
            } catch (...) {
                detail::release_reservation(s);
                throw;
            }
            std::lock_guard lock(s.mutex);
            --s.opening;
            ++s.in_use;
            ++s.opened;
        }
    } else {
        try {
            p = detail::open_pooled(s, generation);
        } catch (...) {
            detail::release_reservation(s);
            throw;
        }
        std::lock_guard lock(s.mutex);
        --s.opening;
        ++s.in_use;
        ++s.opened;
    }
    connection c(state_, std::move(p));
    detail::set_autobegin(*c.pooled_, o.autobegin);
    s.emit(event_kind::checkout, &c.raw());
    return c;
}

void engine::dispose() {
    std::deque<std::unique_ptr<detail::pooled_connection>> closing;
    {
        std::lock_guard lock(state_->mutex);
        closing.swap(state_->idle);
        state_->closed += closing.size();
        ++state_->generation;  // checked-out connections close when they come back
    }
    state_->available.notify_all();
}

pool_status engine::status() const {
    const auto& s = *state_;
    std::lock_guard lock(s.mutex);
    pool_status out;
    out.pool_size = s.options.pool_size;
    out.max_overflow = s.options.max_overflow;
    out.in_use = s.in_use;
    out.idle = s.idle.size();
    const auto open = s.open_count();
    out.overflow = open > s.options.pool_size ? open - s.options.pool_size : 0;
    out.waiters = s.waiters;
    out.opened = s.opened;
    out.closed = s.closed;
    return out;
}

std::size_t engine::idle_count() const {
    std::lock_guard lock(state_->mutex);
    return state_->idle.size();
}

engine create_engine(std::string_view text, engine_options options) {
    return engine(url::parse(text), std::move(options));
}

// ---- connection ----

connection::connection(std::shared_ptr<detail::engine_state> state, std::unique_ptr<detail::pooled_connection> c)
    : engine_(std::move(state)), pooled_(std::move(c)), dialect_(engine_->url.dialect) {}

connection::connection(std::unique_ptr<detail::pooled_connection> c, dialect_id d)
    : pooled_(std::move(c)), dialect_(d) {}

namespace detail {
/// An adopted connection goes: its statements are reset and finalized; the handle and
/// the owner's transaction are left as they are.
void release_adopted(std::unique_ptr<pooled_connection> p) noexcept {
    for (auto& e : p->cache)
        if (e.statement) e.statement->reset();
    p.reset();
}
}  // namespace detail

connection::connection(connection&& other) noexcept
    : engine_(std::move(other.engine_)), pooled_(std::move(other.pooled_)), dialect_(other.dialect_) {}

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        if (pooled_ && engine_) detail::checkin(*engine_, std::move(pooled_));
        else if (pooled_) detail::release_adopted(std::move(pooled_));
        engine_ = std::move(other.engine_);
        pooled_ = std::move(other.pooled_);
        dialect_ = other.dialect_;
    }
    return *this;
}

connection::~connection() {
    if (pooled_ && engine_) detail::checkin(*engine_, std::move(pooled_));
    else if (pooled_) detail::release_adopted(std::move(pooled_));
}

void connection::throw_moved_from() {
    throw programming_error("retort: this connection was moved from and can no longer be used");
}

void connection::execute_script(std::string_view sql) {
    auto& p = live();
    detail::operation_guard guard(p.use);
    if (!p.autobegin) return p.raw->execute_script(sql);
    // SQL text may end the transaction itself ("COMMIT"; SQLite ends it on some errors):
    // the next statement then begins another.
    struct recheck {
        detail::pooled_connection& p;
        ~recheck() { detail::recheck_autobegin(p); }
    } after{p};
    p.raw->execute_script(sql);
}

void connection::set_autobegin(bool on) {
    auto& p = live();
    detail::control_guard guard(p.use);
    if (!on && p.autobegin && !p.guarded && p.raw->in_transaction())
        throw programming_error(
            "retort: set_autobegin(false) while the transaction autobegin opened is still open; end it first with "
            "conn.commit() or conn.rollback()");
    detail::set_autobegin(p, on);
}

namespace {
/// commit() / rollback() of the connection's own (not guarded) transaction.
void end_unguarded(detail::pooled_connection& p, const char* call, std::string_view sql) {
    detail::control_guard guard(p.use);
    if (!p.raw->in_transaction()) {
        detail::recheck_autobegin(p);
        return;  // nothing open: nothing to do (as in SQLAlchemy)
    }
    if (p.guarded)
        throw programming_error(std::string("retort: conn.") + call +
                                " while a begin() guard owns the open transaction; end it through its guard "
                                "(tx." + call + "), or use conn.transaction(fn)");
    struct after {
        detail::pooled_connection& p;
        ~after() {
            if (p.raw->in_transaction()) return;  // a failed ROLLBACK: still open (checkin closes it)
            p.savepoints.clear();  // the transaction's end ends its savepoints
            detail::recheck_autobegin(p);
        }
    } done{p};
    p.raw->execute_script(sql);
}
}  // namespace

void connection::commit() { end_unguarded(live(), "commit()", "COMMIT"); }

void connection::rollback() { end_unguarded(live(), "rollback()", "ROLLBACK"); }

void connection::transaction_ended() noexcept {
    if (!pooled_) return;
    pooled_->savepoints.clear();  // the transaction's end ends its savepoints
    pooled_->guarded = false;
    detail::recheck_autobegin(*pooled_);
}

namespace detail {

/// The autobegin hook (connection_use): BEGIN before the operation about to run.
void autobegin_now(void* context) {
    auto& p = *static_cast<pooled_connection*>(context);
    if (!p.raw->in_transaction()) {
        p.raw->execute_script("BEGIN");
        p.savepoints.clear();
    }
    p.use.set_autobegin_pending(false);
}

/// After something that may have ended a transaction: autobegin asks for BEGIN again
/// once none is open.
void recheck_autobegin(pooled_connection& p) noexcept {
    p.use.set_autobegin_pending(p.autobegin && !p.guarded && !p.raw->in_transaction());
}

void set_autobegin(pooled_connection& p, bool on) noexcept {
    p.use.set_autobegin_hook(&autobegin_now, &p);
    p.autobegin = on;
    recheck_autobegin(p);
}

}  // namespace detail

namespace {

std::string_view begin_text(dialect_id d, isolation level) {
    using enum isolation;
    if (level == database_default) return "BEGIN";
    if (d == dialect_id::postgresql) {
        switch (level) {
        case read_committed: return "BEGIN ISOLATION LEVEL READ COMMITTED";
        case repeatable_read: return "BEGIN ISOLATION LEVEL REPEATABLE READ";
        case serializable: return "BEGIN ISOLATION LEVEL SERIALIZABLE";
        default:
            throw argument_error("retort: PostgreSQL transactions take isolation read_committed, repeatable_read or "
                                 "serializable (deferred / immediate / exclusive are SQLite's)");
        }
    }
    switch (level) {
    case deferred: return "BEGIN DEFERRED";
    case immediate: return "BEGIN IMMEDIATE";
    case exclusive: return "BEGIN EXCLUSIVE";
    default:
        throw argument_error("retort: SQLite transactions take isolation deferred, immediate or exclusive "
                             "(SQLite is always serializable; read_committed / repeatable_read / serializable "
                             "are PostgreSQL's)");
    }
}

}  // namespace

transaction connection::begin(isolation level) {
    auto& p = live();
    detail::control_guard guard(p.use);
    if (p.raw->in_transaction() && p.autobegin && !p.guarded)
        throw programming_error(
            "retort: begin() while a transaction is open: with autobegin on, the first statement on this "
            "connection began one, and it stays open until conn.commit() or conn.rollback(). End it first, use "
            "begin_nested() for a savepoint inside it, or call begin() before the first statement");
    if (p.raw->in_transaction())
        throw programming_error(
            "retort: a transaction is already open on this connection; commit or roll back the open one first, "
            "or use begin_nested() for a savepoint inside it");
    p.raw->execute_script(begin_text(dialect_, level));
    p.savepoints.clear();
    p.guarded = true;
    p.use.set_autobegin_pending(false);
    return retort::transaction(*this);
}

savepoint connection::begin_nested() {
    auto& p = live();
    detail::control_guard guard(p.use);
    if (!p.raw->in_transaction() && p.autobegin) p.use.run_autobegin();  // SQLAlchemy's order: BEGIN, SAVEPOINT
    if (!p.raw->in_transaction())
        throw programming_error("retort: begin_nested() needs an open transaction (call begin() first)");
    p.savepoints.reserve(p.savepoints.size() + 1);
    savepoint sp(*this, ++p.last_savepoint);
    try {
        p.raw->execute_script("SAVEPOINT " + sp.name());
    } catch (...) {
        sp.conn_ = nullptr;
        throw;
    }
    p.savepoints.push_back(sp.id_);
    return sp;
}

bool connection::in_transaction() const noexcept {
    return pooled_ && pooled_->raw->in_transaction();
}

bool connection::is_serialization_failure(const error& e) noexcept {
    return dynamic_cast<const serialization_error*>(&e) != nullptr;
}

void connection::retry_pause(int attempt) noexcept {
    // Short randomised back-off so that two conflicting transactions do not collide again.
    thread_local std::minstd_rand rng{static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id()))};
    const int cap = std::min(50, 1 << std::min(attempt, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, cap)(rng)));
}

driver::statement& connection::prepare_slot(std::size_t slot, std::string_view sql) {
    auto& p = live();
    if (slot >= p.cache.size()) p.cache.resize(slot + 1);
    ++p.cache_misses;
    if (p.cache_capacity != 0 && p.cached >= p.cache_capacity) {
        // Evict the least recently used statement that no open result is reading: the back
        // of the list of use (statements being read are passed over; there are few).
        std::size_t victim = p.least_recent;
        while (victim != detail::cache_entry::no_slot && p.cache[victim].statement->in_use)
            victim = p.cache[victim].newer;
        if (victim != detail::cache_entry::no_slot) {
            auto& v = p.cache[victim];
            v.statement->forget();
            p.unlink(victim);
            v.statement.reset();
            --p.cached;
            ++p.cache_evictions;
        }
    }
    char name[32] = "retort_s";
    const auto [end, ec] = std::to_chars(name + 8, name + sizeof name, slot);
    auto& e = p.cache[slot];
    e.statement = p.raw->prepare(sql, std::string_view(name, static_cast<std::size_t>(end - name)));
    p.push_front(slot);
    ++p.cached;
    if (stream_next_) e.statement->stream_rows();
    return *e.statement;
}

// ---- transaction ----

transaction::~transaction() {
    if (conn_ == nullptr) return;
    try {
        rollback();
    } catch (...) {
        // A failed rollback leaves the connection in a transaction; checkin closes it.
    }
}

void transaction::commit() {
    if (conn_ == nullptr)
        throw programming_error("retort: commit() on a transaction that was already committed or rolled back");
    auto* c = std::exchange(conn_, nullptr);
    struct ended {
        connection* c;
        ~ended() { c->transaction_ended(); }
    } after{c};
    c->execute_script("COMMIT");
}

void transaction::rollback() {
    if (conn_ == nullptr) return;  // rolling back twice is harmless
    auto* c = std::exchange(conn_, nullptr);
    struct ended {
        connection* c;
        ~ended() { c->transaction_ended(); }
    } after{c};
    if (c->in_transaction()) c->execute_script("ROLLBACK");
}

// ---- savepoint ----

std::string savepoint::name() const {
    return "retort_sp_" + std::to_string(id_);
}

const std::uint64_t* savepoint::find_open() const noexcept {
    if (conn_ == nullptr || !conn_->pooled_) return nullptr;
    const auto& open = conn_->pooled_->savepoints;
    const auto it = std::find(open.begin(), open.end(), id_);
    return it == open.end() ? nullptr : &*it;
}

bool savepoint::active() const noexcept {
    return find_open() != nullptr;
}

namespace {
[[noreturn]] void throw_stale_savepoint(const char* call) {
    throw programming_error(std::string("retort: ") + call +
                            " on a savepoint that had already ended: the commit or rollback of an enclosing "
                            "savepoint, or the end of the transaction, ends every savepoint inside it. End inner "
                            "savepoints before the ones that enclose them (or let their guards go out of scope)");
}
}  // namespace

savepoint::~savepoint() {
    if (find_open() == nullptr) return;  // ended, or ended with an enclosing savepoint: nothing to undo
    try {
        rollback();
    } catch (...) {
        // The enclosing transaction is in trouble; its own guard rolls it back.
    }
}

void savepoint::commit() {
    if (conn_ == nullptr)
        throw programming_error("retort: commit() on a savepoint that was already released or rolled back");
    auto& p = conn_->live();
    detail::control_guard guard(p.use);
    const std::uint64_t* open = find_open();
    conn_ = nullptr;
    if (open == nullptr) throw_stale_savepoint("commit()");
    // RELEASE ends this savepoint and every one opened inside it.
    p.savepoints.erase(p.savepoints.begin() + (open - p.savepoints.data()), p.savepoints.end());
    p.raw->execute_script("RELEASE SAVEPOINT " + name());
}

void savepoint::rollback() {
    if (conn_ == nullptr) return;  // rolling back twice is harmless
    auto& p = conn_->live();
    detail::control_guard guard(p.use);
    const std::uint64_t* open = find_open();
    conn_ = nullptr;
    if (open == nullptr) throw_stale_savepoint("rollback()");
    p.savepoints.erase(p.savepoints.begin() + (open - p.savepoints.data()), p.savepoints.end());
    if (!p.raw->in_transaction()) return;  // the whole transaction is already gone
    p.raw->execute_script("ROLLBACK TO SAVEPOINT " + name() + "; RELEASE SAVEPOINT " + name());
}

}  // namespace retort
