// retort/stmt/common.hpp — pieces shared by the statements: the empty clause, the
// WHERE clause, and the "every column's table is in the statement" check.
#pragma once

#include <cstdint>
#include <tuple>

#include "retort/detail/type_name.hpp"
#include "retort/expr/expression.hpp"
#include "retort/schema/table.hpp"
#include "retort/dialect/dialect.hpp"

namespace retort {

namespace detail {

/// An absent clause: renders nothing, binds nothing.
struct none_t {
    using tables = type_list<>;
    static constexpr bool any_aggregate = false;
    template <class D>
    static constexpr void render(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

template <class E>
struct where_t {
    using tables = typename E::tables;
    E condition;

    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(" WHERE ");
        E::template render<D>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        condition.for_each_value(f);
    }
};

/// The diagnostic for a column whose table is not part of the statement. Its template
/// arguments name the table that is missing and the clause that used it. A function, not a
/// class: after its static_assert fires it still returns a constant `false` on every
/// compiler (clang marks a class whose static_assert failed invalid, and every constant
/// expression that reads it then fails too: a cascade of follow-on errors).
template <class MissingTable, fixed_string Clause>
consteval bool table_not_in_statement() {
    static_assert(always_false<MissingTable>,
                  "retort: a column is used whose table is not in this statement (FROM / JOIN / the "
                  "UPDATE or DELETE target); the table and the clause are named in "
                  "'table_not_in_statement<Table, \"clause\">' above");
    return false;
}

template <fixed_string Clause, class Available, class T>
consteval bool table_available() {
    if constexpr (list_contains<T, Available>::value)
        return true;
    else
        return table_not_in_statement<T, Clause>();
}

/// True when every table in Used is in Available; otherwise one readable error per missing table.
template <fixed_string Clause, class Used, class Available>
consteval bool check_tables() {
    return []<class... Ts>(type_list<Ts...>) {
        return (table_available<Clause, Available, Ts>() && ...);
    }(dedup_t<Used>{});
}

template <class E>
consteval bool check_where_condition() {
    static_assert(BooleanExpression<E>,
                  "retort: where() needs a boolean expression, such as c<&User::age> > 30");
    if constexpr (BooleanExpression<E>) {
        static_assert(!E::is_aggregate,
                      "retort: aggregate functions are not allowed in WHERE; filter groups with having()");
        static_assert(!E::is_window,
                      "retort: window functions are not allowed in WHERE; filter their results in an "
                      "enclosing query (a CTE or a derived table)");
        return !E::is_aggregate && !E::is_window;
    }
    return false;
}

/// The diagnostic for a feature the dialect lacks. Reason is the sentence, in pieces of at
/// most 32 characters cut at spaces: clang shows a longer string template argument cut
/// short ("retort: SQLite has no SELECT ... F[...]").
template <fixed_string... Reason>
consteval bool unsupported_in_dialect() {
    static_assert(sizeof...(Reason) == 0,
                  "retort: this statement uses SQL that the dialect does not have; the reason is spelled "
                  "out in 'unsupported_in_dialect<\"...\", ...>' above");
    return false;
}

inline constexpr std::size_t reason_piece_max = 32;

/// Where piece I of a reason starts (I == the piece count: the reason's end).
consteval std::size_t reason_piece_start(std::string_view s, std::size_t i) {
    std::size_t at = 0;
    for (; i > 0 && at < s.size(); --i) {
        std::size_t end = std::min(s.size(), at + reason_piece_max);
        if (end < s.size()) {
            const auto space = s.rfind(' ', end - 1);
            if (space != std::string_view::npos && space >= at) end = space + 1;
        }
        at = end;
    }
    return at;
}

consteval std::size_t reason_piece_count(std::string_view s) {
    std::size_t n = 0;
    while (reason_piece_start(s, n) < s.size()) ++n;
    return n;
}

/// The sentence saying why statement S cannot run on dialect D, or "" when it can.
template <class S, class D>
consteval std::string_view unsupported_reason() {
    if constexpr (requires { S::template unsupported<D>(); })
        return S::template unsupported<D>();
    else
        return {};
}

/// Writes `keyword "t1", "t2"` for extra tables (UPDATE ... FROM, DELETE ... USING); nothing when none.
template <class... Ts>
constexpr void render_table_list(sql_writer& w, std::string_view keyword, type_list<Ts...>) {
    if constexpr (sizeof...(Ts) > 0) {
        w.put(keyword);
        bool first = true;
        ((first ? void(first = false) : w.put(", "), w.quoted(meta<Ts>.name)), ...);
    }
}


}  // namespace detail

/// Any retort statement: it can render itself for a dialect and bind its values.
template <class S>
concept Statement = requires { typename std::remove_cvref_t<S>::statement_kind; };

struct select_kind {};
struct insert_kind {};
struct update_kind {};
struct delete_kind {};
struct ddl_kind {};

}  // namespace retort
