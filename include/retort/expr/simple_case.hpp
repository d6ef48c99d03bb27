// retort/expr/simple_case.hpp — the simple CASE form, one subject compared for equality:
//
//   retort::case_(c<&Order::status>).when(1, "new").when(2, "paid").else_("other")
//       CASE "orders"."status" WHEN ? THEN ? WHEN ? THEN ? ELSE ? END
//
// Each WHEN value must have the subject's SQL type, each THEN the first THEN's. The result
// is NULL-able without ELSE or when a branch is (a NULL subject matches no WHEN). For
// conditions of any kind, use case_when(cond, value) (expr/case.hpp).
#pragma once

#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/case.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

template <class Subject, class Else, class... Whens>
struct simple_case_t : detail::expression_tag, detail::labelable<simple_case_t<Subject, Else, Whens...>> {
    using first_then = decltype(std::declval<std::tuple_element_t<0, std::tuple<Whens...>>>().then);
    using base = unwrap_optional_t<typename first_then::value_type>;
    static constexpr bool has_else = !std::is_same_v<Else, void>;
    using else_expr = std::conditional_t<has_else, Else, value_t<bool>>;
    static constexpr bool nullable = !has_else || is_nullable_v<else_expr> ||
                                     (false || ... || is_nullable_v<decltype(std::declval<Whens>().then)>);
    using value_type = std::conditional_t<nullable, std::optional<base>, base>;
    using tables = detail::concat_t<typename Subject::tables, typename decltype(std::declval<Whens>().cond)::tables...,
                                    typename decltype(std::declval<Whens>().then)::tables...,
                                    std::conditional_t<has_else, typename else_expr::tables, detail::type_list<>>>;
    using columns =
        detail::concat_t<typename Subject::columns, typename decltype(std::declval<Whens>().cond)::columns...,
                         typename decltype(std::declval<Whens>().then)::columns...,
                         std::conditional_t<has_else, typename else_expr::columns, detail::type_list<>>>;
    static constexpr sql_kind kind = first_then::kind;
    static constexpr bool is_aggregate =
        Subject::is_aggregate ||
        (false || ... || (decltype(std::declval<Whens>().cond)::is_aggregate ||
                          decltype(std::declval<Whens>().then)::is_aggregate)) ||
        (has_else && else_expr::is_aggregate);
    static constexpr bool is_window = Subject::is_window ||
                                      (false || ... || (decltype(std::declval<Whens>().cond)::is_window ||
                                                        decltype(std::declval<Whens>().then)::is_window)) ||
                                      (has_else && else_expr::is_window);

    Subject subject;
    std::tuple<Whens...> whens;
    [[no_unique_address]] std::conditional_t<has_else, Else, detail::type_list<>> otherwise;

    /// Another branch: WHEN value THEN result.
    template <class V, class T>
    constexpr auto when(V&& value, T&& then) const {
        static_assert(!has_else, "retort: when() after else_(): ELSE is the last branch");
        using VE = decltype(as_expression(std::forward<V>(value)));
        using TE = decltype(as_expression(std::forward<T>(then)));
        static_assert(kinds_compatible(VE::kind, Subject::kind),
                      "retort: case_(x).when(value, ...): the value must have x's SQL type");
        static_assert(kinds_compatible(TE::kind, kind), "retort: every CASE branch must have the same SQL type");
        using W = when_clause<VE, TE>;
        return simple_case_t<Subject, void, Whens..., W>{
            {}, {}, subject,
            std::tuple_cat(whens, std::tuple<W>{W{as_expression(std::forward<V>(value)), as_expression(std::forward<T>(then))}}),
            {}};
    }
    /// The ELSE branch; ends the CASE.
    template <class T>
    constexpr auto else_(T&& value) const {
        static_assert(!has_else, "retort: else_() is already given for this CASE");
        using TE = decltype(as_expression(std::forward<T>(value)));
        static_assert(kinds_compatible(TE::kind, kind), "retort: every CASE branch must have the same SQL type");
        return simple_case_t<Subject, TE, Whens...>{{}, {}, subject, whens, as_expression(std::forward<T>(value))};
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("CASE ");
        detail::render_operand<D, Subject>(w);
        (
            [&]<class W>() {
                w.put(" WHEN ");
                detail::render_operand<D, decltype(std::declval<W>().cond)>(w);
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
        subject.for_each_value(f);
        detail::tuple_apply([&](const auto&... wc) { ((wc.cond.for_each_value(f), wc.then.for_each_value(f)), ...); }, whens);
        if constexpr (has_else) otherwise.for_each_value(f);
    }
};

/// The start of a simple CASE: continue with .when(value, result).
template <class Subject>
struct simple_case_start {
    Subject subject;
    template <class V, class T>
    constexpr auto when(V&& value, T&& then) const {
        using VE = decltype(as_expression(std::forward<V>(value)));
        using TE = decltype(as_expression(std::forward<T>(then)));
        static_assert(kinds_compatible(VE::kind, Subject::kind),
                      "retort: case_(x).when(value, ...): the value must have x's SQL type");
        using W = when_clause<VE, TE>;
        return simple_case_t<Subject, void, W>{
            {}, {}, subject, {W{as_expression(std::forward<V>(value)), as_expression(std::forward<T>(then))}}, {}};
    }
};

/// CASE x WHEN v1 THEN r1 ... END
template <Expression E>
constexpr simple_case_start<std::remove_cvref_t<E>> case_(E&& subject) {
    return {std::forward<E>(subject)};
}

}  // namespace retort
