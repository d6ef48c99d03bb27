// retort/engine/engine.hpp — URL → engine → connection → transaction.
//
// An engine owns the URL and a pool of driver connections. `connect()` checks a
// connection out; destroying the retort::connection checks it back in (rolling back a
// transaction left open).
//
// Threads: an engine may be shared by any number of threads (copies share one pool).
// A retort::connection (and the results, transactions and savepoints made from it)
// belongs to one thread at a time: a second thread that uses it while the first is
// running a statement or holds an open result gets a concurrent_use_error (in every build
// type). Hand a connection to another thread when its results are read or destroyed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/engine/connection_use.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/error.hpp"
#include "retort/engine/shape_cache.hpp"
#include "retort/engine/events.hpp"
#include "retort/engine/url.hpp"

namespace retort {

class connection;
class transaction;
class savepoint;

/// Engine and pool settings (SQLAlchemy's names). Each can also be given in the URL
/// query (`?pool_size=8&pool_timeout=2.5&pool_pre_ping=true`); URL values win.
struct engine_options {
    /// Connections kept open in the pool.
    std::size_t pool_size = 5;
    /// Extra connections opened under load beyond pool_size; closed when returned.
    std::size_t max_overflow = 10;
    /// How long connect() waits for a free connection before timeout_error.
    std::chrono::milliseconds pool_timeout{30'000};
    /// Connections older than this are closed and replaced at checkout (0: never).
    std::chrono::milliseconds pool_recycle{0};
    /// Check a connection at checkout (a round trip on PostgreSQL) and replace it
    /// silently when the server dropped it.
    bool pool_pre_ping = false;
    /// Hand out the most recently returned connection first (false: oldest first).
    bool pool_lifo = true;
    /// Prepared statements kept per connection (least recently used evicted; 0: unbounded).
    /// A hit costs a vector access; a miss prepares the statement (SQLite: parse and plan,
    /// tens of thousands of instructions; PostgreSQL: a PREPARE round trip, and DEALLOCATE
    /// of the evicted one). Eviction itself is O(1). See docs/engine.md.
    std::size_t statement_cache_size = 500;
    /// PostgreSQL: name server-side prepared statements and keep them for the
    /// connection's lifetime. false sends every statement with its parameters in one
    /// message (PQexecParams) and keeps nothing on the server: needed behind pgbouncer
    /// in transaction-pooling mode.
    bool prepared_statements = true;
    /// Log every statement (SQL, parameters, duration) to stderr, unless on_event is set.
    bool echo = false;
    /// Render bound parameters in events (false: "?" each, for sensitive data).
    bool echo_parameters = true;
    /// Receives connect/checkout/checkin/before_execute/after_execute events.
    event_sink on_event;
    /// Commit as you go (SQLAlchemy 2.0's style): the first statement on a connection with
    /// no transaction open runs BEGIN first; conn.commit() / conn.rollback() end that
    /// transaction and the next statement begins another. false: each statement outside a
    /// begin() guard commits by itself. Per connection: connection::set_autobegin().
    /// See docs/engine.md, "Commit as you go".
    bool autobegin = false;
};

/// A snapshot of the pool, for logs and tests.
struct pool_status {
    std::size_t pool_size = 0;
    std::size_t max_overflow = 0;
    std::size_t in_use = 0;    ///< checked out now
    std::size_t idle = 0;      ///< open, waiting in the pool
    std::size_t overflow = 0;  ///< open connections beyond pool_size (in use or being opened)
    std::size_t waiters = 0;   ///< threads waiting in connect()
    std::uint64_t opened = 0;  ///< connections opened since the engine was made (or replaced)
    std::uint64_t closed = 0;  ///< connections closed (recycled, dropped, overflow, disposed)
    std::string to_string() const;
};

/// Transaction isolation. PostgreSQL: read_committed (its default), repeatable_read,
/// serializable. SQLite: deferred (its default), immediate (take the write lock at
/// BEGIN: use it for read-then-write transactions under concurrency), exclusive.
/// Asking one database for the other's level is an argument_error.
enum class isolation : unsigned char {
    database_default,
    read_committed,
    repeatable_read,
    serializable,
    deferred,
    immediate,
    exclusive,
};

/// For connection::transaction(fn, options).
struct transaction_options {
    isolation level = isolation::database_default;
    /// Run fn again (after rolling back) when it fails with serialization_error, at most
    /// this many times. fn must then be safe to repeat.
    int retries = 0;
};

namespace detail {

struct engine_state;
struct adopt_access;  // src/adopt.cpp: retort::adopt() (engine/adopt.hpp)

/// One prepared statement in a connection's cache, and its place in the cache's
/// least-recently-used list (slot numbers; no_slot ends the list).
struct cache_entry {
    static constexpr std::size_t no_slot = static_cast<std::size_t>(-1);
    std::unique_ptr<driver::statement> statement;
    std::size_t newer = no_slot;  // towards the most recently used
    std::size_t older = no_slot;  // towards the least recently used
};

/// A checked-out driver connection with its cache of prepared statements, indexed by
/// the dense compile-time identity of each statement type (see statement_slot()).
///
/// The cached entries also form a doubly linked list in order of use, threaded through
/// the slots: a hit moves its entry to the front (nothing to do when it is there
/// already, as in a loop over one statement), and eviction takes the entry at the back,
/// skipping only statements an open result is reading. Both are O(1), however many
/// statement types the program has.
struct pooled_connection {
    std::unique_ptr<driver::connection> raw;
    std::vector<cache_entry> cache;
    shape_cache shapes;  // dynamic shapes (declared after raw: destroyed before it)
    std::size_t cached = 0;  // entries holding a statement
    std::size_t cache_capacity = 0;  // 0: unbounded
    std::size_t most_recent = cache_entry::no_slot;   // front of the list
    std::size_t least_recent = cache_entry::no_slot;  // back of the list
    std::uint64_t cache_hits = 0;
    std::uint64_t cache_misses = 0;
    std::uint64_t cache_evictions = 0;
    std::chrono::steady_clock::time_point created{};
    std::vector<std::uint64_t> savepoints;  // ids of the open savepoints, innermost last
    std::uint64_t last_savepoint = 0;       // ids are never reused on a connection
    connection_use use;                     // one thread at a time; no statement during a stream
    std::uint64_t generation = 0;  // the engine's dispose() generation it was opened in
    bool autobegin = false;        // commit as you go (connection::set_autobegin)
    bool guarded = false;          // the open transaction belongs to a begin() guard

    /// Takes `slot` out of the list of use.
    void unlink(std::size_t slot) noexcept {
        cache_entry& e = cache[slot];
        (e.newer == cache_entry::no_slot ? most_recent : cache[e.newer].older) = e.older;
        (e.older == cache_entry::no_slot ? least_recent : cache[e.older].newer) = e.newer;
        e.newer = e.older = cache_entry::no_slot;
    }
    /// Puts `slot` (not in the list) at its front.
    void push_front(std::size_t slot) noexcept {
        cache_entry& e = cache[slot];
        e.newer = cache_entry::no_slot;
        e.older = most_recent;
        if (most_recent != cache_entry::no_slot) cache[most_recent].newer = slot;
        most_recent = slot;
        if (least_recent == cache_entry::no_slot) least_recent = slot;
    }
    /// A hit on `slot`, which is in the list: it becomes the most recently used.
    void touch(std::size_t slot) noexcept {
        if (most_recent == slot) [[likely]]
            return;
        move_to_front(slot);
    }
    /// touch() past its first test (src/engine.cpp: not inlined into every statement's path).
    void move_to_front(std::size_t slot) noexcept;
};

/// A process-wide dense number for each (statement type, dialect) pair, handed out on
/// first use. It indexes pooled_connection::cache, so a cache lookup is one vector access.
std::size_t next_statement_slot() noexcept;

/// Commit as you go on `p` (connection::set_autobegin; the engine's setting at checkout).
void set_autobegin(pooled_connection& p, bool on) noexcept;
/// After something that may have ended a transaction: autobegin asks for BEGIN again once
/// none is open.
void recheck_autobegin(pooled_connection& p) noexcept;

template <class Key>
[[gnu::always_inline]] inline std::size_t statement_slot() noexcept {
    static const std::size_t slot = next_statement_slot();
    return slot;
}

}  // namespace detail

class engine {
public:
    /// Throws argument_error for a malformed URL or option. Does not connect yet.
    explicit engine(const retort::url& u, engine_options options = {});

    dialect_id dialect() const noexcept;
    const retort::url& url() const noexcept;
    /// The options in effect (after the URL's query options were applied).
    const engine_options& options() const noexcept;

    /// Checks out a connection: an idle one (pre-pinged / recycled as configured), or a
    /// new one while fewer than pool_size + max_overflow are open; otherwise waits up to
    /// pool_timeout, then throws timeout_error. Throws connection_error when the
    /// database cannot be reached.
    connection connect();

    /// Closes every idle connection; connections checked out now are closed when they
    /// come back. The engine stays usable (new connections are opened on demand).
    void dispose();

    /// In use / idle / overflow / waiters.
    pool_status status() const;

    /// Number of idle connections in the pool (for tests and logs).
    std::size_t idle_count() const;

private:
    std::shared_ptr<detail::engine_state> state_;
};

/// `retort::create_engine("sqlite:///app.db")`, `create_engine("postgresql://u:p@127.0.0.1:5432/app")`.
engine create_engine(std::string_view url, engine_options options = {});

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
    retort::transaction begin(isolation level = isolation::database_default);
    /// A SAVEPOINT inside the open transaction: its guard's rollback() undoes only what
    /// ran since; commit() releases it into the enclosing transaction. Savepoints nest.
    retort::savepoint begin_nested();
    bool in_transaction() const noexcept;

    /// Commit as you go: with autobegin on (engine_options::autobegin, or set_autobegin
    /// here), the first statement with no transaction open runs BEGIN, and the transaction
    /// stays open until commit() or rollback(); the next statement begins another.
    /// begin() while such a transaction is open is a programming_error (commit or roll
    /// back first, or use begin_nested()); begin_nested() with none open begins one first.
    /// Turning autobegin off while its transaction is open is a programming_error. Checked
    /// out from the engine, a connection starts with the engine's setting.
    void set_autobegin(bool on);
    bool autobegin() const noexcept { return pooled_ && pooled_->autobegin; }
    /// COMMIT the open transaction (begun by autobegin, or by SQL text such as
    /// execute_script("BEGIN")); nothing open: does nothing. A transaction that belongs to
    /// a begin() guard is ended through its guard (programming_error here). Savepoints
    /// inside end with it. If COMMIT fails, the transaction is over all the same (rolled
    /// back) and the error is thrown.
    void commit();
    /// ROLLBACK the open transaction, as commit() does COMMIT; nothing open: does nothing.
    void rollback();

    /// Runs fn (as fn() or fn(connection&)) in a transaction: commits when it returns,
    /// rolls back and rethrows when it throws. With options.retries = n, a
    /// serialization_error (PostgreSQL 40001/40P01) runs fn again, up to n more times.
    template <class Fn>
    decltype(auto) transaction(Fn&& fn, transaction_options options = {});

    /// The prepared statement for `sql` in cache slot `slot`, prepared on first use.
    /// (Rows = false: a statement that returns no rows, which stream() never runs.)
    template <bool Rows = true>
    [[gnu::always_inline]] driver::statement& prepared(std::size_t slot, std::string_view sql) {
        auto& p = live();
        // An index test, not `data() + slot < end`: a connection's cache starts empty, and
        // an offset added to its null data() is undefined behaviour (UBSan reports it).
        if (slot < p.cache.size()) {
            auto& e = p.cache.data()[slot];
            if (e.statement) [[likely]] {
                ++p.cache_hits;
                p.touch(slot);
                if (Rows && stream_next_) [[unlikely]]
                    e.statement->stream_rows();
                return *e.statement;
            }
        }
        return prepare_slot(slot, sql);
    }

    /// As prepared(slot, sql), for a statement whose text depends on the dialect:
    /// texts[dialect()] (one cache slot per statement type serves both dialects, since a
    /// connection has one). The text is read only on a miss.
    /// (`p`: live(), read by the caller.)
    template <bool Rows = true>
    [[gnu::always_inline]] driver::statement& prepared(detail::pooled_connection& p, std::size_t slot,
                                                       const std::string_view* texts) {
        if (slot < p.cache.size()) {  // (an index test: see above)
            auto& e = p.cache.data()[slot];
            if (e.statement) [[likely]] {
                ++p.cache_hits;
                p.touch(slot);
                if (Rows && stream_next_) [[unlikely]]
                    e.statement->stream_rows();
                return *e.statement;
            }
        }
        return prepare_slot(slot, texts[static_cast<unsigned char>(dialect_)]);
    }

    /// Statement-cache counters for this connection (tests, logs).
    std::uint64_t cache_hits() const noexcept { return pooled_->cache_hits; }
    std::uint64_t cache_misses() const noexcept { return pooled_->cache_misses; }
    std::uint64_t cache_evictions() const noexcept { return pooled_->cache_evictions; }
    /// Statements prepared and kept now.
    std::size_t cache_size() const noexcept { return pooled_->cached; }

    /// The driver connection underneath (escape hatch).
    driver::connection& raw() noexcept { return *pooled_->raw; }

    /// True for a connection made by retort::adopt() over a handle someone else owns
    /// (engine/adopt.hpp): destroying it neither closes the handle nor rolls back.
    bool adopted() const noexcept { return pooled_ && !engine_; }

    /// Prepared statements of dynamic shapes (see engine/shape_cache.hpp).
    detail::shape_cache& shapes() noexcept { return pooled_->shapes; }

    /// The one-thread-at-a-time check of this connection (see engine/connection_use.hpp).
    detail::connection_use& use_check() { return live().use; }
    /// True while stream() runs its statement (set around one execute()).
    bool streaming_next() const noexcept { return stream_next_; }

    // Statement execution (execute, stream, execute_many) is defined in
    // retort/engine/execute.hpp, which knows the statement types.
    /// A select's result owns the statement it runs (moved from a temporary, copied from
    /// a named one) and whatever the database still reads of its values, so the statement
    /// object may die before the rows are read.
    template <class Statement>
    auto execute(Statement&& statement);

    /// As execute(select), reading rows one at a time from the server (PostgreSQL
    /// single-row mode) so memory stays constant for any number of rows. On PostgreSQL,
    /// until the result is read to the end or destroyed, the connection runs nothing else
    /// (anything else is a programming_error that says so); SQLite has no such limit.
    template <class Statement>
    auto stream(Statement&& statement);

    /// Inserts every struct of `rows` with one prepared INSERT, all or nothing: in a
    /// transaction of its own, or inside the open one in a savepoint (a failed batch
    /// leaves none of its rows and the transaction usable). PostgreSQL sends the rows
    /// with COPY or in pipeline mode. Generated keys are not written back. Returns the
    /// number of rows inserted.
    template <class Range>
    std::int64_t execute_many(const Range& rows);

    /// Runs one prepared UPDATE or DELETE once per item, all or nothing like
    /// execute_many(rows): each retort::param<"name", T> of the statement takes the value of
    /// the item's field called name (PostgreSQL: in pipeline mode). Returns the rows
    /// affected in total. Defined in retort/engine/execute_many.hpp.
    template <class Statement, class Range>
    std::int64_t execute_many(const Statement& statement, const Range& items);

private:
    friend class engine;
    friend class retort::transaction;
    friend class retort::savepoint;
    friend struct detail::adopt_access;
    connection(std::shared_ptr<detail::engine_state> state, std::unique_ptr<detail::pooled_connection> c);
    /// An adopted connection: no engine, no pool.
    connection(std::unique_ptr<detail::pooled_connection> c, dialect_id d);

    detail::pooled_connection& live() const {
        if (!pooled_) [[unlikely]]
            throw_moved_from();
        return *pooled_;
    }
    [[noreturn]] static void throw_moved_from();
    driver::statement& prepare_slot(std::size_t slot, std::string_view sql);
    /// A begin() guard's transaction ended (committed or rolled back).
    void transaction_ended() noexcept;
    static bool is_serialization_failure(const error& e) noexcept;
    static void retry_pause(int attempt) noexcept;

    std::shared_ptr<detail::engine_state> engine_;
    std::unique_ptr<detail::pooled_connection> pooled_;
    dialect_id dialect_;
    bool stream_next_ = false;  // set by stream() around one execute()
};

class transaction {
public:
    transaction(transaction&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}
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

/// A SAVEPOINT guard (connection::begin_nested()); rolls back to the savepoint when
/// destroyed uncommitted.
///
/// Ending a savepoint (commit or rollback) ends the savepoints opened inside it, and
/// ending the transaction ends them all, as in SQL. A guard whose savepoint was ended
/// that way is stale: it does nothing when destroyed, and its commit() or rollback()
/// throws programming_error at once. Every savepoint has a name of its own on its
/// connection, so a stale guard can never touch a newer savepoint.
class savepoint {
public:
    savepoint(savepoint&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)), id_(other.id_) {}
    savepoint& operator=(savepoint&&) = delete;
    savepoint(const savepoint&) = delete;
    ~savepoint();

    /// RELEASE SAVEPOINT: its changes become part of the enclosing transaction.
    void commit();
    /// ROLLBACK TO SAVEPOINT (and release it): undoes what ran since begin_nested().
    /// A second rollback() of the same guard does nothing.
    void rollback();
    /// True until this guard's savepoint is committed, rolled back, or ended with an
    /// enclosing savepoint or the transaction.
    bool active() const noexcept;

private:
    friend class connection;
    savepoint(connection& c, std::uint64_t id) : conn_(&c), id_(id) {}
    std::string name() const;
    /// Where this guard's savepoint is in the connection's open savepoints (null: ended).
    const std::uint64_t* find_open() const noexcept;
    connection* conn_;
    std::uint64_t id_;
};

namespace detail {
/// All or nothing: work in a transaction of its own, or, inside an open one (autobegin's
/// or a guard's), in a savepoint, which a failure then leaves usable. commit() when the
/// work is done; destroyed before that, it rolls back. (`needed` false: nothing is opened,
/// for work that is one statement, atomic by itself.)
class all_or_nothing {
public:
    explicit all_or_nothing(connection& conn, bool needed = true) {
        if (!needed) return;
        if (!conn.in_transaction())
            tx_.emplace(conn.begin());
        else
            sp_.emplace(conn.begin_nested());
    }
    void commit() {
        if (sp_) sp_->commit();
        if (tx_) tx_->commit();
    }

private:
    std::optional<transaction> tx_;
    std::optional<savepoint> sp_;  // (destroyed first: rolled back before the transaction)
};
}  // namespace detail

template <class Fn>
decltype(auto) connection::transaction(Fn&& fn, transaction_options options) {
    for (int attempt = 0;; ++attempt) {
        retort::transaction tx = begin(options.level);
        try {
            if constexpr (std::is_invocable_v<Fn&, connection&>) {
                if constexpr (std::is_void_v<std::invoke_result_t<Fn&, connection&>>) {
                    fn(*this);
                    tx.commit();
                    return;
                } else {
                    decltype(auto) out = fn(*this);
                    tx.commit();
                    return out;
                }
            } else {
                if constexpr (std::is_void_v<std::invoke_result_t<Fn&>>) {
                    fn();
                    tx.commit();
                    return;
                } else {
                    decltype(auto) out = fn();
                    tx.commit();
                    return out;
                }
            }
        } catch (const error& e) {
            if (attempt >= options.retries || !is_serialization_failure(e)) throw;
            tx.rollback();
        }
        retry_pause(attempt);
    }
}

}  // namespace retort
