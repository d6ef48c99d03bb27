// retort/stmt/constraint_ddl.hpp — ALTER TABLE ... ADD / DROP CONSTRAINT, with names from
// the table's naming convention (PostgreSQL; SQLite cannot change a table's constraints).
//
//   conn.execute(retort::add_constraint<retort::unique<&User::email>>());
//       // ALTER TABLE "users" ADD CONSTRAINT "uq_users_email" UNIQUE ("email")
//   conn.execute(retort::add_constraint<retort::foreign_key<&Post::user_id, &User::id>(retort::on_delete::cascade)>());
//       // ALTER TABLE "posts" ADD CONSTRAINT "fk_posts_user_id_users" FOREIGN KEY ("user_id")
//       //     REFERENCES "users" ("id") ON DELETE CASCADE
//   conn.execute(retort::add_constraint<retort::check_constraint<User, "adult", "age >= 18">>());
//       // ALTER TABLE "users" ADD CONSTRAINT "ck_users_adult" CHECK (age >= 18)
//   conn.execute(retort::drop_constraint<retort::unique<&User::email>>());          // by its conventional name
//   conn.execute(retort::drop_constraint<User, "some_name">().if_exists());
//
// Names follow the table's retort::naming_convention (schema/options.hpp), by default
// SQLAlchemy's usual one, the same on both databases:
//   uq_<table>_<column>_<column>...        UNIQUE
//   fk_<table>_<column>..._<referred table> FOREIGN KEY
//   ck_<table>_<name>                      CHECK
//   ix_<table>_<column>... / uq_...        indexes (stmt/index_ddl.hpp, retort::index<...>)
// add_constraint<C, "name">() gives a name of your own instead.
#pragma once

#include <string_view>

#include "retort/detail/fixed_string.hpp"
#include "retort/schema/options.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/ddl.hpp"

namespace retort {

/// A CHECK constraint for add_constraint: its table, its short name (ck_<table>_<name>)
/// and its SQL condition.
template <class T, fixed_string Name, fixed_string Sql>
struct check_constraint_t {};
template <Table T, fixed_string Name, fixed_string Sql>
inline constexpr check_constraint_t<T, Name, Sql> check_constraint{};

namespace detail {

struct sqlite_has_no_alter_constraint {
    static constexpr std::string_view reason =
        "retort: SQLite has no ALTER TABLE ADD / DROP CONSTRAINT (a table's constraints are fixed when it is "
        "created): declare the constraint in retort::table_of, or create a unique index (retort::create_index)";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no ALTER TABLE ADD / DROP CONSTRAINT (a table's constraints are fixed "
                      "when it is created): declare the constraint in retort::table_of, or create a unique index "
                      "(retort::create_index)");
        return false;
    }
};

template <class C>
struct constraint_kind_of {
    static constexpr bool known = false;
};

template <auto M0, auto... Ms>
struct constraint_kind_of<unique_t<M0, Ms...>> {
    static constexpr bool known = true;
    using model = reflect::class_of<M0>;
    static constexpr bool valid = (std::is_same_v<reflect::class_of<Ms>, model> && ...);
    static constexpr void render_name(sql_writer& w) {
        put_convention_name<model, M0, Ms...>(w, naming_of<model>().uq);
    }
    template <auto C>
    static constexpr void render_body(sql_writer& w) {
        w.put("UNIQUE ");
        render_columns_of<model, M0, Ms...>(w);
    }
};

template <auto From, auto To>
struct constraint_kind_of<foreign_key_t<From, To>> {
    static constexpr bool known = true;
    using model = reflect::class_of<From>;
    using target = reflect::class_of<To>;
    static constexpr bool valid = true;
    static constexpr void render_name(sql_writer& w) {
        put_convention_name<model, From>(w, naming_of<model>().fk, meta<target>.name);
    }
    template <auto C>
    static constexpr void render_body(sql_writer& w) {
        w.put("FOREIGN KEY ");
        render_columns_of<model, From>(w);
        w.put(" REFERENCES ");
        w.quoted(meta<target>.name);
        w.put(' ');
        render_columns_of<target, To>(w);
        if (C.on_delete != fk_action::no_action) {
            w.put(" ON DELETE ");
            w.put(fk_action_sql(C.on_delete));
        }
        if (C.on_update != fk_action::no_action) {
            w.put(" ON UPDATE ");
            w.put(fk_action_sql(C.on_update));
        }
    }
};

template <class T, fixed_string Name, fixed_string Sql>
struct constraint_kind_of<check_constraint_t<T, Name, Sql>> {
    static constexpr bool known = true;
    using model = T;
    static constexpr bool valid = true;
    static constexpr void render_name(sql_writer& w) {
        put_convention_name<model>(w, naming_of<model>().ck, {}, Name.view());
    }
    template <auto C>
    static constexpr void render_body(sql_writer& w) {
        w.put("CHECK (");
        w.put(Sql.view());
        w.put(')');
    }
};

template <class C>
consteval bool check_constraint_option() {
    static_assert(constraint_kind_of<C>::known,
                  "retort: add_constraint<C>() / drop_constraint<C>() take retort::unique<&T::a, ...>, "
                  "retort::foreign_key<&T::f, &U::id>(...) or retort::check_constraint<T, \"name\", \"sql\">");
    if constexpr (constraint_kind_of<C>::known) {
        static_assert(constraint_kind_of<C>::valid,
                      "retort: retort::unique<...> in add_constraint names members of more than one struct");
        return constraint_kind_of<C>::valid;
    }
    return false;
}

/// The quoted constraint name: the one given, or the convention's.
template <class K, fixed_string Name>
constexpr void render_constraint_name(sql_writer& w) {
    if constexpr (Name.size() > 0)
        w.quoted(Name.view());
    else
        K::render_name(w);
}

}  // namespace detail

/// ALTER TABLE "t" ADD CONSTRAINT "name" ... (PostgreSQL).
template <auto C, fixed_string Name>
struct add_constraint_t {
    using statement_kind = ddl_kind;
    using kind = detail::constraint_kind_of<std::remove_cvref_t<decltype(C)>>;
    using model = typename kind::model;

    template <class D>
    using veto = std::conditional_t<D::id == dialect_id::sqlite, detail::sqlite_has_no_alter_constraint, detail::no_veto>;

    /// A foreign key must reference a key of its target, with the same type (as in table_of).
    static consteval bool check() {
        if constexpr (requires { typename kind::target; })
            return [&]<auto F, auto T>(foreign_key_t<F, T>) { return detail::foreign_key_check<F, T>(); }(C);
        else
            return true;
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("ALTER TABLE ");
        w.quoted(meta<model>.name);
        w.put(" ADD CONSTRAINT ");
        detail::render_constraint_name<kind, Name>(w);
        w.put(' ');
        kind::template render_body<C>(w);
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// ALTER TABLE "t" DROP CONSTRAINT [IF EXISTS] "name" (PostgreSQL).
template <class T, fixed_string Name, bool IfExists = false, class Kind = void>
struct drop_constraint_t {
    using statement_kind = ddl_kind;

    template <class D>
    using veto = std::conditional_t<D::id == dialect_id::sqlite, detail::sqlite_has_no_alter_constraint, detail::no_veto>;

    /// DROP CONSTRAINT IF EXISTS: nothing happens when there is no such constraint.
    constexpr auto if_exists() const { return drop_constraint_t<T, Name, true, Kind>{}; }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("ALTER TABLE ");
        w.quoted(meta<T>.name);
        w.put(IfExists ? " DROP CONSTRAINT IF EXISTS " : " DROP CONSTRAINT ");
        if constexpr (std::is_void_v<Kind>)
            w.quoted(Name.view());
        else
            detail::render_constraint_name<Kind, Name>(w);
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

namespace detail {
/// The stand-in for a refused add_constraint / drop_constraint: reported once, silent afterwards.
struct constraint_failed_t {
    using statement_kind = ddl_kind;
    static consteval bool check() { return false; }
    template <class D>
    static constexpr void render(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};
}  // namespace detail

/// ADD CONSTRAINT C, named by the convention (or Name when given).
template <auto C, fixed_string Name = fixed_string<0>{}>
constexpr auto add_constraint() {
    if constexpr (detail::check_constraint_option<std::remove_cvref_t<decltype(C)>>())
        return add_constraint_t<C, Name>{};
    else
        return detail::constraint_failed_t{};
}

/// DROP CONSTRAINT "name" of table T.
template <Table T, fixed_string Name>
constexpr drop_constraint_t<T, Name> drop_constraint() {
    return {};
}

/// DROP CONSTRAINT of the conventional name of C (what add_constraint<C>() created).
template <auto C>
constexpr auto drop_constraint() {
    using K = detail::constraint_kind_of<std::remove_cvref_t<decltype(C)>>;
    if constexpr (detail::check_constraint_option<std::remove_cvref_t<decltype(C)>>())
        return drop_constraint_t<typename K::model, fixed_string<0>{}, false, K>{};
    else
        return detail::constraint_failed_t{};
}

}  // namespace retort
