// retort/expr/order.hpp — ORDER BY terms: asc(x), desc(x), or a bare expression.
#pragma once

#include "retort/expr/expression.hpp"

namespace retort {

template <class E, bool Descending>
struct order_term_t {
    using expression = E;
    using tables = typename E::tables;
    E expr;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        E::template render<D>(w);
        w.put(Descending ? " DESC" : " ASC");
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
template <class E, bool D>
struct is_order_term<order_term_t<E, D>> : std::true_type {};

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
