// retort/expr/dynamic.hpp — typed pieces whose SQL shape is chosen at run time.
//
//   in(c<&User::id>, ids)                  ids: a std::vector / std::span / any sized range;
//                                          x IN (?, ?, ...) with one placeholder per element.
//                                          An empty range renders (1 = 0): nothing matches
//                                          (and not_in(x, empty) renders (1 = 1)).
//   all_of(when(name != "", c<&User::name> == name), when(min_age > 0, c<&User::age> >= min_age))
//                                          the AND of the conjuncts whose flag is true; (1 = 1) when none is
//   one_of(choice, asc(c<&User::name>), desc(c<&User::age>))    an ORDER BY term picked at run time
//
// Everything stays typed: the conjuncts and terms are checked at compile time like any
// other; only which of them appear, and how many IN placeholders, is decided at run time.
// The statement's SQL is rendered once per shape and prepared once per connection per shape.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "retort/detail/ranges.hpp"
#include "retort/detail/tuple_apply.hpp"
#include "retort/error.hpp"
#include "retort/expr/arith.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/order.hpp"

namespace retort {

namespace detail {
/// Passed to for_each_value visitors before a dynamic node's values: the node's shape number.
struct shape_mark {
    std::uint32_t value;
};
}  // namespace detail

template <bool Negated, class E, class Container>
struct in_values_t : detail::expression_tag {
    using is_compound = void;
    using value_type = std::conditional_t<is_nullable_v<E>, std::optional<bool>, bool>;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = E::is_aggregate;

    E expr;
    Container values;  // an owned container, or a std::span over the caller's

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        const std::uint32_t n = w.next_shape();
        if (n == 0) {
            w.put(Negated ? "(1 = 1)" : "(1 = 0)");
            return;
        }
        detail::render_operand<D, E>(w);
        w.put(Negated ? " NOT IN (" : " IN (");
        for (std::uint32_t i = 0; i < n; ++i) {
            if (i) w.put(", ");
            D::placeholder(w);
        }
        w.put(')');
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        const auto n = static_cast<std::uint32_t>(std::ranges::size(values));
        f(detail::shape_mark{n});
        if (n == 0) return;
        expr.for_each_value(f);
        for (const auto& v : values) f(v);
    }
};

namespace detail {
/// A run-time list of values for IN (a blob is a value, not a list).
template <class R>
concept ValueRange = std::ranges::sized_range<R> && std::ranges::contiguous_range<R> &&
                     BindableValue<std::ranges::range_value_t<R>> && !std::is_same_v<std::remove_cvref_t<R>, blob>;

template <bool Neg, class E, class R>
constexpr auto make_in_values(E&& e, R&& r) {
    using X = std::remove_cvref_t<E>;
    using V = std::ranges::range_value_t<R>;
    static_assert(kinds_compatible(X::kind, bound_kind_of<V>),
                  "retort: in(x, values): the values' SQL type is incompatible with x");
    if constexpr (std::is_lvalue_reference_v<R>) {
        auto view = std::span<const V>(std::ranges::data(r), std::ranges::size(r));
        return in_values_t<Neg, X, decltype(view)>{{}, std::forward<E>(e), view};
    } else {
        return in_values_t<Neg, X, std::vector<V>>{{}, std::forward<E>(e), std::vector<V>(std::ranges::begin(r), std::ranges::end(r))};
    }
}
}  // namespace detail

/// x IN (run-time list). A named container is referenced (it must outlive the statement);
/// a temporary one is moved into the statement.
template <Expression E, detail::ValueRange R>
    requires std::ranges::contiguous_range<R>
constexpr auto in(E&& e, R&& values) {
    return detail::make_in_values<false>(std::forward<E>(e), std::forward<R>(values));
}
template <Expression E, detail::ValueRange R>
    requires std::ranges::contiguous_range<R>
constexpr auto not_in(E&& e, R&& values) {
    return detail::make_in_values<true>(std::forward<E>(e), std::forward<R>(values));
}

/// A conjunct that is part of the statement only when `enabled` is true.
template <class E>
struct optional_conjunct {
    bool enabled;
    E condition;
};

template <class E>
constexpr optional_conjunct<std::remove_cvref_t<E>> when(bool enabled, E&& condition) {
    static_assert(BooleanExpression<E>, "retort: when(flag, condition) needs a boolean condition");
    return {enabled, std::forward<E>(condition)};
}

template <class... Es>
struct all_of_t : detail::expression_tag {
    using is_compound = void;
    using value_type = std::optional<bool>;
    using tables = detail::concat_t<detail::type_list<>, typename Es::tables...>;
    using columns = detail::concat_t<detail::type_list<>, typename Es::columns...>;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = (false || ... || Es::is_aggregate);
    static constexpr bool is_window = (false || ... || Es::is_window);

    std::tuple<optional_conjunct<Es>...> parts;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        const std::uint32_t mask = w.next_shape();
        if (mask == 0) {
            w.put("(1 = 1)");
            return;
        }
        bool first = true;
        std::size_t i = 0;
        (
            [&] {
                if (mask & (1u << i)) {
                    if (!first) w.put(" AND ");
                    first = false;
                    detail::render_operand<D, Es>(w);
                }
                ++i;
            }(),
            ...);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        std::uint32_t mask = 0;
        std::size_t i = 0;
        detail::tuple_apply([&](const auto&... p) { ((mask |= (p.enabled ? 1u << i : 0u), ++i), ...); }, parts);
        f(detail::shape_mark{mask});
        detail::tuple_apply([&](const auto&... p) { ((p.enabled ? p.condition.for_each_value(f) : void()), ...); }, parts);
    }
};

/// The AND of the enabled conjuncts (at most 32); (1 = 1) when none is enabled.
template <class... Es>
    requires(sizeof...(Es) > 0 && sizeof...(Es) <= 32)
constexpr all_of_t<Es...> all_of(optional_conjunct<Es>... parts) {
    return {{}, {parts...}};
}

template <class... Ts>
struct order_choice_t {
    using tables = detail::concat_t<detail::type_list<>, typename Ts::tables...>;
    using columns = detail::type_list<>;
    static constexpr bool is_aggregate = false;
    std::uint32_t index;
    std::tuple<Ts...> terms;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        const std::uint32_t k = w.next_shape();
        std::uint32_t i = 0;
        ((i++ == k ? Ts::template render<D>(w) : void()), ...);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        if (index >= sizeof...(Ts))
            throw argument_error("retort: one_of(" + std::to_string(index) + ", ...) chooses among " +
                                 std::to_string(sizeof...(Ts)) + " ORDER BY terms");
        f(detail::shape_mark{index});
        std::uint32_t i = 0;
        detail::tuple_apply([&](const auto&... t) { ((i++ == index ? t.for_each_value(f) : void()), ...); }, terms);
    }
};

/// An ORDER BY term chosen at run time among typed terms: one_of(k, asc(a), desc(b)).
/// An index out of range is a retort::argument_error when the statement runs.
template <OrderTerm... Ts>
    requires(sizeof...(Ts) > 0)
constexpr auto one_of(std::size_t index, Ts&&... terms) {
    return order_choice_t<decltype(to_order_term(std::forward<Ts>(terms)))...>{
        static_cast<std::uint32_t>(index), {to_order_term(std::forward<Ts>(terms))...}};
}

template <class... Ts>
struct is_order_term<order_choice_t<Ts...>> : std::true_type {};

}  // namespace retort
