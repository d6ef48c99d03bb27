// retort/engine/create_all.hpp — creating and dropping the tables of declared models.
//
//   retort::create_all<User, Post>(conn);   // tables, indexes, enums, domains, comments
//   retort::drop_all<User, Post>(conn);
//
// In foreign-key order, in one transaction (a savepoint inside an open one). Foreign keys
// that form a cycle are added by ALTER TABLE once both tables exist on PostgreSQL; SQLite
// takes them in CREATE TABLE.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine/execute.hpp"
#include "retort/stmt/ddl.hpp"
#include "retort/stmt/ddl_order.hpp"

namespace retort {

namespace detail {
template <class T, class D, std::uint64_t Omit>
void create_one(connection& conn) {
    // A table this dialect cannot create (an array column on SQLite) is a run-time error on
    // that dialect only: create_all instantiates both, the connection picks one.
    constexpr std::string_view veto = unsupported_reason<create_table_t<T, true, Omit>, D>();
    if constexpr (!veto.empty()) {
        throw programming_error(std::string(veto));
    } else {
        conn.execute_script(sql<create_table_t<T, true, Omit>, D>);
        constexpr auto positions = index_positions<T>();
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (conn.execute_script(sql<create_index_t<T, positions[I]>, D>), ...);
        }(std::make_index_sequence<positions.size()>{});
        if constexpr (std::is_same_v<D, postgresql>) {  // SQLite keeps no comments
            constexpr auto& m = meta<T>;
            if (!m.comment.empty()) conn.execute_script(comment_sql(m.name, {}, m.comment));
            for (const auto& col : m.columns)
                if (!col.comment.empty()) conn.execute_script(comment_sql(m.name, col.name, col.comment));
        }
    }
}

/// PostgreSQL: the foreign keys of T that close a cycle, added once every table exists.
template <class T, class D, std::uint64_t Mask>
void add_deferred_keys(connection& conn) {
    constexpr auto positions = mask_positions<Mask>();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (conn.execute_script(sql<add_foreign_key_t<T, positions[I]>, D>), ...);
    }(std::make_index_sequence<positions.size()>{});
}

template <class T, class D, std::uint64_t Mask>
void drop_deferred_keys(connection& conn) {
    constexpr auto positions = mask_positions<Mask>();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (conn.execute_script(sql<drop_foreign_key_t<T, positions[I]>, D>), ...);
    }(std::make_index_sequence<positions.size()>{});
}

inline bool contains(const std::vector<std::string_view>& names, std::string_view name) noexcept {
    for (std::string_view n : names)
        if (n == name) return true;
    return false;
}

/// Every labeled enum the columns of Ts... use, once each (by SQL name), to fn(column).
template <class... Ts, class Fn>
void for_each_enum(Fn&& fn) {
    std::vector<std::string_view> seen;
    auto visit = [&](const auto& columns) {
        for (const auto& col : columns)
            if (col.enum_label_count && col.type_sql_for(dialect_id::postgresql).empty() &&
                !contains(seen, col.enum_name)) {
                seen.push_back(col.enum_name);
                fn(col);
            }
    };
    (visit(meta<Ts>.columns), ...);
}

/// Every domain the columns of Ts... use, once each (by SQL name), to fn(domain).
template <class... Ts, class Fn>
void for_each_domain(Fn&& fn) {
    std::vector<std::string_view> seen;
    auto visit = [&](const auto& columns) {
        for (const auto& col : columns)
            if (col.has_domain && !contains(seen, col.domain->name)) {
                seen.push_back(col.domain->name);
                fn(*col.domain);
            }
    };
    (visit(meta<Ts>.columns), ...);
}

template <class... Ts>
void create_enums(connection& conn) {
    for_each_enum<Ts...>([&](const column_info& col) { conn.execute_script(create_enum_sql(col)); });
}

template <class... Ts>
void drop_enums(connection& conn) {
    for_each_enum<Ts...>([&](const column_info& col) { conn.execute_script(drop_enum_sql(col)); });
}

// Foreign keys that close a cycle: SQLite accepts a REFERENCES to a table that does not
// exist yet, so they stay in CREATE TABLE; PostgreSQL gets them by ALTER TABLE afterwards.
template <class D, class... Ts>
void create_all_in(connection& conn) {
    using order = dependency_order<Ts...>;
    using fns = void (*)(connection&);
    constexpr bool alter = std::is_same_v<D, postgresql>;
    if constexpr (alter) {
        create_enums<Ts...>(conn);
        for_each_domain<Ts...>([&](const domain_info& d) { conn.execute_script(create_domain_sql(d)); });
    }
    constexpr fns creators[] = {&create_one<Ts, D, alter ? deferred_foreign_keys<Ts, Ts...>() : 0>...};
    for (std::size_t k = 0; k < sizeof...(Ts); ++k) creators[order::value.order[k]](conn);
    if constexpr (alter && order::value.has_cycle) {
        constexpr fns closers[] = {&add_deferred_keys<Ts, D, deferred_foreign_keys<Ts, Ts...>()>...};
        for (auto* f : closers) f(conn);
    }
}

template <class T, class D>
void drop_one(connection& conn) {
    conn.execute_script(sql<drop_table_t<T, true>, D>);
}

template <class D, class... Ts>
void drop_all_in(connection& conn) {
    using order = dependency_order<Ts...>;
    using fns = void (*)(connection&);
    if constexpr (order::value.has_cycle) {
        if constexpr (std::is_same_v<D, postgresql>) {
            constexpr fns openers[] = {&drop_deferred_keys<Ts, D, deferred_foreign_keys<Ts, Ts...>()>...};
            for (auto* f : openers) f(conn);
        } else {
            // Rows that reference each other: checked at COMMIT, when both tables are gone.
            conn.execute_script("PRAGMA defer_foreign_keys = ON");
        }
    }
    constexpr fns droppers[] = {&drop_one<Ts, D>...};
    for (std::size_t k = sizeof...(Ts); k-- > 0;) droppers[order::value.order[k]](conn);
    if constexpr (std::is_same_v<D, postgresql>) {
        drop_enums<Ts...>(conn);
        for_each_domain<Ts...>([&](const domain_info& d) { conn.execute_script(drop_domain_sql(d)); });
    }
}
}  // namespace detail

/// Creates the tables (and their indexes) that do not exist yet, in foreign-key order,
/// in one transaction (inside an open one: in a savepoint, and they exist for others once
/// it commits). Foreign keys that form a cycle (a.b_id → b, b.a_id → a): on
/// PostgreSQL the key that closes it is added by ALTER TABLE once both tables exist; SQLite
/// takes it in CREATE TABLE.
template <Table... Ts>
void create_all(connection& conn) {
    detail::all_or_nothing scope(conn);
    if (conn.dialect() == dialect_id::sqlite)
        detail::create_all_in<sqlite, Ts...>(conn);
    else
        detail::create_all_in<postgresql, Ts...>(conn);
    scope.commit();
}

/// Drops the tables that exist, referencing tables first, in one transaction (a cycle's
/// closing key is dropped first on PostgreSQL; SQLite checks the keys at COMMIT).
template <Table... Ts>
void drop_all(connection& conn) {
    detail::all_or_nothing scope(conn);
    if (conn.dialect() == dialect_id::sqlite)
        detail::drop_all_in<sqlite, Ts...>(conn);
    else
        detail::drop_all_in<postgresql, Ts...>(conn);
    scope.commit();
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
