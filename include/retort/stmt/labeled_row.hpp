// retort/stmt/labeled_row.hpp — the rows of a select whose items carry labels.
//
//   auto q = retort::select(c<&User::name>, retort::count(c<&Post::id>).as<"posts">()) ...;
//   for (const auto& row : conn.execute(q))
//       std::cout << row.get<"posts">();            // by label; std::get<1>(row) and
//                                                    // auto [name, posts] = row work too
//
// Such a row is a retort::labeled_row<std::tuple<...>, "label"...> ("" for an item without
// a label): a std::tuple (it converts to one, compares with one, and structured bindings
// take it apart) that also reads its items by label. A select without labels yields plain
// std::tuple rows. get<"nosuch">() is a compile error naming the label.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/detail/fixed_string.hpp"
#include "retort/detail/type_name.hpp"
#include "retort/expr/expression.hpp"

namespace retort {

namespace detail {
template <class Label>
consteval bool label_in_select_list(bool found) {
    static_assert(always_false<Label>,
                  "retort: row.get<\"label\">(): no item of this select is labelled so (the label and the "
                  "select list's labels are named in 'labeled_row<...>::get<L>' above); label the item with "
                  ".as<\"label\">() or read it by position");
    return found;
}
template <fixed_string L>
struct label_tag {};
}  // namespace detail

template <class Tuple, fixed_string... Labels>
struct labeled_row : Tuple {
    using Tuple::Tuple;
    using tuple_type = Tuple;
    constexpr labeled_row() = default;
    constexpr labeled_row(const Tuple& t) : Tuple(t) {}
    constexpr labeled_row(Tuple&& t) : Tuple(std::move(t)) {}

    /// The position of the item labelled L (the first one), or sizeof...(Labels).
    template <fixed_string L>
    static constexpr std::size_t index_of = [] {
        constexpr std::string_view names[] = {std::string_view(Labels)...};
        for (std::size_t i = 0; i < sizeof...(Labels); ++i)
            if (names[i] == L.view()) return i;
        return sizeof...(Labels);
    }();

    template <std::size_t I>
    constexpr decltype(auto) get() & { return std::get<I>(static_cast<Tuple&>(*this)); }
    template <std::size_t I>
    constexpr decltype(auto) get() const& { return std::get<I>(static_cast<const Tuple&>(*this)); }
    template <std::size_t I>
    constexpr decltype(auto) get() && { return std::get<I>(static_cast<Tuple&&>(*this)); }

    /// The item labelled L (`.as<"L">()` in the select list).
    template <fixed_string L>
    constexpr decltype(auto) get() & { return std::get<checked_index<L>()>(static_cast<Tuple&>(*this)); }
    template <fixed_string L>
    constexpr decltype(auto) get() const& { return std::get<checked_index<L>()>(static_cast<const Tuple&>(*this)); }
    template <fixed_string L>
    constexpr decltype(auto) get() && { return std::get<checked_index<L>()>(static_cast<Tuple&&>(*this)); }

    const Tuple& as_tuple() const& noexcept { return *this; }

private:
    template <fixed_string L>
    static consteval std::size_t checked_index() {
        constexpr std::size_t i = index_of<L>;
        if constexpr (L.size() == 0 || i == sizeof...(Labels)) {
            detail::label_in_select_list<detail::label_tag<L>>(false);
            return 0;
        } else {
            return i;
        }
    }
};

/// A vector of labelled rows compares with a vector of plain tuples, item by item.
template <class Tuple, fixed_string... Labels>
bool operator==(const std::vector<labeled_row<Tuple, Labels...>>& a, const std::vector<Tuple>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(static_cast<const Tuple&>(a[i]) == b[i])) return false;
    return true;
}

namespace detail {
/// The row type a result yields for statement S: S::result_row when it has one (labels),
/// else S::row_type.
template <class S>
struct result_row {
    using type = typename S::row_type;
};
template <class S>
    requires requires { typename S::result_row; }
struct result_row<S> {
    using type = typename S::result_row;
};
template <class S>
using result_row_t = typename result_row<S>::type;

template <class Tuple, class Labels>
struct with_labels;
template <class Tuple, class... Es>
struct with_labels<Tuple, type_list<Es...>> {
    template <class E>
    static constexpr auto label_of() {
        if constexpr (requires { typename E::expression; E::label; })
            return fixed_string<E::label.size()>(E::label);
        else
            return fixed_string<0>{};
    }
    static constexpr bool any = (false || ... || requires { typename Es::expression; Es::label; });
    using type = std::conditional_t<any, labeled_row<Tuple, label_of<Es>()...>, Tuple>;
};
}  // namespace detail

}  // namespace retort

template <class Tuple, retort::fixed_string... Labels>
struct std::tuple_size<retort::labeled_row<Tuple, Labels...>> : std::tuple_size<Tuple> {};
template <std::size_t I, class Tuple, retort::fixed_string... Labels>
struct std::tuple_element<I, retort::labeled_row<Tuple, Labels...>> : std::tuple_element<I, Tuple> {};
