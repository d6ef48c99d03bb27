// retort/stmt/select_clauses.hpp — the clauses a SELECT is built from: the select list,
// FROM and JOIN items, GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET, row locks and WITH.
// Each renders itself for a dialect and visits its bound values; select_t (stmt/select.hpp)
// composes them.
#pragma once

#include <cstdint>
#include <tuple>
#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/column.hpp"
#include "retort/expr/order.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/repeated_terms.hpp"

namespace retort {
namespace detail {

/// An item's value type in a row, given the tables that may be NULL-extended by joins.
template <class E, class NullableTables>
using row_value_t = std::conditional_t<!E::never_null && list_intersects<typename E::tables, NullableTables>::value,
                                       nullable_t<typename E::value_type>, typename E::value_type>;

/// The tables a select-list item puts in an implicit FROM: a subquery's tables belong to
/// an enclosing query (correlation), so they are not added.
template <class E>
struct implicit_tables {
    using type = typename E::tables;
};
template <class E>
    requires requires { typename E::is_subquery; }
struct implicit_tables<E> {
    using type = type_list<>;
};
template <class E>
    requires requires { typename E::expression; }
struct implicit_tables<E> {
    using type = typename implicit_tables<typename E::expression>::type;
};

/// The selected expressions of a select(cols...).
template <class... Es>
struct columns_t {
    using tables = concat_t<type_list<>, typename Es::tables...>;
    using implicit_from = concat_t<type_list<>, typename implicit_tables<Es>::type...>;
    using items = type_list<Es...>;
    static constexpr bool any_aggregate = (false || ... || Es::is_aggregate);
    template <class NullableTables>
    using row_type = std::tuple<row_value_t<Es, NullableTables>...>;
    static constexpr std::size_t size = sizeof...(Es);
    pack<Es...> exprs;

    template <class D>
    static constexpr void render(sql_writer& w) {
        std::size_t i = 0;
        (
            [&] {
                if (i) w.put(", ");
                // PostgreSQL cannot infer the type of a bare parameter in a select list
                // (it would be text): render_typed gives it the C++ value's SQL type.
                if (w.select_labels.active) {  // a derived table or CTE names its columns
                    // ... and that name replaces the item's own label (one AS per item).
                    if constexpr (requires { typename Es::expression; Es::label; })
                        detail::render_typed<D, typename Es::expression>(w);
                    else
                        detail::render_typed<D, Es>(w);
                    w.put(" AS ");
                    w.quoted(w.select_labels.names[i]);
                } else {
                    detail::render_typed<D, Es>(w);
                }
                ++i;
            }(),
            ...);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::pack_apply([&](const auto&... e) { (e.for_each_value(f), ...); }, exprs);
    }
};

/// All columns of a model, in field order: the rows are the model itself.
template <class T>
struct model_columns_t {
    using tables = type_list<T>;
    using implicit_from = type_list<T>;
    using items = type_list<>;
    static constexpr bool any_aggregate = false;
    template <class NullableTables>
    using row_type = T;
    static constexpr std::size_t size = reflect::field_count<T>;

    template <class D>
    static constexpr void render(sql_writer& w) {
        constexpr auto& m = meta<T>;
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            if (i) w.put(", ");
            w.quoted(m.name);
            w.put('.');
            w.quoted(m.columns[i].name);
        }
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// A table reference that carries values (a derived table's bound parameters).
template <class R>
concept ValueRef = requires { typename R::value_ref_tag; };

struct empty_ref {};

/// What a FROM / JOIN item stores: the reference object when it carries values, else nothing.
template <class R>
using ref_storage_t = std::conditional_t<ValueRef<R>, R, empty_ref>;

/// FROM: table references (models, aliases, derived tables). Empty = from the selected columns.
template <class... Refs>
struct from_t {
    using refs = type_list<Refs...>;
    using ids = type_list<typename table_ref_traits<Refs>::identity...>;
    static constexpr bool has_values = (false || ... || ValueRef<Refs>);
    // A std::tuple, not a pack (detail/pack.hpp): with a pack here GCC 12 copies a point
    // select with two more instructions per execution (callgrind, the six-column U2 case).
    std::tuple<ref_storage_t<Refs>...> items;

    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::tuple_apply([&](const auto&... r) { (for_each_ref_value(r, f), ...); }, items);
    }
};

template <class Ref, class F>
constexpr void for_each_ref_value(const Ref& r, F&& f) {
    if constexpr (requires { r.for_each_value(f); }) r.for_each_value(f);
}

template <class D, class Ref>
constexpr void render_from_item(sql_writer& w) {
    if constexpr (requires { table_ref_traits<Ref>::template render_from_in<D>(w); })
        table_ref_traits<Ref>::template render_from_in<D>(w);
    else
        table_ref_traits<Ref>::render_from(w);
}

enum class join_kind : unsigned char { inner, left, right, full, cross };

template <join_kind Kind, class Ref, class Cond>
struct join_t {
    using ref = Ref;
    using id = typename table_ref_traits<Ref>::identity;
    using cond = Cond;
    static constexpr join_kind kind = Kind;
    [[no_unique_address]] ref_storage_t<Ref> table;
    Cond condition;

    template <class D>
    static constexpr void render(sql_writer& w) {
        switch (Kind) {
            case join_kind::inner: w.put(" JOIN "); break;
            case join_kind::left: w.put(" LEFT JOIN "); break;
            case join_kind::right: w.put(" RIGHT JOIN "); break;
            case join_kind::full: w.put(" FULL JOIN "); break;
            case join_kind::cross: w.put(" CROSS JOIN "); break;
        }
        render_from_item<D, Ref>(w);
        if constexpr (Kind != join_kind::cross) {
            w.put(" ON ");
            Cond::template render<D>(w);
        }
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        for_each_ref_value(table, f);
        condition.for_each_value(f);
    }
};

/// The tables a join item itself reads from the statement: a LATERAL derived table's
/// correlated columns (stmt/cte.hpp); none for other references.
template <class Ref>
struct ref_free_tables {
    using type = type_list<>;
};
template <class Ref>
    requires requires { typename Ref::free_tables; }
struct ref_free_tables<Ref> {
    using type = typename Ref::free_tables;
};

/// The tables a derived table's query reads from enclosing queries (stmt/cte.hpp); none for
/// other references.
template <class Ref>
struct ref_outer_tables {
    using type = type_list<>;
};
template <class Ref>
    requires requires { typename Ref::outer_tables; }
struct ref_outer_tables<Ref> {
    using type = typename Ref::outer_tables;
};
template <class Refs>
struct refs_outer_tables;
template <class... Refs>
struct refs_outer_tables<type_list<Refs...>> {
    using type = concat_t<type_list<>, typename ref_outer_tables<Refs>::type...>;
};

template <class... Js>
struct joins_t {
    using ids = type_list<typename Js::id...>;
    using tables = concat_t<type_list<>, typename Js::cond::tables..., typename ref_free_tables<typename Js::ref>::type...>;
    using outer_tables = concat_t<type_list<>, typename ref_outer_tables<typename Js::ref>::type...>;
    static constexpr std::size_t size = sizeof...(Js);
    pack<Js...> items;

    template <class D>
    static constexpr void render(sql_writer& w) {
        (Js::template render<D>(w), ...);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::pack_apply([&](const auto&... j) { (j.for_each_value(f), ...); }, items);
    }
};

/// Tables whose columns may come back NULL because of outer joins.
template <class Seen, class Nullable, class... Js>
struct nullable_walk {
    using type = Nullable;
};
template <class Seen, class Nullable, class J, class... Js>
struct nullable_walk<Seen, Nullable, J, Js...> {
    using ref = type_list<typename J::id>;
    using next_nullable =
        std::conditional_t<J::kind == join_kind::left, concat_t<Nullable, ref>,
        std::conditional_t<J::kind == join_kind::right, concat_t<Nullable, Seen>,
        std::conditional_t<J::kind == join_kind::full, concat_t<Nullable, Seen, ref>, Nullable>>>;
    using type = typename nullable_walk<concat_t<Seen, ref>, next_nullable, Js...>::type;
};

template <class From, class Joins>
struct nullable_of;
template <class From, class... Js>
struct nullable_of<From, joins_t<Js...>> {
    using type = typename nullable_walk<From, type_list<>, Js...>::type;
};

template <class... Es>
struct group_by_t {
    using tables = concat_t<type_list<>, typename Es::tables...>;
    using grouped = concat_t<type_list<>, typename Es::columns...>;
    static constexpr bool any_aggregate = (false || ... || Es::is_aggregate);
    pack<Es...> exprs;

    /// Items: the select list's items; a term repeating one of them with bound values is
    /// written as its position (see stmt/repeated_terms.hpp).
    template <class D, class Items = type_list<>>
    static constexpr void render(sql_writer& w) {
        w.put(" GROUP BY ");
        detail::render_terms<D, Items, Es...>(w);
    }
    template <class Items, class Cols, class F>
    constexpr void for_each_value_in(const Cols& cols, F&& f) const {
        detail::visit_terms_values<"GROUP BY", Items>(exprs, cols, f);
    }
};

template <class E>
struct having_t {
    using tables = typename E::tables;
    using condition_type = E;
    E condition;
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(" HAVING ");
        E::template render<D>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        condition.for_each_value(f);
    }
};

template <class... Terms>
struct order_by_t {
    using tables = concat_t<type_list<>, typename Terms::tables...>;
    using items = type_list<Terms...>;
    static constexpr bool any_aggregate = (false || ... || Terms::is_aggregate);
    pack<Terms...> terms;

    /// Items: the select list's items, as for group_by_t (none for a compound's ORDER BY).
    template <class D, class Items = type_list<>>
    static constexpr void render(sql_writer& w) {
        w.put(" ORDER BY ");
        detail::render_terms<D, Items, Terms...>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::pack_apply([&](const auto&... t) { (t.for_each_value(f), ...); }, terms);
    }
    template <class Items, class Cols, class F>
    constexpr void for_each_value_in(const Cols& cols, F&& f) const {
        detail::visit_terms_values<"ORDER BY", Items>(terms, cols, f);
    }
};

struct limit_t {
    std::int64_t count;
    template <class F>
    constexpr void for_each_value(F&& f) const {
        f(count);
    }
};
struct offset_t {
    std::int64_t count;
    template <class F>
    constexpr void for_each_value(F&& f) const {
        f(count);
    }
};

struct distinct_t {};

/// SELECT DISTINCT ON (cols) (PostgreSQL): one row per distinct value of the columns, the
/// first in ORDER BY order. Columns only, so it binds nothing.
template <class... Cs>
struct distinct_on_t {
    using tables = concat_t<type_list<>, typename Cs::tables...>;
    using items = type_list<Cs...>;
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put("SELECT DISTINCT ON (");
        bool first = true;
        ((first ? void(first = false) : w.put(", "), Cs::template render<D>(w)), ...);
        w.put(") ");
    }
};
template <class X>
struct is_distinct_on : std::false_type {};
template <class... Cs>
struct is_distinct_on<distinct_on_t<Cs...>> : std::true_type {};

struct sqlite_has_no_distinct_on {
    static constexpr std::string_view reason =
        "retort: SQLite has no SELECT DISTINCT ON; pick one row per group with row_number() over a window "
        "in a CTE or derived table, or use distinct()";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>, "retort: SQLite has no SELECT DISTINCT ON; pick one row per group with "
                                       "row_number() over a window in a CTE or derived table, or use distinct()");
        return false;
    }
};

/// DISTINCT ON (a, b) needs ORDER BY to start with a and b (in any order), as PostgreSQL
/// requires; Order's first terms are checked against the DISTINCT ON columns.
template <class Terms, class Ons>
consteval bool order_starts_with_distinct_on() {
    return []<class... Ts, class... Cs>(type_list<Ts...>, type_list<Cs...>) {
        constexpr std::size_t n = sizeof...(Ts) < sizeof...(Cs) ? sizeof...(Ts) : sizeof...(Cs);
        constexpr bool ok = [] {
            bool in[] = {list_contains<typename Ts::expression, type_list<Cs...>>::value..., true};
            for (std::size_t i = 0; i < n; ++i)
                if (!in[i]) return false;
            return true;
        }();
        static_assert(ok, "retort: with distinct_on(cols...), ORDER BY must start with those columns (PostgreSQL: "
                          "\"SELECT DISTINCT ON expressions must match initial ORDER BY expressions\"); put them "
                          "first in order_by(...), then the order that picks the row kept");
        return ok;
    }(Terms{}, Ons{});
}

/// FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED]
/// (PostgreSQL). Refs are the table references named by OF.
enum class lock_strength : unsigned char { update, no_key_update, share, key_share };
enum class lock_wait : unsigned char { wait, nowait, skip_locked };
template <lock_strength S, lock_wait W, class... Refs>
struct lock_t {
    static constexpr lock_strength strength = S;
    static constexpr lock_wait wait = W;
    using tables = type_list<typename table_ref_traits<Refs>::identity...>;
    template <lock_wait W2>
    using with_wait = lock_t<S, W2, Refs...>;
    template <class... Rs>
    using with_of = lock_t<S, W, Refs..., Rs...>;

    static constexpr void render(sql_writer& w) {
        constexpr std::string_view names[] = {" FOR UPDATE", " FOR NO KEY UPDATE", " FOR SHARE", " FOR KEY SHARE"};
        w.put(names[static_cast<int>(S)]);
        if constexpr (sizeof...(Refs) > 0) {
            w.put(" OF ");
            bool first = true;
            ((first ? void(first = false) : w.put(", "), w.quoted(table_ref_traits<Refs>::qualifier())), ...);
        }
        if (W == lock_wait::nowait) w.put(" NOWAIT");
        if (W == lock_wait::skip_locked) w.put(" SKIP LOCKED");
    }
};
using for_update_t = lock_t<lock_strength::update, lock_wait::wait>;
using for_share_t = lock_t<lock_strength::share, lock_wait::wait>;

template <class L>
struct lock_tables_of {
    using type = type_list<>;
};
template <lock_strength S, lock_wait W, class... Refs>
struct lock_tables_of<lock_t<S, W, Refs...>> {
    using type = type_list<typename table_ref_traits<Refs>::identity...>;
};
/// FOR UPDATE OF t: every t is in FROM or JOIN.
template <class Missing>
consteval bool lock_table_not_in_statement() {
    static_assert(always_false<Missing>,
                  "retort: of<T>() after a row lock names a table that is not in FROM or JOIN; the table is named "
                  "in 'lock_table_not_in_statement<T>' above");
    return false;
}
template <class Available, class... Ts>
consteval bool check_lock_tables(type_list<Ts...>) {
    return ([] {
        if constexpr (list_contains<Ts, Available>::value)
            return true;
        else
            return lock_table_not_in_statement<Ts>();
    }() && ...);
}
template <class L>
struct is_lock : std::false_type {};
template <lock_strength S, lock_wait W, class... Refs>
struct is_lock<lock_t<S, W, Refs...>> : std::true_type {};

template <class... Ctes>
struct with_t {
    std::tuple<Ctes...> ctes;
    static constexpr bool recursive = (false || ... || Ctes::recursive);
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(recursive ? "WITH RECURSIVE " : "WITH ");
        detail::render_comma_list<D, Ctes...>(w);
        w.put(' ');
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::tuple_apply([&](const auto&... c) { (c.for_each_value(f), ...); }, ctes);
    }
};

}  // namespace detail
}  // namespace retort
