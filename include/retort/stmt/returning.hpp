// retort/stmt/returning.hpp — INSERT / UPDATE / DELETE ... RETURNING chosen columns.
//
//   for (auto [id, name] : conn.execute(retort::update<User>().set(...).where(...)
//                                            .returning(c<&User::id>, c<&User::name>))) ...
//
// The statement then yields rows like a SELECT (SQLite 3.35 and later, PostgreSQL).
#pragma once

#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/delete.hpp"
#include "retort/stmt/insert.hpp"
#include "retort/stmt/update.hpp"

namespace retort {

template <class S, class... Es>
struct returning_t {
    using statement_kind = select_kind;
    using row_type = std::tuple<typename Es::value_type...>;
    using tables = typename S::tables;
    S statement;
    std::tuple<Es...> exprs;

    static consteval bool check() {
        using model = typename S::model;
        constexpr bool own = detail::check_tables<"RETURNING", detail::concat_t<detail::type_list<>, typename Es::tables...>,
                                                  detail::type_list<model>>();
        if constexpr (requires { S::check(); })
            return own && S::check();
        else
            return own;
    }
    template <class D>
    using veto = detail::veto_t<S, D>;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if constexpr (requires { S::template render_base<D>(w); })
            S::template render_base<D>(w);
        else
            S::template render<D>(w);
        w.put(" RETURNING ");
        const bool q = w.qualify;
        w.qualify = false;
        detail::render_comma_list<D, Es...>(w);
        w.qualify = q;
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        statement.for_each_value(f);
        detail::tuple_apply([&](const auto&... e) { (e.for_each_value(f), ...); }, exprs);
    }
};

/// `stmt.returning(cols...)` for insert_t, update_t and delete_t.
template <class S, Expression... Es>
    requires(sizeof...(Es) > 0 &&
             (std::is_same_v<typename S::statement_kind, insert_kind> ||
              std::is_same_v<typename S::statement_kind, update_kind> ||
              std::is_same_v<typename S::statement_kind, delete_kind>))
constexpr auto returning(S&& statement, Es&&... exprs) {
    return returning_t<std::remove_cvref_t<S>, std::remove_cvref_t<Es>...>{std::forward<S>(statement),
                                                                          {std::forward<Es>(exprs)...}};
}

}  // namespace retort
