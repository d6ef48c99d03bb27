// retort/expr/order.hpp — ORDER BY terms: asc(x), desc(x) or a bare expression, with
// optional .nulls_first() / .nulls_last().
#pragma once

#include "retort/expr/expression.hpp"

namespace retort {

enum class nulls_order : unsigned char { unspecified, first, last };

template <class E, bool Descending, nulls_order Nulls = nulls_order::unspecified>
struct order_term_t {
    using expression = E;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr bool is_aggregate = E::is_aggregate;
    E expr;

    constexpr order_term_t<E, Descending, nulls_order::first> nulls_first() const { return {expr}; }
    constexpr order_term_t<E, Descending, nulls_order::last> nulls_last() const { return {expr}; }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        E::template render<D>(w);
        render_direction(w);
    }
    /// " ASC" / " DESC" and NULLS FIRST / LAST, after the expression (or a select-list position).
    static constexpr void render_direction(detail::sql_writer& w) {
        w.put(Descending ? " DESC" : " ASC");
        if (Nulls == nulls_order::first) w.put(" NULLS FIRST");
        if (Nulls == nulls_order::last) w.put(" NULLS LAST");
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
    }
};

template <Expression E>
constexpr order_term_t<std::remove_cvref_t<E>, false> asc(E&& e) {
    return {std::forward<E>(e)};
}
template <Expression E>
constexpr order_term_t<std::remove_cvref_t<E>, true> desc(E&& e) {
    return {std::forward<E>(e)};
}

template <class T>
struct is_order_term : std::false_type {};
template <class E, bool D, nulls_order N>
struct is_order_term<order_term_t<E, D, N>> : std::true_type {};

/// An ORDER BY argument: asc(x), desc(x) or an expression (ascending).
template <class T>
concept OrderTerm = Expression<T> || is_order_term<std::remove_cvref_t<T>>::value;

template <OrderTerm T>
constexpr auto to_order_term(T&& t) {
    if constexpr (Expression<T>)
        return order_term_t<std::remove_cvref_t<T>, false>{std::forward<T>(t)};
    else
        return std::remove_cvref_t<T>(std::forward<T>(t));
}

}  // namespace retort
