// tests/core/index_ddl_render_tests.cpp — standalone CREATE INDEX / DROP INDEX: exact SQL
// per dialect (unique, expression keys, DESC, partial WHERE, IF [NOT] EXISTS, the default
// name). Their effect on real databases: tests/integration/write_ddl_tests.cpp.
#include <retort/core.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>

using retort::c;
using retort::postgresql;
using retort::sqlite;

namespace {

struct IxUser {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<int> age;
    bool active;
};

}  // namespace

template <>
inline constexpr auto retort::table_of<IxUser> = retort::table<IxUser>("ix_users", retort::primary_key<&IxUser::id>);

namespace {

// Plain columns, DESC, the default name.
using plain = decltype(retort::create_index(c<&IxUser::name>, retort::desc(c<&IxUser::age>)));
static_assert(retort::sql<plain, sqlite> == "CREATE INDEX \"ix_ix_users_name_age\" ON \"ix_users\" (\"name\", \"age\" DESC)");
static_assert(retort::sql<plain, postgresql> == retort::sql<plain, sqlite>);

// Unique, an expression key, IF NOT EXISTS, a partial WHERE; the name given.
using lower_email = decltype(retort::create_index<"uq_ix_users_lower_email">(retort::lower(c<&IxUser::email>))
                                 .unique()
                                 .if_not_exists()
                                 .where(c<&IxUser::active> == retort::literal_column<"TRUE", bool> &&
                                        retort::is_not_null(c<&IxUser::age>)));
static_assert(retort::sql<lower_email, postgresql> ==
              "CREATE UNIQUE INDEX IF NOT EXISTS \"uq_ix_users_lower_email\" ON \"ix_users\" ((LOWER(\"email\"))) "
              "WHERE \"active\" = TRUE AND \"age\" IS NOT NULL");

// Unique without a name: uq_ prefix.
using uq = decltype(retort::create_index(c<&IxUser::email>).unique());
static_assert(retort::sql<uq, sqlite> == "CREATE UNIQUE INDEX \"uq_ix_users_email\" ON \"ix_users\" (\"email\")");

// NULLS LAST: PostgreSQL only (a named veto on SQLite).
using nulls = decltype(retort::create_index<"ix_age">(retort::desc(c<&IxUser::age>).nulls_last()));
static_assert(retort::sql<nulls, postgresql> == "CREATE INDEX \"ix_age\" ON \"ix_users\" (\"age\" DESC NULLS LAST)");
static_assert(!retort::detail::unsupported_reason<nulls, sqlite>().empty());

// DROP INDEX.
static_assert(retort::sql<decltype(retort::drop_index<"ix_age">()), sqlite> == "DROP INDEX \"ix_age\"");
static_assert(retort::sql<decltype(retort::drop_index<"ix_age">().if_exists()), postgresql> ==
              "DROP INDEX IF EXISTS \"ix_age\"");

}  // namespace

TEST_CASE("standalone index DDL renders") {
    CHECK(retort::to_sql<sqlite>(retort::create_index(c<&IxUser::name>)) ==
          "CREATE INDEX \"ix_ix_users_name\" ON \"ix_users\" (\"name\")");
}
