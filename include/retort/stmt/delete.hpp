// retort/stmt/delete.hpp — DELETE FROM ... WHERE ...
//
//   retort::delete_from<User>().where(c<&User::id> == 7)
//   retort::delete_from<User>().with(cte<Idle>(q)).where(in(c<&User::id>, select(c<&Idle::uid>)))
//                                                    WITH "idle"("uid") AS (...) DELETE FROM "users" ...
#pragma once

#include "retort/stmt/common.hpp"

namespace retort {

template <class S, class... Es>
struct returning_t;

namespace detail {
template <class... Ctes>
struct with_t;  // stmt/select_clauses.hpp: a cte (stmt/cte.hpp) brings it along

/// Veto: DELETE ... USING on SQLite.
struct sqlite_has_no_delete_using {
    static constexpr std::string_view reason =
        "retort: SQLite has no DELETE ... USING; filter with where(in(c<&T::key>, select(...))) or "
        "exists(select(...)) instead";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no DELETE ... USING; filter with where(in(c<&T::key>, select(...))) or "
                      "exists(select(...)) instead");
        return false;
    }
};
}  // namespace detail

template <class T, class Where = detail::none_t, class Using = detail::type_list<>, class With = detail::none_t>
struct delete_t {
    using statement_kind = delete_kind;
    using model = T;
    using available_tables = detail::concat_t<detail::type_list<T>, Using>;
    using tables = detail::dedup_t<detail::minus_t<typename Where::tables, available_tables>>;
    [[no_unique_address]] Where where_;
    [[no_unique_address]] With with_;

    /// DELETE ... USING other tables (PostgreSQL only): their columns may be used in where().
    template <Table... Us>
        requires(sizeof...(Us) > 0)
    constexpr auto using_() const {
        static_assert(std::is_same_v<Using, detail::type_list<>>, "retort: using_() is already given for this delete");
        return delete_t<T, Where, detail::type_list<Us...>, With>{where_, with_};
    }

    template <class E>
    constexpr auto where(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(std::is_same_v<Where, detail::none_t>,
                      "retort: where() is already set on this delete; combine conditions with && or ||");
        if constexpr (detail::check_where_condition<C>()) {
            using W = detail::where_t<C>;
            return delete_t<T, W, Using, With>{W{std::forward<E>(condition)}, with_};
        } else {
            return *this;
        }
    }

    /// WITH cte1, cte2 ... before this DELETE (see retort::cte / retort::recursive_cte): the
    /// CTEs are read through subqueries in where(), or through using_<Cte>() (PostgreSQL).
    template <class... Ctes>
        requires(sizeof...(Ctes) > 0)
    constexpr auto with(Ctes... ctes) const {
        static_assert(std::is_same_v<With, detail::none_t>, "retort: with() is already set on this delete");
        using W = detail::with_t<Ctes...>;
        return delete_t<T, Where, Using, W>{where_, W{{ctes...}}};
    }

    /// ... RETURNING cols: the statement then yields rows (see stmt/returning.hpp).
    template <class... Es>
    constexpr auto returning(Es&&... exprs) const {
        return returning_t<std::remove_cvref_t<decltype(*this)>, std::remove_cvref_t<Es>...>{*this, {std::forward<Es>(exprs)...}};
    }

    static consteval bool check() {
        return detail::check_tables<"WHERE", typename Where::tables, available_tables>();
    }

    /// Why this statement cannot run on dialect D (see detail::veto_t).
    template <class D>
    using veto = std::conditional_t<!std::is_same_v<Using, detail::type_list<>> && D::id == dialect_id::sqlite,
                                    detail::sqlite_has_no_delete_using, detail::no_veto>;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        With::template render<D>(w);
        w.put("DELETE FROM ");
        w.quoted(meta<T>.name);
        detail::render_table_list(w, " USING ", Using{});
        Where::template render<D>(w);
    }

    template <class F>
    constexpr void for_each_value(F&& f) const {
        with_.for_each_value(f);
        where_.for_each_value(f);
    }
};

/// DELETE FROM table T (every row, unless .where(...) narrows it).
template <Table T>
constexpr delete_t<T> delete_from() {
    return {};
}

}  // namespace retort

#include "retort/stmt/returning.hpp"
