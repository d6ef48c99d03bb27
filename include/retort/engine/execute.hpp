// retort/engine/execute.hpp — running statements on a connection.
//
//   conn.execute(select ...)      → retort::result<Row>   (rows as structs or tuples)
//   conn.execute(insert(obj))     → the generated key (std::int64_t), written back into obj;
//                                   the number of inserted rows when the table has no generated key
//   conn.execute(update/delete)   → rows affected (std::int64_t)
//   conn.execute(create_table...) → void
//
// The statement's SQL for the connection's dialect is a compile-time constant; it is
// prepared once per connection, in a cache slot fixed by the statement's type.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "retort/detail/ranges.hpp"
#include "retort/detail/std_function.hpp"
#include "retort/engine/bind.hpp"
#include "retort/engine/engine.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/value_io.hpp"
#include "retort/stmt/ddl.hpp"
#include "retort/stmt/insert.hpp"
#include "retort/stmt/insert_many.hpp"
#include "retort/stmt/labeled_row.hpp"
#include "retort/stmt/returning.hpp"
#include "retort/stmt/sql.hpp"

namespace retort {

namespace detail {

template <class S, class D>
struct statement_key {};

/// A plain INSERT on SQLite whose only RETURNING is the generated key (the rowid).
template <class S, class D>
concept sqlite_rowid_insert = std::is_same_v<D, sqlite> && std::is_same_v<typename S::statement_kind, insert_kind> &&
                              requires {
                                  requires S::returns_key;
                                  requires !S::has_conflict_clause;
                                  S::writes_back;
                              };

/// An INSERT whose generated key may not come back (ON CONFLICT ... DO NOTHING / WHERE).
template <class S>
concept optional_key_insert = requires {
    requires S::returns_key;
    requires S::has_conflict_clause;
};

/// The shape cache's key for statement type Stmt in dialect D with `shape`.
template <class Stmt, class D>
std::string shape_key(const std::vector<std::uint32_t>& shape) {
    std::string key(sizeof(std::size_t) + shape.size() * sizeof(std::uint32_t), '\0');
    const std::size_t slot = statement_slot<statement_key<Stmt, D>>();
    std::memcpy(key.data(), &slot, sizeof slot);
    if (!shape.empty()) std::memcpy(key.data() + sizeof slot, shape.data(), shape.size() * sizeof(std::uint32_t));
    return key;
}

/// The prepared statement for S on this connection: one cache slot per statement type,
/// or, for dynamic shapes, one entry per shape.
template <class Stmt, class D>
driver::statement& prepare_for(connection& conn, const Stmt& s) {
    if constexpr (is_dynamic<Stmt, D>()) {
        const auto shape = collect_shape(s);
        return conn.shapes().get(conn.raw(), shape_key<Stmt, D>(shape), [&] { return render_shape<Stmt, D>(shape); });
    } else {
        return conn.prepared(statement_slot<statement_key<Stmt, D>>(), sql<Stmt, D>);
    }
}

/// The generated key in the first column of the current row (INSERT ... RETURNING):
/// read inline from libpq's text when it is a plain integer, else through the driver.
inline std::int64_t returned_key(const driver::statement& st) {
    std::int64_t key = 0;
    if (const PGresult* r = st.postgresql_direct().result)
        if (postgresql_direct::read(r, st.postgresql_direct().row, 0, key)) [[likely]]
            return key;
    return st.get_int64(0);
}

/// Resets a statement when the execution that ran it ends, also by an exception.
struct statement_reset {
    driver::statement& st;
    ~statement_reset() { st.reset(); }
};

/// Runs a statement that returns no rows to the caller; resets the statement after.
template <class Fn>
auto run_and_reset(driver::statement& st, Fn&& fn) {
    struct reset_guard {
        driver::statement& st;
        ~reset_guard() { st.reset(); }
    } guard{st};
    return fn();
}

/// execute_many's INSERT of one row of T (without RETURNING: keys are not written back),
/// prepared once per connection.
template <class T, class D>
driver::statement& single_row_insert(connection& conn) {
    using One = insert_t<T, const T*>;
    constexpr std::string_view full = sql<One, D>;
    constexpr std::string_view text = One::returns_key ? full.substr(0, full.rfind(" RETURNING ")) : full;
    return conn.template prepared<false>(statement_slot<statement_key<One[], D>>(), text);
}

/// Runs `st` (single_row_insert) once per row as one batch (PostgreSQL: COPY, or a
/// pipeline); the caller holds the transaction. Returns the rows inserted.
template <class T, class Range>
std::int64_t insert_rows_batched(driver::statement& st, const Range& rows) {
    try {
        insert_t<T, const T*> one{};
        for (const T& row : rows) {
            one.object = &row;
            bind_all(st, one);
            st.add_to_batch();
        }
    } catch (...) {
        st.abort_batch();
        st.reset();
        throw;
    }
    const std::int64_t n = st.finish_batch();
    st.reset();
    return n;
}

/// insert_many's rows per multi-row VALUES statement, or 0 for none. SQLite: 32 rows (or
/// fewer, below its 32,766 parameters): measured with six columns, a 32-row statement
/// costs 2,900 instructions a row against 4,700 for a prepared single-row INSERT, 64 rows
/// hardly less (2,850) but its prepare half as much again, and statements of thousands of
/// rows cost more than they save (13,700 a row at 6,553 rows, prepared once). PostgreSQL:
/// none; COPY (execute_many's path) is faster than any multi-row VALUES.
template <class T, class D>
inline constexpr std::size_t insert_many_chunk = [] {
    constexpr std::size_t columns = insert_many_t<T>::columns_per_row;
    if (D::id != dialect_id::sqlite || columns == 0) return std::size_t{0};
    return 32766 / columns < 32 ? 32766 / columns : std::size_t{32};
}();

/// Preparing the 32-row statement costs about as much as it saves on 250 rows: below
/// that, insert_many uses it only when this connection has it prepared already.
inline constexpr std::size_t insert_many_prepare_rows = 256;

/// conn.execute(insert_many(rows)) in dialect D. One row: a single-row INSERT, atomic by
/// itself. More: in a transaction of its own, or a savepoint inside the open one (a failed
/// batch leaves none of its rows and the transaction usable); on SQLite as many 32-row
/// statements as fit (one prepared statement per connection, cached), the rest one row at
/// a time with execute_many's INSERT; on PostgreSQL all rows through execute_many's path.
template <class D, class T>
std::int64_t insert_many_in(connection& conn, std::span<const T> rows) {
    using Many = insert_many_t<T>;
    if (rows.empty()) return 0;
    if (rows.size() == 1) {
        driver::statement& st = single_row_insert<T, D>(conn);
        return run_and_reset(st, [&] {
            bind_all(st, insert_t<T, const T*>{rows.data(), {}});
            while (st.step()) {
            }
            return st.affected_rows();
        });
    }
    constexpr std::size_t chunk = insert_many_chunk<T, D>;
    std::size_t chunks = 0;
    std::string key;
    if constexpr (chunk > 0) {
        if (rows.size() >= chunk) {
            key = shape_key<Many, D>({static_cast<std::uint32_t>(chunk)});
            if (rows.size() >= insert_many_prepare_rows || conn.shapes().contains(key)) chunks = rows.size() / chunk;
        }
    }
    const std::size_t rest = rows.size() - chunks * chunk;
    all_or_nothing scope(conn, chunks + rest > 1);
    std::int64_t total = 0;
    if constexpr (chunk > 0) {
        for (std::size_t k = 0; k < chunks; ++k) {
            const Many part{rows.subspan(k * chunk, chunk)};
            driver::statement& st = conn.shapes().get(conn.raw(), key, [] {
                return render_shape<Many, D>({static_cast<std::uint32_t>(chunk)});
            });
            total += run_and_reset(st, [&] {
                bind_all(st, part);
                while (st.step()) {
                }
                return st.affected_rows();
            });
        }
    }
    if (rest > 0) total += insert_rows_batched<T>(single_row_insert<T, D>(conn), rows.subspan(chunks * chunk));
    scope.commit();
    return total;
}

/// An insert of an object: the generated key written into its key field.
template <class Stmt>
inline void write_back_key(const Stmt& s, std::int64_t key) {
    if constexpr (Stmt::writes_back) {
        constexpr auto i = meta<typename Stmt::model>.generated_index;
        auto& field = reflect::get<i>(*s.object);
        field = static_cast<std::remove_cvref_t<decltype(field)>>(key);
    }
}

/// A second, uncached statement with the text of `cached`, which a result of the same
/// statement type is still reading (src/engine.cpp: the same for every statement type).
[[gnu::cold]] std::unique_ptr<driver::statement> prepare_again(connection& conn, const driver::statement& cached);

/// The result of select `s` on `st`: it takes the statement object, moved from a
/// temporary, copied from a named one (its bound values are read on every step), and the
/// operation's hold on the connection. (`owned`: `st` is the result's own, select_statement.)
template <class S>
[[gnu::always_inline]] inline auto make_result(driver::statement* st, bool owned, S&& s, handover_guard& hold,
                                               bool stream) {
    using Stmt = std::remove_cvref_t<S>;
    if constexpr (std::is_constructible_v<Stmt, S&&>)
        return result<detail::result_row_t<Stmt>, Stmt>(*st, owned, static_cast<S&&>(s), hold, stream);
    else
        return result<detail::result_row_t<Stmt>, no_statement_kept>(*st, owned, copied_from<Stmt>{s}, hold, stream);
}

/// The statement a select runs: `cached`, or, while a result of the same statement is
/// still being read, a second one prepared for this result (`owned` set: the result
/// deletes it). (Not a template: compiled once, inlined into each select's execute.)
[[gnu::always_inline]] inline driver::statement* select_statement(connection& conn, driver::statement& cached,
                                                                  bool& owned) {
    if (cached.in_use) [[unlikely]] {  // a result of this same statement is still being read
        owned = true;
        return prepare_again(conn, cached).release();  // (nothing throws until the result takes it)
    }
    return &cached;
}

/// A select of a fixed shape takes one cache slot per statement type, whatever the
/// dialect (a connection has one), and its SQL text by the connection's dialect.
template <class S>
struct select_key {};

template <class S, class D>
consteval std::string_view text_or_empty() {
    if constexpr (dialect_reason<S, D>().empty())
        return sql<S, D>;
    else
        return {};  // vetoed on D: execute() throws before it prepares
}

/// Whether S's SQL depends on run-time data in dialect D (false where D vetoes S: nothing
/// of S is rendered for D then).
template <class S, class D>
consteval bool dynamic_in() {
    if constexpr (dialect_reason<S, D>().empty())
        return is_dynamic<S, D>();
    else
        return false;
}

/// Select type S's SQL in each dialect, indexed by dialect_id.
static_assert(static_cast<int>(dialect_id::sqlite) == 0 && static_cast<int>(dialect_id::postgresql) == 1);
template <class S>
inline constexpr std::string_view select_texts[2] = {text_or_empty<S, sqlite>(), text_or_empty<S, postgresql>()};

/// Runs select `s` of a dynamic shape (an IN list of run-time length ...) in dialect D:
/// one shape-cache entry per shape, as make_result does otherwise.
template <class D, class S>
auto select_in(connection& conn, S&& s, handover_guard& hold) {
    using Stmt = std::remove_cvref_t<S>;
    bool owned = false;
    driver::statement* const st = select_statement(conn, prepare_for<Stmt, D>(conn, s), owned);
    const bool stream = D::id == dialect_id::postgresql && conn.streaming_next();
    return make_result(st, owned, std::forward<S>(s), hold, stream);
}

/// Runs statement `s` (an update, delete, or an insert that reads its key from RETURNING)
/// on `prepared`, its statement in the connection's dialect. Nothing here depends on the
/// dialect, so it is instantiated once per statement type, not once per dialect.
/// `postgresql`: a PostgreSQL connection, whose result is complete after the first step.
template <class S>
auto execute_prepared(connection& conn, driver::statement& prepared, S&& s, bool postgresql) {
    using Stmt = std::remove_cvref_t<S>;
    using kind = typename Stmt::statement_kind;
    driver::statement* st = &prepared;
    std::unique_ptr<driver::statement> owned;
    if (st->in_use) {  // a result of this same statement is still being read
        owned = conn.raw().prepare(st->sql(), {});
        st = owned.get();
    }
    if constexpr (optional_key_insert<Stmt>) {
        // ON CONFLICT DO NOTHING may skip the row: the key is optional.
        return run_and_reset(*st, [&]() -> std::optional<std::int64_t> {
            bind_all(*st, s);
            if (!st->step()) return std::nullopt;
            std::int64_t key = returned_key(*st);
            while (st->step()) {
            }
            write_back_key(s, key);
            return key;
        });
    } else {
        return run_and_reset(*st, [&]() -> std::int64_t {
            bind_all(*st, s);
            if constexpr (std::is_same_v<kind, insert_kind>) {
                if constexpr (Stmt::returns_key) {
                    if (!st->step())
                        throw programming_error("retort: INSERT ... RETURNING returned no row: " +
                                                std::string(st->sql()));
                    std::int64_t key = returned_key(*st);
                    // (PostgreSQL holds the whole result already: the reset drops it.)
                    if (!postgresql)
                        while (st->step()) {
                        }
                    write_back_key(s, key);
                    return key;
                } else {
                    while (st->step()) {
                    }
                    return st->affected_rows();
                }
            } else {
                while (st->step()) {
                }
                return st->affected_rows();
            }
        });
    }
}

/// A write (INSERT, UPDATE, DELETE) of a fixed shape takes one cache slot per statement
/// type, whatever the dialect, as a select does.
template <class S>
struct write_key {};

/// The text write_on prepares for S in dialect D: on SQLite, a plain INSERT whose only
/// RETURNING is the generated key runs without it (SQLite answers RETURNING by filling an
/// ephemeral table on every execution, ~24,000 instructions a row, measured: 7x a plain
/// insert; the key is the rowid, read with sqlite3_last_insert_rowid()).
template <class S, class D>
consteval std::string_view write_text() {
    if constexpr (!dialect_reason<S, D>().empty()) {
        return {};  // vetoed on D: execute() throws before it prepares
    } else if constexpr (sqlite_rowid_insert<S, D>) {
        constexpr std::string_view full = sql<S, D>;
        return full.substr(0, full.rfind(" RETURNING "));
    } else {
        return sql<S, D>;
    }
}
template <class S>
inline constexpr std::string_view write_texts[2] = {write_text<S, sqlite>(), write_text<S, postgresql>()};

/// Whether execute() runs S through write_on: an INSERT, UPDATE or DELETE of a fixed shape.
template <class S>
consteval bool fixed_write() {
    using kind = typename S::statement_kind;
    if constexpr (std::is_same_v<kind, ddl_kind> || std::is_same_v<kind, select_kind> ||
                  requires { S::is_insert_many; })
        return false;
    else
        return !dynamic_in<S, sqlite>() && !dynamic_in<S, postgresql>();
}

/// Runs write `s` (fixed_write) on `conn` in either dialect: one copy of this path per
/// statement type; the dialect picks the text to prepare on a cache miss, and whether the
/// generated key is SQLite's rowid or the RETURNING row.
template <class S>
[[gnu::always_inline]] inline auto write_on(connection& conn, pooled_connection& p, const S& s) {
    constexpr bool key_insert = [] {
        if constexpr (std::is_same_v<typename S::statement_kind, insert_kind>)
            return S::returns_key;
        else
            return false;
    }();
    driver::statement& st = conn.template prepared<false>(p, statement_slot<write_key<S>>(), write_texts<S>);
    if constexpr (sqlite_rowid_insert<S, sqlite>) {
        if (sqlite3* const db = st.sqlite_db()) {
            // What hand-written code does: bind, one step, the rowid, reset.
            bind_all(st, s);
            const std::int64_t key = st.sqlite_run_once([db] { return sqlite3_last_insert_rowid(db); });
            write_back_key(s, key);
            return key;
        }
    }
    // (Written out, not through run_and_reset's lambda: one function less per statement type.)
    const bool postgresql = conn.dialect() == dialect_id::postgresql;
    const statement_reset reset{st};
    bind_all(st, s);
    if constexpr (optional_key_insert<S>) {
        // ON CONFLICT DO NOTHING may skip the row: the key is optional.
        if (!st.step()) return std::optional<std::int64_t>{};
        const std::int64_t key = returned_key(st);
        while (st.step()) {
        }
        write_back_key(s, key);
        return std::optional<std::int64_t>{key};
    } else if constexpr (key_insert) {
        if constexpr (sqlite_rowid_insert<S, sqlite>) {
            if (!postgresql) {  // SQLite through the driver (an observer): the rowid
                while (st.step()) {
                }
                const std::int64_t key = st.last_insert_id();
                write_back_key(s, key);
                return key;
            }
        }
        if (!st.step()) throw programming_error("retort: INSERT ... RETURNING returned no row: " + std::string(st.sql()));
        const std::int64_t key = returned_key(st);
        // (PostgreSQL holds the whole result already: the reset drops it.)
        if (!postgresql)
            while (st.step()) {
            }
        write_back_key(s, key);
        return key;
    } else {
        while (st.step()) {
        }
        return st.affected_rows();
    }
}

/// Runs statement `s` in dialect D: DDL, insert_many, and writes whose SQL depends on
/// run-time data (a fixed-shape INSERT, UPDATE or DELETE goes through write_on).
template <class D, class S>
auto execute_in(connection& conn, S&& s) {
    using Stmt = std::remove_cvref_t<S>;
    using kind = typename Stmt::statement_kind;
    {
    if constexpr (std::is_same_v<kind, ddl_kind>) {
        conn.execute_script(sql<Stmt, D>);
    } else if constexpr (requires { Stmt::is_insert_many; }) {
        if constexpr (!Stmt::has_conflict_clause) {
            return insert_many_in<D>(conn, s.rows);
        } else {
        // Chunks below the parameter limit, all in one transaction.
        // SQLite allows 32,766 parameters; libpq refuses a parameter description above
        // ~30 kB (7,500 parameters), so PostgreSQL chunks stay below 7,000.
        constexpr std::size_t max_params = D::id == dialect_id::sqlite ? 32766 : 7000;
        constexpr std::size_t per_chunk = Stmt::columns_per_row ? max_params / Stmt::columns_per_row : 1;
        // Several chunks are all or nothing: in a transaction of their own, or in a savepoint
        // inside the open one (which a failed chunk then leaves usable). One chunk is one
        // statement, atomic by itself.
        all_or_nothing scope(conn, s.rows.size() > per_chunk);
        std::int64_t total = 0;
        for (std::size_t at = 0; at < s.rows.size(); at += per_chunk) {
            const Stmt chunk = s.with_rows(s.rows.subspan(at, per_chunk < s.rows.size() - at ? per_chunk : s.rows.size() - at));
            driver::statement& st = prepare_for<Stmt, D>(conn, chunk);
            total += run_and_reset(st, [&] {
                bind_all(st, chunk);
                while (st.step()) {
                }
                return st.affected_rows();
            });
        }
        scope.commit();
        return total;
        }
    } else {
        // A write whose shape depends on run-time data (fixed shapes go through write_on).
        return execute_prepared(conn, prepare_for<Stmt, D>(conn, s), std::forward<S>(s),
                                D::id == dialect_id::postgresql);
    }
    }
}

template <class S>
consteval bool check_executable() {
    static_assert(Statement<S>,
                  "retort: execute() takes a retort statement (select, insert, update, delete_from, "
                  "create_table ...); for SQL text use execute_script()");
    if constexpr (!Statement<S>)
        return false;
    else if constexpr (!check_statement<S>())
        return false;
    else
        return check_no_named_params<S>();
}

}  // namespace detail

template <class S>
inline auto connection::execute(S&& s) {
    using Stmt = std::remove_cvref_t<S>;
    if constexpr (!detail::check_executable<Stmt>()) {
    } else if constexpr (std::is_same_v<typename Stmt::statement_kind, select_kind>) {
        detail::pooled_connection& p = live();
        detail::handover_guard hold(p.use);  // the result takes it over
        // The engine's dialect is known only at run time: a dialect veto becomes an exception
        // here (retort::sql<S, D> makes it a compile error for code that names the dialect).
        constexpr std::string_view sqlite_veto = detail::dialect_reason<Stmt, sqlite>();
        constexpr std::string_view pg_veto = detail::dialect_reason<Stmt, postgresql>();
        if constexpr (!sqlite_veto.empty())
            if (dialect_ == dialect_id::sqlite) throw programming_error(std::string(sqlite_veto));
        if constexpr (!pg_veto.empty())
            if (dialect_ == dialect_id::postgresql) throw programming_error(std::string(pg_veto));
        constexpr bool dynamic = detail::dynamic_in<Stmt, sqlite>() || detail::dynamic_in<Stmt, postgresql>();
        if constexpr (!dynamic) {
            // One copy of this path per statement type, for both dialects: the dialect only
            // picks the text to prepare on a cache miss (and whether the result is a
            // PostgreSQL stream).
            bool owned = false;
            driver::statement* const st = detail::select_statement(
                *this, prepared(p, detail::statement_slot<detail::select_key<Stmt>>(), detail::select_texts<Stmt>),
                owned);
            const bool stream = stream_next_ && dialect_ == dialect_id::postgresql;
            return detail::make_result(st, owned, static_cast<S&&>(s), hold, stream);
        }
        else if constexpr (!sqlite_veto.empty())
            return detail::select_in<postgresql>(*this, std::forward<S>(s), hold);
        else if constexpr (!pg_veto.empty())
            return detail::select_in<sqlite>(*this, std::forward<S>(s), hold);
        else if (dialect_ == dialect_id::sqlite)
            return detail::select_in<sqlite>(*this, std::forward<S>(s), hold);
        else
            return detail::select_in<postgresql>(*this, std::forward<S>(s), hold);
    } else {
        detail::pooled_connection& p = live();
        detail::operation_guard guard(p.use);
        // The engine's dialect is known only at run time: a dialect veto becomes an exception
        // here (retort::sql<S, D> makes it a compile error for code that names the dialect).
        constexpr std::string_view sqlite_veto = detail::dialect_reason<Stmt, sqlite>();
        constexpr std::string_view pg_veto = detail::dialect_reason<Stmt, postgresql>();
        if constexpr (detail::fixed_write<Stmt>()) {
            if constexpr (!sqlite_veto.empty())
                if (dialect_ == dialect_id::sqlite) throw programming_error(std::string(sqlite_veto));
            if constexpr (!pg_veto.empty())
                if (dialect_ == dialect_id::postgresql) throw programming_error(std::string(pg_veto));
            return detail::write_on(*this, p, std::as_const(s));
        } else if (dialect_ == dialect_id::sqlite) {
            if constexpr (!sqlite_veto.empty())
                throw programming_error(std::string(sqlite_veto));
            else
                return detail::execute_in<sqlite>(*this, std::forward<S>(s));
        } else {
            if constexpr (!pg_veto.empty())
                throw programming_error(std::string(pg_veto));
            else
                return detail::execute_in<postgresql>(*this, std::forward<S>(s));
        }
    }
}

template <class S>
auto connection::stream(S&& s) {
    using Stmt = std::remove_cvref_t<S>;
    static_assert(std::is_same_v<typename Stmt::statement_kind, select_kind>,
                  "retort: stream() reads the rows of a select; use execute() for other statements");
    // prepared() hands the flag to the statement (before it is bound); cleared after.
    detail::operation_guard use(live().use);
    struct clear_flag {
        connection& c;
        ~clear_flag() { c.stream_next_ = false; }
    } guard{*this};
    stream_next_ = true;
    return execute(std::forward<S>(s));
}

template <class Range>
std::int64_t connection::execute_many(const Range& rows) {
    using T = std::remove_cvref_t<std::ranges::range_value_t<Range>>;
    static_assert(Table<T>,
                  "retort: execute_many(rows) takes a range of objects of a declared table model (a struct with a "
                  "retort::table_of declaration)");
    detail::operation_guard use(live().use);
    const auto run = [&]<class D>() -> std::int64_t {
        // Keys are not written back: leave out the RETURNING clause, which costs SQLite an
        // ephemeral table per execution and PostgreSQL a result row per insert.
        driver::statement& st = detail::single_row_insert<T, D>(*this);
        // All or nothing: a failed batch leaves none of its rows (and an open transaction usable).
        detail::all_or_nothing scope(*this);
        const std::int64_t n = detail::insert_rows_batched<T>(st, rows);
        scope.commit();
        return n;
    };
    if (dialect_ == dialect_id::sqlite)
        return run.template operator()<sqlite>();
    else
        return run.template operator()<postgresql>();
}

}  // namespace retort

#include "retort/engine/create_all.hpp"
#include "retort/engine/execute_many.hpp"
