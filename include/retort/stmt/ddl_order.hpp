// retort/stmt/ddl_order.hpp — the foreign-key dependency order of declared tables, which
// create_all / drop_all (engine/create_all.hpp) create and drop them in: every table after
// the tables it references, cycles broken by foreign keys added afterwards. Included by
// stmt/ddl.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/stmt/ddl.hpp"

namespace retort {

namespace detail {

/// Positions (in the declaration's option tuple) of T's index options.
template <class T>
consteval auto index_positions() {
    using Opts = std::remove_cvref_t<decltype(table_of<T>.options)>;
    constexpr std::size_t n = std::tuple_size_v<Opts>;
    constexpr std::size_t count = []<std::size_t... I>(std::index_sequence<I...>) {
        return (0 + ... + (is_index<std::tuple_element_t<I, Opts>>::value ? 1 : 0));
    }(std::make_index_sequence<n>{});
    std::array<std::size_t, count> out{};
    std::size_t k = 0;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((is_index<std::tuple_element_t<I, Opts>>::value ? void(out[k++] = I) : void()), ...);
    }(std::make_index_sequence<n>{});
    return out;
}

/// Does table A reference table B (directly) by a foreign key? Self references do not count.
template <class A, class B>
consteval bool references() {
    if constexpr (std::is_same_v<A, B>) {
        return false;
    } else {
        return detail::tuple_apply([](const auto&... o) {
            auto one = []<class O>(const O&) {
                if constexpr (is_foreign_key<O>::value)
                    return []<auto F, auto To>(foreign_key_t<F, To>) {
                        return std::is_same_v<reflect::class_of<To>, B>;
                    }(O{});
                else
                    return false;
            };
            (void)one;
            return (one(o) || ... || false);
        }, table_of<A>.options);
    }
}

/// A creation order of Ts... where every table comes after the tables it references, as far
/// as the foreign keys allow: when they form a cycle, the first table of the cycle (in the
/// order of Ts...) is created first and its keys to the tables not created yet are
/// `deferred` (created later with ALTER TABLE on PostgreSQL, inline on SQLite).
template <class... Ts>
struct dependency_order {
    static constexpr std::size_t n = sizeof...(Ts);
    struct result_t {
        std::array<std::size_t, n> order{};
        std::array<std::array<bool, n>, n> deferred{};  // deferred[a][b]: a's keys to b close a cycle
        bool has_cycle = false;
    };
    static constexpr result_t value = [] {
        // deps[i][j]: table i references table j
        std::array<std::array<bool, n>, n> deps{};
        std::size_t i = 0;
        (
            [&]<class A>() {
                std::size_t j = 0;
                ((deps[i][j++] = references<A, Ts>()), ...);
                ++i;
            }.template operator()<Ts>(),
            ...);
        result_t r;
        std::array<bool, n> placed{};
        for (std::size_t k = 0; k < n; ++k) {
            std::size_t pick = n;
            for (std::size_t a = 0; a < n && pick == n; ++a) {
                if (placed[a]) continue;
                bool ready = true;
                for (std::size_t b = 0; b < n; ++b)
                    if (deps[a][b] && !placed[b]) ready = false;
                if (ready) pick = a;
            }
            if (pick == n) {  // a cycle: break it at its first table
                for (std::size_t a = 0; a < n && pick == n; ++a)
                    if (!placed[a]) pick = a;
                for (std::size_t b = 0; b < n; ++b)
                    if (deps[pick][b] && !placed[b]) r.deferred[pick][b] = true;
                r.has_cycle = true;
            }
            r.order[k] = pick;
            placed[pick] = true;
        }
        return r;
    }();
};

template <class X, class... Ts>
consteval std::size_t index_in() {
    std::size_t i = 0, found = sizeof...(Ts);
    ((std::is_same_v<X, Ts> ? void(found = found == sizeof...(Ts) ? i : found) : void(), ++i), ...);
    return found;
}

/// Bit I: option I of T (one of Ts...) is a foreign key that dependency_order<Ts...> defers.
template <class T, class... Ts>
consteval std::uint64_t deferred_foreign_keys() {
    using Opts = std::remove_cvref_t<decltype(table_of<T>.options)>;
    constexpr auto& order = dependency_order<Ts...>::value;
    constexpr std::size_t self = index_in<T, Ts...>();
    std::uint64_t mask = 0;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
                using O = std::tuple_element_t<I, Opts>;
                if constexpr (is_foreign_key<O>::value) {
                    constexpr std::size_t target = []<auto F, auto To>(foreign_key_t<F, To>) {
                        return index_in<reflect::class_of<To>, Ts...>();
                    }(O{});
                    if constexpr (target < sizeof...(Ts)) {
                        static_assert(I < 64, "retort: a table that closes a cycle of foreign keys has more than 64 "
                                              "options before a foreign key; move its foreign keys first");
                        if (order.deferred[self][target]) mask |= std::uint64_t{1} << I;
                    }
                }
            }(),
            ...);
    }(std::make_index_sequence<std::tuple_size_v<Opts>>{});
    return mask;
}

/// The option indexes whose bit is set in Mask.
template <std::uint64_t Mask>
consteval auto mask_positions() {
    constexpr std::size_t count = [] {
        std::size_t c = 0;
        for (std::size_t i = 0; i < 64; ++i) c += (Mask >> i) & 1u;
        return c;
    }();
    std::array<std::size_t, count> out{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < 64; ++i)
        if ((Mask >> i) & 1u) out[k++] = i;
    return out;
}

}  // namespace detail
}  // namespace retort
