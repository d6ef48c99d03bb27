// retort/expr/column.hpp — typed columns: `c<&User::age>` is the column users.age.
#pragma once

#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"
#include "retort/reflect/fields.hpp"
#include "retort/schema/table.hpp"
#include "retort/schema/table_ref.hpp"

namespace retort {

template <class A, class V>
struct assignment_t;

/// A typed column. `Ref` is the table reference it is read through: the model itself,
/// or an alias of it (see retort::alias).
template <auto Member, class Ref = reflect::class_of<Member>>
struct column_t : detail::expression_tag, detail::labelable<column_t<Member, Ref>> {
    using table = Ref;
    using model = reflect::class_of<Member>;
    using value_type = reflect::value_of<Member>;
    using tables = detail::type_list<Ref>;
    using columns = detail::type_list<column_t>;
    static constexpr auto member = Member;
    static constexpr std::size_t index = reflect::member_index<Member>;
    static constexpr sql_kind kind = sql_type_of<value_type>.kind;

    static constexpr std::string_view table_name() { return table_ref_traits<Ref>::qualifier(); }
    static constexpr std::string_view name() { return meta<model>.columns[index].name; }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if (w.qualify) {
            w.quoted(table_name());
            w.put('.');
        }
        w.quoted(name());
    }

    template <class F>
    constexpr void for_each_value(F&&) const {}

    /// `c<&User::age> = 32` is an assignment for update().set(...).
    template <class V>
    constexpr assignment_t<column_t, detail::stored_value_t<V&&>> operator=(V&& v) const {
        return {detail::stored_value_t<V&&>(std::forward<V>(v))};
    }
};

namespace detail {
template <auto Member>
consteval bool column_is_valid() {
    static_assert(reflect::DataMember<Member>,
                  "retort: c<X> needs a pointer to a data member, like c<&User::age>");
    if constexpr (reflect::DataMember<Member>) {
        static_assert(Table<reflect::class_of<Member>>,
                      "retort: c<&T::field> names a member of a struct that is not a declared table; "
                      "declare `template <> inline constexpr auto retort::table_of<T> = retort::table<T>(...)`");
        return Table<reflect::class_of<Member>>;
    }
    return false;
}
}  // namespace detail

/// The typed column for a data member of a declared table.
template <auto Member>
    requires(detail::column_is_valid<Member>())
inline constexpr column_t<Member> c{};

template <class E>
struct is_column : std::false_type {};
template <auto M, class R>
struct is_column<column_t<M, R>> : std::true_type {};

/// A column of some declared table.
template <class E>
concept Column = is_column<std::remove_cvref_t<E>>::value;

/// A column of table T.
template <class E, class T>
concept ColumnOf = Column<E> && std::is_same_v<typename std::remove_cvref_t<E>::table, T>;

}  // namespace retort
