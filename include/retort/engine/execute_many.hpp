// retort/engine/execute_many.hpp — one prepared UPDATE or DELETE, run once per item.
//
//   auto q = retort::update<User>()
//                .set(c<&User::score> = retort::param<"score", std::int64_t>)
//                .where(c<&User::id> == retort::param<"id", std::int64_t>);
//   struct Change { std::int64_t id; std::int64_t score; };
//   std::int64_t n = conn.execute_many(q, changes);   // rows affected in total
//
// Each retort::param<"name", T> (expr/param.hpp) takes the value of the item's field called
// name, checked at compile time: the field exists, its SQL type is T's, and it is not a
// std::optional when T is not. Other values of the statement are bound as they are, the
// same for every item. All or nothing, as execute_many(rows): in a transaction of its own,
// or in a savepoint inside the open one. PostgreSQL sends the executions in pipeline mode
// (one round trip per 1,000); SQLite steps the one prepared statement per item.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "retort/detail/ranges.hpp"
#include "retort/engine/execute.hpp"
#include "retort/expr/param.hpp"

namespace retort {
namespace detail {

/// The index of Item's field called Name, or the field count when there is none.
template <class Item, fixed_string Name>
consteval std::size_t item_field_index() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        constexpr std::array<std::string_view, sizeof...(I) + 1> names{reflect::field_name<Item, I>..., {}};
        for (std::size_t i = 0; i < sizeof...(I); ++i)
            if (names[i] == Name.view()) return i;
        return sizeof...(I);
    }(std::make_index_sequence<reflect::field_count<Item>>{});
}

template <class Item, fixed_string Name>
consteval bool item_field_missing() {
    static_assert(always_false<Item>,
                  "retort: execute_many(statement, items): the statement has a retort::param whose name is no field "
                  "of the item struct; add the field or rename the parameter (the item type and the parameter are "
                  "named in 'item_field_missing<Item, \"name\">' above)");
    return false;
}
template <class Item, fixed_string Name, class T>
consteval bool item_field_type_mismatch() {
    static_assert(always_false<Item>,
                  "retort: execute_many(statement, items): an item field's SQL type is not its parameter's; give "
                  "the field the type of param<\"name\", T> (they are named in "
                  "'item_field_type_mismatch<Item, \"name\", T>' above)");
    return false;
}
template <class Item, fixed_string Name, class T>
consteval bool item_field_may_be_null() {
    static_assert(always_false<Item>,
                  "retort: execute_many(statement, items): an item field is a std::optional but its parameter is "
                  "not; declare the parameter as param<\"name\", std::optional<T>> (named in "
                  "'item_field_may_be_null<Item, \"name\", T>' above)");
    return false;
}

/// Whether Item's field Name can stand for param<Name, T>; one message when it cannot.
template <class Item, fixed_string Name, class T>
consteval bool check_item_field() {
    constexpr std::size_t i = item_field_index<Item, Name>();
    if constexpr (i == reflect::field_count<Item>) {
        return item_field_missing<Item, Name>();
    } else {
        using F = reflect::field_type<Item, i>;
        if constexpr (!FieldValue<F> || !kinds_compatible(sql_type_of<F>.kind, sql_type_of<T>.kind))
            return item_field_type_mismatch<Item, Name, T>();
        else if constexpr (sql_type_of<T>.kind == sql_kind::integer &&
                           (sql_type_of<F>.kind == sql_kind::real || sql_type_of<F>.kind == sql_kind::decimal))
            return item_field_type_mismatch<Item, Name, T>();
        else if constexpr (is_optional_v<F> && !is_optional_v<T>)
            return item_field_may_be_null<Item, Name, T>();
        else
            return true;
    }
}

template <class Stmt, class Item>
consteval bool check_execute_many() {
    using kind = typename Stmt::statement_kind;
    constexpr bool writes = std::is_same_v<kind, update_kind> || std::is_same_v<kind, delete_kind>;
    static_assert(writes,
                  "retort: execute_many(statement, items) runs an UPDATE or DELETE once per item; to insert rows, "
                  "pass them alone: execute_many(rows) (a RETURNING clause is not run per item either)");
    static_assert(Reflectable<Item>,
                  "retort: execute_many(statement, items) takes a range of structs whose fields are named as the "
                  "statement's retort::param<\"name\", T>");
    if constexpr (!writes || !Reflectable<Item>) {
        return false;
    } else if constexpr (!check_statement<Stmt>()) {
        return false;  // already reported
    } else {
        static_assert(named_param_count<Stmt>() > 0,
                      "retort: execute_many(statement, items): the statement has no retort::param<\"name\", T>, so "
                      "every item would run the same statement; put param<\"field\", T> where the items' values go");
        return named_param_count<Stmt>() > 0;
    }
}

/// Binds the values of `s`, each retort::param from `item`'s field of its name.
template <class S, class Item>
void bind_with_item(driver::statement& st, const S& s, const Item& item) {
    sqlite3_stmt* const h = st.sqlite_direct();
    int index = 0;
    s.for_each_value([&]<class V>(const V& v) {
        if constexpr (requires { typename V::repeated_values_tag; }) {
            v.check();
        } else if constexpr (std::is_same_v<V, shape_mark>) {
        } else if constexpr (is_param_slot<V>::value) {
            if constexpr (check_item_field<Item, V::fixed_name, typename V::type>())
                bind_value(h, st, index++, reflect::get<item_field_index<Item, V::fixed_name>()>(item));
        } else {
            bind_value(h, st, index++, v);
        }
    });
}

}  // namespace detail

template <class S, class Range>
std::int64_t connection::execute_many(const S& statement, const Range& items) {
    using Stmt = std::remove_cvref_t<S>;
    using Item = std::remove_cvref_t<std::ranges::range_value_t<Range>>;
    if constexpr (!detail::check_execute_many<Stmt, Item>()) {
        return 0;
    } else {
        detail::operation_guard use(live().use);
        const auto run = [&]<class D>() -> std::int64_t {
            driver::statement& st = detail::prepare_for<Stmt, D>(*this, statement);
            detail::all_or_nothing scope(*this);
            std::int64_t n = 0;
            try {
                for (const Item& item : items) {
                    detail::bind_with_item(st, statement, item);
                    st.add_to_batch();
                }
                n = st.finish_batch();
            } catch (...) {
                st.abort_batch();
                st.reset();
                throw;
            }
            st.reset();
            scope.commit();
            return n;
        };
        constexpr std::string_view sqlite_veto = detail::dialect_reason<Stmt, sqlite>();
        constexpr std::string_view pg_veto = detail::dialect_reason<Stmt, postgresql>();
        if (dialect_ == dialect_id::sqlite) {
            if constexpr (!sqlite_veto.empty())
                throw programming_error(std::string(sqlite_veto));
            else
                return run.template operator()<sqlite>();
        } else {
            if constexpr (!pg_veto.empty())
                throw programming_error(std::string(pg_veto));
            else
                return run.template operator()<postgresql>();
        }
    }
}

}  // namespace retort
