// retort/schema/options.hpp — what a table declaration can say beyond the struct.
//
//   retort::primary_key<&T::a, &T::b...>     single or composite primary key
//   retort::assigned_key                     an integer primary key whose values the
//                                            application chooses (not generated)
//   retort::autoincrement<&T::id>            never reuse ids (SQLite AUTOINCREMENT)
//   retort::unique<&T::a, &T::b...>          UNIQUE constraint (single or multi-column)
//   retort::index<&T::a...>, unique_index<>  CREATE [UNIQUE] INDEX
//   retort::foreign_key<&T::f, &U::id>(retort::on_delete::cascade, retort::on_update::restrict_)
//   retort::server_default<&T::f>("CURRENT_TIMESTAMP")     DEFAULT <sql>
//   retort::check("name", "price >= 0")      CHECK constraint (named), or check("price >= 0")
//   retort::varchar<&T::f, 120>              VARCHAR(120) instead of TEXT
//   retort::column_name<&T::f>("SQL name")   when the SQL name differs from the field
//   retort::table_comment("..."), retort::comment<&T::f>("...")
//                                            COMMENT ON TABLE / COLUMN (PostgreSQL)
//   retort::column_type<&T::f>("tsvector")   the column's SQL type, when the field's C++
//                                            type does not say it (create_all writes it,
//                                            check_schema compares it by name)
//   retort::version_id<&T::version>          an integer column the ORM session uses for
//                                            optimistic concurrency (orm/session.hpp)
#pragma once

#include <string_view>

#include "retort/reflect/fields.hpp"

namespace retort {

template <auto... Members>
struct primary_key_t {
    static constexpr std::size_t size = sizeof...(Members);
};
template <auto... Members>
inline constexpr primary_key_t<Members...> primary_key{};

struct assigned_key_t {};
inline constexpr assigned_key_t assigned_key{};

template <auto Member>
struct autoincrement_t {};
template <auto Member>
inline constexpr autoincrement_t<Member> autoincrement{};

template <auto... Members>
struct unique_t {};
template <auto... Members>
inline constexpr unique_t<Members...> unique{};

template <bool Unique, auto... Members>
struct index_t {};
template <auto... Members>
inline constexpr index_t<false, Members...> index{};
template <auto... Members>
inline constexpr index_t<true, Members...> unique_index{};

/// Referential actions, as SQL spells them.
enum class fk_action : unsigned char { no_action, restrict_, cascade, set_null, set_default };

constexpr std::string_view fk_action_sql(fk_action a) noexcept {
    switch (a) {
        case fk_action::no_action: return "NO ACTION";
        case fk_action::restrict_: return "RESTRICT";
        case fk_action::cascade: return "CASCADE";
        case fk_action::set_null: return "SET NULL";
        case fk_action::set_default: return "SET DEFAULT";
    }
    return "";
}

struct on_delete_t {
    fk_action action;
};
struct on_update_t {
    fk_action action;
};

namespace on_delete {
inline constexpr on_delete_t no_action{fk_action::no_action};
inline constexpr on_delete_t restrict_{fk_action::restrict_};
inline constexpr on_delete_t cascade{fk_action::cascade};
inline constexpr on_delete_t set_null{fk_action::set_null};
inline constexpr on_delete_t set_default{fk_action::set_default};
}  // namespace on_delete
namespace on_update {
inline constexpr on_update_t no_action{fk_action::no_action};
inline constexpr on_update_t restrict_{fk_action::restrict_};
inline constexpr on_update_t cascade{fk_action::cascade};
inline constexpr on_update_t set_null{fk_action::set_null};
inline constexpr on_update_t set_default{fk_action::set_default};
}  // namespace on_update

template <auto From, auto To>
struct foreign_key_t {
    fk_action on_delete = fk_action::no_action;
    fk_action on_update = fk_action::no_action;

    constexpr foreign_key_t operator()(on_delete_t d) const noexcept { return {d.action, on_update}; }
    constexpr foreign_key_t operator()(on_update_t u) const noexcept { return {on_delete, u.action}; }
    constexpr foreign_key_t operator()(on_delete_t d, on_update_t u) const noexcept { return {d.action, u.action}; }
    constexpr foreign_key_t operator()(on_update_t u, on_delete_t d) const noexcept { return {d.action, u.action}; }
};
template <auto From, auto To>
inline constexpr foreign_key_t<From, To> foreign_key{};

template <auto Member>
struct server_default_t {
    std::string_view sql;
};
template <auto Member>
constexpr server_default_t<Member> server_default(std::string_view sql) noexcept {
    return {sql};
}

struct check_t {
    std::string_view name;
    std::string_view sql;
};
constexpr check_t check(std::string_view sql) noexcept { return {{}, sql}; }
constexpr check_t check(std::string_view name, std::string_view sql) noexcept { return {name, sql}; }

template <auto Member, std::size_t Length>
struct varchar_t {};
template <auto Member, std::size_t Length>
inline constexpr varchar_t<Member, Length> varchar{};

template <auto Member>
struct column_name_t {
    std::string_view name;
};
template <auto Member>
constexpr column_name_t<Member> column_name(std::string_view name) noexcept {
    return {name};
}

/// The column's SQL type as the database spells it ("tsvector", "interval",
/// "character(2)"): create_all creates the column with it (instead of the type the
/// field's C++ type gives), check_schema compares the database column's type with it by
/// name, and values travel as the field's C++ type (e.g. text for std::string). schema_gen
/// writes it for a column whose type has no C++ type of its own (interval, tsvector,
/// char(n)) and for every column a --map maps.
template <auto Member>
struct column_type_t {
    std::string_view sql;
};
template <auto Member>
constexpr column_type_t<Member> column_type(std::string_view sql) noexcept {
    return {sql};
}

/// COMMENT ON TABLE (table_comment) and COMMENT ON COLUMN (comment<&T::f>): create_all sets
/// them on PostgreSQL, check_schema compares them there; SQLite keeps no comments.
struct table_comment_t {
    std::string_view text;
};
constexpr table_comment_t table_comment(std::string_view text) noexcept { return {text}; }
template <auto Member>
struct comment_t {
    std::string_view text;
};
template <auto Member>
constexpr comment_t<Member> comment(std::string_view text) noexcept {
    return {text};
}

/// An integer column the ORM session increments on every UPDATE it sends and checks in
/// the UPDATE's and DELETE's WHERE clause (optimistic concurrency: a row changed by
/// someone else since it was loaded raises retort::stale_data_error). Core ignores it.
template <auto Member>
struct version_id_t {};
template <auto Member>
inline constexpr version_id_t<Member> version_id{};

namespace detail {

template <class T, class Option>
struct option_belongs : std::true_type {};
template <class T, auto... Ms>
struct option_belongs<T, primary_key_t<Ms...>>
    : std::bool_constant<(std::is_same_v<reflect::class_of<Ms>, T> && ...)> {};
template <class T, auto M>
struct option_belongs<T, autoincrement_t<M>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};
template <class T, auto... Ms>
struct option_belongs<T, unique_t<Ms...>> : std::bool_constant<(std::is_same_v<reflect::class_of<Ms>, T> && ...)> {};
template <class T, bool U, auto... Ms>
struct option_belongs<T, index_t<U, Ms...>>
    : std::bool_constant<(std::is_same_v<reflect::class_of<Ms>, T> && ...)> {};
template <class T, auto F, auto To>
struct option_belongs<T, foreign_key_t<F, To>> : std::bool_constant<std::is_same_v<reflect::class_of<F>, T>> {};
template <class T, auto M>
struct option_belongs<T, server_default_t<M>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};
template <class T, auto M, std::size_t L>
struct option_belongs<T, varchar_t<M, L>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};
template <class T, auto M>
struct option_belongs<T, column_name_t<M>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};
template <class T, auto M>
struct option_belongs<T, comment_t<M>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};
template <class T, auto M>
struct option_belongs<T, column_type_t<M>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};
template <class T, auto M>
struct option_belongs<T, version_id_t<M>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};

template <class Option>
struct is_table_option : std::false_type {};
template <auto... Ms>
struct is_table_option<primary_key_t<Ms...>> : std::true_type {};
template <>
struct is_table_option<assigned_key_t> : std::true_type {};
template <auto M>
struct is_table_option<autoincrement_t<M>> : std::true_type {};
template <auto... Ms>
struct is_table_option<unique_t<Ms...>> : std::true_type {};
template <bool U, auto... Ms>
struct is_table_option<index_t<U, Ms...>> : std::true_type {};
template <auto F, auto To>
struct is_table_option<foreign_key_t<F, To>> : std::true_type {};
template <auto M>
struct is_table_option<server_default_t<M>> : std::true_type {};
template <>
struct is_table_option<check_t> : std::true_type {};
template <auto M, std::size_t L>
struct is_table_option<varchar_t<M, L>> : std::true_type {};
template <auto M>
struct is_table_option<column_name_t<M>> : std::true_type {};
template <auto M>
struct is_table_option<column_type_t<M>> : std::true_type {};
template <>
struct is_table_option<table_comment_t> : std::true_type {};
template <auto M>
struct is_table_option<comment_t<M>> : std::true_type {};
template <auto M>
struct is_table_option<version_id_t<M>> : std::true_type {};

}  // namespace detail

/// Something that may appear in retort::table<T>(name, options...).
template <class O>
concept TableOption = detail::is_table_option<O>::value;

}  // namespace retort
