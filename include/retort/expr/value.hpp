// retort/expr/value.hpp — a bound value inside an expression. It renders as a
// placeholder; the value itself is sent as a parameter, never spliced into SQL text.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "retort/error.hpp"
#include "retort/expr/alias.hpp"
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
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<value_t, Name> as() const {
        return {{}, *this};
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

namespace detail {

/// A column node (c<&T::f>, or through an alias): it names its table and column.
template <class X>
concept NamedColumn = requires {
    X::table_name();
    X::name();
    typename X::model;
    typename X::value_type;
};

/// "std::int16_t", "std::uint8_t" ... for messages.
template <class F>
consteval std::string_view integer_type_name() {
    constexpr bool u = std::is_unsigned_v<F>;
    switch (sizeof(F)) {
        case 1: return u ? "std::uint8_t" : "std::int8_t";
        case 2: return u ? "std::uint16_t" : "std::int16_t";
        case 4: return u ? "std::uint32_t" : "std::int32_t";
        default: return u ? "std::uint64_t" : "std::int64_t";
    }
}

[[noreturn]] inline void throw_value_does_not_fit(std::string_view where, std::string_view table,
                                                  std::string_view column, const std::string& value,
                                                  std::string_view type, const std::string& low,
                                                  const std::string& high) {
    throw data_error("retort: the value " + value + " does not fit column \"" + std::string(table) + "\".\"" +
                     std::string(column) + "\", a " + std::string(type) + " field (" + low + " to " + high +
                     "), in " + std::string(where) + "; nothing was sent");
}

/// Whether some value of integer type U does not fit integer type F (false for non-integers).
template <class F, class U>
consteval bool integer_may_not_fit() {
    if constexpr (std::is_integral_v<F> && std::is_integral_v<U> && !std::is_same_v<F, bool> &&
                  !std::is_same_v<U, bool>)
        return !(std::in_range<F>(std::numeric_limits<U>::min()) && std::in_range<F>(std::numeric_limits<U>::max()));
    else
        return false;
}

/// A value written to (or compared with) column Col must fit the column's C++ type, as
/// PostgreSQL enforces for its narrower integer types: SQLite would store 70000 in an
/// int16_t column, and every later read of the row would fail. Throws data_error.
template <class Col, class V>
constexpr void check_value_fits(const V& v, std::string_view where) {
    using F = unwrap_optional_t<typename Col::value_type>;
    using U = std::remove_cvref_t<V>;
    if constexpr (is_optional_v<U>) {
        if (v) check_value_fits<Col>(*v, where);
    } else if constexpr (requires { typename U::bound_value; }) {
        check_value_fits<Col>(v.value, where);
    } else if constexpr (integer_may_not_fit<F, U>()) {
        if (!std::in_range<F>(v))
            throw_value_does_not_fit(where, Col::table_name(), Col::name(), std::to_string(v), integer_type_name<F>(),
                                     std::to_string(std::numeric_limits<F>::min()),
                                     std::to_string(std::numeric_limits<F>::max()));
    }
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
