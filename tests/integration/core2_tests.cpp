// tests/integration/core2_tests.cpp — Core statements a SQLAlchemy Core user reaches for:
// labels inside derived tables, IS [NOT] DISTINCT FROM NULL, labelled values, lag/lead
// with a default, upserts, one_or_none/scalar/scalar_one, items read by label, row-lock
// variants. Each construct's exact SQL in both dialects is a static_assert here; the
// rows come from a real database.
//
// One source, built twice like integration_tests.cpp:
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
// Every test case re-creates and re-seeds its tables, so the cases run in any order.
#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include "integration_support.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using retort::c;
using std::int64_t;
using std::nullopt;
using std::optional;
using std::string;
using std::tuple;
using std::vector;


struct KUser {
    int64_t id;
    string name;
    optional<int64_t> referred_by;
};
template <>
inline constexpr auto retort::table_of<KUser> =
    retort::table<KUser>("k_users", retort::primary_key<&KUser::id>, retort::assigned_key);

struct KPost {
    int64_t id;
    int64_t user_id;
    string title;
    double score;
};
template <>
inline constexpr auto retort::table_of<KPost> =
    retort::table<KPost>("k_posts", retort::primary_key<&KPost::id>, retort::assigned_key);

struct KAccount {
    int64_t id;  // generated
    string email;
    string name;
    int64_t logins;
};
template <>
inline constexpr auto retort::table_of<KAccount> =
    retort::table<KAccount>("k_accounts", retort::primary_key<&KAccount::id>, retort::unique<&KAccount::email>);

// Row structs of derived tables (never created).
struct KUid {
    int64_t uid;
};
template <>
inline constexpr auto retort::table_of<KUid> = retort::table<KUid>("d1");

namespace {

template <class S, class D>
constexpr std::string_view sql_of = retort::sql<S, D>;

/// The shared connection (integration_support.hpp) with this file's tables made afresh.
struct core2_db : database {
    core2_db() {
        retort::drop_all<KPost, KUser>(conn);
        retort::create_all<KUser, KPost>(conn);
        conn.execute(retort::insert(KUser{1, "ann", nullopt}));
        conn.execute(retort::insert(KUser{2, "bob", 1}));
        conn.execute(retort::insert(KUser{3, "cid", 1}));
        conn.execute(retort::insert(KUser{4, "dee", nullopt}));
        conn.execute(retort::insert(KPost{10, 1, "hello", 4.5}));
        conn.execute(retort::insert(KPost{11, 1, "again", 3.0}));
        conn.execute(retort::insert(KPost{12, 3, "cid's", 6.0}));
    }
};

template <class Q>
auto rows(retort::connection& conn, const Q& q) {
    return conn.execute(q).all();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// A labelled item inside a derived table (or a union used as one) gets one alias: the
// derived table's column name.

namespace labelled_derived {
inline constexpr auto q = retort::select(c<&KUid::uid>)
                              .from(retort::derived<KUid>(retort::select(c<&KPost::user_id>.as<"uid">())))
                              .order_by(c<&KUid::uid>);
static_assert(sql_of<decltype(q), retort::sqlite> ==
              R"(SELECT "d1"."uid" FROM (SELECT "k_posts"."user_id" AS "uid" FROM "k_posts") AS "d1" ORDER BY "d1"."uid" ASC)");
static_assert(sql_of<decltype(q), retort::postgresql> ==
              R"(SELECT "d1"."uid" FROM (SELECT "k_posts"."user_id" AS "uid" FROM "k_posts") AS "d1" ORDER BY "d1"."uid" ASC)");

// the derived table's name wins over the item's own label
inline constexpr auto renamed =
    retort::select(c<&KUid::uid>).from(retort::derived<KUid>(retort::select(c<&KPost::user_id>.as<"other">())));
static_assert(sql_of<decltype(renamed), retort::sqlite> ==
              R"(SELECT "d1"."uid" FROM (SELECT "k_posts"."user_id" AS "uid" FROM "k_posts") AS "d1")");

inline constexpr auto u = retort::select(c<&KUid::uid>)
                              .from(retort::derived<KUid>(retort::select(c<&KPost::user_id>.as<"uid">())
                                                              .union_(retort::select(c<&KUser::id>.as<"uid">()))))
                              .order_by(c<&KUid::uid>);
static_assert(sql_of<decltype(u), retort::sqlite> ==
              R"(SELECT "d1"."uid" FROM (SELECT "k_posts"."user_id" AS "uid" FROM "k_posts" UNION SELECT "k_users"."id" AS "uid" FROM "k_users") AS "d1" ORDER BY "d1"."uid" ASC)");
static_assert(sql_of<decltype(u), retort::postgresql> ==
              R"(SELECT "d1"."uid" FROM (SELECT "k_posts"."user_id" AS "uid" FROM "k_posts" UNION SELECT "k_users"."id" AS "uid" FROM "k_users") AS "d1" ORDER BY "d1"."uid" ASC)");
}  // namespace labelled_derived

TEST_CASE("a labelled item inside a derived table, and inside a union used as one, is aliased once") {
    core2_db db;
    CHECK(rows(db.conn, labelled_derived::q) == vector<tuple<int64_t>>{{1}, {1}, {3}});
    CHECK(rows(db.conn, labelled_derived::renamed.order_by(c<&KUid::uid>)) == vector<tuple<int64_t>>{{1}, {1}, {3}});
    CHECK(rows(db.conn, labelled_derived::u) == vector<tuple<int64_t>>{{1}, {2}, {3}, {4}});
}

// ---------------------------------------------------------------------------------------------
// A derived table's query may read the enclosing query's tables (here: inside a correlated
// scalar subquery); reading a table of the FROM / JOIN it is part of is a compile error
// (compile-fail cases derived_reads_sibling and derived_reads_unknown_table).

namespace correlated_derived {
inline constexpr auto per_user = retort::select(c<&KUser::name>,
                                                retort::scalar(retort::select(retort::count()).from(retort::derived<KUid>(
                                                    retort::select(c<&KPost::user_id>.as<"uid">())
                                                        .where(c<&KPost::user_id> == c<&KUser::id>)))))
                                     .order_by(c<&KUser::id>);
static_assert(sql_of<decltype(per_user), retort::sqlite> ==
              R"(SELECT "k_users"."name", (SELECT COUNT(*) FROM (SELECT "k_posts"."user_id" AS "uid" FROM "k_posts" WHERE "k_posts"."user_id" = "k_users"."id") AS "d1") FROM "k_users" ORDER BY "k_users"."id" ASC)");
// The derived table's outer table travels up: the scalar subquery reads k_users.
static_assert(std::is_same_v<decltype(per_user)::available_tables, retort::detail::type_list<KUser>>);
}  // namespace correlated_derived

TEST_CASE("a derived table inside a correlated subquery reads the enclosing query's row") {
    core2_db db;
    CHECK(rows(db.conn, correlated_derived::per_user) ==
          vector<tuple<string, optional<int64_t>>>{{"ann", 2}, {"bob", 0}, {"cid", 1}, {"dee", 0}});
}

// ---------------------------------------------------------------------------------------------
// IS [NOT] DISTINCT FROM NULL; any select item labelled; lag/lead with a default.

namespace distinct_null {
inline constexpr auto same = retort::select(c<&KUser::name>)
                                 .where(retort::is_not_distinct_from(c<&KUser::referred_by>, retort::null))
                                 .order_by(c<&KUser::id>);
static_assert(sql_of<decltype(same), retort::sqlite> ==
              R"(SELECT "k_users"."name" FROM "k_users" WHERE "k_users"."referred_by" IS NULL ORDER BY "k_users"."id" ASC)");
static_assert(sql_of<decltype(same), retort::postgresql> ==
              R"(SELECT "k_users"."name" FROM "k_users" WHERE "k_users"."referred_by" IS NOT DISTINCT FROM NULL ORDER BY "k_users"."id" ASC)");
inline constexpr auto other = retort::select(c<&KUser::name>)
                                  .where(retort::is_distinct_from(c<&KUser::referred_by>, retort::null))
                                  .order_by(c<&KUser::id>);
static_assert(sql_of<decltype(other), retort::sqlite> ==
              R"(SELECT "k_users"."name" FROM "k_users" WHERE "k_users"."referred_by" IS NOT NULL ORDER BY "k_users"."id" ASC)");
static_assert(sql_of<decltype(other), retort::postgresql> ==
              R"(SELECT "k_users"."name" FROM "k_users" WHERE "k_users"."referred_by" IS DISTINCT FROM NULL ORDER BY "k_users"."id" ASC)");
}  // namespace distinct_null

TEST_CASE("is_[not_]distinct_from(x, retort::null) is NULL-safe equality with NULL") {
    core2_db db;
    CHECK(rows(db.conn, distinct_null::same) == vector<tuple<string>>{{"ann"}, {"dee"}});
    CHECK(rows(db.conn, distinct_null::other) == vector<tuple<string>>{{"bob"}, {"cid"}});
    // also on a NOT NULL column, and as a selected boolean
    CHECK(rows(db.conn, retort::select(retort::is_distinct_from(c<&KUser::name>, retort::null).as<"known">())
                            .where(c<&KUser::id> == 1)) == vector<tuple<bool>>{{true}});
}

namespace labels {
inline constexpr auto one = retort::select(retort::value<int64_t>(1).as<"one">());
static_assert(sql_of<decltype(one), retort::sqlite> == R"(SELECT ? AS "one")");
static_assert(sql_of<decltype(one), retort::postgresql> == R"(SELECT CAST($1 AS BIGINT) AS "one")");
inline constexpr auto flags =
    retort::select(c<&KUser::name>, (c<&KUser::id> > 2).as<"late">(), retort::is_null(c<&KUser::referred_by>).as<"root">(),
                   (c<&KUser::id> > 2 && c<&KUser::id> < 4).as<"mid">(), retort::like(c<&KUser::name>, "%n%").as<"n">())
        .order_by(c<&KUser::id>);
static_assert(sql_of<decltype(flags), retort::sqlite> ==
              R"(SELECT "k_users"."name", "k_users"."id" > ? AS "late", "k_users"."referred_by" IS NULL AS "root", "k_users"."id" > ? AND "k_users"."id" < ? AS "mid", "k_users"."name" LIKE ? AS "n" FROM "k_users" ORDER BY "k_users"."id" ASC)");
}  // namespace labels

TEST_CASE("any select item can be labelled: a bound value, a comparison, a predicate") {
    core2_db db;
    CHECK(db.conn.execute(labels::one).all() == vector<tuple<int64_t>>{{1}});
    CHECK(rows(db.conn, labels::flags) == vector<tuple<string, bool, bool, bool, bool>>{{"ann", false, true, false, true},
                                                                                        {"bob", false, false, false, false},
                                                                                        {"cid", true, false, true, false},
                                                                                        {"dee", true, true, false, false}});
}

namespace lag_lead {
inline constexpr auto q =
    retort::select(c<&KPost::id>, retort::lag(c<&KPost::score>, 1, 0.0).over(retort::order_by(c<&KPost::id>)),
                   retort::lead(c<&KPost::title>, 2, "none").over(retort::order_by(c<&KPost::id>)))
        .order_by(c<&KPost::id>);
static_assert(std::is_same_v<retort::row_of<decltype(q)>, tuple<int64_t, double, string>>);
static_assert(sql_of<decltype(q), retort::sqlite> ==
              R"(SELECT "k_posts"."id", LAG("k_posts"."score", ?, ?) OVER (ORDER BY "k_posts"."id" ASC), LEAD("k_posts"."title", ?, ?) OVER (ORDER BY "k_posts"."id" ASC) FROM "k_posts" ORDER BY "k_posts"."id" ASC)");
static_assert(sql_of<decltype(q), retort::postgresql> ==
              R"(SELECT "k_posts"."id", LAG("k_posts"."score", $1, $2) OVER (ORDER BY "k_posts"."id" ASC), LEAD("k_posts"."title", $3, $4) OVER (ORDER BY "k_posts"."id" ASC) FROM "k_posts" ORDER BY "k_posts"."id" ASC)");
// a NULL-able default keeps the result NULL-able
inline constexpr auto nullable = retort::select(retort::lag(c<&KUser::id>, 1, c<&KUser::referred_by>).over());
static_assert(std::is_same_v<retort::row_of<decltype(nullable)>, tuple<optional<int64_t>>>);
}  // namespace lag_lead

TEST_CASE("lag/lead(x, offset, default): the default where there is no such row") {
    core2_db db;
    CHECK(rows(db.conn, lag_lead::q) ==
          vector<tuple<int64_t, double, string>>{{10, 0.0, "cid's"}, {11, 4.5, "none"}, {12, 3.0, "none"}});
}

// ---------------------------------------------------------------------------------------------
// Upsert: INSERT ... ON CONFLICT, every form.

namespace upsert {
using A = KAccount;
inline const A ann{0, "ann@x", "Ann", 1};

using nothing_t = decltype(retort::insert(ann).on_conflict<&A::email>().do_nothing());
static_assert(sql_of<nothing_t, retort::sqlite> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES (?, ?, ?) ON CONFLICT ("email") DO NOTHING RETURNING "id")");
static_assert(sql_of<nothing_t, retort::postgresql> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES ($1, $2, $3) ON CONFLICT ("email") DO NOTHING RETURNING "id")");

using anything_t = decltype(retort::insert(ann).on_conflict().do_nothing());
static_assert(sql_of<anything_t, retort::sqlite> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING "id")");
static_assert(sql_of<anything_t, retort::postgresql> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "id")");

inline auto bump(const A& a) {
    return retort::insert(a)
        .on_conflict<&A::email>()
        .do_update(c<&A::name> = retort::excluded(c<&A::name>), c<&A::logins> = c<&A::logins> + 1)
        .where(c<&A::logins> < 3);
}
using update_t = decltype(bump(ann));
static_assert(sql_of<update_t, retort::sqlite> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES (?, ?, ?) ON CONFLICT ("email") DO UPDATE SET "name" = "excluded"."name", "logins" = "k_accounts"."logins" + ? WHERE "k_accounts"."logins" < ? RETURNING "id")");
static_assert(sql_of<update_t, retort::postgresql> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES ($1, $2, $3) ON CONFLICT ("email") DO UPDATE SET "name" = "excluded"."name", "logins" = "k_accounts"."logins" + $4 WHERE "k_accounts"."logins" < $5 RETURNING "id")");

inline auto bump_returning(const A& a) { return bump(a).returning(c<&A::id>, c<&A::name>, c<&A::logins>); }
static_assert(sql_of<decltype(bump_returning(ann)), retort::postgresql> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES ($1, $2, $3) ON CONFLICT ("email") DO UPDATE SET "name" = "excluded"."name", "logins" = "k_accounts"."logins" + $4 WHERE "k_accounts"."logins" < $5 RETURNING "id", "name", "logins")");

using constraint_t = decltype(retort::insert(ann).on_conflict_constraint<"k_accounts_email_key">().do_update(
    c<&A::logins> = retort::excluded(c<&A::logins>)));
static_assert(sql_of<constraint_t, retort::postgresql> ==
              R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT "k_accounts_email_key" DO UPDATE SET "logins" = "excluded"."logins" RETURNING "id")");
static_assert(retort::detail::unsupported_reason<constraint_t, retort::sqlite>().starts_with(
    "retort: SQLite has no ON CONFLICT ON CONSTRAINT"));
static_assert(retort::detail::unsupported_reason<constraint_t, retort::postgresql>().empty());

inline void reset(retort::connection& conn) {
    retort::drop_all<KAccount>(conn);
    retort::create_all<KAccount>(conn);
    conn.execute(retort::insert(ann));
}
inline auto accounts(retort::connection& conn) {
    return conn.execute(retort::select(c<&A::email>, c<&A::name>, c<&A::logins>).order_by(c<&A::email>)).all();
}
using account_rows = vector<tuple<string, string, int64_t>>;
}  // namespace upsert

TEST_CASE("upsert: ON CONFLICT (cols) DO NOTHING skips the row; its key comes back empty") {
    core2_db db;
    upsert::reset(db.conn);
    const optional<int64_t> skipped =
        db.conn.execute(retort::insert(KAccount{0, "ann@x", "Other", 9}).on_conflict<&KAccount::email>().do_nothing());
    CHECK(!skipped.has_value());
    KAccount bob{0, "bob@x", "Bob", 1};
    const optional<int64_t> inserted = db.conn.execute(retort::insert(bob).on_conflict<&KAccount::email>().do_nothing());
    REQUIRE(inserted.has_value());
    CHECK(*inserted == bob.id);  // written back into the object
    CHECK(upsert::accounts(db.conn) == upsert::account_rows{{"ann@x", "Ann", 1}, {"bob@x", "Bob", 1}});
    // without a conflict target: any unique violation (here the primary key) skips the row
    CHECK(!db.conn.execute(retort::insert(KAccount{0, "bob@x", "Bobby", 5}).on_conflict().do_nothing()).has_value());
    CHECK(upsert::accounts(db.conn) == upsert::account_rows{{"ann@x", "Ann", 1}, {"bob@x", "Bob", 1}});
}

TEST_CASE("upsert: DO UPDATE SET ... excluded(...) WHERE ..., with RETURNING of the upserted row") {
    core2_db db;
    upsert::reset(db.conn);
    const auto ann_id =
        std::get<0>(db.conn.execute(retort::select(c<&KAccount::id>).where(c<&KAccount::email> == "ann@x")).one());
    // the conflicting row is updated: name from the proposed row, logins from the old one
    const optional<int64_t> key = db.conn.execute(upsert::bump(KAccount{0, "ann@x", "Annie", 100}));
    CHECK(key == ann_id);
    CHECK(upsert::accounts(db.conn) == upsert::account_rows{{"ann@x", "Annie", 2}});
    // RETURNING the upserted row
    CHECK(db.conn.execute(upsert::bump_returning(KAccount{0, "ann@x", "Anna", 100})).all() ==
          vector<tuple<int64_t, string, int64_t>>{{ann_id, "Anna", 3}});
    // WHERE false: the row is skipped, RETURNING yields nothing, the key is empty
    CHECK(db.conn.execute(upsert::bump_returning(KAccount{0, "ann@x", "Nope", 100})).all().empty());
    CHECK(!db.conn.execute(upsert::bump(KAccount{0, "ann@x", "Nope", 100})).has_value());
    CHECK(upsert::accounts(db.conn) == upsert::account_rows{{"ann@x", "Anna", 3}});
    // no conflict: a plain insert, RETURNING the new row
    const auto fresh = db.conn.execute(upsert::bump_returning(KAccount{0, "cy@x", "Cy", 7})).all();
    REQUIRE(fresh.size() == 1);
    CHECK(std::get<1>(fresh[0]) == "Cy");
    CHECK(std::get<2>(fresh[0]) == 7);
    CHECK(upsert::accounts(db.conn) == upsert::account_rows{{"ann@x", "Anna", 3}, {"cy@x", "Cy", 7}});
}

namespace upsert {
inline const vector<A> batch{{0, "ann@x", "Ann2", 10}, {0, "dan@x", "Dan", 1}, {0, "eve@x", "Eve", 1}};
using many_nothing_t = decltype(retort::insert_many(batch).on_conflict<&A::email>().do_nothing());
using many_update_t = decltype(retort::insert_many(batch).on_conflict<&A::email>().do_update(
    c<&A::logins> = c<&A::logins> + retort::excluded(c<&A::logins>)));
}  // namespace upsert

TEST_CASE("upsert: ON CONFLICT on a multi-row insert (insert_many)") {
    // a multi-row insert's text depends on the row count: checked at run time
    const auto two = std::span<const KAccount>(upsert::batch).first(2);
    CHECK(retort::to_sql<retort::sqlite>(retort::insert_many(two).on_conflict<&KAccount::email>().do_nothing()) ==
          R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES (?, ?, ?), (?, ?, ?) ON CONFLICT ("email") DO NOTHING)");
    CHECK(retort::to_sql<retort::postgresql>(
              retort::insert_many(two).on_conflict<&KAccount::email>().do_update(
                  c<&KAccount::logins> = c<&KAccount::logins> + retort::excluded(c<&KAccount::logins>))) ==
          R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT ("email") DO UPDATE SET "logins" = "k_accounts"."logins" + "excluded"."logins")");
    CHECK(retort::to_sql<retort::postgresql>(retort::insert_many(two).on_conflict().do_nothing()) ==
          R"(INSERT INTO "k_accounts" ("email", "name", "logins") VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT DO NOTHING)");
    core2_db db;
    upsert::reset(db.conn);
    CHECK(db.conn.execute(retort::insert_many(upsert::batch).on_conflict<&KAccount::email>().do_nothing()) == 2);
    CHECK(upsert::accounts(db.conn) ==
          upsert::account_rows{{"ann@x", "Ann", 1}, {"dan@x", "Dan", 1}, {"eve@x", "Eve", 1}});
    CHECK(db.conn.execute(retort::insert_many(upsert::batch)
                              .on_conflict<&KAccount::email>()
                              .do_update(c<&KAccount::logins> = c<&KAccount::logins> + retort::excluded(c<&KAccount::logins>))
                              .where(c<&KAccount::email> != "eve@x")) == 2);
    CHECK(upsert::accounts(db.conn) ==
          upsert::account_rows{{"ann@x", "Ann", 11}, {"dan@x", "Dan", 2}, {"eve@x", "Eve", 1}});
    CHECK(db.conn.execute(retort::insert_many(upsert::batch).on_conflict().do_nothing()) == 0);
    // more rows than one chunk holds: the conflict clause goes with every chunk
    vector<KAccount> many;
    for (int i = 0; i < 5000; ++i) many.push_back({0, "u" + std::to_string(i % 2500) + "@x", "U", 1});
    CHECK(db.conn.execute(retort::insert_many(many).on_conflict<&KAccount::email>().do_update(
              c<&KAccount::logins> = c<&KAccount::logins> + 1)) == 5000);
    CHECK(std::get<0>(db.conn.execute(retort::select(retort::sum(c<&KAccount::logins>)).from<KAccount>().where(
                                           retort::like(c<&KAccount::email>, "u%")))
                          .one()) == 5000);
}

TEST_CASE("upsert: ON CONFLICT ON CONSTRAINT (PostgreSQL; SQLite refuses it by name)") {
    core2_db db;
    upsert::reset(db.conn);
    const auto stmt = retort::insert(KAccount{0, "ann@x", "Ann", 42})
                          .on_conflict_constraint<"k_accounts_email_key">()
                          .do_update(c<&KAccount::logins> = retort::excluded(c<&KAccount::logins>));
    if constexpr (on_sqlite) {
        CHECK_THROWS_WITH_AS(db.conn.execute(stmt), doctest::Contains("retort: SQLite has no ON CONFLICT ON CONSTRAINT"),
                             retort::programming_error);
        CHECK(upsert::accounts(db.conn) == upsert::account_rows{{"ann@x", "Ann", 1}});
    } else {
        CHECK(db.conn.execute(stmt).has_value());
        CHECK(upsert::accounts(db.conn) == upsert::account_rows{{"ann@x", "Ann", 42}});
        CHECK(!db.conn.execute(retort::insert(KAccount{0, "ann@x", "Ann", 7})
                                   .on_conflict_constraint<"k_accounts_email_key">()
                                   .do_nothing())
                   .has_value());
    }
}

// ---------------------------------------------------------------------------------------------
// Results: one_or_none(), scalar(), scalar_one(); a row's items by label.

namespace results {
inline constexpr auto names = retort::select(c<&KUser::name>).order_by(c<&KUser::id>);
inline auto name_of(int64_t id) { return retort::select(c<&KUser::name>).where(c<&KUser::id> == id); }
inline auto referrer_of(int64_t id) { return retort::select(c<&KUser::referred_by>).where(c<&KUser::id> == id); }
inline constexpr auto users = retort::select(retort::count()).from<KUser>();

inline constexpr auto per_user = retort::select(c<&KUser::name>, retort::count(c<&KPost::id>).as<"posts">(),
                                                retort::max(c<&KPost::score>).as<"best">())
                                     .from<KUser>()
                                     .left_join<KPost>(c<&KPost::user_id> == c<&KUser::id>)
                                     .group_by(c<&KUser::id>, c<&KUser::name>)
                                     .order_by(c<&KUser::id>);
using per_user_row = retort::row_of<decltype(per_user)>;
static_assert(std::is_same_v<per_user_row, retort::labeled_row<tuple<string, int64_t, optional<double>>, "", "posts", "best">>);
static_assert(std::is_same_v<decltype(per_user)::row_type, tuple<string, int64_t, optional<double>>>);
// without labels, rows stay plain tuples
static_assert(std::is_same_v<retort::row_of<decltype(names)>, tuple<string>>);
static_assert(sql_of<decltype(per_user), retort::sqlite> ==
              R"(SELECT "k_users"."name", COUNT("k_posts"."id") AS "posts", MAX("k_posts"."score") AS "best" FROM "k_users" LEFT JOIN "k_posts" ON "k_posts"."user_id" = "k_users"."id" GROUP BY "k_users"."id", "k_users"."name" ORDER BY "k_users"."id" ASC)");

template <class E>
std::string message_of(auto&& run) {
    try {
        run();
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("another exception: ") + e.what();
    }
    return "no exception";
}
}  // namespace results

TEST_CASE("one_or_none(): the only row, nullopt for none, multiple_results_error for several") {
    core2_db db;
    CHECK(db.conn.execute(results::name_of(2)).one_or_none() == tuple<string>{"bob"});
    CHECK(!db.conn.execute(results::name_of(99)).one_or_none().has_value());
    const auto message = results::message_of<retort::multiple_results_error>(
        [&] { db.conn.execute(results::names).one_or_none(); });
    CHECK(message.starts_with("retort: one_or_none() expected at most one row, the query returned several"));
    // a multiple_results_error is a data_error; the connection stays usable
    CHECK_THROWS_AS(db.conn.execute(results::names).one(), retort::data_error);
    CHECK_THROWS_AS(db.conn.execute(results::names).one(), retort::multiple_results_error);
    CHECK_THROWS_AS(db.conn.execute(results::name_of(99)).one(), retort::no_result_error);
    CHECK(db.conn.execute(results::name_of(1)).one() == tuple<string>{"ann"});
}

TEST_CASE("scalar(): the first column of the first row or nullopt; scalar_one(): exactly one row") {
    core2_db db;
    const optional<int64_t> n = db.conn.execute(results::users).scalar();
    CHECK(n == 4);
    CHECK(db.conn.execute(results::users).scalar_one() == 4);
    CHECK(db.conn.execute(results::names).scalar() == optional<string>{"ann"});  // the rest is discarded
    CHECK(!db.conn.execute(results::name_of(99)).scalar().has_value());        // no row
    // a NULL-able column: scalar() flattens NULL and no row into nullopt; scalar_one() keeps the optional
    static_assert(std::is_same_v<decltype(db.conn.execute(results::referrer_of(1)).scalar()), optional<int64_t>>);
    CHECK(!db.conn.execute(results::referrer_of(1)).scalar().has_value());
    CHECK(db.conn.execute(results::referrer_of(2)).scalar() == 1);
    static_assert(std::is_same_v<decltype(db.conn.execute(results::referrer_of(1)).scalar_one()), optional<int64_t>>);
    CHECK(db.conn.execute(results::referrer_of(1)).scalar_one() == nullopt);
    // a model row: its first field
    CHECK(db.conn.execute(retort::select<KUser>().where(c<&KUser::id> == 3)).scalar_one() == 3);

    CHECK(results::message_of<retort::no_result_error>([&] { db.conn.execute(results::name_of(99)).scalar_one(); })
              .starts_with("retort: scalar_one() expected exactly one row, the query returned none; use scalar()"));
    CHECK(results::message_of<retort::multiple_results_error>([&] { db.conn.execute(results::names).scalar_one(); })
              .starts_with("retort: scalar_one() expected exactly one row, the query returned several"));
    CHECK(db.conn.execute(results::name_of(4)).scalar_one() == "dee");  // the connection is still usable
}

TEST_CASE("row.get<\"label\">(): a row's items by their select-list labels") {
    core2_db db;
    vector<string> seen;
    for (const auto& row : db.conn.execute(results::per_user))
        seen.push_back(std::get<0>(row) + ":" + std::to_string(row.get<"posts">()) + ":" +
                       std::to_string(row.get<"best">().value_or(-1.0)));
    CHECK(seen == vector<string>{"ann:2:4.500000", "bob:0:-1.000000", "cid:1:6.000000", "dee:0:-1.000000"});
    // the same row by position, through structured bindings, and as a plain tuple
    const auto all = db.conn.execute(results::per_user).all();
    const auto& [name, posts, best] = all.front();
    CHECK(name == "ann");
    CHECK(posts == 2);
    CHECK(best == 4.5);
    CHECK(all == vector<tuple<string, int64_t, optional<double>>>{
                     {"ann", 2, 4.5}, {"bob", 0, nullopt}, {"cid", 1, 6.0}, {"dee", 0, nullopt}});
    const tuple<string, int64_t, optional<double>> plain = all[2];
    CHECK(std::get<1>(plain) == 1);
    CHECK(db.conn.execute(results::per_user.limit(1)).one().get<"best">() == 4.5);
    CHECK(db.conn.execute(labels::one).one().get<"one">() == 1);
}

// ---------------------------------------------------------------------------------------------
// Row locks (PostgreSQL): FOR [NO KEY] UPDATE / FOR [KEY] SHARE, OF t, NOWAIT, SKIP LOCKED.
// SQLite has none: the same named veto as for_update().

namespace locks {
inline auto pending() {
    return retort::select(c<&KPost::id>).from<KPost>().join<KUser>(c<&KUser::id> == c<&KPost::user_id>).order_by(
        c<&KPost::id>);
}
using update_of_t = decltype(pending().for_update().of<KPost>().skip_locked());
static_assert(sql_of<update_of_t, retort::postgresql> ==
              R"(SELECT "k_posts"."id" FROM "k_posts" JOIN "k_users" ON "k_users"."id" = "k_posts"."user_id" ORDER BY "k_posts"."id" ASC FOR UPDATE OF "k_posts" SKIP LOCKED)");
using nowait_t = decltype(pending().limit(1).for_no_key_update().of<KPost, KUser>().nowait());
static_assert(sql_of<nowait_t, retort::postgresql> ==
              R"(SELECT "k_posts"."id" FROM "k_posts" JOIN "k_users" ON "k_users"."id" = "k_posts"."user_id" ORDER BY "k_posts"."id" ASC LIMIT $1 FOR NO KEY UPDATE OF "k_posts", "k_users" NOWAIT)");
using key_share_t = decltype(pending().for_key_share());
static_assert(sql_of<key_share_t, retort::postgresql> ==
              R"(SELECT "k_posts"."id" FROM "k_posts" JOIN "k_users" ON "k_users"."id" = "k_posts"."user_id" ORDER BY "k_posts"."id" ASC FOR KEY SHARE)");
using share_t = decltype(retort::select<KUser>().for_share().nowait());
static_assert(sql_of<share_t, retort::postgresql> ==
              R"(SELECT "k_users"."id", "k_users"."name", "k_users"."referred_by" FROM "k_users" FOR SHARE NOWAIT)");
// an alias is named by its alias
inline constexpr auto u = retort::alias<KUser, "u">;
using aliased_t = decltype(retort::select(u(c<&KUser::name>)).from(u).for_update().of(u));
static_assert(sql_of<aliased_t, retort::postgresql> == R"(SELECT "u"."name" FROM "k_users" AS "u" FOR UPDATE OF "u")");
static_assert(retort::detail::unsupported_reason<update_of_t, retort::sqlite>().starts_with(
    "retort: SQLite has no SELECT ... FOR UPDATE / FOR SHARE"));
static_assert(retort::detail::unsupported_reason<update_of_t, retort::postgresql>().empty());
}  // namespace locks

TEST_CASE("row locks: FOR UPDATE OF t SKIP LOCKED, NOWAIT, FOR NO KEY UPDATE, FOR KEY SHARE") {
    core2_db db;
    if constexpr (on_sqlite) {
        // the named veto, at run time on a SQLite connection
        CHECK_THROWS_WITH_AS(db.conn.execute(locks::pending().for_update().of<KPost>().skip_locked()).all(),
                             doctest::Contains("retort: SQLite has no SELECT ... FOR UPDATE / FOR SHARE"),
                             retort::programming_error);
    } else {
        // a second connection holds a lock on post 10 while the first one reads
        auto other = db.engine.connect();
        auto tx = other.begin();
        CHECK(other.execute(retort::select(c<&KPost::id>).where(c<&KPost::id> == 10).for_update()).all() ==
              vector<tuple<int64_t>>{{10}});
        {
            auto mine = db.conn.begin();
            // SKIP LOCKED leaves the locked row out
            CHECK(db.conn.execute(locks::pending().for_update().of<KPost>().skip_locked()).all() ==
                  vector<tuple<int64_t>>{{11}, {12}});
            // FOR UPDATE held elsewhere conflicts with every other row lock: NOWAIT fails at
            // once instead of waiting
            CHECK_THROWS_AS(db.conn.execute(locks::pending().limit(1).for_no_key_update().of<KPost, KUser>().nowait())
                                .all(),
                            retort::error);
            mine.rollback();
        }
        tx.rollback();
        {
            // FOR NO KEY UPDATE held elsewhere still lets FOR KEY SHARE through
            auto tx2 = other.begin();
            CHECK(other.execute(retort::select(c<&KPost::id>).where(c<&KPost::id> == 11).for_no_key_update()).all() ==
                  vector<tuple<int64_t>>{{11}});
            auto mine = db.conn.begin();
            CHECK(db.conn.execute(retort::select(c<&KPost::id>).where(c<&KPost::id> == 11).for_key_share().nowait())
                      .all() == vector<tuple<int64_t>>{{11}});
            CHECK(db.conn.execute(retort::select<KUser>().for_share().nowait()).all().size() == 4);
            mine.rollback();
            tx2.rollback();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// INTERSECT ALL / EXCEPT ALL (PostgreSQL), the simple CASE form, starts_with / ends_with /
// contains with LIKE ... ESCAPE.

namespace set_ops {
inline constexpr auto authors = retort::select(c<&KPost::user_id>);
inline constexpr auto ones = retort::select(c<&KUser::referred_by>).where(retort::is_not_null(c<&KUser::referred_by>));
using intersect_all_t = decltype(authors.intersect_all(ones).order_by(c<&KPost::user_id>));
static_assert(sql_of<intersect_all_t, retort::postgresql> ==
              R"(SELECT "k_posts"."user_id" FROM "k_posts" INTERSECT ALL SELECT "k_users"."referred_by" FROM "k_users" WHERE "k_users"."referred_by" IS NOT NULL ORDER BY "user_id" ASC)");
using except_all_t = decltype(authors.except_all(ones).order_by(c<&KPost::user_id>));
static_assert(sql_of<except_all_t, retort::postgresql> ==
              R"(SELECT "k_posts"."user_id" FROM "k_posts" EXCEPT ALL SELECT "k_users"."referred_by" FROM "k_users" WHERE "k_users"."referred_by" IS NOT NULL ORDER BY "user_id" ASC)");
static_assert(retort::detail::unsupported_reason<intersect_all_t, retort::sqlite>().starts_with(
    "retort: SQLite has no INTERSECT ALL / EXCEPT ALL"));
}  // namespace set_ops

TEST_CASE("INTERSECT ALL / EXCEPT ALL keep duplicates (PostgreSQL; SQLite refuses them by name)") {
    core2_db db;
    // posts' user_id: 1 1 3; referred_by (not NULL): 1 1
    if constexpr (on_sqlite) {
        CHECK_THROWS_WITH_AS(db.conn.execute(set_ops::authors.intersect_all(set_ops::ones)).all(),
                             doctest::Contains("retort: SQLite has no INTERSECT ALL / EXCEPT ALL"),
                             retort::programming_error);
    } else {
        CHECK(rows(db.conn, set_ops::authors.intersect_all(set_ops::ones).order_by(c<&KPost::user_id>)) ==
              vector<tuple<optional<int64_t>>>{{1}, {1}});
        CHECK(rows(db.conn, set_ops::authors.except_all(set_ops::ones).order_by(c<&KPost::user_id>)) ==
              vector<tuple<optional<int64_t>>>{{3}});
    }
    // INTERSECT / EXCEPT remove duplicates on both
    CHECK(rows(db.conn, set_ops::authors.intersect(set_ops::ones)) == vector<tuple<optional<int64_t>>>{{1}});
}

namespace simple_case {
inline constexpr auto q = retort::select(c<&KUser::name>, retort::case_(c<&KUser::id>)
                                                              .when(1, "first")
                                                              .when(2, "second")
                                                              .else_("later")
                                                              .as<"rank">())
                              .order_by(c<&KUser::id>);
static_assert(sql_of<decltype(q), retort::sqlite> ==
              R"(SELECT "k_users"."name", CASE "k_users"."id" WHEN ? THEN ? WHEN ? THEN ? ELSE ? END AS "rank" FROM "k_users" ORDER BY "k_users"."id" ASC)");
static_assert(sql_of<decltype(q), retort::postgresql> ==
              R"(SELECT "k_users"."name", CASE "k_users"."id" WHEN $1 THEN CAST($2 AS TEXT) WHEN $3 THEN CAST($4 AS TEXT) ELSE CAST($5 AS TEXT) END AS "rank" FROM "k_users" ORDER BY "k_users"."id" ASC)");
static_assert(std::is_same_v<decltype(q)::row_type, tuple<string, string>>);
// without ELSE, or on a NULL-able subject: NULL-able
inline constexpr auto open = retort::select(retort::case_(c<&KUser::referred_by>).when(1, c<&KUser::name>));
static_assert(std::is_same_v<decltype(open)::row_type, tuple<optional<string>>>);
}  // namespace simple_case

TEST_CASE("the simple CASE form: CASE x WHEN v THEN r ... ELSE e END") {
    core2_db db;
    CHECK(rows(db.conn, simple_case::q) ==
          vector<tuple<string, string>>{{"ann", "first"}, {"bob", "second"}, {"cid", "later"}, {"dee", "later"}});
    CHECK(rows(db.conn, simple_case::q.limit(2)).front().get<"rank">() == "first");
    // a NULL subject matches no WHEN
    CHECK(rows(db.conn, retort::select(retort::case_(c<&KUser::referred_by>).when(1, c<&KUser::name>).else_("-"))
                            .order_by(c<&KUser::id>)) == vector<tuple<string>>{{"-"}, {"bob"}, {"cid"}, {"-"}});
}

// like_pattern builds a std::string: checked at run time (clang 19 with libstdc++ 12 cannot
// evaluate std::string in a constant expression).
TEST_CASE("like_pattern escapes %, _ and the escape character itself") {
    CHECK(retort::detail::like_pattern("50%_off\\", retort::detail::text_match::infix) == "%50\\%\\_off\\\\%");
}

TEST_CASE("starts_with / ends_with / contains: % and _ in the argument match only themselves") {
    core2_db db;
    retort::drop_all<KPost>(db.conn);
    retort::create_all<KPost>(db.conn);
    for (auto [id, title] : vector<tuple<int64_t, string>>{
             {1, "50% off"}, {2, "500 off"}, {3, "a_b"}, {4, "axb"}, {5, "back\\slash"}, {6, "plain"}})
        db.conn.execute(retort::insert(KPost{id, 1, title, 0.0}));
    auto ids = [&](auto cond) {
        vector<int64_t> out;
        for (auto [id] : db.conn.execute(retort::select(c<&KPost::id>).where(cond).order_by(c<&KPost::id>)))
            out.push_back(id);
        return out;
    };
    const auto q = retort::select(c<&KPost::id>).where(retort::starts_with(c<&KPost::title>, "50%"));
    CHECK(retort::to_sql<retort::sqlite>(q) ==
          R"(SELECT "k_posts"."id" FROM "k_posts" WHERE "k_posts"."title" LIKE ? ESCAPE '\')");
    CHECK(retort::to_sql<retort::postgresql>(q) ==
          R"(SELECT "k_posts"."id" FROM "k_posts" WHERE "k_posts"."title" LIKE $1 ESCAPE '\')");
    CHECK(ids(retort::starts_with(c<&KPost::title>, "50%")) == vector<int64_t>{1});
    CHECK(ids(retort::like(c<&KPost::title>, "50%")) == vector<int64_t>{1, 2});  // the pattern form, for contrast
    CHECK(ids(retort::contains(c<&KPost::title>, "_")) == vector<int64_t>{3});
    CHECK(ids(retort::ends_with(c<&KPost::title>, "off")) == vector<int64_t>{1, 2});
    CHECK(ids(retort::contains(c<&KPost::title>, "k\\s")) == vector<int64_t>{5});
    CHECK(ids(!retort::contains(c<&KPost::title>, "a")) == vector<int64_t>{1, 2});
}

// ---------------------------------------------------------------------------------------------
// SELECT DISTINCT ON (PostgreSQL): the best post per user.

namespace distinct_on {
inline constexpr auto best = retort::select(c<&KPost::user_id>, c<&KPost::title>)
                                 .distinct_on(c<&KPost::user_id>)
                                 .order_by(c<&KPost::user_id>, retort::desc(c<&KPost::score>));
static_assert(sql_of<decltype(best), retort::postgresql> ==
              R"(SELECT DISTINCT ON ("k_posts"."user_id") "k_posts"."user_id", "k_posts"."title" FROM "k_posts" ORDER BY "k_posts"."user_id" ASC, "k_posts"."score" DESC)");
static_assert(retort::detail::unsupported_reason<decltype(best), retort::sqlite>().starts_with(
    "retort: SQLite has no SELECT DISTINCT ON"));
}  // namespace distinct_on

TEST_CASE("distinct_on(cols): the first row of each group in ORDER BY order (PostgreSQL)") {
    core2_db db;
    if constexpr (on_sqlite) {
        CHECK_THROWS_WITH_AS(db.conn.execute(distinct_on::best).all(),
                             doctest::Contains("retort: SQLite has no SELECT DISTINCT ON"), retort::programming_error);
    } else {
        CHECK(rows(db.conn, distinct_on::best) == vector<tuple<int64_t, string>>{{1, "hello"}, {3, "cid's"}});
    }
}

// ---------------------------------------------------------------------------------------------
// Row values: tuple comparison and tuple IN.

namespace row_values {
inline constexpr auto key = retort::tuple_(c<&KPost::user_id>, c<&KPost::id>);
inline auto after(int64_t user, int64_t id) {
    return retort::select(c<&KPost::id>).where(key > retort::tuple_(user, id)).order_by(c<&KPost::user_id>, c<&KPost::id>);
}
static_assert(sql_of<decltype(after(1, 10)), retort::sqlite> ==
              R"(SELECT "k_posts"."id" FROM "k_posts" WHERE ("k_posts"."user_id", "k_posts"."id") > (?, ?) ORDER BY "k_posts"."user_id" ASC, "k_posts"."id" ASC)");
inline auto pairs() {
    return retort::select(c<&KPost::id>)
        .where(retort::in(retort::tuple_(c<&KPost::user_id>, c<&KPost::title>), retort::tuple_(1, "again"),
                          retort::tuple_(3, "cid's"), retort::tuple_(3, "hello")))
        .order_by(c<&KPost::id>);
}
static_assert(sql_of<decltype(pairs()), retort::sqlite> ==
              R"(SELECT "k_posts"."id" FROM "k_posts" WHERE ("k_posts"."user_id", "k_posts"."title") IN (VALUES (?, ?), (?, ?), (?, ?)) ORDER BY "k_posts"."id" ASC)");
static_assert(sql_of<decltype(pairs()), retort::postgresql> ==
              R"(SELECT "k_posts"."id" FROM "k_posts" WHERE ("k_posts"."user_id", "k_posts"."title") IN (($1, $2), ($3, $4), ($5, $6)) ORDER BY "k_posts"."id" ASC)");
}  // namespace row_values

TEST_CASE("row values: (a, b) > (x, y) is lexicographic; (a, b) IN ((x, y), ...)") {
    core2_db db;
    // posts (user_id, id): (1, 10) (1, 11) (3, 12)
    CHECK(rows(db.conn, row_values::after(1, 10)) == vector<tuple<int64_t>>{{11}, {12}});
    CHECK(rows(db.conn, row_values::after(1, 11)) == vector<tuple<int64_t>>{{12}});
    CHECK(rows(db.conn, retort::select(c<&KPost::id>).where(row_values::key == retort::tuple_(3, 12))) ==
          vector<tuple<int64_t>>{{12}});
    CHECK(rows(db.conn, row_values::pairs()) == vector<tuple<int64_t>>{{11}, {12}});
    CHECK(rows(db.conn, retort::select(c<&KPost::id>)
                            .where(retort::not_in(row_values::key, retort::tuple_(1, 10), retort::tuple_(3, 12)))) ==
          vector<tuple<int64_t>>{{11}});
}
