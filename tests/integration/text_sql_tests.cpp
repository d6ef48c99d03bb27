// tests/integration/text_sql_tests.cpp — SQL text statements (retort::text) and typed
// literal fragments (retort::literal_column) on a real database: the rows they return,
// the rows they change, and their use as subqueries and derived tables.
//
// One source, built twice like expression_tests.cpp:
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
// The exact SQL is checked in tests/core/text_render_tests.cpp.
#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include "integration_support.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using retort::c;
using std::int64_t;
using std::nullopt;
using std::optional;
using std::string;
using std::tuple;
using std::vector;


struct TxUser {
    int64_t id;
    string name;
    optional<int> age;
};
struct TxCount {
    int64_t n;
};
template <>
inline constexpr auto retort::table_of<TxUser> =
    retort::table<TxUser>("tx_users", retort::primary_key<&TxUser::id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<TxCount> = retort::table<TxCount>("tx_count");

namespace {

/// The shared connection (integration_support.hpp) with this file's tables made afresh.
struct text_db : database {
    text_db() {
        retort::drop_all<TxUser>(conn);
        retort::create_all<TxUser>(conn);
        for (TxUser u : {TxUser{1, "Ann", 34}, TxUser{2, "Bob", nullopt}, TxUser{3, "Cid", 25}, TxUser{4, "Dee", 41}})
            conn.execute(retort::insert(u));
    }
};

}  // namespace

TEST_CASE("text: a select with a named parameter, rows as tuples") {
    text_db db;
    const auto q = retort::text<"SELECT id, name FROM tx_users WHERE age > :min_age ORDER BY id">
                       .bind<"min_age">(30)
                       .columns<int64_t, string>();
    CHECK(db.conn.execute(q).all() == vector<tuple<int64_t, string>>{{1, "Ann"}, {4, "Dee"}});
    // The statement is kept by its result: a temporary works as well as a named one.
    int n = 0;
    for (auto [id, name] : db.conn.execute(retort::text<"SELECT id, name FROM tx_users WHERE name = :n">
                                               .bind<"n">(string("Cid"))
                                               .columns<int64_t, string>())) {
        CHECK(id == 3);
        CHECK(name == "Cid");
        ++n;
    }
    CHECK(n == 1);
}

TEST_CASE("text: rows into a struct, NULL into std::optional") {
    text_db db;
    const auto r = db.conn.execute(retort::text<"SELECT id, name, age FROM tx_users WHERE id <= :k ORDER BY id">
                                       .bind<"k">(2)
                                       .columns<TxUser>())
                       .all();
    REQUIRE(r.size() == 2);
    CHECK(r[0].name == "Ann");
    CHECK(r[0].age == 34);
    CHECK(r[1].name == "Bob");
    CHECK(r[1].age == nullopt);
}

TEST_CASE("text: NULL read into a column declared without std::optional is a data_error") {
    text_db db;
    const auto q = retort::text<"SELECT age FROM tx_users WHERE id = :id">.bind<"id">(2).columns<int>();
    CHECK_THROWS_AS(db.conn.execute(q).one(), retort::data_error);
}

TEST_CASE("text: one name used twice is bound once") {
    text_db db;
    const auto q = retort::text<"SELECT name FROM tx_users WHERE age >= :a - 10 AND age <= :a + 10 ORDER BY name">
                       .bind<"a">(30)
                       .columns<string>();
    CHECK(db.conn.execute(q).all() == vector<tuple<string>>{{"Ann"}, {"Cid"}});
}

TEST_CASE("text: casts, colons inside literals, and an escaped colon") {
    text_db db;
    if constexpr (on_sqlite) {
        const auto q = retort::text<"SELECT CAST(:id AS INTEGER) + 1, 'a :b', \"name\" FROM tx_users WHERE id = 1">
                           .bind<"id">(41)
                           .columns<int64_t, string, string>();
        CHECK(db.conn.execute(q).one() == tuple<int64_t, string, string>{42, "a :b", "Ann"});
    } else {
        // \\: is a literal colon: an array slice with no lower bound, [:2].
        const auto q = retort::text<"SELECT :id::bigint + 1, 'a :b', '7'::int, array_length((ARRAY[5,6,7])[\\:2], 1)">
                           .bind<"id">(41)
                           .columns<int64_t, string, int, int>();
        CHECK(db.conn.execute(q).one() == tuple<int64_t, string, int, int>{42, "a :b", 7, 2});
    }
}

TEST_CASE("text: a statement without columns returns the rows it changed; NULL binds") {
    text_db db;
    const auto changed = db.conn.execute(
        retort::text<"UPDATE tx_users SET age = :age WHERE id > :id">.bind<"id">(2).bind<"age">(optional<int>{}));
    CHECK(changed == 2);
    CHECK(db.conn.execute(retort::text<"INSERT INTO tx_users (id, name, age) VALUES (:id, :name, :age)">
                              .bind<"id">(5)
                              .bind<"name">("Eve")
                              .bind<"age">(retort::null)) == 1);
    CHECK(db.conn.execute(retort::select(retort::count()).from<TxUser>().where(retort::is_null(c<&TxUser::age>)))
              .one() == tuple<int64_t>{4});
}

TEST_CASE("text: streamed") {
    text_db db;
    int64_t sum = 0;
    for (auto [id] : db.conn.stream(retort::text<"SELECT id FROM tx_users WHERE id > :k">.bind<"k">(1).columns<int64_t>()))
        sum += id;
    CHECK(sum == 9);
}

TEST_CASE("text: as a subquery (IN, scalar) and as a derived table") {
    text_db db;
    const auto old = retort::text<"SELECT id FROM tx_users WHERE age > :a">.bind<"a">(30).columns<int64_t>();
    CHECK(db.conn
              .execute(retort::select(c<&TxUser::name>)
                           .where(retort::in(c<&TxUser::id>, old) && c<&TxUser::name> != "Ann")
                           .order_by(c<&TxUser::id>))
              .all() == vector<tuple<string>>{{"Dee"}});
    CHECK(db.conn
              .execute(retort::select(c<&TxUser::name>,
                                      retort::scalar(retort::text<"SELECT max(age) FROM tx_users WHERE id < :k">
                                                         .bind<"k">(4)
                                                         .columns<optional<int>>()))
                           .where(c<&TxUser::id> == 1))
              .one() == tuple<string, optional<int>>{"Ann", 34});
    const auto counted = retort::derived<TxCount>(
        retort::text<"SELECT count(*) AS n FROM tx_users WHERE age > :a">.bind<"a">(20).columns<int64_t>());
    CHECK(db.conn.execute(retort::select(c<&TxCount::n>).from(counted)).one() == tuple<int64_t>{3});
}

TEST_CASE("literal_column: a typed fragment in the select list and in WHERE") {
    text_db db;
    const auto q = retort::select(c<&TxUser::id>, retort::literal_column<"upper(\"tx_users\".\"name\")", string>)
                       .where(retort::literal_column<"length(\"tx_users\".\"name\")", int64_t> == 3 &&
                              c<&TxUser::id> < 3)
                       .order_by(c<&TxUser::id>);
    CHECK(db.conn.execute(q).all() == vector<tuple<int64_t, string>>{{1, "ANN"}, {2, "BOB"}});
}
