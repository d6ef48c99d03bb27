// retort/stmt/insert_many.hpp — INSERT of many rows, and INSERT ... SELECT.
//
//   conn.execute(retort::insert_many(users));        // all rows, all or nothing
//   conn.execute(retort::insert_into<Archive>(c<&Archive::id>, c<&Archive::title>)
//                    .select(retort::select(c<&Post::id>, c<&Post::title>).where(...)));
//
// How the rows travel is chosen per database, by measurement (engine/execute.hpp,
// insert_many_in): SQLite runs a cached 32-row multi-row VALUES statement for as many
// whole chunks as there are and inserts the rest one row at a time with one prepared
// statement; PostgreSQL sends them with COPY (execute_many's path). Either way no
// statement is rendered or prepared per row count, and several rows are all or nothing
// (a transaction of their own, or a savepoint inside the open one). Generated keys are
// not written back (use insert(obj) per row, or returning(...)). execute() returns the
// number of rows inserted.
#pragma once

#include <cstdint>
#include <span>
#include <tuple>

#include "retort/detail/ranges.hpp"
#include "retort/expr/dynamic.hpp"
#include "retort/expr/subquery.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/compound.hpp"
#include "retort/stmt/insert.hpp"

namespace retort {

template <class T, class Conflict = detail::none_t>
struct insert_many_t {
    using statement_kind = insert_kind;
    using model = T;
    using available_tables = detail::type_list<T, alias_t<T, "excluded">>;
    using tables = detail::dedup_t<detail::minus_t<typename Conflict::tables, available_tables>>;
    static constexpr bool returns_key = false;
    static constexpr bool writes_back = false;
    static constexpr bool has_conflict_clause = !std::is_same_v<Conflict, detail::none_t>;
    static constexpr bool is_insert_many = true;
    /// Parameters per row, for the engine's chunking; with ON CONFLICT one more, so that the
    /// clause's own values (once per statement) fit the database's limit too.
    static constexpr std::size_t columns_per_row = [] {
        std::size_t n = has_conflict_clause ? 1 : 0;
        for (const auto& c : meta<T>.columns) n += c.generated ? 0 : 1;
        return n;
    }();

    std::span<const T> rows;
    [[no_unique_address]] Conflict conflict{};

    /// The same statement over other rows (the engine sends large inputs in chunks).
    constexpr insert_many_t with_rows(std::span<const T> r) const { return {r, conflict}; }

    /// ON CONFLICT for every row: .on_conflict<&T::a, ...>() (or none: any unique violation,
    /// DO NOTHING only) / .on_conflict_constraint<"name">(), then .do_nothing() or
    /// .do_update(assignments...)[.where(cond)]. execute() returns the rows inserted or updated.
    template <auto... Ms>
    constexpr auto on_conflict() const {
        static_assert(!has_conflict_clause, "retort: on_conflict() is already given for this insert");
        return conflict_builder<detail::conflict_target<T, Ms...>>{rows};
    }
    template <fixed_string Name>
    constexpr auto on_conflict_constraint() const {
        static_assert(!has_conflict_clause, "retort: on_conflict() is already given for this insert");
        return conflict_builder<detail::conflict_constraint<Name>>{rows};
    }
    template <class Target>
    struct conflict_builder {
        std::span<const T> rows;
        constexpr auto do_nothing() const {
            using C = detail::on_conflict_t<T, Target, detail::none_t, detail::none_t>;
            return insert_many_t<T, C>{rows, C{}};
        }
        template <class... As>
            requires(sizeof...(As) > 0)
        constexpr auto do_update(As&&... assignments) const {
            if constexpr (detail::check_conflict_update<Target>() &&
                          (detail::check_assignment<std::remove_cvref_t<As>, T>() && ...)) {
                using S = detail::set_t<std::remove_cvref_t<As>...>;
                using C = detail::on_conflict_t<T, Target, S, detail::none_t>;
                return insert_many_t<T, C>{rows, C{S{{std::forward<As>(assignments)...}}, {}}};
            } else {  // already reported; nothing more is said about this statement
                using C = detail::on_conflict_t<T, Target, detail::set_failed_t, detail::none_t>;
                return insert_many_t<T, C>{rows, C{}};
            }
        }
    };
    /// DO UPDATE ... WHERE cond
    template <class E>
    constexpr auto where(E&& condition) const {
        static_assert(has_conflict_clause, "retort: where() on an insert belongs to on_conflict(...).do_update(...)");
        using Cl = std::remove_cvref_t<E>;
        static_assert(detail::check_where_condition<Cl>());
        return [&]<class Target, class Action, class W0>(const detail::on_conflict_t<T, Target, Action, W0>& c) {
            static_assert(!std::is_same_v<Action, detail::none_t>, "retort: where() needs do_update(...), not do_nothing()");
            static_assert(std::is_same_v<W0, detail::none_t>, "retort: where() is already given for this upsert");
            using C = detail::on_conflict_t<T, Target, Action, detail::where_t<Cl>>;
            return insert_many_t<T, C>{rows, C{c.action, detail::where_t<Cl>{std::forward<E>(condition)}}};
        }(conflict);
    }
    template <class D>
    using veto = detail::veto_t<Conflict, D>;

    static consteval bool check() {
        if constexpr (detail::failed_v<Conflict>)
            return false;  // do_update() was refused: already reported
        else
            return detail::check_tables<"ON CONFLICT", typename Conflict::tables, available_tables>();
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        const std::uint32_t n = w.next_shape();
        detail::render_insert_head<T>(w);
        w.put(" VALUES ");
        for (std::uint32_t r = 0; r < n; ++r) {
            if (r) w.put(", ");
            detail::render_insert_row<D, T>(w);
        }
        Conflict::template render<D>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        f(detail::shape_mark{static_cast<std::uint32_t>(rows.size())});
        for (const T& obj : rows) detail::for_each_inserted(obj, f);
        conflict.for_each_value(f);
    }
};

/// INSERT all rows of a contiguous range of model objects (std::vector, std::array, std::span ...).
template <class R>
    requires std::ranges::contiguous_range<R> && Table<std::ranges::range_value_t<R>>
constexpr auto insert_many(const R& rows) {
    using T = std::ranges::range_value_t<R>;
    return insert_many_t<T>{std::span<const T>(std::ranges::data(rows), std::ranges::size(rows))};
}

template <class T, class Q, class... Cols>
struct insert_select_t {
    using statement_kind = insert_kind;
    using model = T;
    using tables = detail::type_list<>;
    static constexpr bool returns_key = false;
    static constexpr bool writes_back = false;
    static constexpr bool has_conflict_clause = false;
    Q query;

    static consteval bool check() {
        constexpr bool own = detail::check_tables<"INSERT ... SELECT", typename Q::tables, detail::type_list<>>();
        if constexpr (requires { Q::check_grouping(); })
            return own && Q::check_grouping();
        else
            return own;
    }
    template <class D>
    using veto = detail::veto_t<Q, D>;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("INSERT INTO ");
        w.quoted(meta<T>.name);
        w.put(" (");
        bool first = true;
        ((first ? void(first = false) : w.put(", "), w.quoted(Cols::name())), ...);
        w.put(") ");
        Q::template render<D>(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        query.for_each_value(f);
    }
};

template <class T, class... Cols>
struct insert_into_t {
    /// INSERT INTO T (cols) SELECT ...: the query's columns must match cols in number and SQL type.
    template <SelectStatement Q>
    constexpr auto select(Q&& q) const {
        using QS = std::remove_cvref_t<Q>;
        static_assert(detail::rows_compatible<typename QS::row_type, std::tuple<typename Cols::value_type...>>::value,
                      "retort: INSERT ... SELECT: the query must select one value per target column, with "
                      "compatible SQL types");
        return insert_select_t<T, QS, Cols...>{std::forward<Q>(q)};
    }
};

/// INSERT INTO T (c<&T::a>, ...) — continue with .select(query).
template <Table T, Column... Cols>
    requires(sizeof...(Cols) > 0)
constexpr insert_into_t<T, std::remove_cvref_t<Cols>...> insert_into(Cols&&...) {
    static_assert((std::is_same_v<typename std::remove_cvref_t<Cols>::table, T> && ...),
                  "retort: insert_into<T>(cols...) names a column of another table");
    return {};
}

}  // namespace retort
