// retort/stmt/cte.hpp — common table expressions and derived tables, both described by
// a plain struct whose fields name and type the columns (declared like any table):
//
//   struct Cnt { std::int64_t x; };
//   template <> inline constexpr auto retort::table_of<Cnt> = retort::table<Cnt>("cnt");
//
//   auto series = retort::recursive_cte<Cnt>(
//       retort::select(retort::value<std::int64_t>(1)).union_all(
//           retort::select(c<&Cnt::x> + 1).from<Cnt>().where(c<&Cnt::x> < 10)));
//   retort::select(c<&Cnt::x>).from<Cnt>().with(series);      // WITH RECURSIVE "cnt"("x") AS (...) SELECT ...
//
//   auto totals = retort::derived<Totals>(select(...).group_by(...));
//   retort::select(c<&Totals::n>).from(totals);               // FROM (SELECT ... AS "n") AS "totals"
//
//   auto top = retort::lateral<Top>(select(...).where(c<&Post::user_id> == c<&User::id>).limit(1));
//   retort::select(...).from<User>().left_join(top);           // LEFT JOIN LATERAL (...) AS "top" ON TRUE
//
// The query's row type must match the struct's fields in number and SQL type.
#pragma once

#include <array>

#include "retort/expr/subquery.hpp"
#include "retort/stmt/select.hpp"

namespace retort {

namespace detail {

template <class T>
inline constexpr auto column_labels = [] {
    std::array<std::string_view, reflect::field_count<T>> names{};
    for (std::size_t i = 0; i < names.size(); ++i) names[i] = meta<T>.columns[i].name;
    return names;
}();

template <class T>
struct model_row {
    using type = typename reflect::fields_tuple<T>::type;
};

template <class T, class Q>
consteval bool check_query_matches() {
    using row = typename Q::row_type;
    using want = typename model_row<T>::type;
    static_assert(rows_compatible<row, want>::value,
                  "retort: the query of a CTE or derived table must select one column per field of its struct, "
                  "with compatible SQL types (the struct and query are named in 'check_query_matches<T, Q>' above)");
    return rows_compatible<row, want>::value;
}

}  // namespace detail

template <class T, class Q, bool Recursive>
struct cte_t {
    using model = T;
    static constexpr bool recursive = Recursive;
    Q query;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        constexpr auto& m = meta<T>;
        w.quoted(m.name);
        w.put('(');
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            if (i) w.put(", ");
            w.quoted(m.columns[i].name);
        }
        w.put(") AS (");
        Q::template render<D>(w);
        w.put(')');
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        query.for_each_value(f);
    }
};

/// WITH "name"(cols) AS (q): name and columns come from T's table declaration.
template <Table T, SelectStatement Q>
constexpr auto cte(Q&& q) {
    using QS = std::remove_cvref_t<Q>;
    static_assert(detail::check_query_matches<T, QS>() && detail::check_subquery<QS>());
    return cte_t<T, QS, false>{std::forward<Q>(q)};
}

/// WITH RECURSIVE: q may read from T itself (typically a UNION ALL of a base case and a step).
template <Table T, SelectStatement Q>
constexpr auto recursive_cte(Q&& q) {
    using QS = std::remove_cvref_t<Q>;
    static_assert(detail::check_query_matches<T, QS>() && detail::check_subquery<QS>());
    return cte_t<T, QS, true>{std::forward<Q>(q)};
}

/// A SELECT in FROM / JOIN under the name of T's table declaration; its columns are T's fields.
template <class T, class Q>
struct derived_t {
    using value_ref_tag = void;
    using model = T;
    /// The tables its query reads but does not provide: an enclosing query's (correlation).
    /// Never a table of the FROM / JOIN it is part of: only a LATERAL derived table sees those.
    using outer_tables = typename Q::tables;
    Q query;

    template <class F>
    constexpr void for_each_value(F&& f) const {
        query.for_each_value(f);
    }
};

template <class T, class Q>
struct table_ref_traits<derived_t<T, Q>> {
    using model = T;
    using identity = T;
    static constexpr std::string_view qualifier() { return meta<T>.name; }
    template <class D>
    static constexpr void render_from_in(detail::sql_writer& w) {
        const auto labels = w.select_labels;
        w.select_labels = {detail::column_labels<T>.data(), true};
        w.put('(');
        Q::template render<D>(w);
        w.put(") AS ");
        w.quoted(meta<T>.name);
        w.select_labels = labels;
    }
};

/// (SELECT ...) AS "name" in FROM / JOIN.
template <Table T, SelectStatement Q>
constexpr auto derived(Q&& q) {
    using QS = std::remove_cvref_t<Q>;
    static_assert(detail::check_query_matches<T, QS>());
    static_assert(detail::check_subquery<QS>());
    return derived_t<T, QS>{std::forward<Q>(q)};
}

/// LATERAL (SELECT ...) AS "name" (PostgreSQL; a named veto on SQLite): a derived table
/// whose query may read columns of the tables before it in FROM / JOIN (free_tables: they
/// must be in the statement, as a join condition's).
template <class T, class Q>
struct lateral_t {
    using value_ref_tag = void;
    using model = T;
    using free_tables = typename Q::tables;
    Q query;

    template <class F>
    constexpr void for_each_value(F&& f) const {
        query.for_each_value(f);
    }
};

template <class T, class Q>
struct table_ref_traits<lateral_t<T, Q>> {
    using model = T;
    using identity = T;
    static constexpr std::string_view qualifier() { return meta<T>.name; }
    template <class D>
    static constexpr void render_from_in(detail::sql_writer& w) {
        w.put("LATERAL ");
        table_ref_traits<derived_t<T, Q>>::template render_from_in<D>(w);
    }
};

namespace detail {
template <class T, class Q>
struct is_lateral<lateral_t<T, Q>> : std::true_type {};
}  // namespace detail

/// LATERAL (SELECT ...) AS "name" in JOIN: join(l, cond), left_join(l) (ON TRUE), cross_join(l).
template <Table T, SelectStatement Q>
constexpr auto lateral(Q&& q) {
    using QS = std::remove_cvref_t<Q>;
    static_assert(detail::check_query_matches<T, QS>());
    static_assert(detail::check_subquery<QS>());
    return lateral_t<T, QS>{std::forward<Q>(q)};
}

}  // namespace retort
