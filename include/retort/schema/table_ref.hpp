// retort/schema/table_ref.hpp — what can stand in FROM / JOIN: a declared table, or the
// same table under another name (an alias, for self-joins):
//
//     constexpr auto boss = retort::alias<Employee, "boss">;
//     select(c<&Employee::name>, boss(c<&Employee::name>))
//         .from<Employee>()
//         .left_join(boss, boss(c<&Employee::id>) == c<&Employee::manager_id>);
#pragma once

#include <string_view>

#include "retort/detail/fixed_string.hpp"
#include "retort/detail/sql_writer.hpp"
#include "retort/schema/table.hpp"

namespace retort {

template <auto Member, class Ref>
struct column_t;

/// Table T under the name Name.
template <class T, fixed_string Name>
struct alias_t {
    using model = T;
    static constexpr std::string_view name = Name;

    /// The column of this alias: `boss(c<&Employee::name>)` renders "boss"."name".
    template <auto Member, class R>
    constexpr column_t<Member, alias_t> operator()(column_t<Member, R>) const {
        return {};
    }
};

template <Table T, fixed_string Name>
inline constexpr alias_t<T, Name> alias{};

/// How a table reference renders: its qualifier for columns and its FROM item.
template <class Ref>
struct table_ref_traits {
    using model = Ref;
    using identity = Ref;  // what columns read through this reference name as their table
    static constexpr std::string_view qualifier() { return meta<Ref>.name; }
    static constexpr void render_from(detail::sql_writer& w) { w.quoted(meta<Ref>.name); }
};

template <class T, fixed_string Name>
struct table_ref_traits<alias_t<T, Name>> {
    using model = T;
    using identity = alias_t<T, Name>;
    static constexpr std::string_view qualifier() { return Name; }
    static constexpr void render_from(detail::sql_writer& w) {
        w.quoted(meta<T>.name);
        w.put(" AS ");
        w.quoted(Name.view());
    }
};

/// Something that can stand in FROM / JOIN: a declared table, an alias of one, or a
/// derived table (whose row struct is a declared table).
template <class R>
concept TableReference = Table<typename table_ref_traits<R>::model>;

}  // namespace retort
