// retort/expr/compare.hpp — == != < <= > >=, IS NULL / IS NOT NULL.
#pragma once

#include "retort/detail/type_name.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace op {
struct eq { static constexpr std::string_view sql = " = "; };
struct ne { static constexpr std::string_view sql = " <> "; };
struct lt { static constexpr std::string_view sql = " < "; };
struct le { static constexpr std::string_view sql = " <= "; };
struct gt { static constexpr std::string_view sql = " > "; };
struct ge { static constexpr std::string_view sql = " >= "; };
}  // namespace op

template <class Op, class L, class R>
struct comparison_t : detail::expression_tag {
    using value_type = std::conditional_t<is_nullable_v<L> || is_nullable_v<R>, std::optional<bool>, bool>;
    using tables = detail::concat_t<typename L::tables, typename R::tables>;
    using columns = detail::concat_t<typename L::columns, typename R::columns>;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = L::is_aggregate || R::is_aggregate;
    static constexpr bool is_window = L::is_window || R::is_window;

    L lhs;
    R rhs;

    using is_compound = void;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand_against<D, L, R>(w);
        w.put(Op::sql);
        detail::render_operand_against<D, R, L>(w);
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<comparison_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        // A bound integer compared with a narrower integer column must fit the column's type
        // (PostgreSQL reads the parameter as the column's type and refuses it; so does retort).
        if constexpr (detail::NamedColumn<L> && requires { typename R::bound_value; })
            detail::check_value_fits<L>(rhs, "a comparison");
        if constexpr (detail::NamedColumn<R> && requires { typename L::bound_value; })
            detail::check_value_fits<R>(lhs, "a comparison");
        lhs.for_each_value(f);
        rhs.for_each_value(f);
    }
};

namespace detail {

/// A bound value that may be empty at run time: a std::optional, plain or in retort::value(...).
template <class X>
inline constexpr bool is_optional_operand = is_optional_v<std::remove_cvref_t<X>>;
template <class V>
inline constexpr bool is_optional_operand<value_t<V>> = is_optional_v<V>;

template <class L, class R>
struct operand_check {
    static constexpr bool left_ok = Expression<L> || BindableValue<L> || std::is_same_v<std::remove_cvref_t<L>, null_t>;
    static constexpr bool right_ok = Expression<R> || BindableValue<R> || std::is_same_v<std::remove_cvref_t<R>, null_t>;
    static constexpr bool no_null = !std::is_same_v<std::remove_cvref_t<L>, null_t> &&
                                    !std::is_same_v<std::remove_cvref_t<R>, null_t>;
    // x = $1 with $1 NULL is unknown, so an empty optional would silently match no row.
    static constexpr bool no_optional = !is_optional_operand<std::remove_cvref_t<L>> &&
                                        !is_optional_operand<std::remove_cvref_t<R>>;
};


/// Checked once per (operator, operand types): a readable message, then no cascade.
template <class L, class R>
consteval bool check_comparable() {
    using chk = operand_check<L, R>;
    static_assert(chk::no_null,
                  "retort: comparing with retort::null is always unknown in SQL; use is_null(x) or is_not_null(x)");
    static_assert(!chk::no_null || chk::no_optional,
                  "retort: comparing with a std::optional value matches no row when it is empty (x = NULL is "
                  "unknown in SQL); write is_null(x) for an empty one, compare with *opt for a set one, or "
                  "is_not_distinct_from(x, opt) for NULL-safe equality");
    static_assert(chk::left_ok && chk::right_ok,
                  "retort: an operand of this comparison is neither a retort expression nor a SQL value type");
    if constexpr (chk::left_ok && chk::right_ok && chk::no_null && chk::no_optional) {
        static_assert(kinds_compatible(operand_kind<L>(), operand_kind<R>()),
                      "retort: cannot compare values of incompatible SQL types (e.g. an integer column with "
                      "a string); the operand types are named in 'check_comparable<L, R>' above");
        return kinds_compatible(operand_kind<L>(), operand_kind<R>());
    }
    return false;
}

template <class Op, class L, class R>
constexpr auto make_comparison(L&& l, R&& r) {
    if constexpr (check_comparable<std::remove_cvref_t<L>, std::remove_cvref_t<R>>()) {
        using LE = decltype(as_expression(std::forward<L>(l)));
        using RE = decltype(as_expression(std::forward<R>(r)));
        return comparison_t<Op, LE, RE>{{}, as_expression(std::forward<L>(l)), as_expression(std::forward<R>(r))};
    } else {
        return comparison_t<Op, value_t<bool>, value_t<bool>>{};  // already reported
    }
}

template <class L, class R>
concept ComparisonOperands = Expression<L> || Expression<R>;

}  // namespace detail

template <class L, class R>
    requires detail::ComparisonOperands<L, R>
constexpr auto operator==(L&& l, R&& r) {
    return detail::make_comparison<op::eq>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ComparisonOperands<L, R>
constexpr auto operator!=(L&& l, R&& r) {
    return detail::make_comparison<op::ne>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ComparisonOperands<L, R>
constexpr auto operator<(L&& l, R&& r) {
    return detail::make_comparison<op::lt>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ComparisonOperands<L, R>
constexpr auto operator<=(L&& l, R&& r) {
    return detail::make_comparison<op::le>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ComparisonOperands<L, R>
constexpr auto operator>(L&& l, R&& r) {
    return detail::make_comparison<op::gt>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ComparisonOperands<L, R>
constexpr auto operator>=(L&& l, R&& r) {
    return detail::make_comparison<op::ge>(std::forward<L>(l), std::forward<R>(r));
}

/// Whether `l OP r` is a valid comparison (for constraint probes in tests and user code).
template <class L, class R>
concept ComparableWith =
    (Expression<L> || Expression<R>) &&
    detail::operand_check<L, R>::left_ok && detail::operand_check<L, R>::right_ok &&
    detail::operand_check<L, R>::no_null && detail::operand_check<L, R>::no_optional &&
    kinds_compatible(detail::operand_kind<L>(), detail::operand_kind<R>());

template <bool Negated, class E>
struct null_test_t : detail::expression_tag {
    using is_compound = void;
    using value_type = bool;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;

    E operand;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand<D, E>(w);
        w.put(Negated ? " IS NOT NULL" : " IS NULL");
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<null_test_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        operand.for_each_value(f);
    }
};

/// `x IS NULL`.
template <Expression E>
constexpr null_test_t<false, std::remove_cvref_t<E>> is_null(E&& e) {
    return {{}, std::forward<E>(e)};
}
/// `x IS NOT NULL`.
template <Expression E>
constexpr null_test_t<true, std::remove_cvref_t<E>> is_not_null(E&& e) {
    return {{}, std::forward<E>(e)};
}

}  // namespace retort
