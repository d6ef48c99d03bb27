// retort/detail/fixed_string.hpp — strings usable as template arguments.
#pragma once

#include <cstddef>
#include <string_view>

namespace retort {

/// A string literal carried in a type: `fixed_string{"users"}`, or `.as<"total">()`.
template <std::size_t N>
struct fixed_string {
    char data[N + 1]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&s)[N + 1]) {
        for (std::size_t i = 0; i != N + 1; ++i) data[i] = s[i];
    }
    constexpr explicit fixed_string(std::string_view s) {
        for (std::size_t i = 0; i != N; ++i) data[i] = s[i];
    }

    static constexpr std::size_t size() noexcept { return N; }
    constexpr std::string_view view() const noexcept { return {data, N}; }
    constexpr operator std::string_view() const noexcept { return view(); }
};

template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M - 1>;

}  // namespace retort
