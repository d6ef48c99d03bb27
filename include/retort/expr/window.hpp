// retort/expr/window.hpp — window functions.
//
//   retort::row_number().over(retort::partition_by(c<&T::g>), retort::order_by(desc(c<&T::x>)))
//   retort::sum(c<&T::x>).over(retort::order_by(c<&T::d>), retort::rows_between(retort::unbounded_preceding,
//                                                                            retort::current_row))
//   rank(), dense_rank(), lag(x[, offset[, default]]), lead(...), first_value(x), last_value(x), ntile(n)
//
// row_number() and friends are not expressions until .over(...) gives them a window.
// Window functions may not appear in WHERE, GROUP BY or HAVING.
#pragma once

#include <cstdint>
#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/detail/type_name.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/functions.hpp"
#include "retort/expr/order.hpp"

namespace retort {

template <class... Es>
struct partition_by_t {
    std::tuple<Es...> exprs;
};
template <class... Ts>
struct window_order_t {
    std::tuple<Ts...> terms;
};

/// PARTITION BY inside over(...).
template <Expression... Es>
    requires(sizeof...(Es) > 0)
constexpr partition_by_t<std::remove_cvref_t<Es>...> partition_by(Es&&... es) {
    return {{std::forward<Es>(es)...}};
}
/// ORDER BY inside over(...).
template <OrderTerm... Ts>
    requires(sizeof...(Ts) > 0)
constexpr auto order_by(Ts&&... ts) {
    return window_order_t<decltype(to_order_term(std::forward<Ts>(ts)))...>{{to_order_term(std::forward<Ts>(ts))...}};
}

// ---- frames: ROWS / RANGE BETWEEN <bound> AND <bound>; offsets are constants of the shape

struct unbounded_preceding_t {
    static constexpr void render(detail::sql_writer& w) { w.put("UNBOUNDED PRECEDING"); }
};
struct current_row_t {
    static constexpr void render(detail::sql_writer& w) { w.put("CURRENT ROW"); }
};
struct unbounded_following_t {
    static constexpr void render(detail::sql_writer& w) { w.put("UNBOUNDED FOLLOWING"); }
};
template <std::size_t N>
struct preceding_t {
    static constexpr void render(detail::sql_writer& w) {
        w.put_number(N);
        w.put(" PRECEDING");
    }
};
template <std::size_t N>
struct following_t {
    static constexpr void render(detail::sql_writer& w) {
        w.put_number(N);
        w.put(" FOLLOWING");
    }
};
inline constexpr unbounded_preceding_t unbounded_preceding{};
inline constexpr current_row_t current_row{};
inline constexpr unbounded_following_t unbounded_following{};
template <std::size_t N>
inline constexpr preceding_t<N> preceding{};
template <std::size_t N>
inline constexpr following_t<N> following{};

template <bool Range, class Start, class End>
struct frame_t {
    static constexpr void render(detail::sql_writer& w) {
        w.put(Range ? " RANGE BETWEEN " : " ROWS BETWEEN ");
        Start::render(w);
        w.put(" AND ");
        End::render(w);
    }
};
template <class S, class E>
constexpr frame_t<false, S, E> rows_between(S, E) { return {}; }
template <class S, class E>
constexpr frame_t<true, S, E> range_between(S, E) { return {}; }

namespace detail {
template <class T> struct is_partition : std::false_type {};
template <class... Es> struct is_partition<partition_by_t<Es...>> : std::true_type {};
template <class T> struct is_window_order : std::false_type {};
template <class... Ts> struct is_window_order<window_order_t<Ts...>> : std::true_type {};
template <class T> struct is_frame : std::false_type {};
template <bool R, class S, class E> struct is_frame<frame_t<R, S, E>> : std::true_type {};

template <template <class> class Pred, class Default, class... Ts>
struct find_spec {
    using type = Default;
};
template <template <class> class Pred, class Default, class T, class... Ts>
struct find_spec<Pred, Default, T, Ts...> {
    using type = std::conditional_t<Pred<T>::value, T, typename find_spec<Pred, Default, Ts...>::type>;
};
}  // namespace detail

template <class F, class Partition, class Order, class Frame>
struct window_t : detail::expression_tag, detail::labelable<window_t<F, Partition, Order, Frame>> {
    using value_type = typename F::value_type;
    using tables = detail::concat_t<typename F::tables, typename decltype([]<class... Es>(partition_by_t<Es...>*) {
                                        return std::type_identity<detail::concat_t<detail::type_list<>, typename Es::tables...>>{};
                                    }(static_cast<Partition*>(nullptr)))::type,
                                    typename decltype([]<class... Ts>(window_order_t<Ts...>*) {
                                        return std::type_identity<detail::concat_t<detail::type_list<>, typename Ts::tables...>>{};
                                    }(static_cast<Order*>(nullptr)))::type>;
    // Non-aggregated columns the window reads (arguments, PARTITION BY, ORDER BY): in a
    // grouped query they must be grouped like any selected column.
    using columns = detail::concat_t<typename F::columns,
                                     typename decltype([]<class... Es>(partition_by_t<Es...>*) {
                                         return std::type_identity<detail::concat_t<detail::type_list<>, typename Es::columns...>>{};
                                     }(static_cast<Partition*>(nullptr)))::type,
                                     typename decltype([]<class... Ts>(window_order_t<Ts...>*) {
                                         return std::type_identity<detail::concat_t<detail::type_list<>, typename Ts::columns...>>{};
                                     }(static_cast<Order*>(nullptr)))::type>;
    static constexpr sql_kind kind = F::kind;
    static constexpr bool is_window = true;
    static constexpr bool never_null = F::never_null;

    F function;
    Partition partition;
    Order order;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        F::template render<D>(w);
        w.put(" OVER (");
        bool space = false;
        [&]<class... Es>(partition_by_t<Es...>*) {
            if constexpr (sizeof...(Es) > 0) {
                w.put("PARTITION BY ");
                detail::render_comma_list<D, Es...>(w);
                space = true;
            }
        }(static_cast<Partition*>(nullptr));
        [&]<class... Ts>(window_order_t<Ts...>*) {
            if constexpr (sizeof...(Ts) > 0) {
                if (space) w.put(' ');
                w.put("ORDER BY ");
                detail::render_comma_list<D, Ts...>(w);
            }
        }(static_cast<Order*>(nullptr));
        if constexpr (!std::is_same_v<Frame, void>) Frame::render(w);
        w.put(')');
    }
    template <class F2>
    constexpr void for_each_value(F2&& f) const {
        function.for_each_value(f);
        detail::tuple_apply([&](const auto&... e) { (e.for_each_value(f), ...); }, partition.exprs);
        detail::tuple_apply([&](const auto&... t) { (t.for_each_value(f), ...); }, order.terms);
    }
};

namespace detail {
template <class Want, class Have>
constexpr void assign_if(Want& out, const Have& in) {
    if constexpr (std::is_same_v<Want, Have>) out = in;
}
template <class F, class... Specs>
constexpr auto make_window(const F& f, Specs... specs) {
    static_assert(!F::call::distinct, "retort: DISTINCT is not supported in window functions (count_distinct(x).over(...))");
    static_assert(((is_partition<Specs>::value || is_window_order<Specs>::value || is_frame<Specs>::value) && ...),
                  "retort: over(...) takes partition_by(...), order_by(...) and a frame (rows_between / range_between)");
    using P = typename find_spec<is_partition, partition_by_t<>, Specs...>::type;
    using O = typename find_spec<is_window_order, window_order_t<>, Specs...>::type;
    using Fr = typename find_spec<is_frame, void, Specs...>::type;
    P p{};
    O o{};
    ((is_partition<Specs>::value ? void(assign_if<P>(p, specs)) : void()), ...);
    ((is_window_order<Specs>::value ? void(assign_if<O>(o, specs)) : void()), ...);
    return window_t<F, P, O, Fr>{{}, {}, f, p, o};
}
}  // namespace detail

/// An aggregate (or any function) over a window: sum(x).over(partition_by(g), order_by(d)).
template <class Name, class Result, class Call, class... Args>
template <class... Specs>
constexpr auto function_t<Name, Result, Call, Args...>::over(Specs... specs) const {
    return detail::make_window(*this, specs...);
}

/// A function that only exists over a window: row_number(), rank(), lag(x) ... It is an
/// expression only so that using it without .over(...) gets a sentence, not an overload
/// failure: rendering it is a compile error.
template <fixed_string Name, class Result, class... Args>
struct window_function_t : detail::expression_tag {
    using value_type = Result;
    using tables = detail::concat_t<detail::type_list<>, typename Args::tables...>;
    static constexpr sql_kind kind = sql_type_of<Result>.kind;
    static constexpr bool is_window = true;
    detail::pack<Args...> args;

    template <class D>
    static constexpr void render(detail::sql_writer&) {
        static_assert(detail::always_false<D>,
                      "retort: row_number(), rank(), lag() and the other window functions need a window: add "
                      ".over(...), e.g. row_number().over(order_by(c<&T::x>))");
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
    template <class... Specs>
    constexpr auto over(Specs... specs) const {
        using F = function_t<fn_name<Name>, Result, detail::plain_call, Args...>;
        return detail::make_window(F{{}, {}, args}, specs...);
    }
};

constexpr window_function_t<"ROW_NUMBER", std::int64_t> row_number() { return {}; }
constexpr window_function_t<"RANK", std::int64_t> rank() { return {}; }
constexpr window_function_t<"DENSE_RANK", std::int64_t> dense_rank() { return {}; }
constexpr window_function_t<"PERCENT_RANK", double> percent_rank() { return {}; }
constexpr window_function_t<"CUME_DIST", double> cume_dist() { return {}; }

/// NTILE(n): bucket number 1..n.
constexpr auto ntile(std::int64_t n) {
    return window_function_t<"NTILE", std::int64_t, value_t<std::int64_t>>{{}, {value_t<std::int64_t>{{}, n}}};
}

/// LAG(x): the value `offset` rows before (NULL-able).
template <Expression E>
constexpr auto lag(E&& e) {
    using X = std::remove_cvref_t<E>;
    return window_function_t<"LAG", nullable_t<typename X::value_type>, X>{{}, {std::forward<E>(e)}};
}
/// LAG(x, offset): offset is a bound integer.
template <Expression E>
constexpr auto lag(E&& e, std::int64_t offset) {
    using X = std::remove_cvref_t<E>;
    return window_function_t<"LAG", nullable_t<typename X::value_type>, X, value_t<std::int64_t>>{
        {}, {std::forward<E>(e), value_t<std::int64_t>{{}, offset}}};
}
template <Expression E>
constexpr auto lead(E&& e) {
    using X = std::remove_cvref_t<E>;
    return window_function_t<"LEAD", nullable_t<typename X::value_type>, X>{{}, {std::forward<E>(e)}};
}
template <Expression E>
constexpr auto lead(E&& e, std::int64_t offset) {
    using X = std::remove_cvref_t<E>;
    return window_function_t<"LEAD", nullable_t<typename X::value_type>, X, value_t<std::int64_t>>{
        {}, {std::forward<E>(e), value_t<std::int64_t>{{}, offset}}};
}

namespace detail {
template <class X, class V>
consteval bool check_lag_default() {
    static_assert(kinds_compatible(X::kind, V::kind),
                  "retort: lag(x, offset, default) / lead(...): the default has a SQL type incompatible with x");
    return kinds_compatible(X::kind, V::kind);
}
/// LAG/LEAD(x, offset, default): NULL-able only when x or the default is.
template <fixed_string Name, class E, class V>
constexpr auto offset_with_default(E&& e, std::int64_t offset, V&& fallback) {
    using X = std::remove_cvref_t<E>;
    using DV = decltype(as_expression(std::forward<V>(fallback)));
    using R = std::conditional_t<is_nullable_v<X> || is_nullable_v<DV>, nullable_t<typename X::value_type>,
                                 typename X::value_type>;
    if constexpr (check_lag_default<X, DV>())
        return window_function_t<Name, R, X, value_t<std::int64_t>, DV>{
            {}, {std::forward<E>(e), value_t<std::int64_t>{{}, offset}, as_expression(std::forward<V>(fallback))}};
    else
        return window_function_t<Name, R, X>{};  // already reported: nothing more
}
}  // namespace detail

/// LAG(x, offset, default): the default instead of NULL where there is no such row.
template <Expression E, class V>
    requires(Expression<V> || BindableValue<V>)
constexpr auto lag(E&& e, std::int64_t offset, V&& fallback) {
    return detail::offset_with_default<"LAG">(std::forward<E>(e), offset, std::forward<V>(fallback));
}
/// LEAD(x, offset, default)
template <Expression E, class V>
    requires(Expression<V> || BindableValue<V>)
constexpr auto lead(E&& e, std::int64_t offset, V&& fallback) {
    return detail::offset_with_default<"LEAD">(std::forward<E>(e), offset, std::forward<V>(fallback));
}
template <Expression E>
constexpr auto first_value(E&& e) {
    using X = std::remove_cvref_t<E>;
    return window_function_t<"FIRST_VALUE", typename X::value_type, X>{{}, {std::forward<E>(e)}};
}
template <Expression E>
constexpr auto last_value(E&& e) {
    using X = std::remove_cvref_t<E>;
    return window_function_t<"LAST_VALUE", typename X::value_type, X>{{}, {std::forward<E>(e)}};
}

}  // namespace retort
