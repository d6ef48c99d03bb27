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

/// The whole-statement rules of S (a statement type may define `static consteval bool check()`).
template <class S>
consteval bool check_statement() {
    if constexpr (requires { S::check(); })
        return S::check();
    else
        return true;
}

/// A compile-time veto when S uses SQL that dialect D lacks.
template <class S, class D>
consteval bool check_dialect() {
    constexpr std::string_view reason = unsupported_reason<S, D>();
    if constexpr (reason.empty())
        return true;
    else
        return unsupported_in_dialect<fixed_string<reason.size()>(reason)>::value;
}

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
consteval auto checked_text() {
    if constexpr (check_statement<S>() && check_dialect<S, D>())
        return render_text<S, D>();
    else
        return std::array<char, 1>{};
}

template <class S, class D>
inline constexpr auto sql_text = checked_text<S, D>();

}  // namespace detail

/// The SQL text of statement type S in dialect D (NUL-terminated in storage).
template <Statement S, Dialect D>
inline constexpr std::string_view sql{detail::sql_text<std::remove_cvref_t<S>, D>.data(),
                                      detail::sql_text<std::remove_cvref_t<S>, D>.size() - 1};

/// The number of bound parameters statement type S has in dialect D.
template <Statement S, Dialect D>
inline constexpr int parameter_count = detail::count_params<std::remove_cvref_t<S>, D>();

}  // namespace retort
