// retort/stmt/common.hpp — pieces shared by the statements: the empty clause, the
// WHERE clause, and the "every column's table is in the statement" check.
#pragma once

#include <cstdint>
#include <tuple>

#include "retort/detail/type_name.hpp"
#include "retort/expr/expression.hpp"
#include "retort/schema/table.hpp"
#include "retort/dialect/dialect.hpp"

namespace retort {

namespace detail {

/// An absent clause: renders nothing, binds nothing.
struct none_t {
    using tables = type_list<>;
    static constexpr bool any_aggregate = false;
    template <class D>
    static constexpr void render(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

template <class E>
struct where_t {
    using tables = typename E::tables;
    E condition;

    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(" WHERE ");
        E::template render<D>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        condition.for_each_value(f);
    }
};

/// The diagnostic for a column whose table is not part of the statement. Its template
/// arguments name the table that is missing and the clause that used it. A function, not a
/// class: after its static_assert fires it still returns a constant `false` on every
/// compiler (clang marks a class whose static_assert failed invalid, and every constant
/// expression that reads it then fails too: a cascade of follow-on errors).
template <class MissingTable, fixed_string Clause>
consteval bool table_not_in_statement() {
    static_assert(always_false<MissingTable>,
                  "retort: a column is used whose table is not in this statement (FROM / JOIN / the "
                  "UPDATE or DELETE target); the table and the clause are named in "
                  "'table_not_in_statement<Table, \"clause\">' above");
    return false;
}

/// A derived table (retort::derived<T>(q)) whose query reads Table, which is a table of the
/// FROM / JOIN the derived table is part of: SQL does not let it see those.
template <class Table, class Available>
consteval bool derived_reads_outer() {
    if constexpr (list_contains<Table, Available>::value) {
        static_assert(always_false<Table>,
                      "retort: a derived table's query reads a table of the FROM / JOIN it is joined into, which "
                      "SQL lets only a LATERAL derived table see: write retort::lateral<T>(q) (PostgreSQL), or "
                      "move the condition into the join's ON (the table is named in 'derived_reads_outer<Table, "
                      "...>' above)");
        return false;
    } else {
        return true;
    }
}

template <fixed_string Clause, class Available, class T>
consteval bool table_available() {
    if constexpr (list_contains<T, Available>::value)
        return true;
    else
        return table_not_in_statement<T, Clause>();
}

/// True when every table in Used is in Available; otherwise one readable error per missing table.
template <fixed_string Clause, class Used, class Available>
consteval bool check_tables() {
    return []<class... Ts>(type_list<Ts...>) {
        return (table_available<Clause, Available, Ts>() && ...);
    }(dedup_t<Used>{});
}

template <class E>
consteval bool check_where_condition() {
    static_assert(BooleanExpression<E>,
                  "retort: where() needs a boolean expression, such as c<&User::age> > 30");
    if constexpr (BooleanExpression<E>) {
        static_assert(!E::is_aggregate,
                      "retort: aggregate functions are not allowed in WHERE; filter groups with having()");
        static_assert(!E::is_window,
                      "retort: window functions are not allowed in WHERE; filter their results in an "
                      "enclosing query (a CTE or a derived table)");
        return !E::is_aggregate && !E::is_window;
    }
    return false;
}

/// A dialect veto: why a statement cannot run on a dialect. Each veto is a struct with
///   static constexpr std::string_view reason = "retort: ...";      // the run-time exception
///   template <class S> static consteval bool allowed();            // static_assert, same sentence
/// so that retort::sql<S, D> prints the reason on its first error line. A statement names
/// its veto for dialect D as `template <class D> using veto = ...` (no_veto when it runs).
struct no_veto {
    static constexpr std::string_view reason{};
    template <class S>
    static consteval bool allowed() {
        return true;
    }
};

template <class S, class D>
struct veto_of {
    using type = no_veto;
};
template <class S, class D>
    requires requires { typename S::template veto<D>; }
struct veto_of<S, D> {
    using type = typename S::template veto<D>;
};
/// The veto of statement S on dialect D (no_veto when it can run there).
template <class S, class D>
using veto_t = typename veto_of<S, D>::type;

/// The sentence saying why statement S cannot run on dialect D, or "" when it can.
template <class S, class D>
consteval std::string_view unsupported_reason() {
    return veto_t<S, D>::reason;
}

/// Writes `keyword "t1", "t2"` for extra tables (UPDATE ... FROM, DELETE ... USING); nothing when none.
template <class... Ts>
constexpr void render_table_list(sql_writer& w, std::string_view keyword, type_list<Ts...>) {
    if constexpr (sizeof...(Ts) > 0) {
        w.put(keyword);
        bool first = true;
        ((first ? void(first = false) : w.put(", "), w.quoted(meta<Ts>.name)), ...);
    }
}


}  // namespace detail

/// Any retort statement: it can render itself for a dialect and bind its values.
template <class S>
concept Statement = requires { typename std::remove_cvref_t<S>::statement_kind; };

namespace detail {
template <class S>
struct row_of_impl {
    static constexpr bool has_rows = requires { typename S::row_type; };
    static_assert(has_rows,
                  "retort: row_of<S> needs a statement that yields rows: a select, or an insert, update or "
                  "delete with returning(...)");
    using type = typename std::conditional_t<has_rows, S, row_of_impl<void>>::row_type;
};
template <class S>
    requires requires { typename S::result_row; }
struct row_of_impl<S> {
    using type = typename S::result_row;  // a select with labels: its labeled_row
};
template <>
struct row_of_impl<void> {
    using row_type = void;
};
}  // namespace detail

/// The type a statement's rows are read as: the model for select<T>(), std::tuple of the
/// selected expressions' value types for select(x, y, ...) (std::optional where NULL is
/// possible). `retort::row_of<decltype(q)> row = conn.execute(q).one();`
template <class S>
using row_of = typename detail::row_of_impl<std::remove_cvref_t<S>>::type;

struct select_kind {};
struct insert_kind {};
struct update_kind {};
struct delete_kind {};
struct ddl_kind {};

}  // namespace retort
