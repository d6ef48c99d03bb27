// retort/expr/aggregate_ops.hpp — what an aggregate call can say besides its arguments.
//
//   count().filter(c<&Post::score> > 3)          COUNT(*) FILTER (WHERE "posts"."score" > ?)
//   sum(c<&Post::score>).filter(cond)             SUM("posts"."score") FILTER (WHERE ...)
//   string_agg(c<&Post::title>, ", ")             PostgreSQL STRING_AGG("posts"."title", $1)
//                                                 SQLite     GROUP_CONCAT("posts"."title", ?)
//   string_agg(x, ", ").order_by(desc(y))         STRING_AGG(x, $1 ORDER BY y DESC) (PostgreSQL)
//   array_agg(x).order_by(y)                      ARRAY_AGG(x ORDER BY y)            (PostgreSQL)
//
// FILTER (WHERE ...) runs on both databases (SQLite since 3.30). ORDER BY inside an
// aggregate needs PostgreSQL: SQLite 3.40 (Debian bookworm's) has none, so it is a named
// veto there, as is array_agg (SQLite has no arrays). Both combine: .order_by(...).filter(...).
// An aggregate with either can still be labelled (.as<"name">()); it is not a window
// function (no .over()).
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/expression_veto.hpp"
#include "retort/expr/functions.hpp"
#include "retort/expr/order.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace detail {
/// No FILTER clause.
struct no_filter {
    using tables = type_list<>;
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// " ORDER BY t1, t2": written before an aggregate's closing parenthesis.
template <class... Terms>
struct aggregate_order {
    template <class D>
    static constexpr void render(sql_writer& w) {
        if (D::id == dialect_id::sqlite) mark_veto(w, expression_veto::ordered_aggregate_on_sqlite);
        w.put(" ORDER BY ");
        render_comma_list<D, Terms...>(w);
    }
};
}  // namespace detail

/// An aggregate call F with ORDER BY Terms... inside it and a FILTER (WHERE Filter).
template <class F, class Terms, class Filter>
struct aggregate_t;

template <class F, class... Terms, class Filter>
struct aggregate_t<F, std::tuple<Terms...>, Filter> : detail::expression_tag,
                                                       detail::labelable<aggregate_t<F, std::tuple<Terms...>, Filter>> {
    using value_type = typename F::value_type;
    using tables = detail::concat_t<typename F::tables, typename Terms::tables..., typename Filter::tables>;
    static constexpr sql_kind kind = F::kind;
    static constexpr bool is_aggregate = true;
    static constexpr bool never_null = F::never_null;

    F fn;
    std::tuple<Terms...> order;
    Filter condition;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if constexpr (sizeof...(Terms) > 0)
            F::template render<D, detail::aggregate_order<Terms...>>(w);
        else
            F::template render<D>(w);
        if constexpr (!std::is_same_v<Filter, detail::no_filter>) {
            w.put(" FILTER (WHERE ");
            Filter::template render<D>(w);
            w.put(')');
        }
    }
    template <class F2>
    constexpr void for_each_value(F2&& f) const {
        fn.for_each_value(f);
        detail::tuple_apply([&](const auto&... t) { (t.for_each_value(f), ...); }, order);
        condition.for_each_value(f);
    }

    /// ... FILTER (WHERE cond)
    template <class C>
    constexpr auto filter(C&& cond) const;
    /// AGG(x ORDER BY terms...)
    template <class... Ts>
    constexpr auto order_by(Ts&&... terms) const;
};

namespace detail {
template <class T>
struct is_aggregate_call : std::false_type {};
template <class Name, class Result, class Call, class... Args>
struct is_aggregate_call<function_t<Name, Result, Call, Args...>> : std::bool_constant<Call::aggregate> {};
template <class F, class Terms, class Filter>
struct is_aggregate_call<aggregate_t<F, Terms, Filter>> : std::true_type {};

template <class Fn, class C>
consteval bool check_filter() {
    static_assert(is_aggregate_call<Fn>::value,
                  "retort: filter(cond) applies to aggregate functions (count, sum, avg, min, max, string_agg, "
                  "array_agg, aggregate<...>); for another value write case_when(cond, x)");
    constexpr bool boolean = is_aggregate_call<Fn>::value && BooleanExpression<C>;
    static_assert(!is_aggregate_call<Fn>::value || BooleanExpression<C>,
                  "retort: filter(cond) needs a boolean condition");
    if constexpr (boolean) {
        using X = std::remove_cvref_t<C>;
        static_assert(!X::is_aggregate && !X::is_window,
                      "retort: filter(cond): the condition of FILTER (WHERE ...) cannot hold an aggregate or "
                      "window function");
        return !X::is_aggregate && !X::is_window;
    } else {
        return false;
    }
}

template <class Fn, class... Ts>
consteval bool check_aggregate_order() {
    static_assert(is_aggregate_call<Fn>::value,
                  "retort: order_by(...) inside a function applies to aggregate functions (string_agg, "
                  "array_agg, aggregate<...>)");
    constexpr bool terms = (OrderTerm<Ts> && ...);
    static_assert(!is_aggregate_call<Fn>::value || terms,
                  "retort: an aggregate's order_by(...) takes expressions, asc(x) or desc(x)");
    return is_aggregate_call<Fn>::value && terms;
}

template <class Fn, class C>
constexpr auto make_filtered(const Fn& fn, C&& cond) {
    if constexpr (!check_filter<Fn, C>())
        return fn;  // already reported: nothing more
    else if constexpr (is_aggregate_call<Fn>::value && requires { fn.fn; }) {
        static_assert(std::is_same_v<decltype(fn.condition), no_filter>, "retort: filter() is already set on this aggregate");
        using Terms = decltype(fn.order);
        return aggregate_t<std::remove_cvref_t<decltype(fn.fn)>, Terms, std::remove_cvref_t<C>>{
            {}, {}, fn.fn, fn.order, std::forward<C>(cond)};
    } else {
        return aggregate_t<Fn, std::tuple<>, std::remove_cvref_t<C>>{{}, {}, fn, {}, std::forward<C>(cond)};
    }
}

template <class Fn, class... Ts>
constexpr auto make_ordered(const Fn& fn, Ts&&... terms) {
    if constexpr (!check_aggregate_order<Fn, Ts...>())
        return fn;  // already reported: nothing more
    else if constexpr (requires { fn.fn; }) {
        static_assert(std::tuple_size_v<decltype(fn.order)> == 0, "retort: order_by() is already set on this aggregate");
        using Cond = std::remove_cvref_t<decltype(fn.condition)>;
        return aggregate_t<std::remove_cvref_t<decltype(fn.fn)>,
                           std::tuple<decltype(to_order_term(std::forward<Ts>(terms)))...>, Cond>{
            {}, {}, fn.fn, {to_order_term(std::forward<Ts>(terms))...}, fn.condition};
    } else {
        return aggregate_t<Fn, std::tuple<decltype(to_order_term(std::forward<Ts>(terms)))...>, no_filter>{
            {}, {}, fn, {to_order_term(std::forward<Ts>(terms))...}, {}};
    }
}
}  // namespace detail

template <class Name, class Result, class Call, class... Args>
template <class C>
constexpr auto function_t<Name, Result, Call, Args...>::filter(C&& cond) const {
    return detail::make_filtered(*this, std::forward<C>(cond));
}
template <class Name, class Result, class Call, class... Args>
template <class... Ts>
constexpr auto function_t<Name, Result, Call, Args...>::order_by(Ts&&... terms) const {
    return detail::make_ordered(*this, std::forward<Ts>(terms)...);
}
template <class F, class... Terms, class Filter>
template <class C>
constexpr auto aggregate_t<F, std::tuple<Terms...>, Filter>::filter(C&& cond) const {
    return detail::make_filtered(*this, std::forward<C>(cond));
}
template <class F, class... Terms, class Filter>
template <class... Ts>
constexpr auto aggregate_t<F, std::tuple<Terms...>, Filter>::order_by(Ts&&... terms) const {
    return detail::make_ordered(*this, std::forward<Ts>(terms)...);
}

// ---- string_agg and array_agg

namespace detail {
struct string_agg_name {
    template <class D>
    static constexpr std::string_view get() {
        return D::id == dialect_id::sqlite ? "GROUP_CONCAT" : "STRING_AGG";
    }
};
struct array_agg_name {
    template <class D>
    static constexpr std::string_view get() {
        return "ARRAY_AGG";
    }
    template <class D>
    static constexpr void mark(sql_writer& w) {
        if (D::id == dialect_id::sqlite) mark_veto(w, expression_veto::array_agg_on_sqlite);
    }
};
}  // namespace detail

/// The texts of x joined by sep, NULLs skipped; NULL over no rows. PostgreSQL STRING_AGG,
/// SQLite GROUP_CONCAT. .order_by(y) orders them (PostgreSQL).
template <Expression E, class S>
constexpr auto string_agg(E&& e, S&& separator) {
    using X = std::remove_cvref_t<E>;
    static_assert(kind_of<X> == sql_kind::text && detail::operand_kind<std::remove_cvref_t<S>>() == sql_kind::text,
                  "retort: string_agg(x, separator) joins text: x and the separator must be text (cast<std::string>(x) "
                  "for numbers)");
    return detail::make_function<detail::string_agg_name, std::optional<std::string>, detail::aggregate_call>(
        std::forward<E>(e), std::forward<S>(separator));
}

/// The values of x as an array, std::optional<std::vector<T>> (NULL over no rows). PostgreSQL;
/// a named veto on SQLite. .order_by(y) orders the elements.
template <Expression E>
constexpr auto array_agg(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(!is_nullable_v<X>,
                  "retort: array_agg(x) of a NULL-able x would hold NULL elements, which std::vector<T> cannot; "
                  "aggregate coalesce(x, fallback), or filter(is_not_null(x)) and cast to the plain type");
    using T = unwrap_optional_t<typename X::value_type>;
    return detail::make_function<detail::array_agg_name, std::optional<std::vector<T>>, detail::aggregate_call>(
        std::forward<E>(e));
}

}  // namespace retort
