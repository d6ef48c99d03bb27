// retort/stmt/update.hpp — UPDATE ... SET ... WHERE ...
//
//   retort::update<User>().set(c<&User::age> = 33, c<&User::name> = "Ann").where(c<&User::id> == 1)
//   retort::update<User>().with(cte<Big>(q)).set(...).where(in(c<&User::id>, select(c<&Big::uid>)))
//                                                    WITH "big"("uid") AS (...) UPDATE "users" ...
#pragma once

#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/expr/column.hpp"
#include "retort/expr/value.hpp"
#include "retort/stmt/common.hpp"

namespace retort {

template <class S, class... Es>
struct returning_t;

/// `column = value` inside set(); V is a plain value, retort::null, or an expression.
template <class Col, class V>
struct assignment_t {
    using column = Col;
    V value;
};

namespace detail {

template <class... Ctes>
struct with_t;  // stmt/select_clauses.hpp: a cte (stmt/cte.hpp) brings it along

template <class A, class T>
consteval bool check_assignment() {
    using Col = typename A::column;
    using V = std::remove_cvref_t<decltype(std::declval<A>().value)>;
    // One mistake, one message: each rule is checked only when the ones before it hold.
    if constexpr (!std::is_same_v<typename Col::table, T>) {
        static_assert(std::is_same_v<typename Col::table, T>,
                      "retort: set() / do_update() assigns a column of another table; every assignment must name "
                      "a column of the table the statement writes (see 'check_assignment<assignment_t<"
                      "column_t<&Other::field>, ...>, T>')");
        return false;
    } else if constexpr (std::is_same_v<V, null_t>) {
        static_assert(is_optional_v<typename Col::value_type>,
                      "retort: set() / do_update() assigns NULL to a NOT NULL column (its field is not std::optional)");
        return is_optional_v<typename Col::value_type>;
    } else if constexpr (!Expression<V> && !BindableValue<V>) {
        static_assert(Expression<V> || BindableValue<V>,
                      "retort: the value assigned in set() / do_update() is not a SQL value type");
        return false;
    } else {
        constexpr sql_kind vk = [] {
            if constexpr (Expression<V>) return kind_of<V>;
            else return bound_kind_of<V>;
        }();
        static_assert(kinds_compatible(Col::kind, vk),
                      "retort: set() / do_update() assigns a value whose SQL type does not match the column's");
        constexpr bool fraction_into_integer =
            Col::kind == sql_kind::integer && (vk == sql_kind::real || vk == sql_kind::decimal);
        static_assert(!kinds_compatible(Col::kind, vk) || !fraction_into_integer,
                      "retort: set() / do_update() assigns a floating-point or decimal value to an integer column, which SQLite "
                      "would store as is and PostgreSQL would round; round it first (std::llround) or write "
                      "retort::cast<std::int64_t>(x)");
        return kinds_compatible(Col::kind, vk) && !fraction_into_integer;
    }
}

/// The set clause of an update whose set() was refused: the mistake is reported once,
/// in set(); rendering or running the statement then reports nothing more.
struct set_failed_t {
    using tables = type_list<>;
    static constexpr bool failed = true;
    template <class D>
    static constexpr void render(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// Whether a clause is the stand-in for a refused one (see set_failed_t).
template <class X>
inline constexpr bool failed_v = requires { requires X::failed; };

template <class A>
struct set_item {
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.quoted(A::column::name());
        w.put(" = ");
        using V = std::remove_cvref_t<decltype(std::declval<A>().value)>;
        if constexpr (std::is_same_v<V, null_t>) {
            w.put("NULL");
        } else if constexpr (Expression<V>) {
            V::template render<D>(w);
        } else {
            D::placeholder(w);
        }
    }
    template <class F>
    static constexpr void bind(const A& a, F&& f) {
        using V = std::remove_cvref_t<decltype(a.value)>;
        if constexpr (std::is_same_v<V, null_t>) {
        } else if constexpr (Expression<V>) {
            if constexpr (requires { typename V::bound_value; }) check_value_fits<typename A::column>(a.value, "set()");
            a.value.for_each_value(f);
        } else {
            check_value_fits<typename A::column>(a.value, "set()");
            f(a.value);
        }
    }
};

template <class... As>
struct set_t {
    pack<As...> items;
    using tables = concat_t<typename std::conditional_t<Expression<decltype(std::declval<As>().value)>,
                                                        decltype(std::declval<As>().value), none_t>::tables...>;
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(" SET ");
        bool first = true;  // targets are written unqualified, values qualified
        ((first ? void(first = false) : w.put(", "), set_item<As>::template render<D>(w)), ...);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        detail::pack_apply([&](const auto&... a) { (set_item<std::remove_cvref_t<decltype(a)>>::bind(a, f), ...); }, items);
    }
};

}  // namespace detail

template <class T, class Set = detail::none_t, class Where = detail::none_t, class From = detail::type_list<>,
          class With = detail::none_t>
struct update_t {
    using statement_kind = update_kind;
    using model = T;
    using available_tables = detail::concat_t<detail::type_list<T>, From>;
    using tables = detail::dedup_t<detail::minus_t<
        detail::concat_t<typename Set::tables, typename Where::tables>, available_tables>>;
    Set set_;
    [[no_unique_address]] Where where_;
    [[no_unique_address]] With with_;

    template <class... As>
        requires(sizeof...(As) > 0)
    constexpr auto set(As&&... assignments) const {
        static_assert(std::is_same_v<Set, detail::none_t>, "retort: set() is already given for this update");
        using S = detail::set_t<std::remove_cvref_t<As>...>;
        if constexpr ((detail::check_assignment<std::remove_cvref_t<As>, T>() && ...)) {
            return update_t<T, S, Where, From, With>{S{{std::forward<As>(assignments)...}}, where_, with_};
        } else {
            return update_t<T, detail::set_failed_t, Where, From, With>{{}, where_, with_};
        }
    }

    /// UPDATE ... FROM other tables (PostgreSQL; SQLite 3.33 and later): their columns may
    /// be used in set() values and where().
    template <Table... Us>
        requires(sizeof...(Us) > 0)
    constexpr auto from() const {
        static_assert(std::is_same_v<From, detail::type_list<>>, "retort: from() is already given for this update");
        return update_t<T, Set, Where, detail::type_list<Us...>, With>{set_, where_, with_};
    }

    template <class E>
    constexpr auto where(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(std::is_same_v<Where, detail::none_t>,
                      "retort: where() is already set on this update; combine conditions with && or ||");
        if constexpr (detail::check_where_condition<C>()) {
            using W = detail::where_t<C>;
            return update_t<T, Set, W, From, With>{set_, W{std::forward<E>(condition)}, with_};
        } else {
            return *this;
        }
    }

    /// WITH cte1, cte2 ... before this UPDATE (see retort::cte / retort::recursive_cte): the
    /// CTEs are read through subqueries in set() and where(), or through from<Cte>().
    template <class... Ctes>
        requires(sizeof...(Ctes) > 0)
    constexpr auto with(Ctes... ctes) const {
        static_assert(std::is_same_v<With, detail::none_t>, "retort: with() is already set on this update");
        using W = detail::with_t<Ctes...>;
        return update_t<T, Set, Where, From, W>{set_, where_, W{{ctes...}}};
    }

    /// ... RETURNING cols: the statement then yields rows (see stmt/returning.hpp).
    template <class... Es>
    constexpr auto returning(Es&&... exprs) const {
        return returning_t<std::remove_cvref_t<decltype(*this)>, std::remove_cvref_t<Es>...>{*this, {std::forward<Es>(exprs)...}};
    }

    static consteval bool check() {
        if constexpr (detail::failed_v<Set>)
            return false;  // set() was refused: already reported
        else
            return detail::check_tables<"SET", typename Set::tables, available_tables>() &&
                   detail::check_tables<"WHERE", typename Where::tables, available_tables>();
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        static_assert(!std::is_same_v<Set, detail::none_t>, "retort: an update needs set(...) before it runs");
        With::template render<D>(w);
        w.put("UPDATE ");
        w.quoted(meta<T>.name);
        Set::template render<D>(w);
        detail::render_table_list(w, " FROM ", From{});
        Where::template render<D>(w);
    }

    template <class F>
    constexpr void for_each_value(F&& f) const {
        with_.for_each_value(f);
        set_.for_each_value(f);
        where_.for_each_value(f);
    }
};

/// UPDATE table T: continue with .set(c<&T::f> = v, ...) and usually .where(...).
template <Table T>
constexpr update_t<T> update() {
    return {};
}

}  // namespace retort

#include "retort/stmt/returning.hpp"
