// retort/stmt/delete.hpp — DELETE FROM ... WHERE ...
//
//   retort::delete_from<User>().where(c<&User::id> == 7)
#pragma once

#include "retort/stmt/common.hpp"

namespace retort {

template <class T, class Where = detail::none_t>
struct delete_t {
    using statement_kind = delete_kind;
    using model = T;
    [[no_unique_address]] Where where_;

    template <class E>
    constexpr auto where(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(std::is_same_v<Where, detail::none_t>,
                      "retort: where() is already set on this delete; combine conditions with && or ||");
        if constexpr (detail::check_where_condition<C>() &&
                      detail::check_tables<"WHERE", typename C::tables, detail::type_list<T>>()) {
            using W = detail::where_t<C>;
            return delete_t<T, W>{W{std::forward<E>(condition)}};
        } else {
            return *this;
        }
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("DELETE FROM ");
        w.quoted(meta<T>.name);
        Where::template render<D>(w);
    }

    template <class F>
    constexpr void for_each_value(F&& f) const {
        where_.for_each_value(f);
    }
};

/// DELETE FROM table T (every row, unless .where(...) narrows it).
template <Table T>
constexpr delete_t<T> delete_from() {
    return {};
}

}  // namespace retort
