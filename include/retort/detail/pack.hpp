// retort/detail/pack.hpp — a plain aggregate of values, the storage of a clause's items.
//
// std::tuple's constructors are constrained templates (is_constructible, __and_, ...)
// instantiated for every tuple type a statement builder copies; a statement with three
// clauses of lists instantiates dozens of them, and each is a function the optimiser then
// inlines. pack<Ts...> has one plain constructor (`pack<A, B>{a, b}`), implicit copies, and
// is visited with one function (pack_apply).
#pragma once

#include <cstddef>
#include <utility>

namespace retort::detail {

template <std::size_t I, class T>
struct pack_leaf {
    [[no_unique_address]] T value;  // an empty element takes no room, as in std::tuple
};

template <class Seq, class... Ts>
struct pack_base;
template <std::size_t... I, class... Ts>
struct pack_base<std::index_sequence<I...>, Ts...> : pack_leaf<I, Ts>... {
    pack_base() = default;
    constexpr pack_base(Ts... values) : pack_leaf<I, Ts>{static_cast<Ts&&>(values)}... {}
};
template <>
struct pack_base<std::index_sequence<>> {};

template <class... Ts>
struct pack : pack_base<std::index_sequence_for<Ts...>, Ts...> {
    using pack_base<std::index_sequence_for<Ts...>, Ts...>::pack_base;
};

template <class T>
inline constexpr bool is_pack_v = false;
template <class... Ts>
inline constexpr bool is_pack_v<pack<Ts...>> = true;

/// Element I of a pack (pack_get<I>(p)), and its type.
template <std::size_t I, class T>
constexpr const T& pack_get(const pack_leaf<I, T>& leaf) noexcept {
    return leaf.value;
}
template <std::size_t I, class T>
constexpr T& pack_get(pack_leaf<I, T>& leaf) noexcept {
    return leaf.value;
}
template <std::size_t I, class T>
T pack_leaf_type(const pack_leaf<I, T>&) noexcept;  // declared only
template <std::size_t I, class P>
using pack_element_t = decltype(detail::pack_leaf_type<I>(std::declval<const P&>()));

/// f(elements...) of a pack.
template <class F, std::size_t... I, class... Ts>
constexpr decltype(auto) pack_apply(F&& f, const pack_base<std::index_sequence<I...>, Ts...>& p) {
    return static_cast<F&&>(f)(static_cast<const pack_leaf<I, Ts>&>(p).value...);
}

}  // namespace retort::detail
