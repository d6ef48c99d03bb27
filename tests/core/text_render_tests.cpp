// tests/core/text_render_tests.cpp — SQL text statements (retort::text<...>) and typed
// literal fragments (retort::literal_column): exact SQL per dialect, parameter numbering,
// row types, and the requires-probes of their typing rules. Rows on real databases are in
// tests/integration/text_sql_tests.cpp.
#include <retort/core.hpp>
#include <retort/stmt/text.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

using retort::c;
using retort::postgresql;
using retort::sqlite;

namespace {

struct TxUser {
    std::int64_t id;
    std::string name;
    std::optional<int> age;
};

struct TxCount {
    std::int64_t n;
};

}  // namespace

template <>
inline constexpr auto retort::table_of<TxUser> = retort::table<TxUser>("tx_users", retort::primary_key<&TxUser::id>);
template <>
inline constexpr auto retort::table_of<TxCount> = retort::table<TxCount>("tx_count");

namespace {

// ---- parameters, rewritten per dialect ---------------------------------------------

constexpr auto by_age = retort::text<"SELECT id, name FROM users WHERE age > :min_age">.bind<"min_age">(30)
                            .columns<std::int64_t, std::string>();
static_assert(retort::sql<decltype(by_age), sqlite> == "SELECT id, name FROM users WHERE age > ?");
static_assert(retort::sql<decltype(by_age), postgresql> == "SELECT id, name FROM users WHERE age > $1");
static_assert(std::is_same_v<retort::row_of<decltype(by_age)>, std::tuple<std::int64_t, std::string>>);
static_assert(retort::parameter_count<decltype(by_age), postgresql> == 1);

// Two names, bound in any order: values go in the order of the text.
using two = decltype(retort::text<"SELECT 1 WHERE :a < :b">.bind<"b">(2).bind<"a">(1));
static_assert(retort::sql<two, sqlite> == "SELECT 1 WHERE ? < ?");
static_assert(retort::sql<two, postgresql> == "SELECT 1 WHERE $1 < $2");

// A name used twice is one parameter, bound once, on both databases.
using twice = decltype(retort::text<"SELECT :x + :y + :x">.bind<"x">(1).bind<"y">(2));
static_assert(retort::sql<twice, sqlite> == "SELECT ?1 + ?2 + ?1");
static_assert(retort::sql<twice, postgresql> == "SELECT $1 + $2 + $1");
static_assert(retort::parameter_count<twice, sqlite> == 2);

// PostgreSQL casts survive; a parameter may be cast; \: is a literal colon; literals,
// quoted identifiers and comments are left alone; a:b and 12:30 are not parameters.
using casts = decltype(retort::text<"SELECT x::int, :id::bigint, arr[\\:2], 'a :b', \"c:d\", t.a:b -- :e\n/* :f */">
                           .bind<"id">(1));
static_assert(retort::sql<casts, postgresql> ==
              "SELECT x::int, $1::bigint, arr[:2], 'a :b', \"c:d\", t.a:b -- :e\n/* :f */");
static_assert(retort::sql<casts, sqlite> == "SELECT x::int, ?::bigint, arr[:2], 'a :b', \"c:d\", t.a:b -- :e\n/* :f */");

// A ? in a string literal is text; outside one, SQLite would read it as a parameter (a veto
// there), PostgreSQL as the jsonb operator.
static_assert(retort::sql<decltype(retort::text<"SELECT 'why?' WHERE 1 = :one">.bind<"one">(1)), sqlite> ==
              "SELECT 'why?' WHERE 1 = ?");
using jsonb_q = decltype(retort::text<"SELECT doc ? 'k' FROM docs">.columns<bool>());
static_assert(retort::sql<jsonb_q, postgresql> == "SELECT doc ? 'k' FROM docs");
static_assert(!retort::detail::unsupported_reason<jsonb_q, sqlite>().empty());

// Without columns<...>() a text is not a select: execute() returns rows affected.
using upd = decltype(retort::text<"UPDATE users SET age = :age WHERE id = :id">.bind<"id">(1).bind<"age">(3));
static_assert(std::is_same_v<upd::statement_kind, retort::text_kind>);
static_assert(!retort::SelectStatement<upd>);
static_assert(retort::sql<upd, postgresql> == "UPDATE users SET age = $1 WHERE id = $2");

// No parameters at all.
static_assert(retort::sql<decltype(retort::text<"DELETE FROM t">), sqlite> == "DELETE FROM t");

// ---- rows -----------------------------------------------------------------------------

// One struct: each row is read into it, in column order.
using as_struct = decltype(retort::text<"SELECT id, name, age FROM tx_users">.columns<TxUser>());
static_assert(std::is_same_v<retort::row_of<as_struct>, TxUser>);
// One SQL value type: a one-element tuple, like select(x).
using one_col = decltype(retort::text<"SELECT count(*) FROM tx_users">.columns<std::int64_t>());
static_assert(std::is_same_v<retort::row_of<one_col>, std::tuple<std::int64_t>>);
static_assert(std::is_same_v<retort::row_of<decltype(retort::text<"SELECT age FROM t">.columns<std::optional<int>>())>,
                             std::tuple<std::optional<int>>>);

// ---- as a subquery ---------------------------------------------------------------------

constexpr auto ids = retort::text<"SELECT id FROM tx_users WHERE name = :name">.bind<"name">("ann").columns<std::int64_t>();
using in_text = decltype(retort::select(c<&TxUser::name>).where(retort::in(c<&TxUser::id>, ids) && c<&TxUser::age> > 3));
static_assert(retort::sql<in_text, sqlite> ==
              "SELECT \"tx_users\".\"name\" FROM \"tx_users\" WHERE \"tx_users\".\"id\" IN (SELECT id FROM tx_users "
              "WHERE name = ?) AND \"tx_users\".\"age\" > ?");
static_assert(retort::sql<in_text, postgresql> ==
              "SELECT \"tx_users\".\"name\" FROM \"tx_users\" WHERE \"tx_users\".\"id\" IN (SELECT id FROM tx_users "
              "WHERE name = $1) AND \"tx_users\".\"age\" > $2");

using scalar_text = decltype(retort::select(c<&TxUser::name>, retort::scalar(retort::text<"SELECT max(id) FROM tx_users">.columns<std::int64_t>()).as<"n">()));
using derived_text = decltype(retort::select(c<&TxCount::n>).from(retort::derived<TxCount>(
    retort::text<"SELECT count(*) AS n FROM tx_users WHERE age > :a">.bind<"a">(1).columns<std::int64_t>())));
static_assert(retort::sql<derived_text, postgresql> ==
              "SELECT \"tx_count\".\"n\" FROM (SELECT count(*) AS n FROM tx_users WHERE age > $1) AS \"tx_count\"");

using exists_text = decltype(retort::select(c<&TxUser::name>).where(retort::exists(
    retort::text<"SELECT 1 FROM tx_count WHERE n > :k">.bind<"k">(2).columns<int>())));
static_assert(retort::sql<exists_text, postgresql> ==
              "SELECT \"tx_users\".\"name\" FROM \"tx_users\" WHERE EXISTS (SELECT 1 FROM tx_count WHERE n > $1)");

// ---- literal_column ----------------------------------------------------------------------

using lit = decltype(retort::select(c<&TxUser::id>, retort::literal_column<"lower(\"tx_users\".\"name\")", std::string>.as<"lname">())
                         .where(retort::literal_column<"length(\"tx_users\".\"name\")", int> > 2));
static_assert(retort::sql<lit, sqlite> ==
              "SELECT \"tx_users\".\"id\", lower(\"tx_users\".\"name\") AS \"lname\" FROM \"tx_users\" WHERE "
              "length(\"tx_users\".\"name\") > ?");
// A labelled item makes the row a labeled_row: the tuple, plus get<"lname">().
static_assert(std::is_same_v<retort::row_of<lit>::tuple_type, std::tuple<std::int64_t, std::string>>);

// ---- typing rules, probed ------------------------------------------------------------------

template <class Q>
concept can_bind_b = requires(Q q) { q.template bind<"b">(1); };
static_assert(!retort::Expression<decltype(retort::text<"SELECT 1">)>);

}  // namespace

TEST_CASE("text statements render their parameters per dialect") {
    CHECK(retort::to_sql<postgresql>(by_age) == "SELECT id, name FROM users WHERE age > $1");
    CHECK(retort::sql<twice, sqlite> == "SELECT ?1 + ?2 + ?1");
    CHECK(retort::sql<scalar_text, postgresql> ==
          "SELECT \"tx_users\".\"name\", (SELECT max(id) FROM tx_users) AS \"n\" FROM \"tx_users\"");
    int n = 0;
    std::string seen;
    twice{}.for_each_value([&](const auto&) { ++n; });
    CHECK(n == 2);
    (void)seen;
}
