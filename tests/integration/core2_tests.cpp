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

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
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

#if defined(RETORT_TEST_SQLITE)

std::string test_url() {
    static const std::string url = [] {
        const std::filesystem::path file = RETORT_TEST_SQLITE_FILE;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            std::filesystem::remove(file.string() + suffix);
        return "sqlite:///" + file.string();
    }();
    return url;
}
constexpr bool on_sqlite = true;

#elif defined(RETORT_TEST_POSTGRESQL)

std::string test_url() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_URL is not set: the PostgreSQL core tests need a server. Run them as "
            "`source scripts/pg; pg_start; meson test -C build --suite postgresql; pg_stop`");
    return url;
}
constexpr bool on_sqlite = false;

#else
#error "build the core tests with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif

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

// Row structs of derived tables (never created).
struct KUid {
    int64_t uid;
};
template <>
inline constexpr auto retort::table_of<KUid> = retort::table<KUid>("d1");

namespace {

template <class S, class D>
constexpr std::string_view sql_of = retort::sql<S, D>;

struct database {
    retort::engine engine = retort::create_engine(test_url());
    retort::connection conn = engine.connect();
    database() {
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
    database db;
    CHECK(rows(db.conn, labelled_derived::q) == vector<tuple<int64_t>>{{1}, {1}, {3}});
    CHECK(rows(db.conn, labelled_derived::renamed.order_by(c<&KUid::uid>)) == vector<tuple<int64_t>>{{1}, {1}, {3}});
    CHECK(rows(db.conn, labelled_derived::u) == vector<tuple<int64_t>>{{1}, {2}, {3}, {4}});
}
