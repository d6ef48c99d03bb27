// retort/stmt/text.hpp — SQL text with named parameters, typed where retort can type it.
//
//   auto q = retort::text<"SELECT id, name FROM users WHERE age > :min_age">
//                .bind<"min_age">(30)
//                .columns<std::int64_t, std::string>();       // rows: std::tuple<std::int64_t, std::string>
//   for (auto [id, name] : conn.execute(q)) ...
//   conn.execute(retort::text<"UPDATE users SET age = age + 1 WHERE id = :id">.bind<"id">(7));  // rows affected
//
//   retort::literal_column<"lower(\"users\".\"name\")", std::string>   // a typed SQL fragment, an expression
//
// The text is parsed at compile time:
//   :name            a parameter (a letter or _ then letters, digits, _), not after a letter, digit or _
//                    (so `a:b` and `12:30` are left alone). Rendered `?` on SQLite, `$n` on PostgreSQL.
//                    A name used twice is one parameter, bound once: `$1 ... $1` on PostgreSQL,
//                    `?1 ... ?1` on SQLite (numbered only when some name repeats).
//   ::               PostgreSQL's cast, left as is: `:id::bigint` is the parameter id, then a cast.
//   \:               a literal colon (write "\\:" in a C++ literal): `arr[\:n]` renders `arr[:n]`.
//   '...' "..." -- /* */   string literals, quoted identifiers and comments are copied untouched.
//   $1 / ?           positional parameters are refused: $n is a compile error; a ? outside string
//                    literals is a veto on SQLite (a parameter there; PostgreSQL's jsonb operator).
// Every parameter must be bound exactly once, with a name the text has: a compile error
// naming the parameter otherwise. Values are always bound, never spliced into the text.
// The server infers a parameter's type from where it stands; write CAST(:x AS ...) (or
// :x::type) where it cannot (a bare select-list item on PostgreSQL).
//
// With .columns<...>() the text is a select: it runs with execute() / stream(), and (with a
// tuple row) it can stand where a subquery does: scalar(q), exists(q), in(x, q),
// derived<T>(q) (its column names must then be T's field names: retort does not rewrite them).
// .columns<T>() with a struct reads each row into T, field by field, in column order.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/fixed_string.hpp"
#include "retort/detail/tuple_apply.hpp"
#include "retort/detail/type_name.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"
#include "retort/stmt/common.hpp"

namespace retort {

/// The statement kind of a text without result columns: execute() returns rows affected.
struct text_kind {};

namespace detail {

constexpr bool text_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr bool text_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

/// Walks SQL text: `literal(sv)` for text copied out, `param(name)` for each :name,
/// `other(i)` for every other character outside literals, quoted identifiers and comments.
template <class Literal, class Param, class Other>
constexpr void scan_text(std::string_view s, Literal&& literal, Param&& param, Other&& other) {
    std::size_t i = 0, from = 0;
    const auto flush = [&](std::size_t to) {
        if (to > from) literal(s.substr(from, to - from));
    };
    // Plain loops, not string_view::find: GCC 12 does not evaluate find at compile time
    // under -fsanitize.
    while (i < s.size()) {
        const char ch = s[i];
        if (ch == '\'' || ch == '"') {  // literal or quoted identifier ('' and "" escapes just reopen)
            ++i;
            while (i < s.size() && s[i] != ch) ++i;
            if (i < s.size()) ++i;
        } else if (ch == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (ch == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            i += 2;
            while (i < s.size() && !(s[i] == '*' && i + 1 < s.size() && s[i + 1] == '/')) ++i;
            i = i < s.size() ? i + 2 : s.size();
        } else if (ch == '\\' && i + 1 < s.size() && s[i + 1] == ':') {  // \: is a literal colon
            flush(i);
            from = i + 1;
            i += 2;
        } else if (ch == ':' && i + 1 < s.size() && s[i + 1] == ':') {  // a PostgreSQL cast
            i += 2;
        } else if (ch == ':' && i + 1 < s.size() && text_name_start(s[i + 1]) && (i == 0 || !text_word_char(s[i - 1]))) {
            flush(i);
            std::size_t end = i + 1;
            while (end < s.size() && text_word_char(s[end])) ++end;
            param(s.substr(i + 1, end - i - 1));
            i = end;
            from = end;
        } else {
            other(i);
            ++i;
        }
    }
    flush(s.size());
}
template <class Literal, class Param>
constexpr void scan_text(std::string_view s, Literal&& literal, Param&& param) {
    scan_text(s, literal, param, [](std::size_t) {});
}

/// The distinct parameter names of a text, in order of first use, and whether one repeats.
template <std::size_t N>
struct text_params {
    std::string_view names[N == 0 ? 1 : N]{};
    std::size_t count = 0;
    bool repeats = false;
    bool question = false;  // a ? outside literals: a parameter on SQLite (an operator on PostgreSQL)
    bool dollar = false;    // $1 ...: a positional parameter on both

    constexpr std::size_t find(std::string_view name) const {
        for (std::size_t k = 0; k < count; ++k)
            if (names[k] == name) return k;
        return count;
    }
};

template <std::size_t N>
consteval std::size_t count_text_params(std::string_view s) {
    std::size_t n = 0;
    scan_text(s, [](std::string_view) {}, [&](std::string_view) { ++n; });
    return n;
}

template <fixed_string Sql>
inline constexpr auto text_params_of = [] {
    text_params<count_text_params<Sql.size()>(Sql.view())> p;
    scan_text(
        Sql.view(), [](std::string_view) {},
        [&](std::string_view name) {
            if (p.find(name) < p.count)
                p.repeats = true;
            else
                p.names[p.count++] = name;
        },
        [&](std::size_t i) {
            const std::string_view s = Sql.view();
            if (s[i] == '?') p.question = true;
            if (s[i] == '$' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') p.dollar = true;
        });
    return p;
}();

/// The I-th parameter name of a text, as a template argument (for messages).
template <fixed_string Sql, std::size_t I>
inline constexpr auto text_param_name = fixed_string<text_params_of<Sql>.names[I].size()>(text_params_of<Sql>.names[I]);

/// One `.bind<"name">(value)`.
template <fixed_string Name, class V>
struct text_bind {
    static constexpr std::string_view name = Name;
    V value;
};

/// The diagnostics, as functions whose template arguments name the parameter (see
/// table_not_in_statement in stmt/common.hpp for why functions).
template <fixed_string Name>
consteval bool text_has_no_parameter() {
    static_assert(always_false<decltype(Name)>,
                  "retort: bind<N>() names a parameter the SQL text does not have (the name is in "
                  "'text_has_no_parameter<\"name\">' above); parameters are written :name in the text");
    return false;
}
template <fixed_string Name>
consteval bool text_parameter_bound_twice() {
    static_assert(always_false<decltype(Name)>,
                  "retort: bind<N>() is given twice for the same parameter (named in "
                  "'text_parameter_bound_twice<\"name\">' above); bind each parameter once");
    return false;
}
template <fixed_string Name>
consteval bool text_parameter_not_bound() {
    static_assert(always_false<decltype(Name)>,
                  "retort: a parameter of the SQL text is not bound (named in 'text_parameter_not_bound<\"name\">' "
                  "above); add .bind<\"name\">(value) before the statement runs");
    return false;
}
template <class V>
consteval bool text_value_not_bindable() {
    static_assert(always_false<V>,
                  "retort: bind<\"name\">(value): the value is not a SQL value type (a number, string, "
                  "std::optional of one, retort::null ...)");
    return false;
}
template <class S>
consteval bool text_positional_parameter() {
    static_assert(always_false<S>,
                  "retort: the SQL text has a positional parameter ($1, $2 ...); write parameters as :name and "
                  "bind them with bind<\"name\">(value)");
    return false;
}
struct text_question_on_sqlite {
    static constexpr std::string_view reason =
        "retort: the SQL text has a ? outside string literals, which SQLite reads as a parameter; write "
        "parameters as :name (PostgreSQL's jsonb ? operator cannot run on SQLite)";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: the SQL text has a ? outside string literals, which SQLite reads as a parameter; "
                      "write parameters as :name (PostgreSQL's jsonb ? operator cannot run on SQLite)");
        return false;
    }
};

template <class T>
consteval bool text_column_not_sql() {
    static_assert(always_false<T>,
                  "retort: columns<...>() takes SQL value types (std::int64_t, std::string, std::optional<T> "
                  "...), or one struct to read each row into; this type is neither (named in "
                  "'text_column_not_sql<T>' above)");
    return false;
}

template <class... Binds>
consteval std::size_t bind_position([[maybe_unused]] std::string_view name) {
    std::size_t at = 0, found = sizeof...(Binds);
    ((found == sizeof...(Binds) && Binds::name == name ? void(found = at) : void(), ++at), ...);
    return found;
}

/// The row of .columns<Ts...>(): one struct, or a tuple of SQL value types.
template <class... Ts>
struct text_row {
    using type = std::tuple<Ts...>;
};
template <class T>
    requires(std::is_class_v<T> && std::is_aggregate_v<T> && !FieldValue<T>)
struct text_row<T> {
    using type = T;
};

template <class T>
consteval bool check_text_column() {
    if constexpr (FieldValue<T>)
        return true;
    else
        return text_column_not_sql<T>();
}

template <class... Ts>
consteval bool check_text_columns() {
    if constexpr (!std::is_same_v<typename text_row<Ts...>::type, std::tuple<Ts...>>)
        return true;  // one struct, read field by field
    else
        return (check_text_column<Ts>() && ...);
}

template <class Row>
struct text_rows {
    using statement_kind = select_kind;
    using row_type = Row;
};
template <>
struct text_rows<void> {
    using statement_kind = text_kind;
};

}  // namespace detail

/// A statement from SQL text (see the top of this header). Row is void until columns<...>().
template <fixed_string Sql, class Row, class... Binds>
struct text_t : detail::text_rows<Row> {
    using tables = detail::type_list<>;
    static constexpr auto& params = detail::text_params_of<Sql>;

    std::tuple<Binds...> binds;

    /// Binds the parameter :Name to a value (a copy; literals are kept as views).
    template <fixed_string Name, class V>
    constexpr auto bind(V&& v) const {
        using S = detail::stored_value_t<V&&>;
        if constexpr (params.find(Name.view()) == params.count) {
            [[maybe_unused]] constexpr bool reported = detail::text_has_no_parameter<Name>();
            return *this;
        } else if constexpr (detail::bind_position<Binds...>(Name.view()) < sizeof...(Binds)) {
            [[maybe_unused]] constexpr bool reported = detail::text_parameter_bound_twice<Name>();
            return *this;
        } else if constexpr (!BindableValue<S> && !std::is_same_v<S, null_t> && !is_optional_v<S>) {
            [[maybe_unused]] constexpr bool reported = detail::text_value_not_bindable<S>();
            return *this;
        } else {
            return detail::tuple_apply(
                [&](const Binds&... b) {
                    return text_t<Sql, Row, Binds..., detail::text_bind<Name, S>>{
                        {}, {b..., detail::text_bind<Name, S>{S(std::forward<V>(v))}}};
                },
                binds);
        }
    }

    /// Declares the result columns: SQL value types (rows are tuples) or one struct.
    template <class... Ts>
        requires(sizeof...(Ts) > 0)
    constexpr auto columns() const {
        static_assert(std::is_void_v<Row>, "retort: columns<...>() is already given for this text");
        if constexpr (detail::check_text_columns<Ts...>())
            return text_t<Sql, typename detail::text_row<Ts...>::type, Binds...>{{}, binds};
        else
            return *this;
    }

    template <class D>
    using veto = std::conditional_t<D::id == dialect_id::sqlite && params.question, detail::text_question_on_sqlite,
                                    detail::no_veto>;

    /// Every parameter is bound; no positional parameter (checked where the statement is rendered or run).
    static consteval bool check() {
        if constexpr (params.dollar)
            return detail::text_positional_parameter<text_t>();
        else
            return []<std::size_t... I>(std::index_sequence<I...>) {
                return (check_bound<I>() && ...);
            }(std::make_index_sequence<params.count>{});
    }
    static consteval bool check_grouping() { return check(); }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        const int base = w.params;
        detail::scan_text(
            Sql.view(), [&](std::string_view s) { w.put(s); },
            [&](std::string_view name) {
                const std::size_t k = params.find(name);
                if (D::id == dialect_id::postgresql) {
                    w.put('$');
                    w.put_number(static_cast<std::size_t>(base) + k + 1);
                } else {
                    w.put('?');
                    if (params.repeats) w.put_number(static_cast<std::size_t>(base) + k + 1);
                }
            });
        w.params = base + static_cast<int>(params.count);
    }

    /// The values in parameter order (each name once).
    template <class F>
    constexpr void for_each_value(F&& f) const {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (visit_param<I>(f), ...);
        }(std::make_index_sequence<params.count>{});
    }

private:
    template <std::size_t I>
    static consteval bool check_bound() {
        if constexpr (detail::bind_position<Binds...>(params.names[I]) < sizeof...(Binds))
            return true;
        else
            return detail::text_parameter_not_bound<detail::text_param_name<Sql, I>>();
    }
    template <std::size_t I, class F>
    constexpr void visit_param(F& f) const {
        constexpr std::size_t j = detail::bind_position<Binds...>(params.names[I]);
        if constexpr (j < sizeof...(Binds)) {
            f(std::get<j>(binds).value);
        }
    }
};

template <fixed_string Sql, class Row, class... Binds>
    requires(!std::is_void_v<Row>)
struct is_select_statement<text_t<Sql, Row, Binds...>> : std::true_type {};

/// A statement from SQL text with :named parameters; see the top of this header.
template <fixed_string Sql>
inline constexpr text_t<Sql, void> text{};

/// A SQL fragment used as an expression of C++ type T, rendered as written:
/// `retort::literal_column<"CURRENT_DATE", std::chrono::year_month_day>`. It binds nothing
/// (use value(x) or text<> for values) and names no table, so retort checks nothing inside it.
template <fixed_string Sql, class T>
struct literal_column_t : detail::expression_tag, detail::labelable<literal_column_t<Sql, T>> {
    using value_type = T;
    using tables = detail::type_list<>;
    static constexpr sql_kind kind = sql_type_of<T>.kind;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put(Sql.view());
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

namespace detail {
template <class T>
consteval bool literal_column_not_sql() {
    static_assert(always_false<T>,
                  "retort: literal_column<\"sql\", T> needs a SQL value type T (std::int64_t, std::string, "
                  "std::optional<U> ...); the type is named in 'literal_column_not_sql<T>' above");
    return false;
}
template <class T>
consteval bool check_literal_column_type() {
    if constexpr (FieldValue<T>)
        return true;
    else
        return literal_column_not_sql<T>();
}
}  // namespace detail

/// A typed literal SQL fragment (see literal_column_t); T is its value type, std::optional<U>
/// when it can be NULL.
/// (After the message of a type that is not a SQL value type, an integer stand-in: nothing
/// more is reported.)
template <fixed_string Sql, class T>
inline constexpr auto literal_column =
    std::conditional_t<detail::check_literal_column_type<T>(), literal_column_t<Sql, T>,
                       literal_column_t<Sql, std::int64_t>>{};

}  // namespace retort
