// retort/expr/predicates.hpp — LIKE / NOT LIKE / ILIKE, BETWEEN, IN with a list fixed in
// the source, IS [NOT] DISTINCT FROM.
//
// ILIKE is PostgreSQL's; on SQLite it is rendered as lower(x) LIKE lower(pattern)
// (documented lowering: SQLite's LIKE is already case-insensitive for ASCII, lower()
// makes the intent explicit). IS DISTINCT FROM is SQLite's IS NOT, and IS NOT DISTINCT
// FROM its IS.
#pragma once

#include <tuple>

#include "retort/detail/ranges.hpp"
#include "retort/detail/tuple_apply.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/expr/arith.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace detail {
template <class L, class R>
consteval bool check_same_kind(const char* = nullptr) {
    static_assert(kinds_compatible(operand_kind<L>(), operand_kind<R>()),
                  "retort: the operands of this predicate have incompatible SQL types; they are named in "
                  "'check_same_kind<L, R>' above");
    return kinds_compatible(operand_kind<L>(), operand_kind<R>());
}

template <class... Es>
struct predicate_base : expression_tag {
    using is_compound = void;
    using tables = concat_t<type_list<>, typename Es::tables...>;
    using columns = concat_t<type_list<>, typename Es::columns...>;
    using value_type = std::conditional_t<(false || ... || is_nullable_v<Es>), std::optional<bool>, bool>;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = (false || ... || Es::is_aggregate);
    static constexpr bool is_window = (false || ... || Es::is_window);
};
}  // namespace detail

template <bool Negated, bool CaseInsensitive, class E, class P>
struct like_t : detail::predicate_base<E, P> {
    E expr;
    P pattern;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        constexpr bool lower_it = CaseInsensitive && D::id == dialect_id::sqlite;
        if (lower_it) w.put("lower(");
        detail::render_operand<D, E>(w);
        if (lower_it) w.put(")");
        if constexpr (CaseInsensitive && D::id == dialect_id::postgresql)
            w.put(Negated ? " NOT ILIKE " : " ILIKE ");
        else
            w.put(Negated ? " NOT LIKE " : " LIKE ");
        if (lower_it) w.put("lower(");
        detail::render_operand<D, P>(w);
        if (lower_it) w.put(")");
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<like_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
        pattern.for_each_value(f);
    }
};

namespace detail {
template <bool Neg, bool CI, class E, class P>
constexpr auto make_like(E&& e, P&& p) {
    using X = std::remove_cvref_t<E>;
    using PE = decltype(as_expression(std::forward<P>(p)));
    static_assert(X::kind == sql_kind::text && PE::kind == sql_kind::text,
                  "retort: LIKE / ILIKE compare a text expression with a text pattern");
    return like_t<Neg, CI, X, PE>{{}, std::forward<E>(e), as_expression(std::forward<P>(p))};
}
}  // namespace detail

/// x LIKE pattern ('%' any run, '_' one character)
template <Expression E, class P>
constexpr auto like(E&& e, P&& pattern) { return detail::make_like<false, false>(std::forward<E>(e), std::forward<P>(pattern)); }
/// x NOT LIKE pattern
template <Expression E, class P>
constexpr auto not_like(E&& e, P&& pattern) { return detail::make_like<true, false>(std::forward<E>(e), std::forward<P>(pattern)); }
/// case-insensitive LIKE (PostgreSQL ILIKE; lower(x) LIKE lower(p) on SQLite)
template <Expression E, class P>
constexpr auto ilike(E&& e, P&& pattern) { return detail::make_like<false, true>(std::forward<E>(e), std::forward<P>(pattern)); }
template <Expression E, class P>
constexpr auto not_ilike(E&& e, P&& pattern) { return detail::make_like<true, true>(std::forward<E>(e), std::forward<P>(pattern)); }

template <bool Negated, class E, class Lo, class Hi>
struct between_t : detail::predicate_base<E, Lo, Hi> {
    E expr;
    Lo low;
    Hi high;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand<D, E>(w);
        w.put(Negated ? " NOT BETWEEN " : " BETWEEN ");
        detail::render_operand<D, Lo>(w);
        w.put(" AND ");
        detail::render_operand<D, Hi>(w);
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<between_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
        low.for_each_value(f);
        high.for_each_value(f);
    }
};

/// low <= x <= high
template <Expression E, class Lo, class Hi>
constexpr auto between(E&& e, Lo&& lo, Hi&& hi) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_same_kind<X, std::remove_cvref_t<Lo>>() && detail::check_same_kind<X, std::remove_cvref_t<Hi>>());
    return between_t<false, X, decltype(as_expression(std::forward<Lo>(lo))), decltype(as_expression(std::forward<Hi>(hi)))>{
        {}, std::forward<E>(e), as_expression(std::forward<Lo>(lo)), as_expression(std::forward<Hi>(hi))};
}
template <Expression E, class Lo, class Hi>
constexpr auto not_between(E&& e, Lo&& lo, Hi&& hi) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_same_kind<X, std::remove_cvref_t<Lo>>() && detail::check_same_kind<X, std::remove_cvref_t<Hi>>());
    return between_t<true, X, decltype(as_expression(std::forward<Lo>(lo))), decltype(as_expression(std::forward<Hi>(hi)))>{
        {}, std::forward<E>(e), as_expression(std::forward<Lo>(lo)), as_expression(std::forward<Hi>(hi))};
}

/// x IN (a, b, c) with a list fixed in the source.
template <bool Negated, class E, class... Vs>
struct in_list_t : detail::predicate_base<E, Vs...> {
    E expr;
    std::tuple<Vs...> values;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand<D, E>(w);
        w.put(Negated ? " NOT IN (" : " IN (");
        detail::render_comma_list<D, Vs...>(w);
        w.put(')');
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<in_list_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
        detail::tuple_apply([&](const auto&... v) { (v.for_each_value(f), ...); }, values);
    }
};

/// x IN (v1, v2, ...): the list is part of the statement's shape. An empty list does not
/// compile (SQL has no empty IN list); see in(x, container) for run-time lists.
template <class R>
concept InListRange = std::ranges::sized_range<R> && std::ranges::contiguous_range<R> &&
                      BindableValue<std::ranges::range_value_t<R>> && !std::is_same_v<std::remove_cvref_t<R>, blob>;

template <Expression E, class... Vs>
    requires(((BindableValue<Vs> || Expression<Vs>) && ...) && !(sizeof...(Vs) == 1 && (InListRange<Vs> && ...)))
constexpr auto in(E&& e, Vs&&... vs) {
    static_assert(sizeof...(Vs) > 0, "retort: in(x) needs at least one value; SQL has no empty IN list");
    using X = std::remove_cvref_t<E>;
    static_assert((detail::check_same_kind<X, std::remove_cvref_t<Vs>>() && ...));
    return in_list_t<false, X, decltype(as_expression(std::forward<Vs>(vs)))...>{
        {}, std::forward<E>(e), {as_expression(std::forward<Vs>(vs))...}};
}
template <Expression E, class... Vs>
    requires(((BindableValue<Vs> || Expression<Vs>) && ...) && !(sizeof...(Vs) == 1 && (InListRange<Vs> && ...)))
constexpr auto not_in(E&& e, Vs&&... vs) {
    static_assert(sizeof...(Vs) > 0, "retort: not_in(x) needs at least one value; SQL has no empty IN list");
    using X = std::remove_cvref_t<E>;
    static_assert((detail::check_same_kind<X, std::remove_cvref_t<Vs>>() && ...));
    return in_list_t<true, X, decltype(as_expression(std::forward<Vs>(vs)))...>{
        {}, std::forward<E>(e), {as_expression(std::forward<Vs>(vs))...}};
}

template <bool Negated, class L, class R>
struct distinct_from_t : detail::predicate_base<L, R> {
    using value_type = bool;  // never NULL
    L lhs;
    R rhs;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand<D, L>(w);
        if constexpr (D::id == dialect_id::sqlite)
            w.put(Negated ? " IS " : " IS NOT ");
        else
            w.put(Negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
        detail::render_operand<D, R>(w);
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<distinct_from_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        lhs.for_each_value(f);
        rhs.for_each_value(f);
    }
};

namespace detail {
/// retort::null as the right operand of IS [NOT] DISTINCT FROM: written as NULL, binds
/// nothing, and takes the left operand's SQL type.
template <class Like>
struct null_literal_t : expression_tag {
    using value_type = nullable_t<typename Like::value_type>;
    using tables = type_list<>;
    static constexpr sql_kind kind = Like::kind;

    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put("NULL");
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};
template <class L, class R>
constexpr auto distinct_operand(R&& r) {
    if constexpr (std::is_same_v<std::remove_cvref_t<R>, null_t>)
        return null_literal_t<L>{};
    else
        return as_expression(std::forward<R>(r));
}
}  // namespace detail

/// a IS DISTINCT FROM b: NULL-safe "not equal" (never NULL); b may be retort::null.
template <Expression L, class R>
constexpr auto is_distinct_from(L&& l, R&& r) {
    using X = std::remove_cvref_t<L>;
    using Y = decltype(detail::distinct_operand<X>(std::forward<R>(r)));
    static_assert(detail::check_same_kind<X, Y>());
    return distinct_from_t<false, X, Y>{{}, std::forward<L>(l), detail::distinct_operand<X>(std::forward<R>(r))};
}
/// a IS NOT DISTINCT FROM b: NULL-safe "equal" (never NULL); b may be retort::null.
template <Expression L, class R>
constexpr auto is_not_distinct_from(L&& l, R&& r) {
    using X = std::remove_cvref_t<L>;
    using Y = decltype(detail::distinct_operand<X>(std::forward<R>(r)));
    static_assert(detail::check_same_kind<X, Y>());
    return distinct_from_t<true, X, Y>{{}, std::forward<L>(l), detail::distinct_operand<X>(std::forward<R>(r))};
}

}  // namespace retort
