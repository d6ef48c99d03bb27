// retort/expr/param.hpp — a named, typed parameter whose value comes later, per execution
// (SQLAlchemy's bindparam):
//
//   auto q = retort::update<User>()
//                .set(c<&User::score> = retort::param<"score", std::int64_t>)
//                .where(c<&User::id> == retort::param<"id", std::int64_t>);
//   struct Change { std::int64_t id; std::int64_t score; };
//   conn.execute_many(q, std::vector<Change>{{1, 10}, {2, 20}});   // one prepared UPDATE, run per item
//
// It renders as a placeholder like a bound value; execute_many reads each item's field of
// the same name (see engine/execute_many.hpp). A statement with parameters cannot run with
// execute(): there is no value to send.
#pragma once

#include "retort/detail/fixed_string.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"

namespace retort {

namespace detail {
/// What a parameter hands to for_each_value: its place among the statement's values.
template <fixed_string Name, class T>
struct param_slot {
    static constexpr auto fixed_name = Name;
    using type = T;
};
template <class V>
struct is_param_slot : std::false_type {};
template <fixed_string Name, class T>
struct is_param_slot<param_slot<Name, T>> : std::true_type {};
}  // namespace detail

template <fixed_string Name, class T>
struct param_t : detail::expression_tag, detail::labelable<param_t<Name, T>> {
    using value_type = T;
    using tables = detail::type_list<>;
    static constexpr sql_kind kind = sql_type_of<T>.kind;
    static constexpr std::string_view name = Name;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        ++w.named_params;
        D::placeholder(w);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        f(detail::param_slot<Name, T>{});
    }
};

namespace detail {
template <fixed_string Name, class T>
consteval bool check_param() {
    static_assert(Name.size() > 0, "retort: param<\"name\", T> needs a name (the item field it reads)");
    static_assert(FieldValue<T>,
                  "retort: param<\"name\", T> needs a SQL value type T (integer, floating point, bool, std::string, "
                  "retort::blob, std::chrono::sys_time, a type with retort::type_traits, or std::optional of one)");
    return Name.size() > 0 && FieldValue<T>;
}
}  // namespace detail

/// A named parameter of SQL type T: its value comes from each item given to
/// conn.execute_many(statement, items), from the item's field called Name.
template <fixed_string Name, class T>
    requires(detail::check_param<Name, T>())
inline constexpr param_t<Name, T> param{};

}  // namespace retort
