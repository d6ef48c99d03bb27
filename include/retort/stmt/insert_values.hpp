// retort/stmt/insert_values.hpp — INSERT of chosen columns; the others get their defaults.
//
//   conn.execute(retort::insert<User>().values(c<&User::name> = "Ann", c<&User::email> = "a@x"));
//       // INSERT INTO "users" ("name", "email") VALUES (?, ?) RETURNING "id"  → the generated key
//   conn.execute(retort::insert<Event>().default_values());     // INSERT INTO "events" DEFAULT VALUES
//   retort::insert<User>().values(c<&User::name> = "Ann", ...)
//                         .values(c<&User::name> = "Bob", ...)     // more rows: the same columns, in order
//                         .returning(c<&User::id>, c<&User::created_at>)
//
// A value is a plain value, retort::null (NULL-able columns only), or an expression that
// needs no table of its own statement: a function of values, or a scalar subquery
// (`retort::scalar(select(max(c<&Post::id>)))`). A column left out gets its DEFAULT
// (retort::server_default, or NULL for a std::optional field; the generated key its next
// value). A NOT NULL column that has neither a server default nor a generated value must be
// named: a compile error naming it otherwise.
//
// insert(obj), by contrast, binds every field but a generated key, including fields that
// have a server_default: the struct's value is the value (as SQLAlchemy does with a value
// given). To let the server fill such a column, leave it out with insert<T>().values(...).
//
// execute() returns the generated key for one row when the table has one (and it was not
// named), otherwise the number of rows inserted.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "retort/detail/fixed_string.hpp"
#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/column.hpp"
#include "retort/expr/value.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/update.hpp"

namespace retort {

template <class S, class... Es>
struct returning_t;

namespace detail {

/// The diagnostics; their template arguments name the table and the column.
template <class T, fixed_string Column>
consteval bool insert_misses_required_column() {
    static_assert(always_false<T>,
                  "retort: insert<T>() leaves out a NOT NULL column that has no server_default and is not "
                  "generated (the table and column are named in 'insert_misses_required_column<T, \"column\">' "
                  "above); give it a value in values(...), or declare retort::server_default<&T::field>(\"...\")");
    return false;
}
template <class T, fixed_string Column>
consteval bool insert_names_column_twice() {
    static_assert(always_false<T>,
                  "retort: insert<T>().values(...) names a column twice (named in "
                  "'insert_names_column_twice<T, \"column\">' above)");
    return false;
}
template <class T>
consteval bool insert_rows_differ() {
    static_assert(always_false<T>,
                  "retort: every row of insert<T>().values(...).values(...) must name the same columns in the "
                  "same order");
    return false;
}

template <class T, std::size_t I>
inline constexpr auto column_name_arg = fixed_string<meta<T>.columns[I].name.size()>(meta<T>.columns[I].name);

template <class A, class T>
consteval bool check_insert_value() {
    using Col = typename A::column;
    using V = std::remove_cvref_t<decltype(std::declval<A>().value)>;
    if constexpr (!std::is_same_v<typename Col::table, T>) {
        static_assert(std::is_same_v<typename Col::table, T>,
                      "retort: insert<T>().values(...) names a column of another table; name columns of T");
        return false;
    } else if constexpr (std::is_same_v<V, null_t>) {
        static_assert(is_optional_v<typename Col::value_type>,
                      "retort: insert<T>().values(...) gives NULL to a NOT NULL column (its field is not "
                      "std::optional)");
        return is_optional_v<typename Col::value_type>;
    } else if constexpr (!Expression<V> && !BindableValue<V>) {
        static_assert(Expression<V> || BindableValue<V>,
                      "retort: a value in insert<T>().values(...) is not a SQL value type");
        return false;
    } else {
        constexpr sql_kind vk = [] {
            if constexpr (Expression<V>) return kind_of<V>;
            else return bound_kind_of<V>;
        }();
        static_assert(kinds_compatible(Col::kind, vk),
                      "retort: insert<T>().values(...) gives a column a value whose SQL type does not match the "
                      "column's");
        return kinds_compatible(Col::kind, vk);
    }
}

/// One row of values(...): assignments in the order written.
template <class... As>
struct insert_row {
    std::tuple<As...> items;
    using tables = concat_t<typename std::conditional_t<Expression<decltype(std::declval<As>().value)>,
                                                        decltype(std::declval<As>().value), none_t>::tables...>;
    static constexpr std::size_t indexes[] = {As::column::index..., 0};

    template <class D>
    static constexpr void render_values(sql_writer& w) {
        w.put('(');
        bool first = true;
        ((first ? void(first = false) : w.put(", "), render_item<D, As>(w)), ...);
        w.put(')');
    }
    template <class D, class A>
    static constexpr void render_item(sql_writer& w) {
        using V = std::remove_cvref_t<decltype(std::declval<A>().value)>;
        if constexpr (std::is_same_v<V, null_t>)
            w.put("NULL");
        else if constexpr (Expression<V>)
            render_typed<D, V>(w);
        else
            D::placeholder(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::tuple_apply([&](const auto&... a) { (bind_item(a, f), ...); }, items);
    }
    template <class A, class F>
    static constexpr void bind_item(const A& a, F& f) {
        using V = std::remove_cvref_t<decltype(a.value)>;
        if constexpr (std::is_same_v<V, null_t>) {
        } else if constexpr (Expression<V>) {
            if constexpr (requires { typename V::bound_value; })
                check_value_fits<typename A::column>(a.value, "insert<T>().values()");
            a.value.for_each_value(f);
        } else {
            check_value_fits<typename A::column>(a.value, "insert<T>().values()");
            f(a.value);
        }
    }
};

/// The stand-in for a refused values(...): reported once, silent afterwards.
struct insert_row_failed {
    using tables = type_list<>;
    static constexpr bool failed = true;
    static constexpr std::size_t indexes[] = {0};
    template <class D>
    static constexpr void render_values(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// The first NOT NULL column of T without a default or generated value that the row leaves
/// out; the column count when there is none.
template <class T, class... As>
consteval std::size_t first_missing_column() {
    constexpr std::size_t named[] = {As::column::index..., 0};
    const auto& m = meta<T>;
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        const auto& c = m.columns[i];
        if (c.nullable || c.generated || !c.default_sql.empty()) continue;
        bool given = false;
        for (std::size_t k = 0; k < sizeof...(As); ++k) given = given || named[k] == i;
        if (!given) return i;
    }
    return m.columns.size();
}

template <class T, class... As>
consteval bool check_required_columns() {
    constexpr std::size_t i = first_missing_column<T, As...>();
    if constexpr (i < reflect::field_count<T>)
        return insert_misses_required_column<T, column_name_arg<T, i>>();
    else
        return true;
}

/// Column K of the row (its I-th assignment) was already named by an earlier one.
template <std::size_t K, class... As>
consteval bool named_before() {
    constexpr std::size_t idx[] = {As::column::index..., 0};
    for (std::size_t k = 0; k < K; ++k)
        if (idx[k] == idx[K]) return true;
    return false;
}
template <class T, std::size_t K, class... As>
consteval bool check_not_again() {
    if constexpr (named_before<K, As...>())
        return insert_names_column_twice<T, column_name_arg<T, std::tuple_element_t<K, std::tuple<As...>>::column::index>>();
    else
        return true;
}
template <class T, class... As>
consteval bool check_no_column_twice() {
    return []<std::size_t... K>(std::index_sequence<K...>) {
        return (check_not_again<T, K, As...>() && ...);
    }(std::make_index_sequence<sizeof...(As)>{});
}

/// Every rule of one values(...) row, each only when the ones before it hold.
template <class T, class... As>
consteval bool check_insert_row() {
    if constexpr (!(check_insert_value<As, T>() && ...))
        return false;
    else if constexpr (!check_no_column_twice<T, As...>())
        return false;
    else
        return check_required_columns<T, As...>();
}

}  // namespace detail

/// INSERT INTO T (named columns) VALUES (...), (...) — or DEFAULT VALUES when Rows is empty.
template <class T, class... Rows>
struct insert_values_t {
    using statement_kind = insert_kind;
    using model = T;
    static constexpr bool failed = (detail::failed_v<Rows> || ...);
    static constexpr bool key_named = [] {
        if constexpr (sizeof...(Rows) > 0 && meta<T>.has_generated()) {
            using First = std::tuple_element_t<0, std::tuple<Rows...>>;
            for (std::size_t k = 0; k + 1 < std::size(First::indexes); ++k)
                if (First::indexes[k] == meta<T>.generated_index) return true;
        }
        return false;
    }();
    static constexpr bool returns_key = meta<T>.has_generated() && sizeof...(Rows) <= 1 && !key_named;
    static constexpr bool writes_back = false;
    static constexpr bool has_conflict_clause = false;
    using available_tables = detail::type_list<>;
    using tables = detail::dedup_t<detail::concat_t<detail::type_list<>, typename Rows::tables...>>;

    std::tuple<Rows...> rows;

    /// One more row: the same columns, in the same order.
    template <class... As>
        requires(sizeof...(As) > 0 && sizeof...(Rows) > 0)
    constexpr auto values(As&&... assignments) const {
        using R = detail::insert_row<std::remove_cvref_t<As>...>;
        using First = std::tuple_element_t<0, std::tuple<Rows...>>;
        if constexpr (failed) {
            return *this;
        } else if constexpr (!std::is_same_v<decltype(same_columns<First, R>()), std::true_type>) {
            [[maybe_unused]] constexpr bool reported = detail::insert_rows_differ<T>();
            return insert_values_t<T, Rows..., detail::insert_row_failed>{};
        } else if constexpr (!detail::check_insert_row<T, std::remove_cvref_t<As>...>()) {
            return insert_values_t<T, Rows..., detail::insert_row_failed>{};
        } else {
            return detail::tuple_apply(
                [&](const Rows&... r) {
                    return insert_values_t<T, Rows..., R>{{r..., R{{std::forward<As>(assignments)...}}}};
                },
                rows);
        }
    }

    /// ... RETURNING cols: the statement then yields rows (see stmt/returning.hpp).
    template <class... Es>
    constexpr auto returning(Es&&... exprs) const {
        return returning_t<insert_values_t, std::remove_cvref_t<Es>...>{*this, {std::forward<Es>(exprs)...}};
    }

    static consteval bool check() {
        if constexpr (failed)
            return false;  // values(...) was refused: already reported
        else
            return detail::check_tables<"VALUES", tables, available_tables>();
    }

    template <class D>
    static constexpr void render_base(detail::sql_writer& w) {
        w.put("INSERT INTO ");
        w.quoted(meta<T>.name);
        if constexpr (sizeof...(Rows) == 0) {
            w.put(" DEFAULT VALUES");
        } else {
            using First = std::tuple_element_t<0, std::tuple<Rows...>>;
            w.put(" (");
            for (std::size_t k = 0; k + 1 < std::size(First::indexes); ++k) {
                if (k) w.put(", ");
                w.quoted(meta<T>.columns[First::indexes[k]].name);
            }
            w.put(") VALUES ");
            bool first = true;
            ((first ? void(first = false) : w.put(", "), Rows::template render_values<D>(w)), ...);
        }
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
    constexpr void for_each_value(F&& f) const {
        detail::tuple_apply([&](const Rows&... r) { (r.for_each_value(f), ...); }, rows);
    }

private:
    template <class A, class B>
    static constexpr auto same_columns() {
        constexpr bool same = [] {
            if (std::size(A::indexes) != std::size(B::indexes)) return false;
            for (std::size_t k = 0; k < std::size(A::indexes); ++k)
                if (A::indexes[k] != B::indexes[k]) return false;
            return true;
        }();
        return std::bool_constant<same>{};
    }
};

/// insert<T>(): continue with .values(c<&T::a> = x, ...) or .default_values().
template <class T>
struct insert_builder_t {
    /// The named columns get these values; the others their defaults.
    template <class... As>
        requires(sizeof...(As) > 0)
    constexpr auto values(As&&... assignments) const {
        using R = detail::insert_row<std::remove_cvref_t<As>...>;
        if constexpr (detail::check_insert_row<T, std::remove_cvref_t<As>...>())
            return insert_values_t<T, R>{{R{{std::forward<As>(assignments)...}}}};
        else
            return insert_values_t<T, detail::insert_row_failed>{};
    }

    /// INSERT INTO "t" DEFAULT VALUES: every column gets its default.
    constexpr auto default_values() const {
        if constexpr (detail::check_insert_row<T>())
            return insert_values_t<T>{};
        else
            return insert_values_t<T, detail::insert_row_failed>{};
    }
};

/// INSERT into table T, of chosen columns (see the top of this header).
template <Table T>
constexpr insert_builder_t<T> insert() {
    return {};
}

}  // namespace retort

#include "retort/stmt/returning.hpp"
