// retort/expr/case.hpp — CASE WHEN ... THEN ... [ELSE ...] END.
//
//   retort::case_when(c<&T::score> >= 4.5, "great").when(c<&T::score> >= 3.0, "ok").else_("poor")
//
// The result type is the first THEN's; it is NULL-able without ELSE or when any branch is.
#pragma once

#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/arith.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

template <class Cond, class Then>
struct when_clause {
    Cond cond;
    Then then;
};

template <class Else, class... Whens>
struct case_t : detail::expression_tag, detail::labelable<case_t<Else, Whens...>> {
    using first_then = decltype(std::declval<std::tuple_element_t<0, std::tuple<Whens...>>>().then);
    using base = unwrap_optional_t<typename first_then::value_type>;
    static constexpr bool has_else = !std::is_same_v<Else, void>;
    using else_expr = std::conditional_t<has_else, Else, value_t<bool>>;
    static constexpr bool nullable =
        !has_else || (has_else && is_nullable_v<else_expr>) ||
        (false || ... || is_nullable_v<decltype(std::declval<Whens>().then)>);
    using value_type = std::conditional_t<nullable, std::optional<base>, base>;
    using tables = detail::concat_t<detail::type_list<>, typename decltype(std::declval<Whens>().cond)::tables...,
                                    typename decltype(std::declval<Whens>().then)::tables...,
                                    std::conditional_t<has_else, typename else_expr::tables, detail::type_list<>>>;
    using columns = detail::concat_t<detail::type_list<>, typename decltype(std::declval<Whens>().cond)::columns...,
                                     typename decltype(std::declval<Whens>().then)::columns...,
                                     std::conditional_t<has_else, typename else_expr::columns, detail::type_list<>>>;
    static constexpr sql_kind kind = first_then::kind;
    static constexpr bool is_aggregate = (false || ... || (decltype(std::declval<Whens>().cond)::is_aggregate ||
                                                           decltype(std::declval<Whens>().then)::is_aggregate)) ||
                                         (has_else && else_expr::is_aggregate);
    static constexpr bool is_window = (false || ... || (decltype(std::declval<Whens>().cond)::is_window ||
                                                        decltype(std::declval<Whens>().then)::is_window)) ||
                                      (has_else && else_expr::is_window);

    std::tuple<Whens...> whens;
    [[no_unique_address]] std::conditional_t<has_else, Else, detail::type_list<>> otherwise;

    /// Another branch.
    template <class C, class T>
    constexpr auto when(C&& cond, T&& then) const {
        static_assert(!has_else, "retort: when() after else_(): ELSE is the last branch");
        using CE = std::remove_cvref_t<C>;
        using TE = decltype(as_expression(std::forward<T>(then)));
        static_assert(BooleanExpression<CE>, "retort: a CASE condition must be a boolean expression");
        static_assert(kinds_compatible(TE::kind, kind), "retort: every CASE branch must have the same SQL type");
        using W = when_clause<CE, TE>;
        return case_t<void, Whens..., W>{
            {}, {}, std::tuple_cat(whens, std::tuple<W>{W{std::forward<C>(cond), as_expression(std::forward<T>(then))}}), {}};
    }

    /// The ELSE branch; ends the CASE.
    template <class T>
    constexpr auto else_(T&& value) const {
        static_assert(!has_else, "retort: else_() is already given for this CASE");
        using TE = decltype(as_expression(std::forward<T>(value)));
        static_assert(kinds_compatible(TE::kind, kind), "retort: every CASE branch must have the same SQL type");
        return case_t<TE, Whens...>{{}, {}, whens, as_expression(std::forward<T>(value))};
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("CASE");
        (
            [&]<class W>() {
                w.put(" WHEN ");
                decltype(std::declval<W>().cond)::template render<D>(w);
                w.put(" THEN ");
                detail::render_typed<D, decltype(std::declval<W>().then)>(w);
            }.template operator()<Whens>(),
            ...);
        if constexpr (has_else) {
            w.put(" ELSE ");
            detail::render_typed<D, Else>(w);
        }
        w.put(" END");
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::tuple_apply([&](const auto&... wc) { ((wc.cond.for_each_value(f), wc.then.for_each_value(f)), ...); }, whens);
        if constexpr (has_else) otherwise.for_each_value(f);
    }
};

/// CASE WHEN cond THEN value ... — continue with .when(...) and .else_(...).
template <class C, class T>
constexpr auto case_when(C&& cond, T&& then) {
    using CE = std::remove_cvref_t<C>;
    using TE = decltype(as_expression(std::forward<T>(then)));
    static_assert(BooleanExpression<CE>, "retort: a CASE condition must be a boolean expression");
    using W = when_clause<CE, TE>;
    return case_t<void, W>{{}, {}, {W{std::forward<C>(cond), as_expression(std::forward<T>(then))}}, {}};
}

}  // namespace retort
