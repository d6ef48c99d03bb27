// retort/expr/label_ref.hpp — ORDER BY a select-list item by its label.
//
//   select(c<&Post::user_id>, count().as<"posts">()).from<Post>().group_by(c<&Post::user_id>)
//       .order_by(label<"posts">.desc(), c<&Post::user_id>)
//   ... ORDER BY "posts" DESC, "posts"."user_id" ASC
//
// label<"name"> (ascending), label<"name">.asc(), label<"name">.desc(), with
// .nulls_first() / .nulls_last() after asc()/desc(). The name must be a label of the
// select's own items (.as<"name">()): a misspelled one is a compile error that lists the
// labels there are. Both databases read a bare output-column name in ORDER BY as the item.
#pragma once

#include <string_view>
#include <type_traits>

#include "retort/detail/fixed_string.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/order.hpp"

namespace retort {

namespace detail {
/// The item a label names, as written in ORDER BY: "name". Only an ORDER BY term.
template <fixed_string Name>
struct label_name {
    using tables = type_list<>;
    using columns = type_list<>;
    static constexpr bool is_aggregate = false;
    static constexpr bool is_window = false;
    static constexpr std::string_view name = Name;

    template <class D>
    static constexpr void render(sql_writer& w) {
        w.quoted(Name.view());
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};
}  // namespace detail

/// label<"name">: an ORDER BY term naming a select-list item by its label.
template <fixed_string Name>
struct label_ref : order_term_t<detail::label_name<Name>, false> {
    constexpr order_term_t<detail::label_name<Name>, false> asc() const { return {}; }
    constexpr order_term_t<detail::label_name<Name>, true> desc() const { return {}; }
};

template <fixed_string Name>
struct is_order_term<label_ref<Name>> : std::true_type {};

template <fixed_string Name>
inline constexpr label_ref<Name> label{};

namespace detail {
/// The label an ORDER BY term names (label<"x"> / asc / desc): void for other terms.
template <class Term>
struct term_label {
    using type = void;
};
template <fixed_string Name>
struct term_label<label_ref<Name>> {
    using type = label_name<Name>;
};
template <fixed_string Name, bool Desc, nulls_order N>
struct term_label<order_term_t<label_name<Name>, Desc, N>> {
    using type = label_name<Name>;
};

/// The labels of a select list, in a type the compiler prints in its note.
template <fixed_string... Labels>
struct select_labels {};
template <class Item>
struct item_labels {
    using type = select_labels<>;
};
template <class E, fixed_string Name>
struct item_labels<labeled_t<E, Name>> {
    using type = select_labels<Name>;
};
template <class... Lists>
struct join_labels {
    using type = select_labels<>;
};
template <fixed_string... As>
struct join_labels<select_labels<As...>> {
    using type = select_labels<As...>;
};
template <fixed_string... As, fixed_string... Bs, class... Rest>
struct join_labels<select_labels<As...>, select_labels<Bs...>, Rest...> {
    using type = typename join_labels<select_labels<As..., Bs...>, Rest...>::type;
};
template <class Items>
struct labels_of;
template <class... Items>
struct labels_of<type_list<Items...>> {
    using type = typename join_labels<typename item_labels<Items>::type...>::type;
};

/// The check itself; the compiler's note shows its arguments: the label asked for and the
/// labels the select list has.
template <class Asked, class Available>
struct order_by_label {
    static consteval bool check() { return true; }
};
template <fixed_string Name, fixed_string... Labels>
struct order_by_label<label_name<Name>, select_labels<Labels...>> {
    static constexpr bool found = ((Name.view() == Labels.view()) || ...);
    static consteval bool check() {
        static_assert(found,
                      "retort: order_by(label<\"...\">) names a label that no item of this select has; the "
                      "compiler's instantiation note order_by_label<label_name<asked>, select_labels<labels...>> "
                      "lists the labels it has: fix the spelling, or give the item .as<\"name\">()");
        return found;
    }
};

/// Every label<"x"> term of an ORDER BY names a labelled item of the select list Items.
template <class Items, class... Terms>
consteval bool check_order_labels() {
    return (order_by_label<typename term_label<Terms>::type, typename labels_of<Items>::type>::check() && ...);
}
}  // namespace detail

}  // namespace retort
