// tests/core/insert_values_render_tests.cpp — partial inserts (insert<T>().values(...),
// default_values()): exact SQL per dialect, parameter counts, what execute() returns, the
// requires-probes of their rules. Rows on real databases: tests/integration/write_ddl_tests.cpp.
#include <retort/core.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

using retort::c;
using retort::postgresql;
using retort::sqlite;

namespace {

struct PiUser {
    std::int64_t id;
    std::string name;
    std::string status;
    std::optional<int> age;
    std::int64_t score;
};

struct PiEvent {
    std::int64_t id;
    std::string kind;
};

struct PiTag {  // an assigned key: it must be named
    std::int64_t id;
    std::optional<std::string> label;
};

}  // namespace

template <>
inline constexpr auto retort::table_of<PiUser> = retort::table<PiUser>(
    "pi_users", retort::primary_key<&PiUser::id>, retort::server_default<&PiUser::status>("'new'"),
    retort::server_default<&PiUser::score>("0"));
template <>
inline constexpr auto retort::table_of<PiEvent> =
    retort::table<PiEvent>("pi_events", retort::primary_key<&PiEvent::id>, retort::server_default<&PiEvent::kind>("'tick'"));
template <>
inline constexpr auto retort::table_of<PiTag> =
    retort::table<PiTag>("pi_tags", retort::primary_key<&PiTag::id>, retort::assigned_key);

namespace {

// Named columns only; the generated key comes back.
using one = decltype(retort::insert<PiUser>().values(c<&PiUser::name> = "Ann", c<&PiUser::age> = 30));
static_assert(retort::sql<one, sqlite> == "INSERT INTO \"pi_users\" (\"name\", \"age\") VALUES (?, ?) RETURNING \"id\"");
static_assert(retort::sql<one, postgresql> ==
              "INSERT INTO \"pi_users\" (\"name\", \"age\") VALUES ($1, $2) RETURNING \"id\"");
static_assert(one::returns_key);

// NULL, an expression and a scalar subquery as values.
constexpr auto exprs_q = retort::insert<PiUser>().values(
    c<&PiUser::name> = "Bob", c<&PiUser::age> = retort::null,
    c<&PiUser::score> = retort::scalar(retort::select(retort::max(c<&PiEvent::id>))) + 1);
using exprs = decltype(exprs_q);
static_assert(retort::sql<exprs, postgresql> ==
              "INSERT INTO \"pi_users\" (\"name\", \"age\", \"score\") VALUES ($1, NULL, (SELECT MAX(\"pi_events\".\"id\") "
              "FROM \"pi_events\") + $2) RETURNING \"id\"");

// DEFAULT VALUES.
using defaults = decltype(retort::insert<PiEvent>().default_values());
static_assert(retort::sql<defaults, sqlite> == "INSERT INTO \"pi_events\" DEFAULT VALUES RETURNING \"id\"");
static_assert(retort::sql<defaults, postgresql> == "INSERT INTO \"pi_events\" DEFAULT VALUES RETURNING \"id\"");

// Several rows: the same columns; execute() returns the rows inserted.
using rows2 = decltype(retort::insert<PiTag>().values(c<&PiTag::id> = 1, c<&PiTag::label> = "a")
                           .values(c<&PiTag::id> = 2, c<&PiTag::label> = retort::null));
static_assert(retort::sql<rows2, postgresql> == "INSERT INTO \"pi_tags\" (\"id\", \"label\") VALUES ($1, $2), ($3, NULL)");
static_assert(!rows2::returns_key);

// RETURNING chosen columns.
using ret = decltype(retort::insert<PiUser>().values(c<&PiUser::name> = "Cy").returning(c<&PiUser::id>, c<&PiUser::status>));
static_assert(retort::sql<ret, sqlite> == "INSERT INTO \"pi_users\" (\"name\") VALUES (?) RETURNING \"id\", \"status\"");
static_assert(std::is_same_v<retort::row_of<ret>, std::tuple<std::int64_t, std::string>>);

// The generated key named explicitly: nothing to return.
using with_key = decltype(retort::insert<PiUser>().values(c<&PiUser::id> = 7, c<&PiUser::name> = "Dee"));
static_assert(!with_key::returns_key);
static_assert(retort::sql<with_key, sqlite> == "INSERT INTO \"pi_users\" (\"id\", \"name\") VALUES (?, ?)");

}  // namespace

TEST_CASE("partial inserts render the named columns only") {
    CHECK(retort::to_sql<sqlite>(retort::insert<PiTag>().values(c<&PiTag::id> = 3)) ==
          "INSERT INTO \"pi_tags\" (\"id\") VALUES (?)");
    int n = 0;
    exprs_q.for_each_value([&](const auto&) { ++n; });
    CHECK(n == 2);
}
