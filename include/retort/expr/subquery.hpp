// retort/expr/subquery.hpp — SELECT statements inside expressions.
//
//   scalar(q)          (SELECT ...) as a value: q selects one column; NULL-able
//   exists(q)          EXISTS (SELECT ...),  not_exists(q)
//   in(x, q)           x IN (SELECT ...),    not_in(x, q)
//
// A subquery may use columns of an enclosing query's tables (correlation): those tables
// are the subquery's free tables, and the enclosing statement must provide them.
#pragma once

#include <tuple>

#include "retort/expr/alias.hpp"
#include "retort/expr/arith.hpp"
#include "retort/expr/expression.hpp"

namespace retort {

/// A SELECT statement (usable as a subquery).
template <class S>
concept SelectStatement = is_select_statement<std::remove_cvref_t<S>>::value;

namespace detail {
template <class S>
constexpr void render_subquery(sql_writer& w, auto render) {
    const auto labels = w.select_labels;
    w.select_labels = {};
    w.put('(');
    render();
    w.put(')');
    w.select_labels = labels;
}

template <class S>
consteval bool check_subquery() {
    constexpr bool derived_ok = [] {
        if constexpr (requires { S::check_derived(); })
            return S::check_derived();
        else
            return true;
    }();
    if constexpr (!derived_ok)
        return false;  // reported
    else if constexpr (requires { S::check_grouping(); })
        return S::check_grouping();
    else
        return true;
}
}  // namespace detail

template <class S>
struct scalar_subquery_t : detail::expression_tag, detail::labelable<scalar_subquery_t<S>> {
    using is_subquery = void;
    using row = typename S::row_type;
    static_assert(std::tuple_size_v<row> == 1, "retort: scalar(q) needs a query that selects exactly one column");
    using value_type = nullable_t<std::tuple_element_t<0, row>>;
    using tables = typename S::tables;
    static constexpr sql_kind kind = sql_type_of<value_type>.kind;
    S query;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_subquery<S>(w, [&] { S::template render<D>(w); });
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        query.for_each_value(f);
    }
};

/// (SELECT ...) as a value.
template <SelectStatement S>
constexpr scalar_subquery_t<std::remove_cvref_t<S>> scalar(S&& q) {
    static_assert(detail::check_subquery<std::remove_cvref_t<S>>());
    return {{}, {}, std::forward<S>(q)};
}

template <bool Negated, class S>
struct exists_t : detail::expression_tag {
    using is_compound = void;
    using value_type = bool;
    using tables = typename S::tables;
    static constexpr sql_kind kind = sql_kind::boolean;
    S query;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put(Negated ? "NOT EXISTS " : "EXISTS ");
        detail::render_subquery<S>(w, [&] { S::template render<D>(w); });
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<exists_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        query.for_each_value(f);
    }
};

template <SelectStatement S>
constexpr exists_t<false, std::remove_cvref_t<S>> exists(S&& q) {
    static_assert(detail::check_subquery<std::remove_cvref_t<S>>());
    return {{}, std::forward<S>(q)};
}
template <SelectStatement S>
constexpr exists_t<true, std::remove_cvref_t<S>> not_exists(S&& q) {
    static_assert(detail::check_subquery<std::remove_cvref_t<S>>());
    return {{}, std::forward<S>(q)};
}

template <bool Negated, class E, class S>
struct in_subquery_t : detail::expression_tag {
    using is_compound = void;
    using value_type = std::conditional_t<is_nullable_v<E>, std::optional<bool>, bool>;
    using tables = detail::concat_t<typename E::tables, typename S::tables>;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = E::is_aggregate;
    E expr;
    S query;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand<D, E>(w);
        w.put(Negated ? " NOT IN " : " IN ");
        detail::render_subquery<S>(w, [&] { S::template render<D>(w); });
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<in_subquery_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
        query.for_each_value(f);
    }
};

namespace detail {
template <class E, class S>
consteval bool check_in_subquery() {
    using row = typename S::row_type;
    static_assert(std::tuple_size_v<row> == 1, "retort: in(x, q) needs a query that selects exactly one column");
    if constexpr (std::tuple_size_v<row> == 1) {
        constexpr sql_kind k = sql_type_of<std::tuple_element_t<0, row>>.kind;
        static_assert(kinds_compatible(E::kind, k),
                      "retort: in(x, q): the subquery's column has a SQL type incompatible with x");
        return kinds_compatible(E::kind, k) && check_subquery<S>();
    }
    return false;
}
}  // namespace detail

template <Expression E, SelectStatement S>
constexpr auto in(E&& e, S&& q) {
    static_assert(detail::check_in_subquery<std::remove_cvref_t<E>, std::remove_cvref_t<S>>());
    return in_subquery_t<false, std::remove_cvref_t<E>, std::remove_cvref_t<S>>{{}, std::forward<E>(e), std::forward<S>(q)};
}
template <Expression E, SelectStatement S>
constexpr auto not_in(E&& e, S&& q) {
    static_assert(detail::check_in_subquery<std::remove_cvref_t<E>, std::remove_cvref_t<S>>());
    return in_subquery_t<true, std::remove_cvref_t<E>, std::remove_cvref_t<S>>{{}, std::forward<E>(e), std::forward<S>(q)};
}

}  // namespace retort
