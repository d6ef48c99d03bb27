// retort/expr/text_match.hpp — substring tests on text whose argument is plain text, not
// a pattern: % and _ in it match only themselves.
//
//   retort::starts_with(c<&User::name>, prefix)   "users"."name" LIKE ? ESCAPE '\'   (bound: prefix%)
//   retort::ends_with(c<&User::name>, suffix)     ... LIKE ? ESCAPE '\'              (bound: %suffix)
//   retort::contains(c<&User::name>, part)        ... LIKE ? ESCAPE '\'              (bound: %part%)
//
// The bound value is the argument with \, % and _ escaped by a backslash, wrapped in the
// wildcards; the same text on SQLite and PostgreSQL. Case sensitivity is the database's
// LIKE: case-sensitive on PostgreSQL, case-insensitive for ASCII on SQLite.
#pragma once

#include <string>
#include <string_view>

#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace detail {
enum class text_match : unsigned char { prefix, suffix, infix };

/// `text` escaped for LIKE ... ESCAPE '\' and wrapped in the wildcards of mode M.
constexpr std::string like_pattern(std::string_view text, text_match m) {
    std::string out;
    out.reserve(text.size() + 2);
    if (m != text_match::prefix) out += '%';
    for (char ch : text) {
        if (ch == '\\' || ch == '%' || ch == '_') out += '\\';
        out += ch;
    }
    if (m != text_match::suffix) out += '%';
    return out;
}
}  // namespace detail

template <detail::text_match M, class E>
struct text_match_t : detail::expression_tag {
    using is_compound = void;
    using value_type = std::conditional_t<is_nullable_v<E>, std::optional<bool>, bool>;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;

    E expr;
    std::string pattern;  // escaped, with wildcards

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        detail::render_operand<D, E>(w);
        w.put(" LIKE ");
        D::placeholder(w);
        w.put(" ESCAPE '\\'");
    }
    template <fixed_string Name>
    constexpr labeled_t<text_match_t, Name> as() const {
        return {{}, *this};
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
        f(pattern);
    }
};

namespace detail {
template <class E>
consteval bool check_text_match() {
    static_assert(kind_of<E> == sql_kind::text,
                  "retort: starts_with / ends_with / contains test a text expression; cast it first: "
                  "cast<std::string>(x)");
    return kind_of<E> == sql_kind::text;
}
template <text_match M, class E>
auto make_text_match(E&& e, std::string_view text) {
    using X = std::remove_cvref_t<E>;
    if constexpr (check_text_match<X>())
        return text_match_t<M, X>{{}, std::forward<E>(e), like_pattern(text, M)};
    else
        return value_t<bool>{{}, false};  // already reported: nothing more
}
}  // namespace detail

/// x LIKE 'text%': x starts with text (% and _ in text match only themselves).
template <Expression E>
auto starts_with(E&& e, std::string_view text) {
    return detail::make_text_match<detail::text_match::prefix>(std::forward<E>(e), text);
}
/// x LIKE '%text': x ends with text.
template <Expression E>
auto ends_with(E&& e, std::string_view text) {
    return detail::make_text_match<detail::text_match::suffix>(std::forward<E>(e), text);
}
/// x LIKE '%text%': x contains text.
template <Expression E>
auto contains(E&& e, std::string_view text) {
    return detail::make_text_match<detail::text_match::infix>(std::forward<E>(e), text);
}

}  // namespace retort
