// retort/expr/regex.hpp — POSIX regular expression matches (PostgreSQL), the pattern bound.
//
//   retort::regex_match(c<&User::name>, "^a.*n$")           "users"."name" ~ $1
//   retort::regex_match_icase(c<&User::name>, "^A")          "users"."name" ~* $1
//   retort::regex_not_match(c<&User::name>, "[0-9]")         "users"."name" !~ $1
//   retort::regex_not_match_icase(c<&User::name>, "^A")      "users"."name" !~* $1
//
// The pattern is a run-time value, sent as a parameter. The result is a boolean, NULL-able
// when the text is. `!regex_match(x, p)` is NOT (x ~ p), the same rows as regex_not_match.
// SQLite has no built-in regular expressions: rendering one for SQLite is a named
// compile-time veto (retort::sql), and running one there throws programming_error with
// the same sentence.
#pragma once

#include <string>
#include <string_view>

#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/expression_veto.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace detail {
enum class regex_op : unsigned char { match, match_icase, not_match, not_match_icase };

constexpr std::string_view regex_operator(regex_op op) {
    switch (op) {
        case regex_op::match: return " ~ ";
        case regex_op::match_icase: return " ~* ";
        case regex_op::not_match: return " !~ ";
        case regex_op::not_match_icase: return " !~* ";
    }
    return " ~ ";
}
}  // namespace detail

template <detail::regex_op Op, class E>
struct regex_t : detail::expression_tag, detail::labelable<regex_t<Op, E>> {
    using is_compound = void;
    using value_type = std::conditional_t<is_nullable_v<E>, std::optional<bool>, bool>;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;

    E expr;
    std::string pattern;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if (D::id == dialect_id::sqlite) detail::mark_veto(w, detail::expression_veto::regex_on_sqlite);
        detail::render_operand<D, E>(w);
        w.put(detail::regex_operator(Op));
        D::placeholder(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
        f(pattern);
    }
};

namespace detail {
template <class E>
consteval bool check_regex() {
    static_assert(kind_of<E> == sql_kind::text,
                  "retort: regex_match / regex_match_icase / regex_not_match test a text expression; cast it "
                  "first: cast<std::string>(x)");
    return kind_of<E> == sql_kind::text;
}
template <regex_op Op, class E>
auto make_regex(E&& e, std::string_view pattern) {
    using X = std::remove_cvref_t<E>;
    if constexpr (check_regex<X>())
        return regex_t<Op, X>{{}, {}, std::forward<E>(e), std::string(pattern)};
    else
        return value_t<bool>{{}, false};  // already reported: nothing more
}
}  // namespace detail

/// x ~ pattern: x matches the POSIX regular expression (case-sensitive). PostgreSQL.
template <Expression E>
auto regex_match(E&& e, std::string_view pattern) {
    return detail::make_regex<detail::regex_op::match>(std::forward<E>(e), pattern);
}
/// x ~* pattern: x matches, ignoring case. PostgreSQL.
template <Expression E>
auto regex_match_icase(E&& e, std::string_view pattern) {
    return detail::make_regex<detail::regex_op::match_icase>(std::forward<E>(e), pattern);
}
/// x !~ pattern: x does not match (case-sensitive). PostgreSQL.
template <Expression E>
auto regex_not_match(E&& e, std::string_view pattern) {
    return detail::make_regex<detail::regex_op::not_match>(std::forward<E>(e), pattern);
}
/// x !~* pattern: x does not match, ignoring case. PostgreSQL.
template <Expression E>
auto regex_not_match_icase(E&& e, std::string_view pattern) {
    return detail::make_regex<detail::regex_op::not_match_icase>(std::forward<E>(e), pattern);
}

}  // namespace retort
