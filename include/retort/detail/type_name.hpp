// retort/detail/type_name.hpp — a type's name as a compile-time string, for messages.
#pragma once

#include <string_view>

namespace retort::detail {

template <class T>
consteval std::string_view type_name() noexcept {
    std::string_view s = __PRETTY_FUNCTION__;
    const auto start = s.find("T = ") + 4;
    const auto end = s.find_first_of(";]", start);
    return s.substr(start, end - start);
}

template <class...>
inline constexpr bool always_false = false;

}  // namespace retort::detail
