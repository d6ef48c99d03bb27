// retort/engine/driver.hpp — the small interface one database client library sits behind.
//
// The compiled drivers (src/sqlite_driver.cpp, src/postgresql_driver.cpp) implement it.
// Everything typed (which C++ type goes to which bind call, which column becomes which
// field) happens in the headers above this interface; a driver only moves scalars.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <sqlite3.h>

#include "retort/dialect/dialect_id.hpp"
#include "retort/engine/events.hpp"

struct pg_result;  // <libpq-fe.h>: PGresult

namespace retort::driver {

/// One prepared statement on one connection. Parameter and column indexes are 0-based.
///
/// Lifetime rule: text and blob values passed to bind_* must stay alive until the next
/// step() that executes the statement returns (drivers bind without copying where the
/// client library allows it). Values returned by get_text/get_blob stay valid until the
/// next step() or reset().
class statement {
public:
    virtual ~statement() = default;

    virtual void bind_null(int index) = 0;
    virtual void bind_int64(int index, std::int64_t value) = 0;
    virtual void bind_double(int index, double value) = 0;
    virtual void bind_bool(int index, bool value) = 0;
    virtual void bind_text(int index, std::string_view value) = 0;
    virtual void bind_blob(int index, std::span<const std::byte> value) = 0;
    /// As bind_text, for text followed by a NUL character in memory (a std::string's
    /// data()): a driver that needs NUL-terminated text (PostgreSQL) binds it in place.
    virtual void bind_terminated_text(int index, std::string_view value) { bind_text(index, value); }
    /// As bind_text / bind_blob, for values that do not outlive the call (the driver copies).
    virtual void bind_text_copy(int index, std::string_view value) = 0;
    virtual void bind_blob_copy(int index, std::span<const std::byte> value) = 0;
    /// An interval (std::chrono durations): SQLite INTEGER microseconds, PostgreSQL INTERVAL.
    virtual void bind_interval(int index, std::chrono::microseconds value) = 0;

    /// Executes on the first call after binding; returns true while a row is available.
    /// Errors are thrown as retort exceptions (see engine/error.hpp).
    /// (A SQLite statement without an observer steps inline, as hand-written sqlite3 code
    /// does; every other statement through its driver's step_impl.)
    bool step() {
        if (sqlite_direct_) return sqlite_step(sqlite_direct_);
        return step_impl();
    }
    /// SQLite statements without an observer (sqlite_direct() set), bound and not yet
    /// stepped: runs a statement that returns no rows to its end in one sqlite3_step, as
    /// hand-written code does, and resets it; the caller reads what it needs in `done`
    /// before the reset. Errors are thrown as step() throws them.
    template <class Done>
    auto sqlite_run_once(Done&& done) {
        const int rc = sqlite3_step(sqlite_direct_);
        if (rc != SQLITE_DONE) [[unlikely]]
            sqlite_step_result(rc);  // a row (drained) or an error (thrown)
        auto out = done();
        sqlite_reset(sqlite_direct_);
        return out;
    }

    /// Ready for the next execution: clears the result, keeps the prepared plan.
    /// Bound values may be kept; every execution rebinds all parameters.
    [[gnu::always_inline]] void reset() noexcept {
        if (sqlite_direct_)
            sqlite_reset(sqlite_direct_);
        else
            reset_impl();
    }

    virtual int column_count() const = 0;
    virtual std::string_view column_name(int column) const = 0;
    virtual bool is_null(int column) const = 0;
    virtual std::int64_t get_int64(int column) const = 0;
    virtual double get_double(int column) const = 0;
    virtual bool get_bool(int column) const = 0;
    virtual std::string_view get_text(int column) const = 0;
    virtual std::span<const std::byte> get_blob(int column) const = 0;
    /// An interval as microseconds (SQLite: an INTEGER; PostgreSQL: INTERVAL text, where a
    /// value with months or years, which have no fixed length, is a data_error).
    virtual std::chrono::microseconds get_interval(int column) const = 0;

    /// Rows changed by the last INSERT/UPDATE/DELETE execution.
    virtual std::int64_t affected_rows() const = 0;
    /// SQLite: the rowid of the last row inserted on this connection (sqlite3_last_insert_rowid).
    /// Other drivers return keys through RETURNING and throw programming_error here.
    virtual std::int64_t last_insert_id() const;
    /// The SQL text this statement was prepared from (for messages and logs).
    virtual std::string_view sql() const noexcept = 0;

    /// Asks the next execution to deliver its rows one at a time instead of all at once
    /// (PostgreSQL single-row mode; SQLite always steps row by row). Memory stays
    /// constant however many rows there are; the connection runs nothing else until the
    /// rows are read or the statement is reset. Applies to one execution.
    virtual void stream_rows() {}

    /// execute_many: runs (or queues) one execution with the values bound now. Drivers
    /// may send it and read its outcome later (PostgreSQL pipeline mode); finish_batch()
    /// waits for every queued execution, throws the first error, and returns the rows
    /// affected in total. Default: execute now, count, reset.
    virtual void add_to_batch() {
        while (step()) {
        }
        batch_rows_ += affected_rows();
        reset();
    }
    virtual std::int64_t finish_batch() { return std::exchange(batch_rows_, 0); }
    /// Gives up a batch after an error on the caller's side: rows not yet sent are
    /// dropped (PostgreSQL COPY: the whole batch). Never throws.
    virtual void abort_batch() noexcept { batch_rows_ = 0; }

    /// Called before the statement cache evicts this statement: free server-side
    /// resources (PostgreSQL: DEALLOCATE the named statement). Never throws.
    virtual void forget() noexcept {}

    /// Set while a retort::result is reading from this statement, so that running the
    /// same statement type again meanwhile prepares a second, uncached statement.
    bool in_use = false;

    /// SQLite statements without an observer: the sqlite3_stmt, for the inline fast path
    /// of engine/sqlite_direct.hpp (exact-type binds and reads, and step/reset here);
    /// null for other drivers.
    sqlite3_stmt* sqlite_direct() const noexcept { return sqlite_direct_; }
    /// The database handle of a statement with sqlite_direct() set (null otherwise).
    sqlite3* sqlite_db() const noexcept { return sqlite_db_; }

    /// PostgreSQL statements: the result and row of the current row (set by step() when it
    /// returns true, null otherwise), for the inline read path of
    /// engine/postgresql_direct.hpp; null for other drivers.
    struct row_position {
        const pg_result* result = nullptr;
        int row = 0;
    };
    const row_position& postgresql_direct() const noexcept { return postgresql_row_; }

protected:
    virtual bool step_impl() = 0;
    virtual void reset_impl() noexcept = 0;
    /// The inline SQLite step met an error code: throws it as a retort exception (after a
    /// reset). SQLite driver only.
    virtual void sqlite_step_failed(int rc);

    std::int64_t batch_rows_ = 0;
    sqlite3_stmt* sqlite_direct_ = nullptr;  // set by the SQLite driver when no observer is set
    sqlite3* sqlite_db_ = nullptr;           // set with sqlite_direct_
    bool sqlite_running_ = false;            // SQLite: stepped since the last reset
    bool sqlite_done_ = false;               // SQLite: SQLITE_DONE seen; step() answers false
    row_position postgresql_row_{};          // set by the PostgreSQL driver

    /// One SQLite step of `h` with this statement's state: the inline path above and the
    /// SQLite driver's observed path both run this.
    bool sqlite_step(sqlite3_stmt* h) {
        if (sqlite_done_) return false;  // finished: do not let SQLite's auto-reset run it again
        sqlite_running_ = true;
        const int rc = sqlite3_step(h);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) {
            sqlite_done_ = true;
            return false;
        }
        sqlite_step_failed(rc);  // throws
        return false;
    }
    /// sqlite_run_once's step met `rc`, not SQLITE_DONE: a row (the rest is stepped
    /// through) or an error (thrown, after a reset).
    void sqlite_step_result(int rc) {
        sqlite_running_ = true;
        if (rc == SQLITE_ROW) {
            while (sqlite_step(sqlite_direct_)) {
            }
            return;
        }
        sqlite_step_failed(rc);  // throws
    }
    void sqlite_reset(sqlite3_stmt* h) noexcept {
        sqlite3_reset(h);
        sqlite_running_ = false;
        sqlite_done_ = false;
    }
};

/// One live database connection.
class connection {
public:
    virtual ~connection() = default;

    virtual dialect_id dialect() const noexcept = 0;

    /// Prepares `sql` (which must stay alive as long as the statement: callers pass
    /// compile-time text in read-only data, or text they keep). `name_hint` is a stable
    /// short identifier for the statement's shape (PostgreSQL uses it to name the
    /// server-side prepared statement); it is unique per connection. An empty hint asks
    /// for a one-off statement (PostgreSQL: the unnamed prepared statement).
    virtual std::unique_ptr<statement> prepare(std::string_view sql, std::string_view name_hint) = 0;

    /// Runs SQL text without parameters or results (DDL, BEGIN, COMMIT, SAVEPOINT ...).
    virtual void execute_script(std::string_view sql) = 0;

    /// True when the connection still answers (cheap check; SQLite: always true).
    virtual bool ping() noexcept = 0;
    /// True while the connection is inside a transaction block.
    virtual bool in_transaction() const noexcept = 0;

    /// Echo / logging: set once, before the first prepare; statements copy the pointer.
    /// Null (the default) means no events and no timing.
    const observer* events = nullptr;
};

}  // namespace retort::driver
