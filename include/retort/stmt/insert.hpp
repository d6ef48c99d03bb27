// retort/stmt/insert.hpp — INSERT one struct, with an optional ON CONFLICT clause.
// Every field is bound, also one with a server_default (the struct's value is the value);
// to let the server fill a column, use insert<T>().values(...) (stmt/insert_values.hpp).
//
//   conn.execute(retort::insert(user));   // INSERT INTO "users" ("name", ...) VALUES (?, ...) RETURNING "id"
//   conn.execute(retort::insert(user).on_conflict<&User::email>().do_nothing());
//   conn.execute(retort::insert(user).on_conflict<&User::email>()
//                    .do_update(c<&User::name> = retort::excluded(c<&User::name>))
//                    .where(c<&User::age> < retort::excluded(c<&User::age>)));
//   conn.execute(retort::insert(user).on_conflict().do_nothing());   // any unique violation
//   (on_conflict_constraint<"name">(), and insert_many(rows).on_conflict<...>(): stmt/upsert.hpp)
//
// A generated primary key (a single integer key without retort::assigned_key) is left
// out of the column list and comes back through RETURNING; when the struct was passed
// as a non-const lvalue, the key is written back into it. execute() returns the key
// (std::optional of it with ON CONFLICT, empty when DO NOTHING skipped the row).
#pragma once

#include <type_traits>

#include "retort/schema/table_ref.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/update.hpp"
#include "retort/stmt/upsert.hpp"

namespace retort {

template <class S, class... Es>
struct returning_t;

/// `excluded(c<&T::f>)`: the value the conflicting INSERT proposed, in DO UPDATE.
template <auto Member, class R>
constexpr auto excluded(column_t<Member, R>) {
    return column_t<Member, alias_t<reflect::class_of<Member>, "excluded">>{};
}

namespace detail {

/// INSERT INTO "t" ("a", "b", ...) — every column but a generated key.
template <class T>
constexpr void render_insert_head(sql_writer& w) {
    constexpr auto& m = meta<T>;
    w.put("INSERT INTO ");
    w.quoted(m.name);
    w.put(" (");
    bool first = true;
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        if (m.columns[i].generated) continue;
        if (!first) w.put(", ");
        first = false;
        w.quoted(m.columns[i].name);
    }
    w.put(')');
}

/// (?, ?, ...) — one placeholder per inserted column.
template <class D, class T>
constexpr void render_insert_row(sql_writer& w) {
    constexpr auto& m = meta<T>;
    w.put('(');
    bool first = true;
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        if (m.columns[i].generated) continue;
        if (!first) w.put(", ");
        first = false;
        D::placeholder(w);
    }
    w.put(')');
}

/// The inserted fields of one object, in column order, to f.
template <class T, class F, std::size_t... I>
[[gnu::always_inline]] constexpr void visit_inserted_inline(const T& obj, F& f, std::index_sequence<I...>) {
    ((meta<T>.columns[I].generated ? void() : f(reflect::get<I>(obj))), ...);
}
template <class T, class F, std::size_t... I>
constexpr void visit_inserted(const T& obj, F& f, std::index_sequence<I...> fields) {
    visit_inserted_inline(obj, f, fields);
}

/// Models up to this many fields have their fields bound inline in each insert's path.
inline constexpr std::size_t inline_insert_fields = 16;

/// Visits the inserted fields of one object, in column order. Inlined into each caller
/// even when several statements share it (binding an object's fields inline is what makes
/// an insert cost what hand-written sqlite3 code costs), up to inline_insert_fields
/// fields; a wider model's binds are one call (a 100-column insert inlined is ~20 KB of
/// code per insert statement type, and the call costs nothing next to its binds).
template <class T, class F>
[[gnu::always_inline]] constexpr void for_each_inserted(const T& obj, F&& f) {
    constexpr auto fields = std::make_index_sequence<reflect::field_count<T>>{};
    if constexpr (reflect::field_count<T> <= inline_insert_fields)
        visit_inserted_inline(obj, f, fields);
    else
        visit_inserted(obj, f, fields);
}

template <class T, class Target, class Action, class Where>
struct on_conflict_t;

struct do_nothing_t {};

template <class T, auto... Ms>
struct conflict_target {
    static_assert((std::is_same_v<reflect::class_of<Ms>, T> && ...),
                  "retort: on_conflict<...>() names a member of another struct; name the inserted table's columns");
    static constexpr bool allows_update = sizeof...(Ms) > 0;  // on_conflict(): any unique violation
    static constexpr void render(sql_writer& w) {
        w.put(" ON CONFLICT");
        if constexpr (sizeof...(Ms) > 0) {
            w.put(" (");
            bool first = true;
            ((first ? void(first = false) : w.put(", "), w.quoted(meta<T>.columns[reflect::member_index<Ms>].name)), ...);
            w.put(')');
        }
    }
};

template <class T, class Target, class Action, class Where>
struct on_conflict_t {
    using tables = concat_t<typename Action::tables, typename Where::tables>;
    static constexpr bool failed = failed_v<Action>;
    Action action;
    [[no_unique_address]] Where where_;
    template <class D>
    using veto = veto_t<Target, D>;

    template <class D>
    static constexpr void render(sql_writer& w) {
        Target::render(w);
        if constexpr (std::is_same_v<Action, none_t>) {
            w.put(" DO NOTHING");
        } else {
            w.put(" DO UPDATE");
            Action::template render<D>(w);
            Where::template render<D>(w);
        }
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        action.for_each_value(f);
        where_.for_each_value(f);
    }
};

}  // namespace detail

/// Holder: `T*` writes the generated key back; `T` owns a copy; `const T*` only reads.
template <class T, class Holder, class Conflict = detail::none_t>
struct insert_t {
    using statement_kind = insert_kind;
    using model = T;
    static constexpr bool returns_key = meta<T>.generated_index < meta<T>.columns.size();
    static constexpr bool writes_back = std::is_pointer_v<Holder> && !std::is_const_v<std::remove_pointer_t<Holder>>;
    static constexpr bool has_conflict_clause = !std::is_same_v<Conflict, detail::none_t>;
    using available_tables = detail::type_list<T, alias_t<T, "excluded">>;
    using tables = detail::dedup_t<detail::minus_t<typename Conflict::tables, available_tables>>;

    Holder object;
    [[no_unique_address]] Conflict conflict;

    constexpr const T& get() const {
        if constexpr (std::is_pointer_v<Holder>)
            return *object;
        else
            return object;
    }

    /// ON CONFLICT (cols): continue with .do_nothing() or .do_update(assignments...).
    /// Without columns, ON CONFLICT DO NOTHING skips a row that violates any unique constraint.
    template <auto... Ms>
    constexpr auto on_conflict() const {
        static_assert(!has_conflict_clause, "retort: on_conflict() is already given for this insert");
        return conflict_builder<detail::conflict_target<T, Ms...>>{*this};
    }
    /// ON CONFLICT ON CONSTRAINT "name" (PostgreSQL; a named veto on SQLite).
    template <fixed_string Name>
    constexpr auto on_conflict_constraint() const {
        static_assert(!has_conflict_clause, "retort: on_conflict() is already given for this insert");
        return conflict_builder<detail::conflict_constraint<Name>>{*this};
    }
    template <class D>
    using veto = detail::veto_t<Conflict, D>;

    template <class Target>
    struct conflict_builder {
        insert_t base;
        constexpr auto do_nothing() const {
            using C = detail::on_conflict_t<T, Target, detail::none_t, detail::none_t>;
            return insert_t<T, Holder, C>{base.object, C{}};
        }
        template <class... As>
            requires(sizeof...(As) > 0)
        constexpr auto do_update(As&&... assignments) const {
            if constexpr (detail::check_conflict_update<Target>() &&
                          (detail::check_assignment<std::remove_cvref_t<As>, T>() && ...)) {
                using S = detail::set_t<std::remove_cvref_t<As>...>;
                using C = detail::on_conflict_t<T, Target, S, detail::none_t>;
                return insert_t<T, Holder, C>{base.object, C{S{{std::forward<As>(assignments)...}}, {}}};
            } else {  // already reported; nothing more is said about this statement
                using C = detail::on_conflict_t<T, Target, detail::set_failed_t, detail::none_t>;
                return insert_t<T, Holder, C>{base.object, C{}};
            }
        }
    };

    /// DO UPDATE ... WHERE cond: update the existing row only when cond holds.
    template <class E>
    constexpr auto where(E&& condition) const {
        static_assert(has_conflict_clause, "retort: where() on an insert belongs to on_conflict(...).do_update(...)");
        using Cl = std::remove_cvref_t<E>;
        static_assert(detail::check_where_condition<Cl>());
        return [&]<class Target, class Action, class W0>(const detail::on_conflict_t<T, Target, Action, W0>& c) {
            static_assert(!std::is_same_v<Action, detail::none_t>, "retort: where() needs do_update(...), not do_nothing()");
            static_assert(std::is_same_v<W0, detail::none_t>, "retort: where() is already given for this upsert");
            using C = detail::on_conflict_t<T, Target, Action, detail::where_t<Cl>>;
            return insert_t<T, Holder, C>{object, C{c.action, detail::where_t<Cl>{std::forward<E>(condition)}}};
        }(conflict);
    }

    /// ... RETURNING cols: the statement then yields rows (see stmt/returning.hpp).
    template <class... Es>
    constexpr auto returning(Es&&... exprs) const {
        return returning_t<std::remove_cvref_t<decltype(*this)>, std::remove_cvref_t<Es>...>{*this, {std::forward<Es>(exprs)...}};
    }

    static consteval bool check() {
        if constexpr (detail::failed_v<Conflict>)
            return false;  // do_update() was refused: already reported
        else
            return detail::check_tables<"ON CONFLICT", typename Conflict::tables, available_tables>();
    }

    /// INSERT INTO ... VALUES (...) [ON CONFLICT ...], without RETURNING.
    template <class D>
    static constexpr void render_base(detail::sql_writer& w) {
        detail::render_insert_head<T>(w);
        w.put(" VALUES ");
        detail::render_insert_row<D, T>(w);
        Conflict::template render<D>(w);
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        render_base<D>(w);
        if (returns_key) {
            w.put(" RETURNING ");
            w.quoted(meta<T>.columns[meta<T>.generated_index].name);
        }
    }

    template <class F>
    [[gnu::always_inline]] constexpr void for_each_value(F&& f) const {
        detail::for_each_inserted(get(), f);
        conflict.for_each_value(f);
    }
};

namespace detail {
template <class T>
consteval bool check_insertable() {
    static_assert(Table<T>,
                  "retort: insert() takes an object of a declared table model; this struct has no "
                  "retort::table_of declaration");
    return Table<T>;
}
}  // namespace detail

namespace detail {
/// What insert(obj) of a struct that is not a declared table returns after its message:
/// rendering or running it reports nothing more (not even other insert overloads).
struct insert_refused_t {
    using statement_kind = insert_kind;
    static consteval bool check() { return false; }
    template <class D>
    static constexpr void render(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};
}  // namespace detail

/// INSERT the object; its generated key (if any) is written back into it.
template <class T>
    requires(!std::is_const_v<T>)
constexpr auto insert(T& object) {
    if constexpr (detail::check_insertable<T>())
        return insert_t<T, T*>{&object, {}};
    else
        return detail::insert_refused_t{};
}

/// INSERT a const object, read in place (nothing is copied; it must outlive the
/// statement); execute() returns the generated key (if any).
template <class T>
constexpr auto insert(const T& object) {
    if constexpr (detail::check_insertable<T>())
        return insert_t<T, const T*>{&object, {}};
    else
        return detail::insert_refused_t{};
}

/// INSERT a copy of a temporary object; execute() returns the generated key (if any).
template <class T>
    requires(!std::is_lvalue_reference_v<T>)
constexpr auto insert(T&& object) {
    using U = std::remove_cvref_t<T>;
    if constexpr (detail::check_insertable<U>())
        return insert_t<U, U>{std::forward<T>(object), {}};
    else
        return detail::insert_refused_t{};
}

}  // namespace retort

#include "retort/stmt/returning.hpp"
