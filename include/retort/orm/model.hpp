// retort/orm/model.hpp — what the session needs to know about a model, computed once per
// model at compile time from its table declaration: the identity key (primary key
// members, composite keys included), the optional version column, the flush rank (its
// depth in the foreign-key graph) and field-by-field snapshot comparison.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/std_function.hpp"  // std::hash
#include "retort/reflect/fields.hpp"
#include "retort/schema/table.hpp"

namespace retort::orm::detail {

template <class T>
inline constexpr bool always_false = false;

// ---- the primary key -------------------------------------------------------------

template <class Tuple>
struct find_pk {
    using type = void;
};
template <class O, class... Os>
struct find_pk<std::tuple<O, Os...>> : find_pk<std::tuple<Os...>> {};
template <auto... Ms, class... Os>
struct find_pk<std::tuple<primary_key_t<Ms...>, Os...>> {
    using type = primary_key_t<Ms...>;
};

template <class T>
using pk_option = typename find_pk<std::remove_cvref_t<decltype(table_of<T>.options)>>::type;

/// A model the session can map: a declared table with a primary key.
template <class T>
concept Mapped = Table<T> && !std::is_void_v<pk_option<T>>;

template <class PK>
struct key_traits;

template <auto M>
struct key_traits<primary_key_t<M>> {
    using type = std::remove_cvref_t<reflect::value_of<M>>;
    template <class T>
    static type get(const T& o) {
        return o.*M;
    }
    template <class T>
    static void set(T& o, const type& k) {
        o.*M = k;
    }
};

template <auto... Ms>
    requires(sizeof...(Ms) > 1)
struct key_traits<primary_key_t<Ms...>> {
    using type = std::tuple<std::remove_cvref_t<reflect::value_of<Ms>>...>;
    template <class T>
    static type get(const T& o) {
        return type{o.*Ms...};
    }
    template <class T>
    static void set(T& o, const type& k) {
        std::apply([&](const auto&... v) { ((o.*Ms = v), ...); }, k);
    }
};

/// The identity of a row of T: its primary key value (a tuple for composite keys).
template <Mapped T>
using key_t = typename key_traits<pk_option<T>>::type;

template <Mapped T>
key_t<T> key_of(const T& o) {
    return key_traits<pk_option<T>>::get(o);
}

/// Hash of an identity key (std::hash of each member, combined).
struct key_hash {
    template <class K>
    std::size_t operator()(const K& k) const noexcept {
        if constexpr (requires { std::tuple_size<K>::value; }) {
            return std::apply(
                [](const auto&... v) {
                    std::size_t h = 0x9e3779b97f4a7c15ull;
                    ((h ^= std::hash<std::remove_cvref_t<decltype(v)>>{}(v) + 0x9e3779b97f4a7c15ull + (h << 6) +
                           (h >> 2)),
                     ...);
                    return h;
                },
                k);
        } else {
            return std::hash<K>{}(k);
        }
    }
};

// ---- the version column ----------------------------------------------------------

template <class Tuple>
struct find_version {
    static constexpr bool present = false;
    static constexpr std::size_t index = static_cast<std::size_t>(-1);
};
template <class O, class... Os>
struct find_version<std::tuple<O, Os...>> : find_version<std::tuple<Os...>> {};
template <auto M, class... Os>
struct find_version<std::tuple<version_id_t<M>, Os...>> {
    static constexpr bool present = true;
    static constexpr auto member = M;
    static constexpr std::size_t index = reflect::member_index<M>;
};

template <class T>
using version_of = find_version<std::remove_cvref_t<decltype(table_of<T>.options)>>;

// ---- flush rank: depth in the foreign-key graph ------------------------------------

template <class T, int Depth>
consteval int rank_at();

template <class T, int Depth, class O>
consteval int rank_through() {
    if constexpr (requires { []<auto F, auto To>(foreign_key_t<F, To>) {}(O{}); }) {
        return []<auto F, auto To>(foreign_key_t<F, To>) {
            using Target = reflect::class_of<To>;
            if constexpr (std::is_same_v<Target, T>)
                return 0;  // a self-reference: rows are ordered at flush time
            else
                return 1 + rank_at<Target, Depth + 1>();
        }(O{});
    } else {
        return 0;
    }
}

template <class T, int Depth>
consteval int rank_at() {
    if constexpr (Depth > 64) {
        return 1 << 20;  // a cycle: reported by flush_rank below
    } else {
        using Options = std::remove_cvref_t<decltype(table_of<T>.options)>;
        return []<class... Os>(std::type_identity<std::tuple<Os...>>) {
            int r = 0;
            ((r = std::max(r, rank_through<T, Depth, Os>())), ...);
            return r;
        }(std::type_identity<Options>{});
    }
}

/// Parents flush their INSERTs before children (ascending rank) and children their
/// DELETEs before parents (descending rank): the rank is the length of the longest
/// foreign-key path from T, computed from the declarations alone.
template <class T>
inline constexpr int flush_rank = [] {
    constexpr int r = rank_at<T, 0>();
    static_assert(r < (1 << 20),
                  "retort: the session cannot order this model's flush: its foreign keys form a cycle with "
                  "other tables (a self-reference is fine); break the cycle with a nullable key set after insert");
    return r;
}();

// ---- snapshot comparison ---------------------------------------------------------

/// True when a flush would write `a` over `b`: floating-point values compare by their
/// bits (NaN equals the same NaN, -0.0 differs from 0.0), std::optional by presence and
/// then value, everything else with ==. Padding is never compared.
template <class V>
bool same_value(const V& a, const V& b) {
    if constexpr (std::is_floating_point_v<V>) {
        return std::memcmp(&a, &b, sizeof(V)) == 0;
    } else if constexpr (is_optional_v<V>) {
        if (a.has_value() != b.has_value()) return false;
        return !a.has_value() || same_value(*a, *b);
    } else {
        return a == b;
    }
}

template <class T>
inline constexpr std::size_t mask_words = (reflect::field_count<T> + 63) / 64;

/// Which fields of T changed: bit i for field i.
template <class T>
using change_mask = std::array<std::uint64_t, mask_words<T>>;

template <class T>
bool any(const change_mask<T>& m) {
    for (auto w : m)
        if (w) return true;
    return false;
}

template <class T>
change_mask<T> changed_fields(const T& now, const T& then) {
    change_mask<T> m{};
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((same_value(reflect::get<I>(now), reflect::get<I>(then)) ? void()
                                                                           : void(m[I / 64] |= 1ull << (I % 64))),
         ...);
    }(std::make_index_sequence<reflect::field_count<T>>{});
    return m;
}

}  // namespace retort::orm::detail
