// retort/expr/arith.hpp — + - * / % and unary minus on numbers; + on text is SQL's
// string concatenation (||). Result types: integer op integer is std::int64_t, any
// real operand makes it double; NULL-able when an operand is.
#pragma once

#include <cstdint>

#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace op {
struct add { static constexpr std::string_view sql = " + "; };
struct sub { static constexpr std::string_view sql = " - "; };
struct mul { static constexpr std::string_view sql = " * "; };
struct div { static constexpr std::string_view sql = " / "; };
struct mod { static constexpr std::string_view sql = " % "; };
struct concat { static constexpr std::string_view sql = " || "; };
}  // namespace op

namespace detail {

template <class X>
inline constexpr bool operand_nullable = [] {
    if constexpr (Expression<X>) return is_nullable_v<X>;
    else return is_optional_v<std::remove_cvref_t<X>>;
}();

}  // namespace detail

template <class Op, class L, class R>
struct arith_t : detail::expression_tag, detail::labelable<arith_t<Op, L, R>> {
    using is_compound = void;
    // text || text; any real makes it real; else any decimal makes it decimal; else integer.
    static constexpr sql_kind kind = std::is_same_v<Op, op::concat> ? sql_kind::text
                                     : (L::kind == sql_kind::real || R::kind == sql_kind::real)       ? sql_kind::real
                                     : (L::kind == sql_kind::decimal || R::kind == sql_kind::decimal) ? sql_kind::decimal
                                                                                                      : sql_kind::integer;
    using base_type = std::conditional_t<
        kind == sql_kind::text, std::string,
        std::conditional_t<kind == sql_kind::real, double,
                           std::conditional_t<kind == sql_kind::decimal, decimal<>, std::int64_t>>>;
    using value_type = std::conditional_t<is_nullable_v<L> || is_nullable_v<R>, std::optional<base_type>, base_type>;
    using tables = detail::concat_t<typename L::tables, typename R::tables>;
    using columns = detail::concat_t<typename L::columns, typename R::columns>;
    static constexpr bool is_aggregate = L::is_aggregate || R::is_aggregate;
    static constexpr bool is_window = L::is_window || R::is_window;

    L lhs;
    R rhs;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand_against<D, L, R>(w);
        w.put(Op::sql);
        detail::render_operand_against<D, R, L>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        lhs.for_each_value(f);
        rhs.for_each_value(f);
    }
};

template <class E>
struct negate_t : detail::expression_tag, detail::labelable<negate_t<E>> {
    using is_compound = void;
    using value_type = typename E::value_type;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = E::kind;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;
    E operand;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put('-');
        detail::render_operand<D, E>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        operand.for_each_value(f);
    }
};

namespace detail {

template <class Op, class L, class R>
consteval bool check_arith() {
    constexpr sql_kind lk = operand_kind<L>();
    constexpr sql_kind rk = operand_kind<R>();
    constexpr auto is_number = [](sql_kind k) {
        return k == sql_kind::integer || k == sql_kind::real || k == sql_kind::decimal;
    };
    constexpr bool numeric = is_number(lk) && is_number(rk);
    if constexpr (std::is_same_v<Op, op::add>) {
        constexpr bool text = lk == sql_kind::text && rk == sql_kind::text;
        static_assert(numeric || text,
                      "retort: + needs two numbers (addition) or two texts (concatenation, ||); the operand "
                      "types are named in 'check_arith<Op, L, R>' above");
        return numeric || text;
    } else if constexpr (std::is_same_v<Op, op::mod>) {
        constexpr bool ints = lk == sql_kind::integer && rk == sql_kind::integer;
        static_assert(ints, "retort: % needs two integer operands");
        return ints;
    } else {
        static_assert(numeric,
                      "retort: arithmetic (- * /) needs numeric operands; the operand types are named in "
                      "'check_arith<Op, L, R>' above");
        return numeric;
    }
}

template <class Op, class L, class R>
constexpr auto make_arith(L&& l, R&& r) {
    using LE = decltype(as_expression(std::forward<L>(l)));
    using RE = decltype(as_expression(std::forward<R>(r)));
    if constexpr (check_arith<Op, std::remove_cvref_t<L>, std::remove_cvref_t<R>>()) {
        if constexpr (std::is_same_v<Op, op::add> && LE::kind == sql_kind::text)
            return arith_t<op::concat, LE, RE>{{}, {}, as_expression(std::forward<L>(l)), as_expression(std::forward<R>(r))};
        else
            return arith_t<Op, LE, RE>{{}, {}, as_expression(std::forward<L>(l)), as_expression(std::forward<R>(r))};
    } else {
        return value_t<std::int64_t>{{}, 0};  // already reported
    }
}

template <class L, class R>
concept ArithOperands = (Expression<L> || Expression<R>) && !std::is_same_v<std::remove_cvref_t<L>, null_t> &&
                        !std::is_same_v<std::remove_cvref_t<R>, null_t>;
}  // namespace detail

template <class L, class R>
    requires detail::ArithOperands<L, R>
constexpr auto operator+(L&& l, R&& r) {
    return detail::make_arith<op::add>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ArithOperands<L, R>
constexpr auto operator-(L&& l, R&& r) {
    return detail::make_arith<op::sub>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ArithOperands<L, R>
constexpr auto operator*(L&& l, R&& r) {
    return detail::make_arith<op::mul>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ArithOperands<L, R>
constexpr auto operator/(L&& l, R&& r) {
    return detail::make_arith<op::div>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::ArithOperands<L, R>
constexpr auto operator%(L&& l, R&& r) {
    return detail::make_arith<op::mod>(std::forward<L>(l), std::forward<R>(r));
}
template <Expression E>
constexpr auto operator-(E&& e) {
    using X = std::remove_cvref_t<E>;
    static_assert(X::kind == sql_kind::integer || X::kind == sql_kind::real || X::kind == sql_kind::decimal,
                  "retort: unary - needs a number");
    return negate_t<X>{{}, {}, std::forward<E>(e)};
}

/// Explicit string concatenation: concat(a, b) renders a || b.
template <class L, class R>
    requires detail::ArithOperands<L, R>
constexpr auto concat(L&& l, R&& r) {
    static_assert(detail::operand_kind<std::remove_cvref_t<L>>() == sql_kind::text &&
                      detail::operand_kind<std::remove_cvref_t<R>>() == sql_kind::text,
                  "retort: concat() needs two text operands");
    using LE = decltype(as_expression(std::forward<L>(l)));
    using RE = decltype(as_expression(std::forward<R>(r)));
    return arith_t<op::concat, LE, RE>{{}, {}, as_expression(std::forward<L>(l)), as_expression(std::forward<R>(r))};
}

}  // namespace retort
