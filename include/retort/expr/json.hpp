// retort/expr/json.hpp — a value inside a retort::json column, read as the type the caller
// declares; the keys are bound parameters on both databases.
//
//   retort::json_get<std::string>(c<&Doc::body>, "name")
//     PostgreSQL  "docs"."body" ->> CAST($1 AS TEXT)
//     SQLite      CAST(json_extract("docs"."body", '$."' || ? || '"') AS TEXT)
//   retort::json_get<std::optional<std::int64_t>>(c<&Doc::body>, "tags", 0, "id")
//     PostgreSQL  CAST("docs"."body" -> CAST($1 AS TEXT) -> CAST($2 AS INTEGER) ->> CAST($3 AS TEXT) AS BIGINT)
//     SQLite      CAST(json_extract("docs"."body", '$."' || ? || '"[' || ? || ']."' || ? || '"') AS INTEGER)
//
// A key is text (an object member: a string literal, std::string, std::string_view) or an
// integer (an array element, 0-based, not negative). The result type T is a text, integer,
// floating-point or bool field type, or std::optional of one: a missing key or a JSON null
// is NULL, so declare std::optional<T> unless every row has the key. The value is
// converted with CAST to T's SQL type: a JSON number read as text is its digits on both
// databases; a JSON true read as text is "true" on PostgreSQL and "1" on SQLite. An
// object or array read as std::string is its JSON text (PostgreSQL's jsonb spacing differs
// from SQLite's). SQLite's path syntax cannot name a member whose key contains '"'.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace detail {
/// A JSON path key as stored: text for an object member, std::int64_t for an array index.
template <class K>
using json_key_t = std::conditional_t<std::integral<std::remove_cvref_t<K>>, std::int64_t, std::string>;

template <class K>
concept JsonKey = (std::integral<std::remove_cvref_t<K>> && !std::same_as<std::remove_cvref_t<K>, bool>) ||
                  std::convertible_to<K, std::string_view>;
}  // namespace detail

template <class T, class E, class... Keys>
struct json_get_t : detail::expression_tag, detail::labelable<json_get_t<T, E, Keys...>> {
    using is_compound = void;
    using value_type = T;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = sql_type_of<unwrap_optional_t<T>>.kind;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;

    E expr;
    std::tuple<Keys...> keys;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        constexpr sql_type target = sql_type_of<unwrap_optional_t<T>>;
        if constexpr (D::id == dialect_id::postgresql) {
            // x -> k1 -> k2 ->> kn: every step as jsonb, the last one as text
            if (kind != sql_kind::text) w.put("CAST(");
            detail::render_operand<D, E>(w);
            std::size_t i = 0;
            (render_pg_key<D, Keys>(w, ++i == sizeof...(Keys)), ...);
            if (kind != sql_kind::text) {
                w.put(" AS ");
                w.put(D::type_name(target));
                w.put(')');
            }
        } else {
            // json_extract(x, '$."k1"[k2]'), the path built from the bound keys
            w.put("CAST(json_extract(");
            E::template render<D>(w);
            w.put(", '$");
            (render_sqlite_key<D, Keys>(w), ...);
            w.put("') AS ");
            w.put(D::type_name(target));
            w.put(')');
        }
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
        detail::tuple_apply([&](const auto&... k) { (f(k), ...); }, keys);
    }

private:
    template <class D, class K>
    static constexpr void render_pg_key(detail::sql_writer& w, bool last) {
        w.put(last ? " ->> CAST(" : " -> CAST(");
        D::placeholder(w);
        w.put(std::is_same_v<K, std::string> ? " AS TEXT)" : " AS INTEGER)");
    }
    template <class D, class K>
    static constexpr void render_sqlite_key(detail::sql_writer& w) {
        w.put(std::is_same_v<K, std::string> ? ".\"' || " : "[' || ");
        D::placeholder(w);
        w.put(std::is_same_v<K, std::string> ? " || '\"" : " || ']");
    }
};

namespace detail {
template <class T, class E, class... Keys>
consteval bool check_json_get() {
    using U = unwrap_optional_t<T>;
    constexpr bool json_source = kind_of<E> == sql_kind::json;
    static_assert(json_source,
                  "retort: json_get<T>(x, keys...) reads a retort::json expression; x is not one (declare the "
                  "field as retort::json)");
    constexpr bool scalar = [] {
        if constexpr (FieldValue<T>) {
            constexpr sql_kind k = sql_type_of<U>.kind;
            return k == sql_kind::text || k == sql_kind::integer || k == sql_kind::real || k == sql_kind::boolean;
        } else {
            return false;
        }
    }();
    static_assert(!json_source || scalar,
                  "retort: json_get<T>(...) reads a JSON value as T: std::string, an integer, a floating-point "
                  "type or bool, or std::optional of one");
    constexpr bool keys_ok = (JsonKey<Keys> && ...);
    static_assert(!json_source || !scalar || keys_ok,
                  "retort: json_get<T>(x, keys...) takes each key as text (\"name\", an object member) or an "
                  "integer (an array index)");
    return json_source && scalar && keys_ok;
}
}  // namespace detail

/// The JSON value at keys... inside x (a retort::json expression), read as T.
/// PostgreSQL: x -> k1 ... ->> kn, cast to T's SQL type; SQLite: json_extract(x, path).
template <class T, Expression E, class... Keys>
    requires(sizeof...(Keys) > 0)
constexpr auto json_get(E&& e, Keys&&... keys) {
    using X = std::remove_cvref_t<E>;
    if constexpr (detail::check_json_get<T, X, Keys...>())
        return json_get_t<T, X, detail::json_key_t<Keys>...>{
            {}, {}, std::forward<E>(e), {detail::json_key_t<Keys>(std::forward<Keys>(keys))...}};
    else
        return value_t<std::int64_t>{{}, 0};  // already reported: nothing more
}

}  // namespace retort
