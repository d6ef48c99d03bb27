// retort/stmt/repeated_terms.hpp — a GROUP BY or ORDER BY term that repeats a select-list
// item with bound values is written as the item's position.
//
//   select(c<&T::x> / 10, count()).group_by(c<&T::x> / 10).order_by(desc(c<&T::x> / 10))
//   SELECT "t"."x" / $1, COUNT(*) FROM "t" GROUP BY 1 ORDER BY 1 DESC
//
// Written out, the GROUP BY term would be "t"."x" / $2: another parameter, which PostgreSQL
// does not take for the select list's expression ("column must appear in the GROUP BY
// clause"). Both dialects read a number in GROUP BY and ORDER BY as a select-list position.
//
// The rule is decided by types alone: a term whose type is that of exactly one select-list
// item (a `.as<"label">()` on the item is looked through) and whose SQL has a placeholder.
// Its values are not bound; when the statement runs (bind_all) they must equal the item's,
// pairwise, or it throws retort::programming_error (group_by(x / 10) with select(x / 20) has
// the same type). Terms without bound values, terms whose SQL depends on run-time data, and
// a compound's ORDER BY are written as themselves.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/fixed_string.hpp"
#include "retort/detail/pack.hpp"
#include "retort/detail/type_name.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/error.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/order.hpp"

namespace retort::detail {

/// A select-list item without its `.as<"label">()`.
template <class Item>
struct unlabeled {
    using type = Item;
    static constexpr const Item& get(const Item& item) { return item; }
};
template <class E, fixed_string Name>
struct unlabeled<labeled_t<E, Name>> {
    using type = E;
    static constexpr const E& get(const labeled_t<E, Name>& item) { return item.expr; }
};

/// The 1-based position of the one select-list item of type E (its label ignored); 0 when
/// no item, or more than one, has that type.
template <class E, class... Items>
consteval std::size_t sole_position(type_list<Items...>) {
    constexpr std::array<bool, sizeof...(Items) + 1> same{std::is_same_v<typename unlabeled<Items>::type, E>..., false};
    std::size_t position = 0;
    std::size_t matches = 0;
    for (std::size_t i = 0; i < sizeof...(Items); ++i)
        if (same[i]) {
            position = i + 1;
            ++matches;
        }
    return matches == 1 ? position : 0;
}

/// Whether E's SQL has a bound parameter and no run-time shape (probed by rendering it;
/// both dialects write the same placeholders).
template <class E>
consteval bool has_fixed_bound_values() {
    sql_writer w;
    E::template render<postgresql>(w);
    return w.params > 0 && !w.saw_dynamic;
}

/// The select-list position a GROUP BY / ORDER BY expression E is written as; 0 = itself.
template <class Items, class E>
consteval std::size_t repeated_position() {
    constexpr std::size_t position = sole_position<E>(Items{});
    if constexpr (position == 0)
        return 0;
    else
        return has_fixed_bound_values<E>() ? position : 0;
}

/// The expression of a GROUP BY term (the term) or of an ORDER BY term (asc/desc(e): e);
/// void for a term that is never written as a position (one_of(...)).
template <class Term>
struct term_expression {
    using type = std::conditional_t<Expression<Term>, Term, void>;
    static constexpr const Term& get(const Term& t) { return t; }
};
template <class E, bool Descending, nulls_order Nulls>
struct term_expression<order_term_t<E, Descending, Nulls>> {
    using type = E;
    static constexpr const E& get(const order_term_t<E, Descending, Nulls>& t) { return t.expr; }
};

template <class Items, class Term>
consteval std::size_t term_position() {
    using E = typename term_expression<Term>::type;
    if constexpr (std::is_void_v<E>)
        return 0;
    else
        return repeated_position<Items, E>();
}

/// Writes a GROUP BY / ORDER BY list: each term as itself or as its select-list position
/// (an ORDER BY term keeps its direction and NULLS FIRST / LAST).
template <class D, class Items, class... Terms>
constexpr void render_terms(sql_writer& w) {
    bool first = true;
    (
        [&] {
            if (!first) w.put(", ");
            first = false;
            constexpr std::size_t position = term_position<Items, Terms>();
            if constexpr (position == 0) {
                Terms::template render<D>(w);
            } else {
                w.put_number(position);
                if constexpr (requires { Terms::render_direction(w); }) Terms::render_direction(w);
            }
        }(),
        ...);
}

/// Two bound values are the same: operator== where the type has it (two NaN are the same),
/// else the values type_traits<T>::to_db gives.
template <class T>
constexpr bool same_bound_value(const T& a, const T& b) {
    if constexpr (is_optional_v<T>)
        return a.has_value() == b.has_value() && (!a || same_bound_value(*a, *b));
    else if constexpr (std::is_same_v<T, null_t>)
        return true;
    else if constexpr (std::is_floating_point_v<T>)
        return a == b || (a != a && b != b);
    else if constexpr (std::is_pointer_v<T> || std::is_array_v<T>)  // C strings
        return std::string_view(a) == std::string_view(b);
    else if constexpr (std::equality_comparable<T>)
        return a == b;
    else if constexpr (MappedValue<T>) {
        using db = typename type_traits<T>::db_type;
        return same_bound_value<db>(db(type_traits<T>::to_db(a)), db(type_traits<T>::to_db(b)));
    } else {
        static_assert(always_false<T>, "retort: a bound value type without operator== and without type_traits<T>");
        return false;
    }
}

/// Whether two expressions of the same type carry the same bound values, pairwise in
/// visiting order. (A repeated term nested in them, in a subquery's GROUP BY, is checked
/// against its own select list.)
template <class E>
bool same_bound_values(const E& a, const E& b) {
    bool same = true;
    std::size_t i = 0;
    a.for_each_value([&]<class V>(const V& va) {
        std::size_t j = 0;
        b.for_each_value([&]<class W>(const W& wb) {
            if (j++ != i) return;
            if constexpr (!std::is_same_v<V, W>)
                same = false;
            else if constexpr (requires { typename V::repeated_values_tag; })
                va.check(), wb.check();
            else
                same = same && same_bound_value(va, wb);
        });
        ++i;
    });
    return same;
}

[[noreturn]] inline void throw_repeated_term_values(std::string_view clause, std::size_t term, std::size_t position) {
    const std::string verb = clause == "GROUP BY" ? "group" : "order";
    throw programming_error("retort: " + std::string(clause) + " term " + std::to_string(term) +
                            " repeats select-list column " + std::to_string(position) +
                            " with different bound values (it is written as " + std::string(clause) + " " +
                            std::to_string(position) + ", the column's position); " + verb +
                            " by the same values, or compute the expression in a CTE");
}

/// What a for_each_value visitor sees in place of the values of a GROUP BY / ORDER BY term
/// written as a select-list position: nothing to bind. bind_all calls check() before the
/// statement runs (to_sql's shape walk ignores it): the term's values must be the item's.
template <fixed_string Clause, std::size_t Term, std::size_t Position, class E>
struct repeated_values {
    using repeated_values_tag = void;
    const E& term;
    const E& item;

    void check() const {
        if (!same_bound_values(term, item)) throw_repeated_term_values(Clause.view(), Term, Position);
    }
};

/// Visits the values of one GROUP BY / ORDER BY term (the Index-th, 0-based): its own, or,
/// when it is written as a select-list position, a repeated_values in their place.
template <fixed_string Clause, std::size_t Index, class Items, class Term, class Cols, class F>
constexpr void visit_term_values(const Term& term, const Cols& cols, F& f) {
    constexpr std::size_t position = term_position<Items, Term>();
    if constexpr (position == 0) {
        term.for_each_value(f);
    } else {
        using E = typename term_expression<Term>::type;
        using Item = pack_element_t<position - 1, std::remove_cvref_t<decltype(cols.exprs)>>;
        f(repeated_values<Clause, Index + 1, position, E>{term_expression<Term>::get(term),
                                                          unlabeled<Item>::get(pack_get<position - 1>(cols.exprs))});
    }
}

/// Visits the values of a GROUP BY / ORDER BY list (see visit_term_values).
template <fixed_string Clause, class Items, class Cols, class F, class... Terms>
constexpr void visit_terms_values(const pack<Terms...>& terms, const Cols& cols, F& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (visit_term_values<Clause, I, Items>(pack_get<I>(terms), cols, f), ...);
    }(std::index_sequence_for<Terms...>{});
}

}  // namespace retort::detail
