// retort/stmt/select_rules.hpp — the whole-statement rules of a SELECT, each a consteval
// function that fires one `retort:` static_assert: GROUP BY coverage, nested aggregates,
// row locks on SQLite, select<T>() of an undeclared model.
#pragma once

#include "retort/stmt/select_clauses.hpp"

namespace retort {
namespace detail {

template <class T>
inline constexpr bool is_none = std::is_same_v<T, none_t>;

/// Veto: SELECT ... FOR UPDATE / FOR SHARE on SQLite.
struct sqlite_has_no_row_locks {
    static constexpr std::string_view reason =
        "retort: SQLite has no SELECT ... FOR UPDATE / FOR SHARE (a write transaction locks the whole database; "
        "use an IMMEDIATE transaction)";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no SELECT ... FOR UPDATE / FOR SHARE (a write transaction locks the whole "
                      "database; use an IMMEDIATE transaction)");
        return false;
    }
};

template <class Group>
struct group_columns {
    using type = typename Group::grouped;
};
template <>
struct group_columns<none_t> {
    using type = type_list<>;
};

/// The GROUP BY rule for one selected (or HAVING) item.
/// A function, not a class, so that it still returns `false` after the static_assert
/// fires (see table_not_in_statement).
template <class Item, fixed_string Clause>
consteval bool not_grouped() {
    static_assert(Clause.view() == std::string_view("ORDER BY"),
                  "retort: a selected expression is neither aggregated nor in GROUP BY; add it to "
                  "group_by(...) or wrap it in an aggregate (the expression is named in 'not_grouped<...>' above)");
    static_assert(Clause.view() != std::string_view("ORDER BY"),
                  "retort: an ORDER BY expression is neither aggregated nor in GROUP BY; add it to group_by(...), "
                  "order by an aggregate of it, or by a selected expression (the expression is named in "
                  "'not_grouped<...>' above)");
    return false;
}

/// The poisoned select list of select<T>() for a T without a table declaration: the
/// mistake is reported once, where select<T>() is called; rendering or running the
/// statement then reports nothing more.
template <class T>
struct undeclared_model_columns_t {
    using tables = type_list<>;
    using implicit_from = type_list<>;
    using items = type_list<>;
    static constexpr bool any_aggregate = false;
    static constexpr bool failed = true;
    template <class NullableTables>
    using row_type = T;
    static constexpr std::size_t size = 0;
    template <class D>
    static constexpr void render(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

template <class Item>
consteval bool not_nested_aggregate() {
    constexpr bool nested = [] {
        if constexpr (requires { Item::nested_aggregate; }) return Item::nested_aggregate;
        else if constexpr (requires { typename Item::expression; }) return not_nested_aggregate<typename Item::expression>() == false;
        else return false;
    }();
    static_assert(!nested, "retort: aggregate functions cannot be nested (SUM(COUNT(*))) outside a window; aggregate "
                           "in a CTE or derived table first, or use sum(sum(x)).over(...)");
    return !nested;
}

template <fixed_string Clause, class Grouped, class Item>
consteval bool item_grouped() {
    // Item::columns lists the columns read outside aggregates: each must be grouped
    // (count() + c<&T::id> is not exempt because it contains an aggregate).
    if constexpr (list_subset<typename Item::columns, Grouped>::value)
        return true;
    else
        return not_grouped<Item, Clause>();
}

}  // namespace detail
}  // namespace retort
