// retort/expr/functions.hpp — SQL functions with typed results.
//
// Aggregates: count(), count(x), count_distinct(x), sum(x), avg(x), min(x), max(x).
//   count is std::int64_t and never NULL; avg is std::optional<double>; sum, min and max
//   are std::optional (NULL over no rows); sum of integers is std::int64_t.
// Scalar: lower, upper, trim, length, substr(x, start[, count]), coalesce(a, b, ...),
//   nullif(a, b), cast<T>(x), and func<"name", Result>(args...) for any other function.
#pragma once

#include <cstdint>
#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/arith.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace detail {
struct plain_call {
    static constexpr bool aggregate = false;
    static constexpr bool distinct = false;
    static constexpr bool star = false;
    static constexpr bool never_null = false;
};
struct aggregate_call : plain_call {
    static constexpr bool aggregate = true;
};
struct count_call : aggregate_call {
    static constexpr bool never_null = true;
};
struct count_star_call : count_call {
    static constexpr bool star = true;
};
struct count_distinct_call : count_call {
    static constexpr bool distinct = true;
};
/// A function that only exists over a window: row_number(), rank(), lag(x) ...
struct window_call : plain_call {
    static constexpr bool window_only = true;
};
}  // namespace detail

template <class Dialects, class Result, class Call, class... Args>
struct function_t;

/// The SQL name of a function, possibly different per dialect.
template <fixed_string Name>
struct fn_name {
    template <class D>
    static constexpr std::string_view get() {
        return Name;
    }
};

template <class Name, class Result, class Call, class... Args>
struct function_t : detail::expression_tag, detail::labelable<function_t<Name, Result, Call, Args...>> {
    using value_type = Result;
    using call = Call;
    using tables = detail::concat_t<detail::type_list<>, typename Args::tables...>;
    using columns = std::conditional_t<Call::aggregate, detail::type_list<>,
                                       detail::concat_t<detail::type_list<>, typename Args::columns...>>;
    static constexpr sql_kind kind = sql_type_of<Result>.kind;
    static constexpr bool is_aggregate = Call::aggregate || (false || ... || Args::is_aggregate);
    static constexpr bool is_window = (false || ... || Args::is_window);
    static constexpr bool never_null = Call::never_null;
    /// An aggregate of an aggregate: only valid under a window (SUM(SUM(x)) OVER (...)).
    static constexpr bool nested_aggregate = Call::aggregate && (false || ... || Args::is_aggregate);

    detail::pack<Args...> args;

    /// This function over a window (see expr/window.hpp).
    template <class... Specs>
    constexpr auto over(Specs... specs) const;
    /// An aggregate over the rows where cond holds: AGG(x) FILTER (WHERE cond) (expr/aggregate_ops.hpp).
    template <class C>
    constexpr auto filter(C&& cond) const;
    /// An aggregate over its rows in this order: STRING_AGG(x, sep ORDER BY y) (expr/aggregate_ops.hpp).
    template <class... Ts>
    constexpr auto order_by(Ts&&... terms) const;

    /// Inside: what is written before the closing parenthesis (an aggregate's ORDER BY).
    template <class D, class Inside = void>
    static constexpr void render(detail::sql_writer& w) {
        if constexpr (requires { Name::template mark<D>(w); }) Name::template mark<D>(w);  // a dialect veto
        w.put(Name::template get<D>());
        w.put('(');
        if (Call::star) w.put('*');
        if (Call::distinct) w.put("DISTINCT ");
        detail::render_comma_list<D, Args...>(w);
        if constexpr (!std::is_void_v<Inside>) Inside::template render<D>(w);
        w.put(')');
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::pack_apply([&](const auto&... a) { (a.for_each_value(f), ...); }, args);
    }
};

namespace detail {
template <class Name, class Result, class Call, class... Args>
constexpr auto make_function(Args&&... args) {
    return function_t<Name, Result, Call, decltype(as_expression(std::forward<Args>(args)))...>{
        {}, {}, {as_expression(std::forward<Args>(args))...}};
}

/// SUM's type: integers sum to std::int64_t, decimals to decimal<>, reals to double.
template <class E>
using numeric_sum_t = std::conditional_t<kind_of<E> == sql_kind::integer, std::int64_t,
                                         std::conditional_t<kind_of<E> == sql_kind::decimal, decimal<>, double>>;
/// AVG's type: decimal<> for decimals, double otherwise.
template <class E>
using numeric_avg_t = std::conditional_t<kind_of<E> == sql_kind::decimal, decimal<>, double>;

template <class E>
consteval bool check_numeric(const char*) {
    static_assert(kind_of<E> == sql_kind::integer || kind_of<E> == sql_kind::real || kind_of<E> == sql_kind::decimal,
                  "retort: sum() and avg() need a numeric expression");
    return true;
}
template <class E>
consteval bool check_text() {
    static_assert(kind_of<E> == sql_kind::text, "retort: this string function needs a text expression");
    return true;
}
template <class E, class T>
using same_nullability_t = std::conditional_t<is_nullable_v<E>, std::optional<T>, T>;
}  // namespace detail

// ---- aggregates

/// COUNT(*)
constexpr auto count() { return function_t<fn_name<"COUNT">, std::int64_t, detail::count_star_call>{}; }

/// COUNT(x): the number of non-NULL values.
template <Expression E>
constexpr auto count(E&& e) {
    return detail::make_function<fn_name<"COUNT">, std::int64_t, detail::count_call>(std::forward<E>(e));
}
/// COUNT(DISTINCT x)
template <Expression E>
constexpr auto count_distinct(E&& e) {
    return detail::make_function<fn_name<"COUNT">, std::int64_t, detail::count_distinct_call>(std::forward<E>(e));
}
/// SUM(x): std::optional<std::int64_t> for integers, std::optional<double> otherwise.
template <Expression E>
constexpr auto sum(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_numeric<X>("sum"));
    return detail::make_function<fn_name<"SUM">, std::optional<detail::numeric_sum_t<X>>, detail::aggregate_call>(
        std::forward<E>(e));
}
/// AVG(x): std::optional<double> (std::optional<decimal<>> for decimals).
template <Expression E>
constexpr auto avg(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_numeric<X>("avg"));
    return detail::make_function<fn_name<"AVG">, std::optional<detail::numeric_avg_t<X>>, detail::aggregate_call>(
        std::forward<E>(e));
}
/// MIN(x): NULL-able x's type.
template <Expression E>
constexpr auto min(E&& e) {
    using X = std::remove_cvref_t<E>;
    return detail::make_function<fn_name<"MIN">, nullable_t<typename X::value_type>, detail::aggregate_call>(
        std::forward<E>(e));
}
/// MAX(x): NULL-able x's type.
template <Expression E>
constexpr auto max(E&& e) {
    using X = std::remove_cvref_t<E>;
    return detail::make_function<fn_name<"MAX">, nullable_t<typename X::value_type>, detail::aggregate_call>(
        std::forward<E>(e));
}

// ---- string functions

template <Expression E>
constexpr auto lower(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_text<X>());
    return detail::make_function<fn_name<"LOWER">, detail::same_nullability_t<X, std::string>, detail::plain_call>(
        std::forward<E>(e));
}
template <Expression E>
constexpr auto upper(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_text<X>());
    return detail::make_function<fn_name<"UPPER">, detail::same_nullability_t<X, std::string>, detail::plain_call>(
        std::forward<E>(e));
}
template <Expression E>
constexpr auto trim(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_text<X>());
    return detail::make_function<fn_name<"TRIM">, detail::same_nullability_t<X, std::string>, detail::plain_call>(
        std::forward<E>(e));
}
/// LENGTH(x) in characters.
template <Expression E>
constexpr auto length(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_text<X>());
    return detail::make_function<fn_name<"LENGTH">, detail::same_nullability_t<X, std::int64_t>, detail::plain_call>(
        std::forward<E>(e));
}
/// SUBSTR(x, start) — 1-based, as in SQL.
template <Expression E, class S>
constexpr auto substr(E&& e, S&& start) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_text<X>());
    return detail::make_function<fn_name<"SUBSTR">, detail::same_nullability_t<X, std::string>, detail::plain_call>(
        std::forward<E>(e), std::forward<S>(start));
}
/// SUBSTR(x, start, count)
template <Expression E, class S, class N>
constexpr auto substr(E&& e, S&& start, N&& count) {
    using X = std::remove_cvref_t<E>;
    static_assert(detail::check_text<X>());
    return detail::make_function<fn_name<"SUBSTR">, detail::same_nullability_t<X, std::string>, detail::plain_call>(
        std::forward<E>(e), std::forward<S>(start), std::forward<N>(count));
}

// ---- NULL handling

namespace detail {
template <class... Es>
consteval bool check_coalesce() {
    constexpr sql_kind k[] = {Es::kind...};
    bool ok = true;
    for (auto x : k) ok = ok && kinds_compatible(k[0], x);
    return ok;
}
template <class First, class... Rest>
struct coalesce_result {
    using last = typename decltype((std::type_identity<First>{}, ..., std::type_identity<Rest>{}))::type;
    using base = unwrap_optional_t<typename First::value_type>;
    using type = std::conditional_t<is_nullable_v<last>, std::optional<base>, base>;
};
}  // namespace detail

/// COALESCE(a, b, ...): the first non-NULL; not NULL-able when the last argument is not.
template <class A, class... Bs>
    requires(Expression<A> && sizeof...(Bs) > 0)
constexpr auto coalesce(A&& a, Bs&&... bs) {
    using R = typename detail::coalesce_result<std::remove_cvref_t<A>, decltype(as_expression(std::forward<Bs>(bs)))...>::type;
    static_assert(detail::check_coalesce<std::remove_cvref_t<A>, decltype(as_expression(std::forward<Bs>(bs)))...>(),
                  "retort: coalesce() arguments must have compatible SQL types");
    return detail::make_function<fn_name<"COALESCE">, R, detail::plain_call>(std::forward<A>(a), std::forward<Bs>(bs)...);
}

/// NULLIF(a, b): NULL when a = b, else a.
template <Expression A, class B>
constexpr auto nullif(A&& a, B&& b) {
    using X = std::remove_cvref_t<A>;
    static_assert(kinds_compatible(X::kind, decltype(as_expression(std::forward<B>(b)))::kind),
                  "retort: nullif() arguments must have compatible SQL types");
    return detail::make_function<fn_name<"NULLIF">, nullable_t<typename X::value_type>, detail::plain_call>(
        std::forward<A>(a), std::forward<B>(b));
}

/// CAST(x AS <T's SQL type>)
template <class T, class E>
struct cast_t : detail::expression_tag, detail::labelable<cast_t<T, E>> {
    using value_type = std::conditional_t<is_nullable_v<E>, nullable_t<T>, T>;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_type_of<T>.kind;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;
    E expr;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("CAST(");
        E::template render<D>(w);
        w.put(" AS ");
        w.put(D::type_name(sql_type_of<T>));
        w.put(')');
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
    }
};

template <FieldValue T, Expression E>
constexpr cast_t<unwrap_optional_t<T>, std::remove_cvref_t<E>> cast(E&& e) {
    return {{}, {}, std::forward<E>(e)};
}

/// Any SQL function by name, with a declared result type: func<"round", double>(c<&T::x>, 2).
template <fixed_string Name, FieldValue Result, class... Args>
constexpr auto func(Args&&... args) {
    return detail::make_function<fn_name<Name>, Result, detail::plain_call>(std::forward<Args>(args)...);
}

/// An aggregate function by name: aggregate<"string_agg", std::optional<std::string>>(x, ", ").
template <fixed_string Name, FieldValue Result, class... Args>
constexpr auto aggregate(Args&&... args) {
    return detail::make_function<fn_name<Name>, Result, detail::aggregate_call>(std::forward<Args>(args)...);
}

}  // namespace retort
