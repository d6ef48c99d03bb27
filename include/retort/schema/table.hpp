// retort/schema/table.hpp — declaring a table beside a plain aggregate.
//
//     struct User { std::int64_t id; std::string name; std::optional<int> age; };
//     template <> inline constexpr auto retort::table_of<User> =
//         retort::table<User>("users", retort::primary_key<&User::id>, retort::unique<&User::name>);
//
// NULL-ability comes from std::optional fields; every other column is NOT NULL.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "retort/detail/tuple_apply.hpp"
#include "retort/detail/type_name.hpp"
#include "retort/dialect/dialect_id.hpp"
#include "retort/reflect/fields.hpp"
#include "retort/schema/domain.hpp"
#include "retort/schema/enum.hpp"
#include "retort/schema/options.hpp"
#include "retort/types/sql_type.hpp"

namespace retort {

template <class T, class... Options>
struct table_t {
    using model = T;
    std::string_view name;
    std::tuple<Options...> options;
};

/// Not a table: the primary template of table_of.
template <class T>
struct not_a_table_t {};

/// The table declaration of model T. Specialise it for each model (or let schema_gen do it).
template <class T>
inline constexpr auto table_of = not_a_table_t<T>{};

namespace detail {
template <class T>
struct is_table_decl : std::false_type {};
template <class T, class... Os>
struct is_table_decl<table_t<T, Os...>> : std::true_type {};

template <class T>
consteval bool fields_are_values() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return ((FieldValue<reflect::field_type<T, I>> ||
                 is_unfit_duration_v<unwrap_optional_t<reflect::field_type<T, I>>>) && ...);
    }(std::make_index_sequence<reflect::field_count<T>>{});
}
template <class T>
consteval bool durations_fit() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return (!is_unfit_duration_v<unwrap_optional_t<reflect::field_type<T, I>>> && ...);
    }(std::make_index_sequence<reflect::field_count<T>>{});
}

template <class O>
inline constexpr bool is_column_type_v = false;
template <auto M, class D>
inline constexpr bool is_column_type_v<column_type_t<M, D>> = true;
template <class O, class... Os>
consteval std::size_t count_same() {
    return (0 + ... + (std::is_same_v<O, Os> ? 1 : 0));
}
/// No column_type given twice for one column and dialect.
template <class... Os>
consteval bool column_types_unique() {
    return ((!is_column_type_v<Os> || count_same<Os, Os...>() == 1) && ...);
}
}  // namespace detail

/// A model with a table declaration.
template <class T>
concept Table = detail::is_table_decl<std::remove_cv_t<decltype(table_of<T>)>>::value;

/// Declares model T as the table `name`. Checks every option at compile time.
template <Reflectable T, TableOption... Options>
consteval table_t<T, Options...> table(std::string_view name, Options... options) {
    static_assert(reflect::field_count<T> > 0, "retort: a table model needs at least one field");
    static_assert(detail::durations_fit<T>(),
                  "retort: a std::chrono::duration field is an INTERVAL, which keeps whole microseconds: "
                  "declare it with an integer count of microseconds or coarser units (std::chrono::microseconds, "
                  "milliseconds, seconds, ...), not std::chrono::nanoseconds or a floating-point count");
    static_assert(detail::fields_are_values<T>(),
                  "retort: every field of a table model must be a SQL value type (integer, floating "
                  "point, bool, std::string, retort::blob, std::chrono::sys_time, retort::timestamptz, "
                  "a std::chrono::duration, a type with "
                  "retort::type_traits, or std::optional of one of these)");
    static_assert((detail::option_belongs<T, Options>::value && ...),
                  "retort: a table option names a member of another struct; every key, index, default "
                  "and column option of table<T> must name members of T");
    static_assert(detail::column_types_unique<Options...>(),
                  "retort: column_type is given twice for one column and dialect; keep at most one plain "
                  "column_type<&T::field>(\"...\") and one column_type<&T::field, D>(\"...\") per dialect");
    static_assert((0 + ... + (std::is_same_v<Options, primary_key_t<>> ? 1 : 0)) == 0,
                  "retort: primary_key<> needs at least one member");
    return {name, {options...}};
}

namespace detail {

template <class O>
struct is_primary_key : std::false_type {};
template <auto... Ms>
struct is_primary_key<primary_key_t<Ms...>> : std::true_type {};

/// Everything the renderers need about one column, computed once per model.
struct column_info {
    std::string_view name;           // SQL name
    sql_type type;
    bool nullable = false;
    bool primary_key = false;        // part of the primary key
    bool generated = false;          // value produced by the database (identity / rowid)
    bool autoincrement = false;      // SQLite AUTOINCREMENT
    bool serial = false;             // PostgreSQL: a serial column, not an identity (retort::serial)
    std::size_t varchar = 0;         // VARCHAR(n) when > 0
    std::string_view default_sql;    // DEFAULT <sql> when not empty
    std::string_view type_sql;       // retort::column_type: the SQL type, when not empty
    std::string_view type_sql_sqlite;      // column_type<&T::f, sqlite>: wins over type_sql there
    std::string_view type_sql_postgresql;  // column_type<&T::f, postgresql>
    /// The column_type that applies in dialect `d` (empty: the C++ type's own).
    constexpr std::string_view type_sql_for(dialect_id d) const noexcept {
        const std::string_view v = d == dialect_id::sqlite ? type_sql_sqlite : type_sql_postgresql;
        return v.empty() ? type_sql : v;
    }
    std::string_view comment;        // retort::comment<&T::f>: COMMENT ON COLUMN
    std::string_view enum_name;      // a retort::enum_labels enum: its SQL type name
    const std::string_view* enum_labels = nullptr;  // ... and its labels
    std::size_t enum_label_count = 0;
    // retort::domain<&T::f>: the column's PostgreSQL domain. Tested through has_domain: GCC
    // cannot compare the pointer with null in a constant expression under -fsanitize=undefined.
    bool has_domain = false;
    const domain_info* domain = nullptr;
};

template <class Field>
constexpr void set_enum_info(column_info& c) {
    using U = unwrap_optional_t<Field>;
    if constexpr (LabeledEnum<U>) {
        c.enum_name = retort::enum_labels<U>.name;
        c.enum_labels = retort::enum_labels<U>.labels.data();
        c.enum_label_count = retort::enum_labels<U>.labels.size();
    }
}

template <class T, std::size_t N = reflect::field_count<T>>
struct table_meta {
    std::string_view name;
    std::array<column_info, N> columns{};
    std::size_t pk_count = 0;
    std::array<std::size_t, N> pk_order{};  // field indexes of the primary key, in declaration order
    std::size_t generated_index = N;  // index of the generated key column, N when none
    std::string_view comment;         // retort::table_comment: COMMENT ON TABLE
    constexpr bool has_generated() const { return generated_index < N; }
};

template <class T>
consteval auto build_meta() {
    constexpr auto& decl = table_of<T>;
    table_meta<T> m{};
    m.name = decl.name;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((m.columns[I].name = reflect::field_name<T, I>,
          m.columns[I].type = sql_type_of<reflect::field_type<T, I>>,
          m.columns[I].nullable = is_optional_v<reflect::field_type<T, I>>,
          set_enum_info<reflect::field_type<T, I>>(m.columns[I])),
         ...);
    }(std::make_index_sequence<reflect::field_count<T>>{});
    bool assigned = false;
    detail::tuple_apply(
        [&](const auto&... opt) {
            auto apply_one = [&]<class O>(const O& o) {
                if constexpr (is_primary_key<O>::value) {
                    [&]<auto... Ms>(primary_key_t<Ms...>) {
                        std::size_t k = 0;
                        ((m.columns[reflect::member_index<Ms>].primary_key = true,
                          m.pk_order[k++] = reflect::member_index<Ms>),
                         ...);
                        m.pk_count = sizeof...(Ms);
                    }(o);
                } else if constexpr (std::is_same_v<O, assigned_key_t>) {
                    assigned = true;
                } else if constexpr (requires { []<auto M>(autoincrement_t<M>) {}(o); }) {
                    [&]<auto M>(autoincrement_t<M>) { m.columns[reflect::member_index<M>].autoincrement = true; }(o);
                } else if constexpr (requires { []<auto M>(domain_t<M>) {}(o); }) {
                    [&]<auto M>(const domain_t<M>& d) {
                        m.columns[reflect::member_index<M>].domain = &d.info;
                        m.columns[reflect::member_index<M>].has_domain = true;
                    }(o);
                } else if constexpr (requires { []<auto M>(serial_t<M>) {}(o); }) {
                    [&]<auto M>(serial_t<M>) { m.columns[reflect::member_index<M>].serial = true; }(o);
                } else if constexpr (requires { []<auto M>(server_default_t<M>) {}(o); }) {
                    [&]<auto M>(server_default_t<M> d) { m.columns[reflect::member_index<M>].default_sql = d.sql; }(o);
                } else if constexpr (requires { []<auto M, std::size_t L>(varchar_t<M, L>) {}(o); }) {
                    [&]<auto M, std::size_t L>(varchar_t<M, L>) { m.columns[reflect::member_index<M>].varchar = L; }(o);
                } else if constexpr (std::is_same_v<O, table_comment_t>) {
                    m.comment = o.text;
                } else if constexpr (requires { []<auto M>(comment_t<M>) {}(o); }) {
                    [&]<auto M>(comment_t<M> c) { m.columns[reflect::member_index<M>].comment = c.text; }(o);
                } else if constexpr (requires { []<auto M, class D>(column_type_t<M, D>) {}(o); }) {
                    [&]<auto M, class D>(column_type_t<M, D> t) {
                        auto& col = m.columns[reflect::member_index<M>];
                        (std::is_same_v<D, sqlite>       ? col.type_sql_sqlite
                         : std::is_same_v<D, postgresql> ? col.type_sql_postgresql
                                                         : col.type_sql) = t.sql;
                    }(o);
                } else if constexpr (requires { []<auto M>(column_name_t<M>) {}(o); }) {
                    [&]<auto M>(column_name_t<M> n) { m.columns[reflect::member_index<M>].name = n.name; }(o);
                }
            };
            (void)apply_one;  // unused when the declaration has no options
            (apply_one(opt), ...);
        },
        decl.options);
    // A single integer primary key is generated by the database unless assigned_key says otherwise.
    if (m.pk_count == 1 && !assigned) {
        for (std::size_t i = 0; i < m.columns.size(); ++i)
            if (m.columns[i].primary_key && m.columns[i].type.kind == sql_kind::integer) {
                m.columns[i].generated = true;
                m.generated_index = i;
            }
    }
    return m;
}

// A function, not a class, so that it still returns a constant after the static_assert
// fires (clang marks a class whose static_assert failed invalid: a cascade of errors).
template <class T>
consteval table_meta<T> not_declared_error() {
    static_assert(detail::always_false<T>,
                  "retort: this struct is used as a table but has no table declaration; declare it with "
                  "`template <> inline constexpr auto retort::table_of<T> = retort::table<T>(\"name\", ...);`");
    return table_meta<T>{};
}

template <class T>
consteval auto meta_or_error() {
    if constexpr (Table<T>)
        return build_meta<T>();
    else
        return not_declared_error<T>();
}

}  // namespace detail

/// Compile-time facts about a declared table: its SQL name and its columns.
template <class T>
inline constexpr auto meta = detail::meta_or_error<T>();

}  // namespace retort
