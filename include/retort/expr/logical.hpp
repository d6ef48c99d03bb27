// retort/expr/logical.hpp — AND, OR, NOT over boolean expressions.
#pragma once

#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"

namespace retort {

namespace op {
struct and_ { static constexpr std::string_view sql = " AND "; };
struct or_ { static constexpr std::string_view sql = " OR "; };
}  // namespace op

template <class Op, class L, class R>
struct logical_t : detail::expression_tag {
    using is_compound = void;
    using value_type = std::conditional_t<is_nullable_v<L> || is_nullable_v<R>, std::optional<bool>, bool>;
    using tables = detail::concat_t<typename L::tables, typename R::tables>;
    using columns = detail::concat_t<typename L::columns, typename R::columns>;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = L::is_aggregate || R::is_aggregate;
    static constexpr bool is_window = L::is_window || R::is_window;

    L lhs;
    R rhs;

    // AND binds tighter than OR: an OR operand of an AND is parenthesised.
    template <class D, class Child>
    static constexpr void render_operand(detail::sql_writer& w) {
        constexpr bool parens = std::is_same_v<Op, op::and_> && requires { typename Child::is_or; };
        if (parens) w.put('(');
        Child::template render<D>(w);
        if (parens) w.put(')');
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        render_operand<D, L>(w);
        w.put(Op::sql);
        render_operand<D, R>(w);
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<logical_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        lhs.for_each_value(f);
        rhs.for_each_value(f);
    }
};

template <class L, class R>
struct or_expression_t : logical_t<op::or_, L, R> {
    using is_or = void;
};

template <class E>
struct not_t : detail::expression_tag {
    using is_compound = void;
    using value_type = typename E::value_type;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;

    E operand;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("NOT (");
        E::template render<D>(w);
        w.put(')');
    }
    /// `.as<"name">()`: this expression as a labelled select-list item.
    template <fixed_string Name>
    constexpr labeled_t<not_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        operand.for_each_value(f);
    }
};

namespace detail {
template <class L, class R>
consteval bool check_logical() {
    static_assert(BooleanExpression<L> && BooleanExpression<R>,
                  "retort: && and || combine boolean expressions (comparisons, is_null, ...); an operand "
                  "here is not boolean");
    return BooleanExpression<L> && BooleanExpression<R>;
}
}  // namespace detail

template <Expression L, Expression R>
constexpr auto operator&&(L&& l, R&& r) {
    using LE = std::remove_cvref_t<L>;
    using RE = std::remove_cvref_t<R>;
    static_assert(detail::check_logical<LE, RE>());
    return logical_t<op::and_, LE, RE>{{}, std::forward<L>(l), std::forward<R>(r)};
}

template <Expression L, Expression R>
constexpr auto operator||(L&& l, R&& r) {
    using LE = std::remove_cvref_t<L>;
    using RE = std::remove_cvref_t<R>;
    static_assert(detail::check_logical<LE, RE>());
    return or_expression_t<LE, RE>{{{}, std::forward<L>(l), std::forward<R>(r)}};
}

template <Expression E>
constexpr auto operator!(E&& e) {
    static_assert(BooleanExpression<E>, "retort: ! (NOT) needs a boolean expression");
    return not_t<std::remove_cvref_t<E>>{{}, std::forward<E>(e)};
}

}  // namespace retort
