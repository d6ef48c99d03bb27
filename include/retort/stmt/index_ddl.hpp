// retort/stmt/index_ddl.hpp — standalone CREATE INDEX / DROP INDEX, typed.
//
//   conn.execute(retort::create_index(c<&User::name>, retort::desc(c<&User::age>)));
//       // CREATE INDEX "ix_users_name_age" ON "users" ("name", "age" DESC)
//   conn.execute(retort::create_index<"uq_users_lower_email">(retort::lower(c<&User::email>))
//                    .unique().if_not_exists().where(retort::is_null(c<&User::deleted_at>)));
//       // CREATE UNIQUE INDEX IF NOT EXISTS "uq_users_lower_email" ON "users" ((lower("email")))
//       //     WHERE "deleted_at" IS NULL
//   conn.execute(retort::drop_index<"uq_users_lower_email">().if_exists());
//
// Keys are columns of one declared table, expressions over them (written in parentheses),
// or asc(x) / desc(x) of either (NULLS FIRST / LAST: PostgreSQL only). The table is the
// keys' table. Without a name, an index of plain columns is named by the table's naming
// convention, as the table declarations' indexes: ix_<table>_<column>_<column>... (uq_ when
// unique) by default; an index with an expression key needs a name.
//
// DDL takes no bound parameters, so a key or a WHERE condition may not hold a value:
// write constants as SQL, retort::literal_column<"18", int>. Both are compile errors.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "retort/detail/fixed_string.hpp"
#include "retort/expr/column.hpp"
#include "retort/expr/order.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/naming.hpp"
#include "retort/stmt/sql.hpp"

namespace retort {

namespace detail {

template <class K>
struct index_key_expr {
    using type = K;
};
template <class E, bool Desc, nulls_order N>
struct index_key_expr<order_term_t<E, Desc, N>> {
    using type = E;
};

template <class K>
inline constexpr bool index_key_has_nulls_order = false;
template <class E, bool Desc, nulls_order N>
inline constexpr bool index_key_has_nulls_order<order_term_t<E, Desc, N>> = N != nulls_order::unspecified;

/// One index key: a bare column name, or (expression); then the direction if any.
template <class D, class K>
constexpr void render_index_key(sql_writer& w) {
    using E = typename index_key_expr<K>::type;
    if constexpr (NamedColumn<E>) {
        E::template render<D>(w);
    } else {
        w.put('(');
        E::template render<D>(w);
        w.put(')');
    }
    if constexpr (is_order_term<K>::value) K::render_direction(w);
}

/// The table of the keys: exactly one declared table.
template <class Tables>
struct index_table {
    using type = void;
};
template <class T>
struct index_table<type_list<T>> {
    using type = T;
};

/// The stand-in key of a refused create_index(...): reported once, silent afterwards.
struct index_key_failed {
    using tables = type_list<>;
    static constexpr bool failed = true;
};

template <class K>
inline constexpr bool index_key_is_failed = std::is_same_v<K, index_key_failed>;

struct sqlite_index_nulls_order {
    static constexpr std::string_view reason =
        "retort: SQLite has no NULLS FIRST / NULLS LAST in an index key; drop .nulls_first() / .nulls_last() "
        "(SQLite sorts NULLs first ascending, last descending)";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no NULLS FIRST / NULLS LAST in an index key; drop .nulls_first() / "
                      ".nulls_last() (SQLite sorts NULLs first ascending, last descending)");
        return false;
    }
};

}  // namespace detail

/// CREATE [UNIQUE] INDEX [IF NOT EXISTS] "name" ON "table" (keys) [WHERE condition].
template <fixed_string Name, bool Unique, bool IfNotExists, class Where, class... Keys>
struct create_index_stmt_t {
    using statement_kind = ddl_kind;
    using key_tables = detail::dedup_t<detail::concat_t<typename Keys::tables...>>;
    using model = typename detail::index_table<key_tables>::type;
    static constexpr bool has_expression_key =
        (!detail::NamedColumn<typename detail::index_key_expr<Keys>::type> || ...);

    [[no_unique_address]] Where where_;

    /// CREATE UNIQUE INDEX (named uq_... by the convention).
    constexpr auto unique() const { return create_index_stmt_t<Name, true, IfNotExists, Where, Keys...>{where_}; }
    /// CREATE INDEX IF NOT EXISTS: nothing happens when an index of that name exists.
    constexpr auto if_not_exists() const { return create_index_stmt_t<Name, Unique, true, Where, Keys...>{where_}; }
    /// A partial index: only rows where condition holds (columns of the indexed table, no bound values).
    template <class E>
    constexpr auto where(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(std::is_same_v<Where, detail::none_t>, "retort: where() is already given for this index");
        if constexpr (detail::check_where_condition<C>())
            return create_index_stmt_t<Name, Unique, IfNotExists, detail::where_t<C>, Keys...>{
                detail::where_t<C>{std::forward<E>(condition)}};
        else
            return *this;
    }

    template <class D>
    using veto = std::conditional_t<D::id == dialect_id::sqlite && (detail::index_key_has_nulls_order<Keys> || ...),
                                    detail::sqlite_index_nulls_order, detail::no_veto>;

    static consteval bool check() {
        if constexpr ((detail::index_key_is_failed<Keys> || ...)) {
            return false;  // create_index(...) was refused: already reported
        } else if constexpr (std::is_void_v<model>) {
            static_assert(!std::is_void_v<model>,
                          "retort: the keys of create_index(...) must be columns of exactly one declared table "
                          "(or expressions over them)");
            return false;
        } else if constexpr (!Table<model>) {
            static_assert(Table<model>, "retort: create_index(...) keys read a table alias; index the table itself");
            return false;
        } else if constexpr (Name.size() == 0 && has_expression_key) {
            static_assert(Name.size() > 0 || !has_expression_key,
                          "retort: an index with an expression key needs a name: "
                          "create_index<\"ix_table_what\">(...)");
            return false;
        } else if constexpr (!detail::check_tables<"CREATE INDEX ... WHERE", typename Where::tables,
                                                   detail::type_list<model>>()) {
            return false;
        } else {
            constexpr int params = [] {
                detail::sql_writer w;
                render<sqlite>(w);
                return w.params;
            }();
            static_assert(params == 0,
                          "retort: an index key or its WHERE condition holds a bound value, and DDL takes no "
                          "parameters; write the constant as SQL: retort::literal_column<\"18\", int>");
            return params == 0;
        }
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if constexpr (!std::is_void_v<model>) {
            const bool q = w.qualify;
            w.qualify = false;
            w.put(Unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
            if (IfNotExists) w.put("IF NOT EXISTS ");
            if constexpr (Name.size() > 0) {
                w.quoted(Name.view());
            } else {
                // By the table's naming convention, as the table declarations' indexes are named.
                constexpr std::string_view names[] = {key_name<Keys>()..., std::string_view{}};
                detail::put_quoted_name(
                    w, Unique ? detail::naming_of<model>().uq : detail::naming_of<model>().ix,
                    detail::name_parts{meta<model>.name, names, sizeof...(Keys)});
            }
            w.put(" ON ");
            w.quoted(meta<model>.name);
            w.put(" (");
            bool first = true;
            ((first ? void(first = false) : w.put(", "), detail::render_index_key<D, Keys>(w)), ...);
            w.put(')');
            Where::template render<D>(w);
            w.qualify = q;
        }
    }

    template <class F>
    constexpr void for_each_value(F&&) const {}

private:
    template <class K>
    static constexpr std::string_view key_name() {
        using E = typename detail::index_key_expr<K>::type;
        if constexpr (detail::NamedColumn<E>)
            return E::name();
        else
            return {};
    }
};

namespace detail {
template <class K>
consteval bool check_index_key() {
    static_assert(OrderTerm<K>,
                  "retort: create_index(...) takes columns (c<&T::f>), expressions over them, or asc(x) / desc(x)");
    return OrderTerm<K>;
}
}  // namespace detail

/// CREATE INDEX on the keys' table; see the top of this header. Name: optional for plain columns.
template <fixed_string Name = fixed_string<0>{}, class... Ks>
    requires(sizeof...(Ks) > 0)
constexpr auto create_index(Ks&&...) {
    if constexpr ((detail::check_index_key<std::remove_cvref_t<Ks>>() && ...))
        return create_index_stmt_t<Name, false, false, detail::none_t, std::remove_cvref_t<Ks>...>{};
    else
        return create_index_stmt_t<Name, false, false, detail::none_t, detail::index_key_failed>{};
}

/// DROP INDEX [IF EXISTS] "name".
template <fixed_string Name, bool IfExists = false>
struct drop_index_stmt_t {
    using statement_kind = ddl_kind;
    static_assert(Name.size() > 0, "retort: drop_index<\"name\">() needs the index's name");

    /// DROP INDEX IF EXISTS: nothing happens when there is no such index.
    constexpr auto if_exists() const { return drop_index_stmt_t<Name, true>{}; }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put(IfExists ? "DROP INDEX IF EXISTS " : "DROP INDEX ");
        w.quoted(Name.view());
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// DROP INDEX "name".
template <fixed_string Name>
constexpr drop_index_stmt_t<Name> drop_index() {
    return {};
}

}  // namespace retort
