// retort/stmt/update.hpp — UPDATE ... SET ... WHERE ...
//
//   retort::update<User>().set(c<&User::age> = 33, c<&User::name> = "Ann").where(c<&User::id> == 1)
#pragma once

#include <tuple>

#include "retort/expr/column.hpp"
#include "retort/expr/value.hpp"
#include "retort/stmt/common.hpp"

namespace retort {

/// `column = value` inside set(); V is a plain value, retort::null, or an expression.
template <class Col, class V>
struct assignment_t {
    using column = Col;
    V value;
};

namespace detail {

template <class A, class T>
consteval bool check_assignment() {
    using Col = typename A::column;
    using V = std::remove_cvref_t<decltype(std::declval<A>().value)>;
    static_assert(std::is_same_v<typename Col::table, T>,
                  "retort: set() assigns a column of another table; every assignment of update<T>() must "
                  "name a column of T (see 'check_assignment<assignment_t<column_t<&Other::field>, ...>, T>')");
    if constexpr (std::is_same_v<V, null_t>) {
        static_assert(is_optional_v<typename Col::value_type>,
                      "retort: set() assigns NULL to a NOT NULL column (its field is not std::optional)");
        return std::is_same_v<typename Col::table, T> && is_optional_v<typename Col::value_type>;
    } else {
        constexpr sql_kind vk = [] {
            if constexpr (Expression<V>) return kind_of<V>;
            else if constexpr (BindableValue<V>) return bound_kind_of<V>;
            else return sql_kind::boolean;
        }();
        static_assert(Expression<V> || BindableValue<V>,
                      "retort: the value assigned in set() is not a SQL value type");
        static_assert(kinds_compatible(Col::kind, vk),
                      "retort: set() assigns a value whose SQL type does not match the column's");
        return std::is_same_v<typename Col::table, T> && kinds_compatible(Col::kind, vk);
    }
}

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
            a.value.for_each_value(f);
        } else {
            f(a.value);
        }
    }
};

template <class... As>
struct set_t {
    std::tuple<As...> items;
    using tables = concat_t<typename std::conditional_t<Expression<decltype(std::declval<As>().value)>,
                                                        decltype(std::declval<As>().value), none_t>::tables...>;
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(" SET ");
        bool first = true;
        const bool q = w.qualify;
        w.qualify = false;
        ((first ? void(first = false) : w.put(", "), set_item<As>::template render<D>(w)), ...);
        w.qualify = q;
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        std::apply([&](const auto&... a) { (set_item<std::remove_cvref_t<decltype(a)>>::bind(a, f), ...); }, items);
    }
};

}  // namespace detail

template <class T, class Set = detail::none_t, class Where = detail::none_t>
struct update_t {
    using statement_kind = update_kind;
    using model = T;
    Set set_;
    [[no_unique_address]] Where where_;

    template <class... As>
        requires(sizeof...(As) > 0)
    constexpr auto set(As&&... assignments) const {
        static_assert(std::is_same_v<Set, detail::none_t>, "retort: set() is already given for this update");
        using S = detail::set_t<std::remove_cvref_t<As>...>;
        if constexpr ((detail::check_assignment<std::remove_cvref_t<As>, T>() && ...) &&
                      detail::check_tables<"SET", typename S::tables, detail::type_list<T>>()) {
            return update_t<T, S, Where>{S{{std::forward<As>(assignments)...}}, where_};
        } else {
            return *this;
        }
    }

    template <class E>
    constexpr auto where(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(std::is_same_v<Where, detail::none_t>,
                      "retort: where() is already set on this update; combine conditions with && or ||");
        if constexpr (detail::check_where_condition<C>() &&
                      detail::check_tables<"WHERE", typename C::tables, detail::type_list<T>>()) {
            using W = detail::where_t<C>;
            return update_t<T, Set, W>{set_, W{std::forward<E>(condition)}};
        } else {
            return *this;
        }
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        static_assert(!std::is_same_v<Set, detail::none_t>, "retort: an update needs set(...) before it runs");
        w.put("UPDATE ");
        w.quoted(meta<T>.name);
        Set::template render<D>(w);
        Where::template render<D>(w);
    }

    template <class F>
    constexpr void for_each_value(F&& f) const {
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
