// tests/core/constraint_ddl_render_tests.cpp — ALTER TABLE ADD / DROP CONSTRAINT and the
// constraint naming convention: exact SQL on PostgreSQL, the named veto on SQLite. Their
// effect on a real server: tests/integration/write_ddl_tests.cpp.
#include <retort/core.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>

using retort::postgresql;
using retort::sqlite;

namespace {

struct CoUser {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<int> age;
};
struct CoPost {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
};

}  // namespace

template <>
inline constexpr auto retort::table_of<CoUser> = retort::table<CoUser>("co_users", retort::primary_key<&CoUser::id>);
template <>
inline constexpr auto retort::table_of<CoPost> = retort::table<CoPost>("co_posts", retort::primary_key<&CoPost::id>);

namespace {

using uq = decltype(retort::add_constraint<retort::unique<&CoUser::name, &CoUser::email>>());
static_assert(retort::sql<uq, postgresql> ==
              "ALTER TABLE \"co_users\" ADD CONSTRAINT \"uq_co_users_name_email\" UNIQUE (\"name\", \"email\")");
static_assert(!retort::detail::unsupported_reason<uq, sqlite>().empty());

using fk = decltype(retort::add_constraint<retort::foreign_key<&CoPost::user_id, &CoUser::id>(retort::on_delete::cascade)>());
static_assert(retort::sql<fk, postgresql> ==
              "ALTER TABLE \"co_posts\" ADD CONSTRAINT \"fk_co_posts_user_id_co_users\" FOREIGN KEY (\"user_id\") "
              "REFERENCES \"co_users\" (\"id\") ON DELETE CASCADE");

using ck = decltype(retort::add_constraint<retort::check_constraint<CoUser, "adult", "age >= 18">>());
static_assert(retort::sql<ck, postgresql> == "ALTER TABLE \"co_users\" ADD CONSTRAINT \"ck_co_users_adult\" CHECK (age >= 18)");

using named = decltype(retort::add_constraint<retort::unique<&CoUser::email>, "users_email_key">());
static_assert(retort::sql<named, postgresql> ==
              "ALTER TABLE \"co_users\" ADD CONSTRAINT \"users_email_key\" UNIQUE (\"email\")");

using drop_conv = decltype(retort::drop_constraint<retort::unique<&CoUser::name, &CoUser::email>>());
static_assert(retort::sql<drop_conv, postgresql> == "ALTER TABLE \"co_users\" DROP CONSTRAINT \"uq_co_users_name_email\"");
using drop_named = decltype(retort::drop_constraint<CoUser, "users_email_key">().if_exists());
static_assert(retort::sql<drop_named, postgresql> ==
              "ALTER TABLE \"co_users\" DROP CONSTRAINT IF EXISTS \"users_email_key\"");
static_assert(!retort::detail::unsupported_reason<drop_named, sqlite>().empty());

}  // namespace

TEST_CASE("constraint DDL renders with conventional names") {
    CHECK(retort::to_sql<postgresql>(retort::add_constraint<retort::unique<&CoUser::email>>()) ==
          "ALTER TABLE \"co_users\" ADD CONSTRAINT \"uq_co_users_email\" UNIQUE (\"email\")");
}
