// retort/expr/alias.hpp — `expr.as<"name">()`: a select-list item with a column alias.
#pragma once

#include "retort/detail/fixed_string.hpp"
#include "retort/expr/expression.hpp"

namespace retort {

template <class E, fixed_string Name>
struct labeled_t : detail::expression_tag {
    using expression = E;
    using value_type = typename E::value_type;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = E::kind;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;
    static constexpr bool never_null = E::never_null;
    static constexpr std::string_view label = Name;

    E expr;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_typed<D, E>(w);  // a labelled bound value keeps its type on PostgreSQL
        w.put(" AS ");
        w.quoted(Name.view());
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
    }
};

namespace detail {
/// Gives a node `.as<"name">()`.
template <class Derived>
struct labelable {
    template <fixed_string Name>
    constexpr labeled_t<Derived, Name> as() const {
        return {{}, static_cast<const Derived&>(*this)};
    }
};
}  // namespace detail

}  // namespace retort
