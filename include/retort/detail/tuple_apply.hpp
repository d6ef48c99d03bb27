// retort/detail/tuple_apply.hpp — std::apply without its instantiation cost.
//
// Statements keep their clauses and operands in tuples and visit them with a fold over
// apply(); std::apply goes through std::__invoke and computes a noexcept specification
// from is_nothrow_invocable, four more instantiations at every call with a new lambda,
// i.e. per statement type. tuple_apply calls f directly.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/pack.hpp"

namespace retort::detail {

template <class F, class T, std::size_t... I>
constexpr decltype(auto) tuple_apply_at(F&& f, T&& t, std::index_sequence<I...>) {
    return static_cast<F&&>(f)(std::get<I>(static_cast<T&&>(t))...);
}

/// std::apply(f, t) for a tuple-like t (std::tuple, std::pair, std::array) or a pack.
template <class F, class T>
constexpr decltype(auto) tuple_apply(F&& f, T&& t) {
    if constexpr (is_pack_v<std::remove_cvref_t<T>>)
        return detail::pack_apply(static_cast<F&&>(f), t);
    else
        return tuple_apply_at(static_cast<F&&>(f), static_cast<T&&>(t),
                          std::make_index_sequence<std::tuple_size_v<std::remove_cvref_t<T>>>{});
}

}  // namespace retort::detail
