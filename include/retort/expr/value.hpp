// retort/expr/value.hpp — a bound value inside an expression. It renders as a
// placeholder; the value itself is sent as a parameter, never spliced into SQL text.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "retort/expr/expression.hpp"

namespace retort {

namespace detail {
/// How a bound value is stored in a statement: literals and C strings as string_view
/// (they are static or caller-owned for the call), std::string by copy.
template <class V>
struct stored_value {
    using type = std::remove_cvref_t<V>;
};
template <std::size_t N>
struct stored_value<const char (&)[N]> {
    using type = std::string_view;
};
template <std::size_t N>
struct stored_value<char (&)[N]> {
    using type = std::string;
};
template <>
struct stored_value<const char*> {
    using type = std::string;
};
template <>
struct stored_value<const char*&> {
    using type = std::string;
};
template <>
struct stored_value<const char* const&> {
    using type = std::string;
};
template <>
struct stored_value<std::string_view> {
    using type = std::string;
};
template <>
struct stored_value<std::string_view&> {
    using type = std::string;
};
template <>
struct stored_value<const std::string_view&> {
    using type = std::string;
};
template <class V>
using stored_value_t = typename stored_value<V>::type;
}  // namespace detail

namespace detail {
/// The C++ type a bound value reads back as (string views and C strings are text).
template <class V>
struct read_type {
    using type = V;
};
template <>
struct read_type<std::string_view> {
    using type = std::string;
};
}  // namespace detail

template <class V>
struct value_t : detail::expression_tag {
    using bound_value = V;
    using value_type = typename detail::read_type<V>::type;
    using tables = detail::type_list<>;
    static constexpr sql_kind kind = bound_kind_of<V>;
    static constexpr bool is_aggregate = false;

    V value;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        D::placeholder(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        f(value);
    }
};

namespace detail {
/// The SQL kind of an operator's operand: an expression's, or a plain value's when bound.
template <class X>
consteval sql_kind operand_kind() {
    if constexpr (Expression<X>) return kind_of<X>;
    else if constexpr (BindableValue<X>) return bound_kind_of<X>;
    else return sql_kind::boolean;
}
}  // namespace detail

/// Wraps a plain value into a value_t; passes expressions through.
template <class V>
constexpr auto as_expression(V&& v) {
    if constexpr (Expression<V>)
        return std::remove_cvref_t<V>(std::forward<V>(v));
    else
        return value_t<detail::stored_value_t<V&&>>{{}, detail::stored_value_t<V&&>(std::forward<V>(v))};
}

/// Bound-value form explicitly: `retort::value(42)`.
template <BindableValue V>
constexpr auto value(V&& v) {
    return value_t<detail::stored_value_t<V&&>>{{}, detail::stored_value_t<V&&>(std::forward<V>(v))};
}

}  // namespace retort
