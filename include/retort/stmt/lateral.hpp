// retort/stmt/lateral.hpp — what a SELECT needs to know about LATERAL derived tables
// (PostgreSQL): which join items are lateral, the ON TRUE of a join without a condition,
// and the SQLite veto. The derived table itself, retort::lateral<T>(q), is in stmt/cte.hpp
// beside retort::derived<T>(q):
//
//   auto top = retort::lateral<Top>(select(c<&Post::title>).where(c<&Post::user_id> == c<&User::id>)
//                                       .order_by(desc(c<&Post::score>)).limit(1));
//   select(c<&User::name>, c<&Top::title>).from<User>().left_join(top)
//       ... FROM "users" LEFT JOIN LATERAL (SELECT ...) AS "top" ON TRUE
#pragma once

#include "retort/stmt/select_clauses.hpp"

namespace retort {
namespace detail {

/// Whether a table reference is a LATERAL derived table (specialised in stmt/cte.hpp).
template <class Ref>
struct is_lateral : std::false_type {};

template <class Joins>
struct has_lateral;
template <class... Js>
struct has_lateral<joins_t<Js...>> : std::bool_constant<(false || ... || is_lateral<typename Js::ref>::value)> {};

/// ON TRUE: a lateral join whose correlation is its whole condition.
struct true_condition_t : expression_tag {
    using value_type = bool;
    using tables = type_list<>;
    static constexpr sql_kind kind = sql_kind::boolean;
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put("TRUE");
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// Veto: LATERAL on SQLite.
struct sqlite_has_no_lateral {
    static constexpr std::string_view reason =
        "retort: SQLite has no LATERAL; use a correlated scalar(...) subquery per column, or a window function "
        "(row_number() over a partition) in a CTE or derived table";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no LATERAL; use a correlated scalar(...) subquery per column, or a window "
                      "function (row_number() over a partition) in a CTE or derived table");
        return false;
    }
};

}  // namespace detail
}  // namespace retort
