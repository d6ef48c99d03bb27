// retort/stmt/upsert.hpp — the conflict targets of INSERT ... ON CONFLICT beyond a column
// list (stmt/insert.hpp): none at all, and a named constraint.
//
//   insert(obj).on_conflict().do_nothing()                    ON CONFLICT DO NOTHING (any unique violation)
//   insert(obj).on_conflict_constraint<"users_email_key">()   ON CONFLICT ON CONSTRAINT "users_email_key"
//       .do_nothing() / .do_update(...)                       (PostgreSQL; a named veto on SQLite)
//
// DO UPDATE needs a target on PostgreSQL (columns or a constraint), so on_conflict()
// without one allows only do_nothing().
#pragma once

#include <string_view>

#include "retort/detail/fixed_string.hpp"
#include "retort/detail/sql_writer.hpp"
#include "retort/stmt/common.hpp"

namespace retort::detail {

/// Whether DO UPDATE may follow this conflict target.
template <class Target>
consteval bool check_conflict_update() {
    static_assert(Target::allows_update,
                  "retort: do_update() needs a conflict target: name the unique columns, on_conflict<&T::a, ...>(), "
                  "or a constraint, on_conflict_constraint<\"name\">(); without a target only do_nothing() is allowed");
    return Target::allows_update;
}

struct sqlite_has_no_on_constraint {
    static constexpr std::string_view reason =
        "retort: SQLite has no ON CONFLICT ON CONSTRAINT \"name\"; name the constraint's columns instead: "
        "on_conflict<&T::a, ...>()";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no ON CONFLICT ON CONSTRAINT \"name\"; name the constraint's columns "
                      "instead: on_conflict<&T::a, ...>()");
        return false;
    }
};

/// ON CONFLICT ON CONSTRAINT "name" (PostgreSQL).
template <fixed_string Name>
struct conflict_constraint {
    static constexpr bool allows_update = true;
    template <class D>
    using veto = std::conditional_t<D::id == dialect_id::sqlite, sqlite_has_no_on_constraint, no_veto>;
    static constexpr void render(sql_writer& w) {
        w.put(" ON CONFLICT ON CONSTRAINT ");
        w.quoted(Name.view());
    }
};

}  // namespace retort::detail
