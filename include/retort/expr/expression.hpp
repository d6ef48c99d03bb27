// retort/expr/expression.hpp — what every expression node provides, and the concepts
// that constrain the public entry points.
//
// A node type encodes the structure; a node object holds the bound values. Each node has
//   using value_type = <the C++ type it yields; std::optional<U> when it can be NULL>;
//   using tables     = detail::type_list<models it reads columns of>;
//   static constexpr bool is_aggregate;
//   template <class D> static constexpr void render(detail::sql_writer&);   // type-only
//   template <class F> constexpr void for_each_value(F&& f) const;          // values, in render order
#pragma once

#include <concepts>
#include <type_traits>

#include "retort/detail/sql_writer.hpp"
#include "retort/types/sql_type.hpp"

namespace retort {

namespace detail {

template <class... Ts>
struct type_list {};

template <class T, class List>
struct list_contains;
template <class T, class... Ts>
struct list_contains<T, type_list<Ts...>> : std::bool_constant<(std::is_same_v<T, Ts> || ...)> {};

template <class... Lists>
struct list_concat;
template <>
struct list_concat<> {
    using type = type_list<>;
};
template <class... As>
struct list_concat<type_list<As...>> {
    using type = type_list<As...>;
};
template <class... As, class... Bs, class... Rest>
struct list_concat<type_list<As...>, type_list<Bs...>, Rest...> {
    using type = typename list_concat<type_list<As..., Bs...>, Rest...>::type;
};
template <class... Lists>
using concat_t = typename list_concat<Lists...>::type;

/// Unique elements, first occurrence first.
template <class Out, class In>
struct list_unique;
template <class... Out>
struct list_unique<type_list<Out...>, type_list<>> {
    using type = type_list<Out...>;
};
template <class... Out, class T, class... In>
struct list_unique<type_list<Out...>, type_list<T, In...>> {
    using type = typename list_unique<
        std::conditional_t<(std::is_same_v<T, Out> || ...), type_list<Out...>, type_list<Out..., T>>,
        type_list<In...>>::type;
};
template <class List>
using dedup_t = typename list_unique<type_list<>, List>::type;

/// Whether every element of Sub is in Super.
template <class Sub, class Super>
struct list_subset;
template <class... Ts, class Super>
struct list_subset<type_list<Ts...>, Super> : std::bool_constant<(list_contains<Ts, Super>::value && ...)> {};

struct expression_tag {};

}  // namespace detail

/// A typed SQL expression: a column, a bound value, or an operator over expressions.
template <class E>
concept Expression = std::derived_from<std::remove_cvref_t<E>, detail::expression_tag>;

/// The SQL type of an expression's value, without NULL-ability.
template <Expression E>
inline constexpr sql_kind kind_of = std::remove_cvref_t<E>::kind;

/// An expression whose value is a SQL boolean (usable in WHERE).
template <class E>
concept BooleanExpression = Expression<E> && kind_of<E> == sql_kind::boolean;

/// An expression that may be NULL.
template <Expression E>
inline constexpr bool is_nullable_v = is_optional_v<typename std::remove_cvref_t<E>::value_type>;

}  // namespace retort
