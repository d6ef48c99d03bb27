// tests/integration/stmt2_tests.cpp — statements, round two: a join on the declared
// foreign key, WITH on UPDATE and DELETE, execute_many(statement, items) for UPDATE and
// DELETE, LATERAL derived tables, sequences. Each construct's exact SQL in both dialects is
// a static_assert here; the rows come from the real database.
// Part of the integration suite (one program per database): see integration_support.hpp.
#include "integration_support.hpp"

struct S2User {
    std::int64_t id;
    std::string name;
    std::int64_t score;
};
template <>
inline constexpr auto retort::table_of<S2User> = retort::table<S2User>(
    "s2_users", retort::primary_key<&S2User::id>, retort::assigned_key, retort::unique<&S2User::name>);

struct S2Post {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
    double rating;
};
template <>
inline constexpr auto retort::table_of<S2Post> =
    retort::table<S2Post>("s2_posts", retort::primary_key<&S2Post::id>, retort::assigned_key,
                          retort::foreign_key<&S2Post::user_id, &S2User::id>);

// Two foreign keys to s2_users: join<S2Message>() from s2_users is ambiguous (see
// tests/compile_fail/join_several_foreign_keys.cpp); from s2_posts there is one.
struct S2Message {
    std::int64_t id;
    std::int64_t sender_id;
    std::optional<std::int64_t> recipient_id;
    std::optional<std::int64_t> post_id;
};
template <>
inline constexpr auto retort::table_of<S2Message> = retort::table<S2Message>(
    "s2_messages", retort::primary_key<&S2Message::id>, retort::assigned_key,
    retort::foreign_key<&S2Message::sender_id, &S2User::id>, retort::foreign_key<&S2Message::recipient_id, &S2User::id>,
    retort::foreign_key<&S2Message::post_id, &S2Post::id>);

// Row structs of CTEs and derived tables (never created).
struct S2Busy {
    std::int64_t uid;
};
template <>
inline constexpr auto retort::table_of<S2Busy> = retort::table<S2Busy>("s2_busy");
struct S2Top {
    std::string title;
    double rating;
};
template <>
inline constexpr auto retort::table_of<S2Top> = retort::table<S2Top>("s2_top");

namespace {

template <class S, class D>
constexpr std::string_view sql_of = retort::sql<S, D>;

/// ann (posts 10, 11), bob (post 12), cid (none); messages between them.
void seed(retort::connection& conn) {
    retort::drop_all<S2Message, S2Post, S2User>(conn);
    retort::create_all<S2User, S2Post, S2Message>(conn);
    conn.execute(retort::insert(S2User{1, "ann", 0}));
    conn.execute(retort::insert(S2User{2, "bob", 0}));
    conn.execute(retort::insert(S2User{3, "cid", 0}));
    conn.execute(retort::insert(S2Post{10, 1, "hello", 4.5}));
    conn.execute(retort::insert(S2Post{11, 1, "again", 3.0}));
    conn.execute(retort::insert(S2Post{12, 2, "bob's", 5.0}));
    conn.execute(retort::insert(S2Message{100, 1, 2, 12}));
    conn.execute(retort::insert(S2Message{101, 2, std::nullopt, std::nullopt}));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// join<T>() without a condition: ON the one declared foreign key, in either direction.

namespace fk_join {
using namespace retort;
inline constexpr auto posts_of_users =
    select(c<&S2User::name>, c<&S2Post::title>).from<S2User>().join<S2Post>().order_by(c<&S2Post::id>);
static_assert(sql_of<decltype(posts_of_users), sqlite> ==
              R"(SELECT "s2_users"."name", "s2_posts"."title" FROM "s2_users" JOIN "s2_posts" ON )"
              R"("s2_posts"."user_id" = "s2_users"."id" ORDER BY "s2_posts"."id" ASC)");
static_assert(sql_of<decltype(posts_of_users), postgresql> == sql_of<decltype(posts_of_users), sqlite>);

// The other direction: from the referring table to the referred one.
inline constexpr auto authors = select(c<&S2Post::title>, c<&S2User::name>).from<S2Post>().join<S2User>().order_by(
    c<&S2Post::id>);
static_assert(sql_of<decltype(authors), postgresql> ==
              R"(SELECT "s2_posts"."title", "s2_users"."name" FROM "s2_posts" JOIN "s2_users" ON )"
              R"("s2_posts"."user_id" = "s2_users"."id" ORDER BY "s2_posts"."id" ASC)");

// LEFT JOIN: users without posts come back with an empty title.
inline constexpr auto with_posts =
    select(c<&S2User::name>, c<&S2Post::title>).from<S2User>().left_join<S2Post>().order_by(c<&S2User::id>,
                                                                                             c<&S2Post::id>);
static_assert(sql_of<decltype(with_posts), sqlite> ==
              R"(SELECT "s2_users"."name", "s2_posts"."title" FROM "s2_users" LEFT JOIN "s2_posts" ON )"
              R"("s2_posts"."user_id" = "s2_users"."id" ORDER BY "s2_users"."id" ASC, "s2_posts"."id" ASC)");
static_assert(std::is_same_v<retort::row_of<decltype(with_posts)>, std::tuple<std::string, std::optional<std::string>>>);

// FROM the selected columns' tables (no from<>()): the joined table is left out of FROM.
inline constexpr auto implicit_from = select(c<&S2User::name>, c<&S2Post::title>).join<S2Post>();
static_assert(sql_of<decltype(implicit_from), sqlite> ==
              R"(SELECT "s2_users"."name", "s2_posts"."title" FROM "s2_users" JOIN "s2_posts" ON )"
              R"("s2_posts"."user_id" = "s2_users"."id")");

// A chain: s2_messages has two keys to s2_users but one to s2_posts, which is what is in
// the statement when it is joined.
inline constexpr auto chain = select(c<&S2Post::title>, c<&S2Message::id>)
                                  .from<S2Post>()
                                  .join<S2Message>()
                                  .order_by(c<&S2Message::id>);
static_assert(sql_of<decltype(chain), sqlite> ==
              R"(SELECT "s2_posts"."title", "s2_messages"."id" FROM "s2_posts" JOIN "s2_messages" ON )"
              R"("s2_messages"."post_id" = "s2_posts"."id" ORDER BY "s2_messages"."id" ASC)");
}  // namespace fk_join

TEST_CASE("join<T>() without a condition joins on the declared foreign key, both directions") {
    database db;
    seed(db.conn);
    using T = std::tuple<std::string, std::string>;
    CHECK(db.conn.execute(fk_join::posts_of_users).all() ==
          std::vector<T>{{"ann", "hello"}, {"ann", "again"}, {"bob", "bob's"}});
    CHECK(db.conn.execute(fk_join::authors).all() ==
          std::vector<T>{{"hello", "ann"}, {"again", "ann"}, {"bob's", "bob"}});
    CHECK(db.conn.execute(fk_join::implicit_from).all().size() == 3);
    CHECK(db.conn.execute(fk_join::chain).all() == std::vector<std::tuple<std::string, std::int64_t>>{{"bob's", 100}});
}

TEST_CASE("left_join<T>() without a condition keeps the rows without a match") {
    database db;
    seed(db.conn);
    using T = std::tuple<std::string, std::optional<std::string>>;
    CHECK(db.conn.execute(fk_join::with_posts).all() ==
          std::vector<T>{{"ann", "hello"}, {"ann", "again"}, {"bob", "bob's"}, {"cid", std::nullopt}});
}

// ---------------------------------------------------------------------------------------------
// WITH on UPDATE and DELETE.

namespace with_writes {
using namespace retort;
// Users with more than one post.
inline constexpr auto busy = cte<S2Busy>(
    select(c<&S2Post::user_id>).group_by(c<&S2Post::user_id>).having(count() > 1));

inline constexpr auto reward = update<S2User>()
                                   .with(busy)
                                   .set(c<&S2User::score> = c<&S2User::score> + 10)
                                   .where(in(c<&S2User::id>, select(c<&S2Busy::uid>)));
static_assert(sql_of<decltype(reward), sqlite> ==
              R"(WITH "s2_busy"("uid") AS (SELECT "s2_posts"."user_id" FROM "s2_posts" GROUP BY "s2_posts"."user_id" )"
              R"(HAVING COUNT(*) > ?) UPDATE "s2_users" SET "score" = "s2_users"."score" + ? )"
              R"(WHERE "s2_users"."id" IN (SELECT "s2_busy"."uid" FROM "s2_busy"))");
static_assert(sql_of<decltype(reward), postgresql> ==
              R"(WITH "s2_busy"("uid") AS (SELECT "s2_posts"."user_id" FROM "s2_posts" GROUP BY "s2_posts"."user_id" )"
              R"(HAVING COUNT(*) > $1) UPDATE "s2_users" SET "score" = "s2_users"."score" + $2 )"
              R"(WHERE "s2_users"."id" IN (SELECT "s2_busy"."uid" FROM "s2_busy"))");

// UPDATE ... FROM the CTE, with RETURNING.
inline constexpr auto reward_from = update<S2User>()
                                        .with(busy)
                                        .set(c<&S2User::score> = 1)
                                        .from<S2Busy>()
                                        .where(c<&S2User::id> == c<&S2Busy::uid>)
                                        .returning(c<&S2User::name>);
static_assert(sql_of<decltype(reward_from), postgresql> ==
              R"(WITH "s2_busy"("uid") AS (SELECT "s2_posts"."user_id" FROM "s2_posts" GROUP BY "s2_posts"."user_id" )"
              R"(HAVING COUNT(*) > $1) UPDATE "s2_users" SET "score" = $2 FROM "s2_busy" )"
              R"(WHERE "s2_users"."id" = "s2_busy"."uid" RETURNING "name")");

inline constexpr auto drop_quiet = delete_from<S2Post>()
                                       .with(busy)
                                       .where(not_in(c<&S2Post::user_id>, select(c<&S2Busy::uid>)));
static_assert(sql_of<decltype(drop_quiet), sqlite> ==
              R"(WITH "s2_busy"("uid") AS (SELECT "s2_posts"."user_id" FROM "s2_posts" GROUP BY "s2_posts"."user_id" )"
              R"(HAVING COUNT(*) > ?) DELETE FROM "s2_posts" WHERE "s2_posts"."user_id" NOT IN )"
              R"((SELECT "s2_busy"."uid" FROM "s2_busy"))");
}  // namespace with_writes

TEST_CASE("update().with(cte) and delete_from().with(cte) run on the database") {
    database db;
    seed(db.conn);
    CHECK(db.conn.execute(with_writes::reward) == 1);
    CHECK(db.conn.execute(retort::select(c<&S2User::name>, c<&S2User::score>).order_by(c<&S2User::id>)).all() ==
          std::vector<std::tuple<std::string, std::int64_t>>{{"ann", 10}, {"bob", 0}, {"cid", 0}});
    CHECK(column_values(db.conn, retort::select(c<&S2User::name>)
                                     .from<S2User>()
                                     .where(c<&S2User::score> == 1)) == "");
    CHECK(joined([&] {
              std::vector<std::string> names;
              for (auto [name] : db.conn.execute(with_writes::reward_from)) names.push_back(name);
              return names;
          }()) == "ann");
    db.conn.execute(retort::delete_from<S2Message>());
    CHECK(db.conn.execute(with_writes::drop_quiet) == 1);  // bob's only post
    CHECK(column_values(db.conn, retort::select(c<&S2Post::title>).order_by(c<&S2Post::id>)) == "hello,again");
}

// ---------------------------------------------------------------------------------------------
// execute_many(statement, items): one prepared UPDATE / DELETE, run per item.

namespace many {
using namespace retort;
inline constexpr auto set_score = update<S2User>()
                                      .set(c<&S2User::score> = param<"score", std::int64_t>)
                                      .where(c<&S2User::id> == param<"id", std::int64_t>);
static_assert(sql_of<decltype(set_score), sqlite> == R"(UPDATE "s2_users" SET "score" = ? WHERE "s2_users"."id" = ?)");
static_assert(sql_of<decltype(set_score), postgresql> ==
              R"(UPDATE "s2_users" SET "score" = $1 WHERE "s2_users"."id" = $2)");

inline constexpr auto rename = update<S2User>()
                                   .set(c<&S2User::name> = param<"name", std::string>)
                                   .where(c<&S2User::id> == param<"id", std::int64_t>);

// A parameter used twice, beside a value bound the same for every item.
inline constexpr auto drop_posts = delete_from<S2Post>().where(
    c<&S2Post::user_id> == param<"user_id", std::int64_t> &&
    (c<&S2Post::rating> < param<"below", double> || c<&S2Post::user_id> == param<"user_id", std::int64_t>) &&
    c<&S2Post::title> != "keep");
static_assert(sql_of<decltype(drop_posts), postgresql> ==
              R"(DELETE FROM "s2_posts" WHERE "s2_posts"."user_id" = $1 AND ("s2_posts"."rating" < $2 OR )"
              R"("s2_posts"."user_id" = $3) AND "s2_posts"."title" <> $4)");
}  // namespace many

struct S2Score {
    std::int64_t id;
    int score;  // an int field for an int64 parameter: the same SQL type
};
struct S2Rename {
    std::int64_t id;
    std::string name;
};
struct S2Drop {
    std::int64_t user_id;
    double below;
};

TEST_CASE("execute_many(update, items) runs one UPDATE per item and counts the rows") {
    database db;
    seed(db.conn);
    const std::vector<S2Score> scores{{1, 5}, {2, 7}, {99, 1}};  // 99: no such user
    CHECK(db.conn.execute_many(many::set_score, scores) == 2);
    CHECK(db.conn.execute(retort::select(c<&S2User::score>).order_by(c<&S2User::id>)).all() ==
          std::vector<std::tuple<std::int64_t>>{{5}, {7}, {0}});

    // Many items: PostgreSQL sends them in pipeline mode, in several round trips.
    std::vector<S2Score> lots;
    for (int i = 0; i < 2500; ++i) lots.push_back({1 + i % 3, i});
    CHECK(db.conn.execute_many(many::set_score, lots) == 2500);
    CHECK(db.conn.execute(retort::select(c<&S2User::score>).order_by(c<&S2User::id>)).all() ==
          std::vector<std::tuple<std::int64_t>>{{2499}, {2497}, {2498}});
}

TEST_CASE("execute_many(delete, items) binds a parameter used twice and the statement's own values") {
    database db;
    seed(db.conn);
    db.conn.execute(retort::delete_from<S2Message>());
    db.conn.execute(retort::insert(S2Post{13, 2, "keep", 1.0}));
    const std::vector<S2Drop> items{{1, 4.0}, {2, 0.0}};
    CHECK(db.conn.execute_many(many::drop_posts, items) == 3);  // ann's two, bob's "bob's"; "keep" stays
    CHECK(column_values(db.conn, retort::select(c<&S2Post::title>)) == "keep");
    CHECK(db.conn.execute_many(many::drop_posts, std::vector<S2Drop>{}) == 0);
}

TEST_CASE("execute_many(statement, items) is all or nothing, also inside an open transaction") {
    database db;
    seed(db.conn);
    // The third item breaks the unique name: none of the renames stays.
    const std::vector<S2Rename> clash{{1, "ann2"}, {2, "bob2"}, {3, "ann2"}};
    CHECK_THROWS_AS(db.conn.execute_many(many::rename, clash), retort::integrity_error);
    CHECK(column_values(db.conn, retort::select(c<&S2User::name>).order_by(c<&S2User::id>)) == "ann,bob,cid");

    // Inside a transaction: a savepoint, so the transaction stays usable after the failure.
    auto tx = db.conn.begin();
    CHECK(db.conn.execute_many(many::rename, std::vector<S2Rename>{{3, "cy"}}) == 1);
    CHECK_THROWS_AS(db.conn.execute_many(many::rename, clash), retort::integrity_error);
    CHECK(db.conn.execute_many(many::rename, std::vector<S2Rename>{{2, "bo"}}) == 1);
    tx.commit();
    CHECK(column_values(db.conn, retort::select(c<&S2User::name>).order_by(c<&S2User::id>)) == "ann,bo,cy");
}

// ---------------------------------------------------------------------------------------------
// LATERAL (PostgreSQL; a named veto on SQLite).

namespace lateral_join {
using namespace retort;
// Each user's best post: a derived table that reads the user's id.
inline constexpr auto best = lateral<S2Top>(select(c<&S2Post::title>, c<&S2Post::rating>)
                                                .where(c<&S2Post::user_id> == c<&S2User::id>)
                                                .order_by(desc(c<&S2Post::rating>))
                                                .limit(1));
inline constexpr auto best_posts =
    select(c<&S2User::name>, c<&S2Top::title>).from<S2User>().left_join(best).order_by(c<&S2User::id>);
static_assert(sql_of<decltype(best_posts), postgresql> ==
              R"(SELECT "s2_users"."name", "s2_top"."title" FROM "s2_users" LEFT JOIN LATERAL )"
              R"((SELECT "s2_posts"."title" AS "title", "s2_posts"."rating" AS "rating" FROM "s2_posts" )"
              R"(WHERE "s2_posts"."user_id" = "s2_users"."id" ORDER BY "s2_posts"."rating" DESC LIMIT $1) AS "s2_top" )"
              R"(ON TRUE ORDER BY "s2_users"."id" ASC)");
static_assert(std::is_same_v<retort::row_of<decltype(best_posts)>, std::tuple<std::string, std::optional<std::string>>>);

// An inner lateral join with a condition of its own, and CROSS JOIN LATERAL.
inline constexpr auto good = select(c<&S2User::name>, c<&S2Top::rating>)
                                 .from<S2User>()
                                 .join(best, c<&S2Top::rating> > 4.0)
                                 .order_by(c<&S2User::id>);
static_assert(sql_of<decltype(good), postgresql> ==
              R"(SELECT "s2_users"."name", "s2_top"."rating" FROM "s2_users" JOIN LATERAL )"
              R"((SELECT "s2_posts"."title" AS "title", "s2_posts"."rating" AS "rating" FROM "s2_posts" )"
              R"(WHERE "s2_posts"."user_id" = "s2_users"."id" ORDER BY "s2_posts"."rating" DESC LIMIT $1) AS "s2_top" )"
              R"(ON "s2_top"."rating" > $2 ORDER BY "s2_users"."id" ASC)");
inline constexpr auto crossed =
    select(c<&S2User::name>, c<&S2Top::title>).from<S2User>().cross_join(best).order_by(c<&S2User::id>);
}  // namespace lateral_join

TEST_CASE("LATERAL derived tables read the columns of the tables before them") {
    database db;
    seed(db.conn);
    if constexpr (on_sqlite) {
        CHECK_THROWS_WITH_AS(db.conn.execute(lateral_join::best_posts),
                             doctest::Contains("retort: SQLite has no LATERAL"), retort::programming_error);
    } else {
        using T = std::tuple<std::string, std::optional<std::string>>;
        CHECK(db.conn.execute(lateral_join::best_posts).all() ==
              std::vector<T>{{"ann", "hello"}, {"bob", "bob's"}, {"cid", std::nullopt}});
        CHECK(db.conn.execute(lateral_join::good).all() ==
              std::vector<std::tuple<std::string, double>>{{"ann", 4.5}, {"bob", 5.0}});
        CHECK(db.conn.execute(lateral_join::crossed).all() ==
              std::vector<std::tuple<std::string, std::string>>{{"ann", "hello"}, {"bob", "bob's"}});
    }
}

// ---------------------------------------------------------------------------------------------
// Sequences (PostgreSQL; a named veto on SQLite).

struct S2Order {
    std::int64_t id;
    std::int64_t number;
    std::string item;
};
template <>
inline constexpr auto retort::table_of<S2Order> = retort::table<S2Order>("s2_orders", retort::primary_key<&S2Order::id>);

namespace sequences {
using namespace retort;
inline constexpr auto create = create_sequence<"s2_order_no">(start_with<1000>, increment_by<10>);
static_assert(sql_of<decltype(create), postgresql> == R"(CREATE SEQUENCE "s2_order_no" INCREMENT BY 10 START WITH 1000)");
inline constexpr auto create_again = create_sequence<"s2_order_no">(max_value<9>, min_value<-9>, cycle).if_not_exists();
static_assert(sql_of<decltype(create_again), postgresql> ==
              R"(CREATE SEQUENCE IF NOT EXISTS "s2_order_no" MINVALUE -9 MAXVALUE 9 CYCLE)");
inline constexpr auto drop = drop_sequence<"s2_order_no">().if_exists();
static_assert(sql_of<decltype(drop), postgresql> == R"(DROP SEQUENCE IF EXISTS "s2_order_no")");

inline constexpr auto next = select(next_value<"s2_order_no">());
static_assert(sql_of<decltype(next), postgresql> == R"(SELECT nextval('"s2_order_no"'))");
static_assert(std::is_same_v<retort::row_of<decltype(next)>, std::tuple<std::int64_t>>);

inline constexpr auto order = [](std::string_view item) {
    return insert<S2Order>().values(c<&S2Order::number> = next_value<"s2_order_no">(), c<&S2Order::item> = item);
};
static_assert(sql_of<decltype(order("")), postgresql> ==
              R"(INSERT INTO "s2_orders" ("number", "item") VALUES (nextval('"s2_order_no"'), $1) RETURNING "id")");
}  // namespace sequences

TEST_CASE("sequences: create_sequence, next_value in a select and in insert values, drop_sequence") {
    database db;
    auto& conn = db.conn;
    if constexpr (on_sqlite) {
        for (auto run : {+[](retort::connection& c) { c.execute(sequences::create); },
                         +[](retort::connection& c) { c.execute(sequences::drop); },
                         +[](retort::connection& c) { c.execute(sequences::next); }})
            CHECK_THROWS_WITH_AS(run(conn), doctest::Contains("retort: SQLite has no sequences"),
                                 retort::programming_error);
    } else {
        retort::drop_all<S2Order>(conn);
        retort::create_all<S2Order>(conn);
        conn.execute(sequences::drop);
        conn.execute(sequences::create);
        conn.execute(sequences::create_again);  // exists: nothing happens
        CHECK(conn.execute(sequences::next).all() == std::vector<std::tuple<std::int64_t>>{{1000}});
        conn.execute(sequences::order("tea"));
        conn.execute(sequences::order("cake"));
        CHECK(conn.execute(retort::select(c<&S2Order::number>, c<&S2Order::item>).order_by(c<&S2Order::id>)).all() ==
              std::vector<std::tuple<std::int64_t, std::string>>{{1010, "tea"}, {1020, "cake"}});
        conn.execute(sequences::drop);
        CHECK_THROWS_AS(conn.execute(sequences::next).all(), retort::error);  // gone
        retort::drop_all<S2Order>(conn);
    }
}
