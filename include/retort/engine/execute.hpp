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

#include "retort/engine/engine.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/value_io.hpp"
#include "retort/stmt/ddl.hpp"
#include "retort/stmt/sql.hpp"

namespace retort {

namespace detail {

template <class S, class D>
struct statement_key {};

template <class S>
void bind_all(driver::statement& st, const S& s) {
    int index = 0;
    s.for_each_value([&](const auto& v) { bind_value(st, index++, v); });
}

/// Runs a statement that returns no rows to the caller; resets the statement after.
template <class Fn>
auto run_and_reset(driver::statement& st, Fn&& fn) {
    struct reset_guard {
        driver::statement& st;
        ~reset_guard() { st.reset(); }
    } guard{st};
    return fn();
}

template <class D, class S>
auto execute_in(connection& conn, const S& s) {
    constexpr std::string_view text = sql<S, D>;
    using kind = typename S::statement_kind;
    if constexpr (std::is_same_v<kind, ddl_kind>) {
        conn.execute_script(text);
    } else {
        driver::statement* st = &conn.prepared(statement_slot<statement_key<S, D>>(), text);
        std::unique_ptr<driver::statement> owned;
        if (st->in_use) {  // a result of this same statement is still being read
            owned = conn.raw().prepare(text, {});
            st = owned.get();
        }
        if constexpr (std::is_same_v<kind, select_kind>) {
            try {
                bind_all(*st, s);
            } catch (...) {
                st->reset();
                throw;
            }
            return result<typename S::row_type>(*st, std::move(owned));
        } else {
            return run_and_reset(*st, [&]() -> std::int64_t {
                bind_all(*st, s);
                if constexpr (std::is_same_v<kind, insert_kind>) {
                    if constexpr (S::returns_key) {
                        if (!st->step())
                            throw programming_error("retort: INSERT ... RETURNING returned no row: " +
                                                    std::string(text));
                        std::int64_t key = st->get_int64(0);
                        while (st->step()) {
                        }
                        if constexpr (S::writes_back) {
                            constexpr auto i = meta<typename S::model>.generated_index;
                            auto& field = boost::pfr::get<i>(*s.object);
                            field = static_cast<std::remove_cvref_t<decltype(field)>>(key);
                        }
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
}

template <class S>
consteval bool check_executable() {
    static_assert(Statement<S>,
                  "retort: execute() takes a retort statement (select, insert, update, delete_from, "
                  "create_table ...); for SQL text use execute_script()");
    return Statement<S>;
}

}  // namespace detail

template <class S>
auto connection::execute(const S& s) {
    if constexpr (detail::check_executable<S>()) {
        if (dialect_ == dialect_id::sqlite)
            return detail::execute_in<sqlite>(*this, s);
        else
            return detail::execute_in<postgresql>(*this, s);
    }
}

namespace detail {
template <class T, class D>
void create_one(connection& conn) {
    conn.execute_script(sql<create_table_t<T, true>, D>);
    constexpr auto positions = index_positions<T>();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (conn.execute_script(sql<create_index_t<T, positions[I]>, D>), ...);
    }(std::make_index_sequence<positions.size()>{});
}

template <class D, class... Ts>
void create_all_in(connection& conn) {
    using order = dependency_order<Ts...>;
    using fns = void (*)(connection&);
    constexpr fns creators[] = {&create_one<Ts, D>...};
    for (std::size_t k = 0; k < sizeof...(Ts); ++k) creators[order::value.order[k]](conn);
}

template <class T, class D>
void drop_one(connection& conn) {
    conn.execute_script(sql<drop_table_t<T, true>, D>);
}

template <class D, class... Ts>
void drop_all_in(connection& conn) {
    using order = dependency_order<Ts...>;
    using fns = void (*)(connection&);
    constexpr fns droppers[] = {&drop_one<Ts, D>...};
    for (std::size_t k = sizeof...(Ts); k-- > 0;) droppers[order::value.order[k]](conn);
}
}  // namespace detail

/// Creates the tables (and their indexes) that do not exist yet, in foreign-key order,
/// in one transaction.
template <Table... Ts>
void create_all(connection& conn) {
    auto tx = conn.begin();
    if (conn.dialect() == dialect_id::sqlite)
        detail::create_all_in<sqlite, Ts...>(conn);
    else
        detail::create_all_in<postgresql, Ts...>(conn);
    tx.commit();
}

/// Drops the tables that exist, referencing tables first, in one transaction.
template <Table... Ts>
void drop_all(connection& conn) {
    auto tx = conn.begin();
    if (conn.dialect() == dialect_id::sqlite)
        detail::drop_all_in<sqlite, Ts...>(conn);
    else
        detail::drop_all_in<postgresql, Ts...>(conn);
    tx.commit();
}

template <Table... Ts>
void create_all(engine& e) {
    auto conn = e.connect();
    create_all<Ts...>(conn);
}

template <Table... Ts>
void drop_all(engine& e) {
    auto conn = e.connect();
    drop_all<Ts...>(conn);
}

}  // namespace retort
