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
#include "retort/dialect/dialect_id.hpp"
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

/// Base of every expression node. Nodes shadow these defaults as needed:
///   columns      the (non-aggregated) columns the node reads — for the GROUP BY rule
///   is_aggregate the node contains an aggregate function outside a window
///   is_window    the node contains a window function
///   never_null   the value is never NULL, even over an outer join (count)
///   is_dynamic   the SQL text depends on run-time data (IN lists of run-time length ...)
/// Writes an operand, in parentheses when it is itself an operator expression:
/// (a > 1) = b, never a > 1 = b (which SQLite would read as a > (1 = b)).
template <class D, class X>
constexpr void render_operand(sql_writer& w) {
    constexpr bool parens = requires { typename X::is_compound; };
    if (parens) w.put('(');
    X::template render<D>(w);
    if (parens) w.put(')');
}

/// Writes a node; on PostgreSQL a bare bound value is given its C++ type's SQL type,
/// CAST($n AS ...), where the server could not infer it (a select-list item, a CASE
/// branch) or would infer the wrong one (a real value against an integer column).
template <class D, class X>
constexpr void render_typed(sql_writer& w) {
    constexpr bool cast = D::id == dialect_id::postgresql && requires { typename X::bound_value; };
    if (cast) w.put("CAST(");
    X::template render<D>(w);
    if constexpr (cast) {
        w.put(" AS ");
        w.put(D::type_name(sql_type{X::kind, 64}));
        w.put(')');
    }
}

/// An operand of a binary operator: parenthesised when compound; a real bound value
/// facing a non-real operand is typed on PostgreSQL (else $n would be read as an integer).
template <class D, class X, class Other>
constexpr void render_operand_against(sql_writer& w) {
    if constexpr (requires { typename X::bound_value; } && X::kind == sql_kind::real && Other::kind != sql_kind::real)
        render_typed<D, X>(w);
    else
        render_operand<D, X>(w);
}

/// Writes the nodes Xs... separated by ", ".
template <class D, class... Xs>
constexpr void render_comma_list(sql_writer& w) {
    bool first = true;
    ((first ? void(first = false) : w.put(", "), Xs::template render<D>(w)), ...);
}

struct expression_tag {
    using columns = type_list<>;
    static constexpr bool is_aggregate = false;
    static constexpr bool is_window = false;
    static constexpr bool never_null = false;
    static constexpr bool is_dynamic = false;
};

/// Whether two type lists share an element.
template <class A, class B>
struct list_intersects;
template <class... As, class B>
struct list_intersects<type_list<As...>, B> : std::bool_constant<(list_contains<As, B>::value || ...)> {};

/// Elements of A that are not in B.
template <class A, class B>
struct list_minus;
template <class... As, class B>
struct list_minus<type_list<As...>, B> {
    using type = concat_t<std::conditional_t<list_contains<As, B>::value, type_list<>, type_list<As>>...>;
};
template <class A, class B>
using minus_t = typename list_minus<A, B>::type;

}  // namespace detail

/// True for SELECT statements (they can be subqueries).
template <class T>
struct is_select_statement : std::false_type {};

/// A typed SQL expression: a column, a bound value, or an operator over expressions.
template <class E>
concept Expression = std::derived_from<std::remove_cvref_t<E>, detail::expression_tag>;

/// The SQL type of an expression's value, without NULL-ability.
template <Expression E>
inline constexpr sql_kind kind_of = std::remove_cvref_t<E>::kind;

/// An expression whose value is a SQL boolean (usable in WHERE).
template <class E>
concept BooleanExpression = Expression<E> && kind_of<E> == sql_kind::boolean;

/// `std::optional<unwrap(T)>`: the value type of an expression that may be NULL.
template <class T>
using nullable_t = std::optional<unwrap_optional_t<T>>;

/// An expression that may be NULL.
template <Expression E>
inline constexpr bool is_nullable_v = is_optional_v<typename std::remove_cvref_t<E>::value_type>;

}  // namespace retort
