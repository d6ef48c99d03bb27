// tests/integration/expression_tests.cpp — the expression language on a real database:
// the rows every construct returns, with seeded data.
//
// One source, built twice like integration_tests.cpp:
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
// The exact SQL of the same constructs is in tests/core/expression_render_tests.cpp.
// Every test case re-creates and re-seeds the ex_* tables, so the cases run in any order.
#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

using retort::c;
using std::int64_t;
using std::nullopt;
using std::optional;
using std::string;
using std::tuple;
using std::vector;

// ---- which database ----------------------------------------------------------------

#if defined(RETORT_TEST_SQLITE)

constexpr bool on_sqlite = true;

std::string test_url() {
    static const std::string url = [] {
        const std::filesystem::path file = RETORT_TEST_SQLITE_FILE;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            std::filesystem::remove(file.string() + suffix);
        return "sqlite:///" + file.string();
    }();
    return url;
}

#elif defined(RETORT_TEST_POSTGRESQL)

constexpr bool on_sqlite = false;

std::string test_url() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_URL is not set: the PostgreSQL expression tests need a server. Run them as "
            "`source scripts/pg; pg_start; meson test -C build --suite postgresql; pg_stop`");
    return url;
}

#else
#error "build the expression tests with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif

// ---- models and seed data ------------------------------------------------------------

struct ExUser {
    int64_t id;
    string name;
    optional<int> age;
    optional<string> nick;
};
// No foreign key on user_id: post 15 belongs to a user that does not exist (for RIGHT / FULL joins).
struct ExPost {
    int64_t id;
    int64_t user_id;
    string title;
    double score;
    int votes;
};
struct ExStaff {
    int64_t id;
    string name;
    optional<int64_t> manager_id;
};
template <>
inline constexpr auto retort::table_of<ExUser> =
    retort::table<ExUser>("ex_users", retort::primary_key<&ExUser::id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<ExPost> =
    retort::table<ExPost>("ex_posts", retort::primary_key<&ExPost::id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<ExStaff> =
    retort::table<ExStaff>("ex_staff", retort::primary_key<&ExStaff::id>, retort::assigned_key);

// Row structs of CTEs and derived tables (never created).
struct ExSeries {
    int64_t n;
};
struct ExChain {
    int64_t id;
    string name;
    int64_t depth;
};
struct ExTotals {
    int64_t user_id;
    double total;
};
struct ExRanked {
    string title;
    int64_t pos;
};
template <>
inline constexpr auto retort::table_of<ExSeries> = retort::table<ExSeries>("ex_series");
template <>
inline constexpr auto retort::table_of<ExChain> = retort::table<ExChain>("ex_chain");
template <>
inline constexpr auto retort::table_of<ExTotals> = retort::table<ExTotals>("ex_totals");
template <>
inline constexpr auto retort::table_of<ExRanked> = retort::table<ExRanked>("ex_ranked");

constexpr auto boss = retort::alias<ExStaff, "boss">;

struct database {
    retort::engine engine = retort::create_engine(test_url());
    retort::connection conn = engine.connect();
    database() {
        retort::drop_all<ExUser, ExPost, ExStaff>(conn);
        retort::create_all<ExUser, ExPost, ExStaff>(conn);
        //          id  name   age           nick
        for (ExUser u : {ExUser{1, "Ann", 34, "annie"}, ExUser{2, "Bob", nullopt, nullopt}, ExUser{3, "Cid", 25, "c"},
                         ExUser{4, "Dee", 41, nullopt}})
            conn.execute(retort::insert(u));
        //          id  user  title        score votes        (Dee has no posts; post 15's user does not exist)
        for (ExPost p : {ExPost{10, 1, "Hello", 4.5, 10}, ExPost{11, 1, "World", 3.0, 5}, ExPost{12, 2, "Intro", 2.0, 7},
                         ExPost{13, 3, "Deep dive", 5.0, 20}, ExPost{14, 3, "Short", 1.0, 1},
                         ExPost{15, 9, "Orphan", 3.5, 3}})
            conn.execute(retort::insert(p));
        // Ada -> {Ben -> Dot -> Eve, Cy}
        for (ExStaff s : {ExStaff{1, "Ada", nullopt}, ExStaff{2, "Ben", 1}, ExStaff{3, "Cy", 1}, ExStaff{4, "Dot", 2},
                          ExStaff{5, "Eve", 4}})
            conn.execute(retort::insert(s));
    }
};

template <class Q>
auto rows(retort::connection& conn, const Q& q) {
    return conn.execute(q).all();
}

template <class V>
vector<V> sorted(vector<V> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// =======================================================================================
// Joins
// =======================================================================================

TEST_CASE("inner join: users with their posts") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExUser::name>, c<&ExPost::title>)
                                     .join<ExPost>(c<&ExPost::user_id> == c<&ExUser::id>)
                                     .order_by(c<&ExPost::id>));
    CHECK(r == vector<tuple<string, string>>{
                   {"Ann", "Hello"}, {"Ann", "World"}, {"Bob", "Intro"}, {"Cid", "Deep dive"}, {"Cid", "Short"}});
}

TEST_CASE("left join: a user without posts comes back with NULL post columns") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExUser::name>, c<&ExPost::title>, c<&ExPost::score>)
                                     .from<ExUser>()
                                     .left_join<ExPost>(c<&ExPost::user_id> == c<&ExUser::id>)
                                     .order_by(c<&ExUser::id>, c<&ExPost::id>));
    using row = tuple<string, optional<string>, optional<double>>;
    CHECK(r == vector<row>{{"Ann", "Hello", 4.5},
                           {"Ann", "World", 3.0},
                           {"Bob", "Intro", 2.0},
                           {"Cid", "Deep dive", 5.0},
                           {"Cid", "Short", 1.0},
                           {"Dee", nullopt, nullopt}});
}

TEST_CASE("right join: a post without a user comes back with a NULL user name") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExUser::name>, c<&ExPost::title>)
                                     .from<ExUser>()
                                     .right_join<ExPost>(c<&ExPost::user_id> == c<&ExUser::id>)
                                     .order_by(c<&ExPost::id>));
    CHECK(r == vector<tuple<optional<string>, string>>{{"Ann", "Hello"},
                                                       {"Ann", "World"},
                                                       {"Bob", "Intro"},
                                                       {"Cid", "Deep dive"},
                                                       {"Cid", "Short"},
                                                       {nullopt, "Orphan"}});
}

TEST_CASE("full join: NULLs on both sides") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExUser::name>, c<&ExPost::title>)
                                     .from<ExUser>()
                                     .full_join<ExPost>(c<&ExPost::user_id> == c<&ExUser::id>));
    using row = tuple<optional<string>, optional<string>>;
    CHECK(sorted(r) == sorted(vector<row>{{"Ann", "Hello"},
                                          {"Ann", "World"},
                                          {"Bob", "Intro"},
                                          {"Cid", "Deep dive"},
                                          {"Cid", "Short"},
                                          {"Dee", nullopt},
                                          {nullopt, "Orphan"}}));
}

TEST_CASE("cross join: every pair") {
    database db;
    const auto r = rows(db.conn, retort::select(retort::count()).from<ExUser>().cross_join<ExStaff>());
    CHECK(r == vector<tuple<int64_t>>{{20}});
}

TEST_CASE("self-join through an alias: employee -> manager") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExStaff::name>, boss(c<&ExStaff::name>))
                                     .from<ExStaff>()
                                     .left_join(boss, boss(c<&ExStaff::id>) == c<&ExStaff::manager_id>)
                                     .order_by(c<&ExStaff::id>));
    CHECK(r == vector<tuple<string, optional<string>>>{
                   {"Ada", nullopt}, {"Ben", "Ada"}, {"Cy", "Ada"}, {"Dot", "Ben"}, {"Eve", "Dot"}});

    // inner: only employees with a manager, filtered on the manager's name
    const auto ada = rows(db.conn, retort::select(c<&ExStaff::name>)
                                       .from<ExStaff>()
                                       .join(boss, boss(c<&ExStaff::id>) == c<&ExStaff::manager_id>)
                                       .where(boss(c<&ExStaff::name>) == "Ada")
                                       .order_by(c<&ExStaff::name>));
    CHECK(ada == vector<tuple<string>>{{"Ben"}, {"Cy"}});
}

// =======================================================================================
// Aggregates, GROUP BY, HAVING, DISTINCT
// =======================================================================================

TEST_CASE("count, count(x), count(DISTINCT x), sum, avg, min, max") {
    database db;
    const auto [n, n_age, users, votes, score, mean, first_title, best] =
        db.conn
            .execute(retort::select(retort::count(), retort::count(c<&ExPost::title>),
                                    retort::count_distinct(c<&ExPost::user_id>), retort::sum(c<&ExPost::votes>),
                                    retort::sum(c<&ExPost::score>), retort::avg(c<&ExPost::votes>),
                                    retort::min(c<&ExPost::title>), retort::max(c<&ExPost::score>)))
            .one();
    CHECK(n == 6);
    CHECK(n_age == 6);
    CHECK(users == 4);
    CHECK(votes == optional<int64_t>{46});
    CHECK(score == optional<double>{19.0});
    REQUIRE(mean.has_value());
    CHECK(*mean == doctest::Approx(46.0 / 6.0));
    CHECK(first_title == optional<string>{"Deep dive"});
    CHECK(best == optional<double>{5.0});

    // count of a NULL-able column skips NULLs
    CHECK(rows(db.conn, retort::select(retort::count(c<&ExUser::age>), retort::count(c<&ExUser::nick>))) ==
          vector<tuple<int64_t, int64_t>>{{3, 2}});
}

TEST_CASE("aggregates over no rows: count is 0, sum / avg / min / max are NULL") {
    database db;
    const auto r = rows(db.conn, retort::select(retort::count(), retort::sum(c<&ExPost::votes>),
                                                retort::avg(c<&ExPost::score>), retort::max(c<&ExPost::title>))
                                     .where(c<&ExPost::votes> > 1000));
    CHECK(r == vector<tuple<int64_t, optional<int64_t>, optional<double>, optional<string>>>{
                   {0, nullopt, nullopt, nullopt}});
}

TEST_CASE("group_by over a left join: count is 0 for a user without posts, sum is NULL") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExUser::name>, retort::count(c<&ExPost::id>),
                                                retort::sum(c<&ExPost::score>))
                                     .from<ExUser>()
                                     .left_join<ExPost>(c<&ExPost::user_id> == c<&ExUser::id>)
                                     .group_by(c<&ExUser::id>, c<&ExUser::name>)
                                     .order_by(c<&ExUser::id>));
    CHECK(r == vector<tuple<string, int64_t, optional<double>>>{
                   {"Ann", 2, 7.5}, {"Bob", 1, 2.0}, {"Cid", 2, 6.0}, {"Dee", 0, nullopt}});
}

TEST_CASE("having filters groups; ORDER BY an aggregate") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExPost::user_id>, retort::count().as<"n">())
                                     .group_by(c<&ExPost::user_id>)
                                     .having(retort::count() >= 2 && retort::max(c<&ExPost::score>) >= 4.5)
                                     .order_by(retort::desc(retort::sum(c<&ExPost::votes>))));
    CHECK(r == vector<tuple<int64_t, int64_t>>{{3, 2}, {1, 2}});
}

TEST_CASE("group_by / order_by an expression with a bound value that the select list repeats") {
    // Written as GROUP BY 1 / ORDER BY 1 (the select-list position): PostgreSQL would not
    // take "votes" / $2 for the select list's "votes" / $1.
    database db;
    const auto bucket = c<&ExPost::votes> / 10;  // votes 10 5 7 20 1 3 -> 1 0 0 2 0 0
    CHECK(rows(db.conn, retort::select(bucket, retort::count(), retort::sum(c<&ExPost::score>))
                            .group_by(bucket)
                            .order_by(retort::desc(bucket))) ==
          vector<tuple<int64_t, int64_t, optional<double>>>{{2, 1, 5.0}, {1, 1, 4.5}, {0, 4, 9.5}});

    // a labelled text item at position 2, with values before (WHERE) and after (HAVING, LIMIT)
    const auto shout = c<&ExUser::name> + "!";
    CHECK(rows(db.conn, retort::select(retort::count(), shout.as<"shout">())
                            .from<ExPost>()
                            .join<ExUser>(c<&ExUser::id> == c<&ExPost::user_id>)
                            .where(c<&ExPost::votes> > 2)
                            .group_by(shout)
                            .having(retort::count() >= 1)
                            .order_by(shout)
                            .limit(2)) == vector<tuple<int64_t, string>>{{2, "Ann!"}, {1, "Bob!"}});

    // ORDER BY alone (no grouping), then by a plain column: votes % 4 -> 2 1 3 0 1 3
    CHECK(rows(db.conn, retort::select(c<&ExPost::title>, c<&ExPost::votes> % 4)
                            .order_by(c<&ExPost::votes> % 4, c<&ExPost::id>)) ==
          vector<tuple<string, int64_t>>{
              {"Deep dive", 0}, {"World", 1}, {"Short", 1}, {"Hello", 2}, {"Intro", 3}, {"Orphan", 3}});

    // inside a CTE, read by the outer query
    const auto per_parity = retort::cte<ExTotals>(
        retort::select(c<&ExPost::user_id> % 2, retort::sum(c<&ExPost::score>) * 1.0).group_by(c<&ExPost::user_id> % 2));
    CHECK(rows(db.conn, retort::select(c<&ExTotals::user_id>, c<&ExTotals::total>)
                            .from<ExTotals>()
                            .with(per_parity)
                            .where(c<&ExTotals::total> > 1.0)
                            .order_by(c<&ExTotals::user_id>)) ==
          vector<tuple<int64_t, double>>{{0, 2.0}, {1, 17.0}});
}

TEST_CASE("a repeated GROUP BY / ORDER BY term with other bound values than the select list's is a programming_error") {
    database db;
    // the same C++ type, so GROUP BY 1 would silently group by votes / 20
    CHECK_THROWS_WITH_AS(rows(db.conn, retort::select(c<&ExPost::votes> / 20, retort::count()).group_by(c<&ExPost::votes> / 10)),
                         "retort: GROUP BY term 1 repeats select-list column 1 with different bound values (it is "
                         "written as GROUP BY 1, the column's position); group by the same values, or compute the "
                         "expression in a CTE",
                         retort::programming_error);
    const auto q = retort::select(c<&ExPost::id>, c<&ExPost::votes> % 4).order_by(retort::desc(c<&ExPost::votes> % 3));
    CHECK_THROWS_AS(rows(db.conn, q), retort::programming_error);
    // the connection and the prepared statement are still usable
    CHECK(rows(db.conn, retort::select(c<&ExPost::votes> / 20, retort::count())
                            .group_by(c<&ExPost::votes> / 20)
                            .order_by(c<&ExPost::votes> / 20)) == vector<tuple<int64_t, int64_t>>{{0, 5}, {1, 1}});
}

TEST_CASE("distinct()") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExPost::user_id>).distinct().order_by(c<&ExPost::user_id>));
    CHECK(r == vector<tuple<int64_t>>{{1}, {2}, {3}, {9}});
}

// =======================================================================================
// Functions, arithmetic, CASE
// =======================================================================================

TEST_CASE("lower, upper, trim, length, substr") {
    database db;
    const auto r = rows(db.conn, retort::select(retort::lower(c<&ExUser::name>), retort::upper(c<&ExUser::nick>),
                                                retort::trim(" " + c<&ExUser::name> + " "),
                                                retort::length(c<&ExUser::name>), retort::substr(c<&ExUser::name>, 2),
                                                retort::substr(c<&ExUser::name>, 1, 2))
                                     .where(c<&ExUser::id> <= 2)
                                     .order_by(c<&ExUser::id>));
    using row = tuple<string, optional<string>, string, int64_t, string, string>;
    CHECK(r == vector<row>{{"ann", "ANNIE", "Ann", 3, "nn", "An"}, {"bob", nullopt, "Bob", 3, "ob", "Bo"}});
}

TEST_CASE("coalesce, nullif, cast, func") {
    database db;
    const auto r = rows(db.conn, retort::select(retort::coalesce(c<&ExUser::nick>, c<&ExUser::name>),
                                                retort::coalesce(c<&ExUser::age>, 0),
                                                retort::nullif(c<&ExUser::name>, "Bob"),
                                                retort::cast<string>(c<&ExUser::id>), retort::cast<double>(c<&ExUser::id>),
                                                retort::func<"abs", int64_t>(c<&ExUser::id> - 3))
                                     .order_by(c<&ExUser::id>));
    using row = tuple<string, int, optional<string>, string, double, int64_t>;
    CHECK(r == vector<row>{{"annie", 34, "Ann", "1", 1.0, 2},
                           {"Bob", 0, nullopt, "2", 2.0, 1},
                           {"c", 25, "Cid", "3", 3.0, 0},
                           {"Dee", 41, "Dee", "4", 4.0, 1}});
}

TEST_CASE("arithmetic: + - * / % and unary minus; text + is concatenation") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExPost::votes> + 1, c<&ExPost::votes> - c<&ExPost::user_id>,
                                                c<&ExPost::score> * 2, c<&ExPost::votes> / 3, c<&ExPost::votes> % 3,
                                                -c<&ExPost::score>, c<&ExPost::title> + "!",
                                                retort::concat(c<&ExPost::title>, "?"))
                                     .where(c<&ExPost::id> == 10));
    CHECK(r == vector<tuple<int64_t, int64_t, double, int64_t, int64_t, double, string, string>>{
                   {11, 9, 9.0, 3, 1, -4.5, "Hello!", "Hello?"}});
    // a NULL operand makes the result NULL
    const auto ages = rows(db.conn, retort::select(c<&ExUser::age> + 1).order_by(c<&ExUser::id>));
    CHECK(ages == vector<tuple<optional<int64_t>>>{{35}, {nullopt}, {26}, {42}});
    // arithmetic in WHERE and ORDER BY
    const auto titles = rows(db.conn, retort::select(c<&ExPost::title>)
                                          .where(c<&ExPost::score> * 2 > c<&ExPost::votes> + 0)
                                          .order_by(retort::desc(c<&ExPost::score> * c<&ExPost::votes>)));
    CHECK(titles == vector<tuple<string>>{{"World"}, {"Orphan"}, {"Short"}});
}

TEST_CASE("CASE with several branches and ELSE; without ELSE it is NULL") {
    database db;
    // string literals as THEN / ELSE values read back as std::string
    const auto r = rows(db.conn, retort::select(c<&ExPost::title>, retort::case_when(c<&ExPost::score> >= 4.5, "great")
                                                                       .when(c<&ExPost::score> >= 3.0, "ok")
                                                                       .else_("poor"),
                                                retort::case_when(c<&ExPost::votes> > 9, c<&ExPost::votes>))
                                     .where(c<&ExPost::user_id> == 1 || c<&ExPost::user_id> == 2)
                                     .order_by(c<&ExPost::id>));
    CHECK(r == vector<tuple<string, string, optional<int>>>{
                   {"Hello", "great", 10}, {"World", "ok", nullopt}, {"Intro", "poor", nullopt}});
}

TEST_CASE("CASE over columns inside an aggregate (conditional count)") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExPost::user_id>,
                                                retort::sum(retort::case_when(c<&ExPost::score> >= 3.0, c<&ExPost::votes>)
                                                                .else_(c<&ExPost::votes> - c<&ExPost::votes>)))
                                     .group_by(c<&ExPost::user_id>)
                                     .order_by(c<&ExPost::user_id>));
    CHECK(r == vector<tuple<int64_t, optional<int64_t>>>{{1, 15}, {2, 0}, {3, 20}, {9, 3}});
}

// =======================================================================================
// Predicates
// =======================================================================================

TEST_CASE("like, not_like, ilike (lowered on SQLite), not_ilike") {
    database db;
    auto names = [&](auto cond) {
        vector<string> out;
        for (const auto& [n] : rows(db.conn, retort::select(c<&ExPost::title>).where(cond).order_by(c<&ExPost::id>)))
            out.push_back(n);
        return out;
    };
    CHECK(names(retort::like(c<&ExPost::title>, "%l%")) == vector<string>{"Hello", "World"});
    CHECK(names(retort::not_like(c<&ExPost::title>, "%l%")) == vector<string>{"Intro", "Deep dive", "Short", "Orphan"});
    CHECK(names(retort::ilike(c<&ExPost::title>, "%DEEP%")) == vector<string>{"Deep dive"});
    CHECK(names(retort::ilike(c<&ExPost::title>, "o%")) == vector<string>{"Orphan"});
    CHECK(names(retort::not_ilike(c<&ExPost::title>, "%O%")) == vector<string>{"Deep dive"});
}

TEST_CASE("between, not_between") {
    database db;
    CHECK(rows(db.conn, retort::select(c<&ExPost::id>)
                            .where(retort::between(c<&ExPost::score>, 2, 4.5))
                            .order_by(c<&ExPost::id>)) == vector<tuple<int64_t>>{{10}, {11}, {12}, {15}});
    CHECK(rows(db.conn, retort::select(c<&ExPost::id>)
                            .where(retort::not_between(c<&ExPost::votes>, 3, 10))
                            .order_by(c<&ExPost::id>)) == vector<tuple<int64_t>>{{13}, {14}});
}

TEST_CASE("in / not_in with a list; in / not_in with a subquery") {
    database db;
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .where(retort::in(c<&ExUser::id>, 1, 3, 7))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Ann"}, {"Cid"}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .where(retort::not_in(c<&ExUser::name>, "Ann", "Bob"))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Cid"}, {"Dee"}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .where(retort::in(c<&ExUser::id>,
                                              retort::select(c<&ExPost::user_id>).where(c<&ExPost::score> >= 4.5)))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Ann"}, {"Cid"}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .where(retort::not_in(c<&ExUser::id>, retort::select(c<&ExPost::user_id>)))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Dee"}});
}

TEST_CASE("exists / not_exists, correlated with the outer row") {
    database db;
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .where(retort::exists(retort::select(c<&ExPost::id>).from<ExPost>().where(
                                c<&ExPost::user_id> == c<&ExUser::id> && c<&ExPost::votes> >= 10)))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Ann"}, {"Cid"}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .where(retort::not_exists(
                                retort::select(c<&ExPost::id>).from<ExPost>().where(c<&ExPost::user_id> == c<&ExUser::id>)))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Dee"}});
}

TEST_CASE("is_distinct_from / is_not_distinct_from treat NULL as a value") {
    database db;
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .where(retort::is_distinct_from(c<&ExUser::age>, 34))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Bob"}, {"Cid"}, {"Dee"}});
    // plain <> drops the NULL row
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>).where(c<&ExUser::age> != 34).order_by(c<&ExUser::id>)) ==
          vector<tuple<string>>{{"Cid"}, {"Dee"}});
    // NULL IS NOT DISTINCT FROM NULL: Bob's and Dee's nicks are both NULL
    constexpr auto other = retort::alias<ExUser, "other">;
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>, other(c<&ExUser::name>))
                            .from<ExUser>()
                            .join(other, retort::is_not_distinct_from(c<&ExUser::nick>, other(c<&ExUser::nick>)) &&
                                             other(c<&ExUser::id>) != c<&ExUser::id>)
                            .order_by(c<&ExUser::id>)) == vector<tuple<string, string>>{{"Bob", "Dee"}, {"Dee", "Bob"}});
}

// =======================================================================================
// ORDER BY, LIMIT, locking
// =======================================================================================

TEST_CASE("nulls_first / nulls_last; limit / offset") {
    database db;
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>).order_by(retort::asc(c<&ExUser::age>).nulls_first())) ==
          vector<tuple<string>>{{"Bob"}, {"Cid"}, {"Ann"}, {"Dee"}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>).order_by(retort::desc(c<&ExUser::age>).nulls_last())) ==
          vector<tuple<string>>{{"Dee"}, {"Ann"}, {"Cid"}, {"Bob"}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>).order_by(c<&ExUser::id>).limit(2).offset(1)) ==
          vector<tuple<string>>{{"Bob"}, {"Cid"}});
}

TEST_CASE("for_update / for_share: rows on PostgreSQL; SQLite refuses at run time with programming_error") {
    database db;
    auto q = retort::select<ExUser>().where(c<&ExUser::id> == 1).for_update();
    auto s = retort::select(c<&ExUser::name>).where(c<&ExUser::id> == 2).for_share();
    if constexpr (on_sqlite) {
        CHECK_THROWS_AS(db.conn.execute(q), retort::programming_error);
        CHECK_THROWS_AS(db.conn.execute(s), retort::programming_error);
    } else {
        auto tx = db.conn.begin();
        CHECK(db.conn.execute(q).one().name == "Ann");
        CHECK(std::get<0>(db.conn.execute(s).one()) == "Bob");
        tx.commit();
    }
}

// =======================================================================================
// Subqueries, derived tables, CTEs
// =======================================================================================

TEST_CASE("scalar(q): a correlated subquery per row, NULL when it finds nothing") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExUser::name>,
                                                retort::scalar(retort::select(retort::max(c<&ExPost::score>))
                                                                   .from<ExPost>()
                                                                   .where(c<&ExPost::user_id> == c<&ExUser::id>)),
                                                retort::scalar(retort::select(retort::count())
                                                                   .from<ExPost>()
                                                                   .where(c<&ExPost::user_id> == c<&ExUser::id>)))
                                     .from<ExUser>()
                                     .order_by(c<&ExUser::id>));
    CHECK(r == vector<tuple<string, optional<double>, optional<int64_t>>>{
                   {"Ann", 4.5, 2}, {"Bob", 2.0, 1}, {"Cid", 5.0, 2}, {"Dee", nullopt, 0}});
}

TEST_CASE("scalar(q) in WHERE: posts above the average score") {
    database db;
    CHECK(rows(db.conn, retort::select(c<&ExPost::title>)
                            .where(c<&ExPost::score> > retort::scalar(retort::select(retort::avg(c<&ExPost::score>))))
                            .order_by(c<&ExPost::id>)) == vector<tuple<string>>{{"Hello"}, {"Deep dive"}, {"Orphan"}});
}

TEST_CASE("derived<T>(q) in FROM and in JOIN") {
    database db;
    const auto totals = retort::derived<ExTotals>(
        retort::select(c<&ExPost::user_id>, retort::coalesce(retort::sum(c<&ExPost::score>), 0.0))
            .group_by(c<&ExPost::user_id>));
    CHECK(rows(db.conn, retort::select(c<&ExTotals::user_id>, c<&ExTotals::total>)
                            .from(totals)
                            .where(c<&ExTotals::total> > 3.0)
                            .order_by(c<&ExTotals::user_id>)) ==
          vector<tuple<int64_t, double>>{{1, 7.5}, {3, 6.0}, {9, 3.5}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>, c<&ExTotals::total>)
                            .from<ExUser>()
                            .left_join(totals, c<&ExTotals::user_id> == c<&ExUser::id>)
                            .order_by(c<&ExUser::id>)) ==
          vector<tuple<string, optional<double>>>{{"Ann", 7.5}, {"Bob", 2.0}, {"Cid", 6.0}, {"Dee", nullopt}});
}

TEST_CASE("cte<T>(q): WITH, and filtering a window function's result through it") {
    database db;
    const auto totals = retort::cte<ExTotals>(
        retort::select(c<&ExPost::user_id>, retort::coalesce(retort::sum(c<&ExPost::score>), 0.0))
            .group_by(c<&ExPost::user_id>));
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>, c<&ExTotals::total>)
                            .from<ExUser>()
                            .join<ExTotals>(c<&ExTotals::user_id> == c<&ExUser::id>)
                            .order_by(retort::desc(c<&ExTotals::total>))
                            .with(totals)) ==
          vector<tuple<string, double>>{{"Ann", 7.5}, {"Cid", 6.0}, {"Bob", 2.0}});

    // the best post per user: row_number() in a CTE, filtered outside
    const auto ranked = retort::cte<ExRanked>(retort::select(
        c<&ExPost::title>, retort::row_number().over(retort::partition_by(c<&ExPost::user_id>),
                                                     retort::order_by(retort::desc(c<&ExPost::score>)))));
    CHECK(rows(db.conn, retort::select(c<&ExRanked::title>)
                            .from<ExRanked>()
                            .where(c<&ExRanked::pos> == 1)
                            .order_by(c<&ExRanked::title>)
                            .with(ranked)) ==
          vector<tuple<string>>{{"Deep dive"}, {"Hello"}, {"Intro"}, {"Orphan"}});
}

TEST_CASE("WITH RECURSIVE: a number series 1..10") {
    database db;
    const auto series = retort::recursive_cte<ExSeries>(retort::select(retort::value<int64_t>(1)).union_all(
        retort::select(c<&ExSeries::n> + 1).from<ExSeries>().where(c<&ExSeries::n> < 10)));
    const auto r = rows(db.conn, retort::select(c<&ExSeries::n>).from<ExSeries>().with(series));
    REQUIRE(r.size() == 10);
    CHECK(std::get<0>(r.front()) == 1);
    CHECK(std::get<0>(r.back()) == 10);
    CHECK(rows(db.conn, retort::select(retort::sum(c<&ExSeries::n>)).from<ExSeries>().with(series)) ==
          vector<tuple<optional<int64_t>>>{{55}});
}

TEST_CASE("WITH RECURSIVE: a tree walk from the root with depths") {
    database db;
    const auto chain = retort::recursive_cte<ExChain>(
        retort::select(c<&ExStaff::id>, c<&ExStaff::name>, retort::value<int64_t>(0))
            .where(retort::is_null(c<&ExStaff::manager_id>))
            .union_all(retort::select(c<&ExStaff::id>, c<&ExStaff::name>, c<&ExChain::depth> + 1)
                           .from<ExStaff>()
                           .join<ExChain>(c<&ExStaff::manager_id> == c<&ExChain::id>)));
    CHECK(rows(db.conn, retort::select(c<&ExChain::name>, c<&ExChain::depth>)
                            .from<ExChain>()
                            .order_by(c<&ExChain::depth>, c<&ExChain::name>)
                            .with(chain)) ==
          vector<tuple<string, int64_t>>{{"Ada", 0}, {"Ben", 1}, {"Cy", 1}, {"Dot", 2}, {"Eve", 3}});
}

// =======================================================================================
// Set operations
// =======================================================================================

TEST_CASE("union_ (deduplicates), union_all (keeps), intersect, except_; ORDER BY / LIMIT on the compound") {
    database db;
    const auto all_names = rows(db.conn, retort::select(c<&ExUser::name>)
                                             .union_(retort::select(c<&ExStaff::name>))
                                             .order_by(c<&ExUser::name>));
    CHECK(all_names == vector<tuple<string>>{{"Ada"}, {"Ann"}, {"Ben"}, {"Bob"}, {"Cid"}, {"Cy"}, {"Dee"}, {"Dot"}, {"Eve"}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::id>).union_(retort::select(c<&ExPost::user_id>))).size() == 5);
    CHECK(rows(db.conn, retort::select(c<&ExUser::id>).union_all(retort::select(c<&ExPost::user_id>))).size() == 10);
    CHECK(rows(db.conn, retort::select(c<&ExUser::id>)
                            .intersect(retort::select(c<&ExPost::user_id>))
                            .order_by(c<&ExUser::id>)) == vector<tuple<int64_t>>{{1}, {2}, {3}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::id>).except_(retort::select(c<&ExPost::user_id>))) ==
          vector<tuple<int64_t>>{{4}});
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .union_(retort::select(c<&ExStaff::name>))
                            .order_by(retort::desc(c<&ExUser::name>))
                            .limit(3)
                            .offset(1)) == vector<tuple<string>>{{"Dot"}, {"Dee"}, {"Cy"}});
}

// =======================================================================================
// Window functions
// =======================================================================================

TEST_CASE("row_number, rank, dense_rank over partitions and orders") {
    database db;
    const auto r = rows(db.conn,
                        retort::select(c<&ExPost::title>,
                                       retort::row_number().over(retort::partition_by(c<&ExPost::user_id>),
                                                                 retort::order_by(retort::desc(c<&ExPost::score>))),
                                       retort::rank().over(retort::order_by(c<&ExPost::user_id>)),
                                       retort::dense_rank().over(retort::order_by(c<&ExPost::user_id>)))
                            .order_by(c<&ExPost::id>));
    CHECK(r == vector<tuple<string, int64_t, int64_t, int64_t>>{{"Hello", 1, 1, 1},
                                                                {"World", 2, 1, 1},
                                                                {"Intro", 1, 3, 2},
                                                                {"Deep dive", 1, 4, 3},
                                                                {"Short", 2, 4, 3},
                                                                {"Orphan", 1, 6, 4}});
}

TEST_CASE("lag, lead (with offsets), first_value, last_value, ntile") {
    database db;
    const auto r = rows(db.conn, retort::select(c<&ExPost::id>, retort::lag(c<&ExPost::votes>).over(retort::order_by(c<&ExPost::id>)),
                                                retort::lead(c<&ExPost::votes>, 2).over(retort::order_by(c<&ExPost::id>)),
                                                retort::first_value(c<&ExPost::title>)
                                                    .over(retort::partition_by(c<&ExPost::user_id>),
                                                          retort::order_by(c<&ExPost::id>)),
                                                retort::last_value(c<&ExPost::title>)
                                                    .over(retort::order_by(c<&ExPost::id>),
                                                          retort::rows_between(retort::unbounded_preceding,
                                                                               retort::unbounded_following)),
                                                retort::ntile(2).over(retort::order_by(c<&ExPost::id>)))
                                     .order_by(c<&ExPost::id>));
    using row = tuple<int64_t, optional<int>, optional<int>, string, string, int64_t>;
    CHECK(r == vector<row>{{10, nullopt, 7, "Hello", "Orphan", 1},
                           {11, 10, 20, "Hello", "Orphan", 1},
                           {12, 5, 1, "Intro", "Orphan", 1},
                           {13, 7, 3, "Deep dive", "Orphan", 2},
                           {14, 20, nullopt, "Deep dive", "Orphan", 2},
                           {15, 1, nullopt, "Orphan", "Orphan", 2}});
    CHECK(rows(db.conn, retort::select(retort::lag(c<&ExPost::title>, 2).over(retort::order_by(c<&ExPost::id>)))
                            .order_by(c<&ExPost::id>)
                            .limit(3)) == vector<tuple<optional<string>>>{{nullopt}, {nullopt}, {"Hello"}});
}

TEST_CASE("aggregates over windows with frames: running sum, moving average, partition totals") {
    database db;
    const auto r = rows(db.conn,
                        retort::select(c<&ExPost::id>,
                                       retort::sum(c<&ExPost::votes>)
                                           .over(retort::order_by(c<&ExPost::id>),
                                                 retort::rows_between(retort::unbounded_preceding, retort::current_row)),
                                       retort::sum(c<&ExPost::votes>)
                                           .over(retort::order_by(c<&ExPost::id>),
                                                 retort::rows_between(retort::preceding<1>, retort::following<1>)),
                                       retort::count().over(retort::partition_by(c<&ExPost::user_id>)),
                                       retort::max(c<&ExPost::votes>)
                                           .over(retort::partition_by(c<&ExPost::user_id>), retort::order_by(c<&ExPost::id>),
                                                 retort::range_between(retort::unbounded_preceding,
                                                                       retort::unbounded_following)))
                            .order_by(c<&ExPost::id>));
    using row = tuple<int64_t, optional<int64_t>, optional<int64_t>, int64_t, optional<int>>;
    CHECK(r == vector<row>{{10, 10, 15, 2, 10},
                           {11, 15, 22, 2, 10},
                           {12, 22, 32, 1, 7},
                           {13, 42, 28, 2, 20},
                           {14, 43, 24, 2, 20},
                           {15, 46, 4, 1, 3}});
}

TEST_CASE("CASE with bound numbers inside an aggregate; a compound of an integer and a real column") {
    database db;
    // PostgreSQL: the bound THEN / ELSE values are CAST to BIGINT, so SUM has a numeric argument
    auto q = retort::select(retort::sum(retort::case_when(c<&ExPost::score> >= 3.0, 1).else_(0)));
    CHECK(rows(db.conn, q) == vector<tuple<optional<int64_t>>>{{4}});
    // a compound's column has SQL's common type: integer with real is real
    const auto mixed = rows(db.conn, retort::select(c<&ExPost::votes>)
                                         .where(c<&ExPost::id> == 13)
                                         .union_all(retort::select(c<&ExPost::score>).where(c<&ExPost::id> == 10)));
    CHECK(mixed == vector<tuple<double>>{{20.0}, {4.5}});
}

TEST_CASE("bound values keep their order through nested constructs (CTE, derived table, subqueries, windows)") {
    database db;
    // a scalar subquery with its own WHERE and LIMIT values, then the outer WHERE's value
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>,
                                       retort::scalar(retort::select(c<&ExPost::title>)
                                                          .from<ExPost>()
                                                          .where(c<&ExPost::user_id> == c<&ExUser::id> && c<&ExPost::votes> > 1)
                                                          .order_by(retort::desc(c<&ExPost::votes>))
                                                          .limit(1)))
                            .from<ExUser>()
                            .where(c<&ExUser::id> >= 2)
                            .order_by(c<&ExUser::id>)) ==
          vector<tuple<string, optional<string>>>{{"Bob", "Intro"}, {"Cid", "Deep dive"}, {"Dee", nullopt}});

    // WITH (a value) + a derived table (a value) + WHERE (a value) + LIMIT
    const auto totals = retort::cte<ExTotals>(retort::select(c<&ExPost::user_id>, retort::sum(c<&ExPost::score>) * 2.0)
                                                  .where(c<&ExPost::votes> >= 3)
                                                  .group_by(c<&ExPost::user_id>));
    const auto counts = retort::derived<ExSeries>(retort::select(retort::count()).from<ExStaff>().where(c<&ExStaff::id> > 2));
    CHECK(rows(db.conn, retort::select(c<&ExTotals::user_id>, c<&ExTotals::total>, c<&ExSeries::n>)
                            .from<ExTotals>()
                            .cross_join(counts)
                            .where(c<&ExTotals::total> > 5.0)
                            .order_by(c<&ExTotals::user_id>)
                            .limit(2)
                            .with(totals)) ==
          vector<tuple<int64_t, double, int64_t>>{{1, 15.0, 3}, {3, 10.0, 3}});

    // EXISTS over a compound with values on both sides; a window with a bound offset before WHERE's value
    CHECK(rows(db.conn, retort::select(c<&ExUser::name>)
                            .from<ExUser>()
                            .where(retort::exists(
                                       retort::select(c<&ExPost::id>)
                                           .from<ExPost>()
                                           .where(c<&ExPost::user_id> == c<&ExUser::id> && c<&ExPost::votes> > 15)
                                           .union_(retort::select(c<&ExStaff::id>)
                                                       .from<ExStaff>()
                                                       .where(c<&ExStaff::id> == c<&ExUser::id> && c<&ExStaff::name> == "Ben"))))
                            .order_by(c<&ExUser::id>)) == vector<tuple<string>>{{"Bob"}, {"Cid"}});
    CHECK(rows(db.conn, retort::select(c<&ExPost::id>, retort::lag(c<&ExPost::id>, 2).over(retort::order_by(c<&ExPost::id>)))
                            .where(c<&ExPost::votes> >= 5)
                            .order_by(c<&ExPost::id>)) ==
          vector<tuple<int64_t, optional<int64_t>>>{{10, nullopt}, {11, nullopt}, {12, 10}, {13, 11}});
}
