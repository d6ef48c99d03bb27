// retort/expr/row_value.hpp — row values: several expressions compared as one.
//
//   retort::tuple_(c<&T::a>, c<&T::b>) < retort::tuple_(1, "x")      ("t"."a", "t"."b") < (?, ?)
//   retort::in(retort::tuple_(c<&T::a>, c<&T::b>), retort::tuple_(1, "x"), retort::tuple_(2, "y"))
//       PostgreSQL: ("t"."a", "t"."b") IN (($1, $2), ($3, $4))
//       SQLite:     ("t"."a", "t"."b") IN (VALUES (?, ?), (?, ?))   (SQLite's form of a row-value list)
//
// Both sides must have the same number of items, pairwise of compatible SQL types. A row
// comparison is lexicographic (keyset pagination: WHERE (score, id) < (last_score, last_id)).
// A row value is not a select item by itself.
#pragma once

#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/compare.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

/// (a, b, ...): made by tuple_(...).
template <class... Es>
struct row_tuple_t {
    using tables = detail::concat_t<detail::type_list<>, typename Es::tables...>;
    using columns = detail::concat_t<detail::type_list<>, typename Es::columns...>;
    static constexpr bool nullable = (false || ... || is_nullable_v<Es>);
    static constexpr bool is_aggregate = (false || ... || Es::is_aggregate);
    static constexpr bool is_window = (false || ... || Es::is_window);
    static constexpr std::size_t size = sizeof...(Es);
    using kinds = std::integer_sequence<int, static_cast<int>(Es::kind)...>;
    std::tuple<Es...> items;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put('(');
        detail::render_comma_list<D, Es...>(w);
        w.put(')');
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::tuple_apply([&](const auto&... e) { (e.for_each_value(f), ...); }, items);
    }
};

/// A row value of expressions and plain values (bound).
template <class... Xs>
    requires(sizeof...(Xs) > 1)
constexpr auto tuple_(Xs&&... xs) {
    return row_tuple_t<decltype(as_expression(std::forward<Xs>(xs)))...>{{as_expression(std::forward<Xs>(xs))...}};
}

namespace detail {
template <class R>
struct is_row_tuple : std::false_type {};
template <class... Es>
struct is_row_tuple<row_tuple_t<Es...>> : std::true_type {};

template <class A, class B>
consteval bool rows_match() {
    constexpr bool same_size = A::size == B::size;
    static_assert(same_size, "retort: row values of different lengths: tuple_(a, b) compares with tuple_(x, y), "
                             "item by item");
    if constexpr (same_size) {
        constexpr bool kinds_ok = []<int... As, int... Bs>(std::integer_sequence<int, As...>,
                                                         std::integer_sequence<int, Bs...>) {
            return (kinds_compatible(static_cast<sql_kind>(As), static_cast<sql_kind>(Bs)) && ...);
        }(typename A::kinds{}, typename B::kinds{});
        static_assert(kinds_ok, "retort: row values compare item by item, and an item pair has incompatible SQL "
                                "types (e.g. an integer column with a string)");
        return kinds_ok;
    } else {
        return false;
    }
}
}  // namespace detail

template <class Op, class L, class R>
struct row_comparison_t : detail::expression_tag {
    using is_compound = void;
    using value_type = std::conditional_t<L::nullable || R::nullable, std::optional<bool>, bool>;
    using tables = detail::concat_t<typename L::tables, typename R::tables>;
    using columns = detail::concat_t<typename L::columns, typename R::columns>;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = L::is_aggregate || R::is_aggregate;
    static constexpr bool is_window = L::is_window || R::is_window;
    L lhs;
    R rhs;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        L::template render<D>(w);
        w.put(Op::sql);
        R::template render<D>(w);
    }
    template <fixed_string Name>
    constexpr labeled_t<row_comparison_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        lhs.for_each_value(f);
        rhs.for_each_value(f);
    }
};

namespace detail {
template <class Op, class... Ls, class... Rs>
constexpr auto make_row_comparison(const row_tuple_t<Ls...>& l, const row_tuple_t<Rs...>& r) {
    using L = row_tuple_t<Ls...>;
    using R = row_tuple_t<Rs...>;
    if constexpr (rows_match<L, R>())
        return row_comparison_t<Op, L, R>{{}, l, r};
    else
        return value_t<bool>{{}, false};  // already reported: nothing more
}
}  // namespace detail

template <class... Ls, class... Rs>
constexpr auto operator==(const row_tuple_t<Ls...>& l, const row_tuple_t<Rs...>& r) { return detail::make_row_comparison<op::eq>(l, r); }
template <class... Ls, class... Rs>
constexpr auto operator!=(const row_tuple_t<Ls...>& l, const row_tuple_t<Rs...>& r) { return detail::make_row_comparison<op::ne>(l, r); }
template <class... Ls, class... Rs>
constexpr auto operator<(const row_tuple_t<Ls...>& l, const row_tuple_t<Rs...>& r) { return detail::make_row_comparison<op::lt>(l, r); }
template <class... Ls, class... Rs>
constexpr auto operator<=(const row_tuple_t<Ls...>& l, const row_tuple_t<Rs...>& r) { return detail::make_row_comparison<op::le>(l, r); }
template <class... Ls, class... Rs>
constexpr auto operator>(const row_tuple_t<Ls...>& l, const row_tuple_t<Rs...>& r) { return detail::make_row_comparison<op::gt>(l, r); }
template <class... Ls, class... Rs>
constexpr auto operator>=(const row_tuple_t<Ls...>& l, const row_tuple_t<Rs...>& r) { return detail::make_row_comparison<op::ge>(l, r); }

/// (a, b) [NOT] IN ((x, y), ...) with rows fixed in the source.
template <bool Negated, class L, class... Rs>
struct row_in_t : detail::expression_tag {
    using is_compound = void;
    using value_type = std::conditional_t<(L::nullable || ... || Rs::nullable), std::optional<bool>, bool>;
    using tables = detail::concat_t<typename L::tables, typename Rs::tables...>;
    using columns = detail::concat_t<typename L::columns, typename Rs::columns...>;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = (L::is_aggregate || ... || Rs::is_aggregate);
    static constexpr bool is_window = (L::is_window || ... || Rs::is_window);
    L lhs;
    std::tuple<Rs...> rows;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        L::template render<D>(w);
        w.put(Negated ? " NOT IN (" : " IN (");
        if (D::id == dialect_id::sqlite) w.put("VALUES ");
        bool first = true;
        ((first ? void(first = false) : w.put(", "), Rs::template render<D>(w)), ...);
        w.put(')');
    }
    template <fixed_string Name>
    constexpr labeled_t<row_in_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        lhs.for_each_value(f);
        detail::tuple_apply([&](const auto&... r) { (r.for_each_value(f), ...); }, rows);
    }
};

namespace detail {
template <bool Negated, class L, class... Rs>
constexpr auto make_row_in(const L& l, const Rs&... rs) {
    if constexpr ((rows_match<L, Rs>() && ...))
        return row_in_t<Negated, L, Rs...>{{}, l, {rs...}};
    else
        return value_t<bool>{{}, false};  // already reported: nothing more
}
}  // namespace detail

/// (a, b) IN ((x, y), ...): in(tuple_(a, b), tuple_(x, y), ...)
template <class... Ls, class... Rs>
    requires(sizeof...(Rs) > 0 && (detail::is_row_tuple<Rs>::value && ...))
constexpr auto in(const row_tuple_t<Ls...>& l, const Rs&... rows) {
    return detail::make_row_in<false>(l, rows...);
}
/// (a, b) NOT IN ((x, y), ...)
template <class... Ls, class... Rs>
    requires(sizeof...(Rs) > 0 && (detail::is_row_tuple<Rs>::value && ...))
constexpr auto not_in(const row_tuple_t<Ls...>& l, const Rs&... rows) {
    return detail::make_row_in<true>(l, rows...);
}

}  // namespace retort
