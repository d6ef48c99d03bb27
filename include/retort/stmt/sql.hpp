// retort/stmt/sql.hpp — a statement's SQL text, computed at compile time.
//
//   static_assert(retort::sql<decltype(q), retort::sqlite> == "SELECT ...");
//
// The text lives in read-only data as a std::array<char, N> per statement type and
// dialect: "size, then fill" runs the same render code twice in a constant expression.
#pragma once

#include <array>
#include <string_view>

#include "retort/dialect/dialect.hpp"
#include "retort/stmt/common.hpp"

namespace retort {

namespace detail {

template <class S, class D>
consteval std::size_t rendered_size() {
    sql_writer w;
    S::template render<D>(w);
    return w.size;
}

template <class S, class D>
consteval auto render_text() {
    std::array<char, rendered_size<S, D>() + 1> text{};
    sql_writer w{text.data()};
    S::template render<D>(w);
    return text;
}

template <class S, class D>
consteval int count_params() {
    sql_writer w;
    S::template render<D>(w);
    return w.params;
}

template <class S, class D>
inline constexpr auto sql_text = render_text<S, D>();

}  // namespace detail

/// The SQL text of statement type S in dialect D (NUL-terminated in storage).
template <Statement S, Dialect D>
inline constexpr std::string_view sql{detail::sql_text<std::remove_cvref_t<S>, D>.data(),
                                      detail::sql_text<std::remove_cvref_t<S>, D>.size() - 1};

/// The number of bound parameters statement type S has in dialect D.
template <Statement S, Dialect D>
inline constexpr int parameter_count = detail::count_params<std::remove_cvref_t<S>, D>();

}  // namespace retort
