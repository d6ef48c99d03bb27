// tests/integration/ops_tests.cpp — operators and functions: regular expressions
// (PostgreSQL), JSON values by path, extract(part, x), CURRENT_TIMESTAMP / _DATE / _TIME,
// aggregate FILTER (WHERE ...), ORDER BY inside an aggregate (PostgreSQL), ORDER BY a
// select-list label. Each construct's exact SQL in both dialects is a static_assert here;
// the rows come from the real database (integration_support.hpp); a construct one
// database lacks is refused there by name, at run time, with the compile-time sentence.
#include "integration_support.hpp"

#include <cmath>

using std::int64_t;
using std::nullopt;
using std::optional;
using std::string;
using std::tuple;
using std::vector;

namespace {

struct OpDoc {
    int64_t id;
    string name;
    retort::json body;
    micros_time at;
    std::chrono::year_month_day day;
};
struct OpPost {
    int64_t id;
    int64_t user_id;
    string title;
    double score;
};

}  // namespace

template <>
inline constexpr auto retort::table_of<OpDoc> = retort::table<OpDoc>("op_docs", retort::primary_key<&OpDoc::id>);
template <>
inline constexpr auto retort::table_of<OpPost> = retort::table<OpPost>("op_posts", retort::primary_key<&OpPost::id>);

namespace {

template <class S, class D>
constexpr std::string_view sql_of = retort::sql<S, D>;

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

struct op_database : database {
    op_database() {
        retort::drop_all<OpDoc, OpPost>(conn);
        retort::create_all<OpDoc, OpPost>(conn);
        conn.execute(retort::insert(OpDoc{1, "Alice", {R"({"city": "Oslo", "age": 31, "score": 2.5, "vip": true, "tags": [{"id": 7}, {"id": 8}]})"},
                                          at(year{2024} / 2 / 29, 13h + 45min + 30s + 250ms), year{2024} / 2 / 29}));
        conn.execute(retort::insert(OpDoc{2, "bob", {R"({"city": "Rome", "age": 40, "tags": []})"},
                                          at(year{1999} / 12 / 31, 23h + 59min + 59s), year{1999} / 12 / 31}));
        conn.execute(retort::insert(OpDoc{3, "Ann-Marie 2", {R"({"a.b": "dotted", "age": null})"},
                                          at(year{1970} / 1 / 1, 0s), year{1970} / 1 / 1}));
        conn.execute(retort::insert(OpPost{1, 1, "hello", 4.5}));
        conn.execute(retort::insert(OpPost{2, 1, "again", 3.0}));
        conn.execute(retort::insert(OpPost{3, 3, "cid's", 6.0}));
        conn.execute(retort::insert(OpPost{4, 3, "zed", 1.0}));
    }
};

template <class Q>
auto rows(retort::connection& conn, const Q& q) {
    return conn.execute(q).all();
}

/// The ids a condition on op_docs selects, in order.
template <class Cond>
vector<int64_t> doc_ids(retort::connection& conn, const Cond& cond) {
    vector<int64_t> out;
    for (auto [id] : conn.execute(retort::select(c<&OpDoc::id>).where(cond).order_by(c<&OpDoc::id>)))
        out.push_back(id);
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Regular expressions (PostgreSQL): ~, ~*, !~, !~*, the pattern bound.

namespace regex {
using match_t = decltype(retort::select(c<&OpDoc::id>).where(retort::regex_match(c<&OpDoc::name>, "^A")));
static_assert(sql_of<match_t, retort::postgresql> ==
              R"(SELECT "op_docs"."id" FROM "op_docs" WHERE "op_docs"."name" ~ $1)");
using all_t = decltype(retort::select(retort::regex_match_icase(c<&OpDoc::name>, "x").as<"i">(),
                                      retort::regex_not_match(c<&OpDoc::name>, "x"),
                                      retort::regex_not_match_icase(c<&OpDoc::name>, "x"))
                           .from<OpDoc>());
static_assert(sql_of<all_t, retort::postgresql> ==
              R"(SELECT "op_docs"."name" ~* $1 AS "i", "op_docs"."name" !~ $2, "op_docs"."name" !~* $3 FROM "op_docs")");
static_assert(std::is_same_v<all_t::row_type, tuple<bool, bool, bool>>);
// an operand of another operator is parenthesised
using and_t = decltype(retort::select(c<&OpDoc::id>).where(retort::regex_match(c<&OpDoc::name>, "a") == false));
static_assert(sql_of<and_t, retort::postgresql> ==
              R"(SELECT "op_docs"."id" FROM "op_docs" WHERE ("op_docs"."name" ~ $1) = $2)");
// SQLite: a named veto, also from inside a subquery
static_assert(retort::detail::dialect_reason<match_t, retort::sqlite>().starts_with(
    "retort: regular expressions need PostgreSQL; SQLite has no built-in REGEXP"));
using nested_t = decltype(retort::select(c<&OpPost::id>).where(retort::exists(
    retort::select(c<&OpDoc::id>).where(retort::regex_match(c<&OpDoc::name>, "^A") && c<&OpDoc::id> == c<&OpPost::user_id>))));
static_assert(retort::detail::dialect_reason<nested_t, retort::sqlite>().starts_with("retort: regular expressions"));
static_assert(retort::detail::dialect_reason<nested_t, retort::postgresql>().empty());
}  // namespace regex

TEST_CASE("regex_match / _icase / regex_not_match / _icase: POSIX patterns on PostgreSQL, refused on SQLite") {
    op_database db;
    if constexpr (on_sqlite) {
        CHECK_THROWS_WITH_AS(doc_ids(db.conn, retort::regex_match(c<&OpDoc::name>, "^A")),
                             doctest::Contains("retort: regular expressions need PostgreSQL"), retort::programming_error);
    } else {
        CHECK(doc_ids(db.conn, retort::regex_match(c<&OpDoc::name>, "^A")) == vector<int64_t>{1, 3});
        CHECK(doc_ids(db.conn, retort::regex_match(c<&OpDoc::name>, "^a")) == vector<int64_t>{});
        CHECK(doc_ids(db.conn, retort::regex_match_icase(c<&OpDoc::name>, "^a")) == vector<int64_t>{1, 3});
        CHECK(doc_ids(db.conn, retort::regex_not_match(c<&OpDoc::name>, "[0-9]$")) == vector<int64_t>{1, 2});
        CHECK(doc_ids(db.conn, retort::regex_not_match_icase(c<&OpDoc::name>, "^B")) == vector<int64_t>{1, 3});
        CHECK(doc_ids(db.conn, !retort::regex_match(c<&OpDoc::name>, "^A")) == vector<int64_t>{2});
        // the pattern is a value: quotes and backslashes in it are not SQL
        CHECK(doc_ids(db.conn, retort::regex_match(c<&OpDoc::name>, R"(^Ann-Marie \d$)")) == vector<int64_t>{3});
        CHECK(doc_ids(db.conn, retort::regex_match(c<&OpDoc::name>, "'; DROP TABLE op_docs; --")).empty());
    }
}

// ---------------------------------------------------------------------------------------------
// JSON values by path, read as the declared type.

namespace json_path {
inline const auto city = retort::json_get<string>(c<&OpDoc::body>, "city");
using city_t = decltype(retort::select(retort::json_get<string>(c<&OpDoc::body>, "city")).from<OpDoc>());
static_assert(sql_of<city_t, retort::postgresql> ==
              R"(SELECT "op_docs"."body" ->> CAST($1 AS TEXT) FROM "op_docs")");
static_assert(sql_of<city_t, retort::sqlite> ==
              R"(SELECT CAST(json_extract("op_docs"."body", '$."' || ? || '"') AS TEXT) FROM "op_docs")");
static_assert(std::is_same_v<city_t::row_type, tuple<string>>);
using nested_t = decltype(retort::select(retort::json_get<optional<int64_t>>(c<&OpDoc::body>, "tags", 1, "id")).from<OpDoc>());
static_assert(sql_of<nested_t, retort::postgresql> ==
              R"(SELECT CAST("op_docs"."body" -> CAST($1 AS TEXT) -> CAST($2 AS INTEGER) ->> CAST($3 AS TEXT) AS BIGINT) FROM "op_docs")");
static_assert(sql_of<nested_t, retort::sqlite> ==
              R"(SELECT CAST(json_extract("op_docs"."body", '$."' || ? || '"[' || ? || ']."' || ? || '"') AS INTEGER) FROM "op_docs")");
static_assert(std::is_same_v<nested_t::row_type, tuple<optional<int64_t>>>);
using where_t = decltype(retort::select(c<&OpDoc::id>).where(retort::json_get<double>(c<&OpDoc::body>, "score") > 2.0));
static_assert(sql_of<where_t, retort::postgresql> ==
              R"(SELECT "op_docs"."id" FROM "op_docs" WHERE (CAST("op_docs"."body" ->> CAST($1 AS TEXT) AS DOUBLE PRECISION)) > $2)");
static_assert(sql_of<where_t, retort::sqlite> ==
              R"(SELECT "op_docs"."id" FROM "op_docs" WHERE (CAST(json_extract("op_docs"."body", '$."' || ? || '"') AS REAL)) > ?)");
}  // namespace json_path

TEST_CASE("json_get<T>(x, keys...): members and array elements, keys bound, typed results") {
    op_database db;
    auto q = retort::select(c<&OpDoc::id>, retort::json_get<string>(c<&OpDoc::body>, "city").as<"city">(),
                            retort::json_get<optional<int64_t>>(c<&OpDoc::body>, "age"),
                            retort::json_get<optional<double>>(c<&OpDoc::body>, "score"),
                            retort::json_get<optional<int64_t>>(c<&OpDoc::body>, "tags", 1, "id"))
                 .where(c<&OpDoc::id> < 3)
                 .order_by(c<&OpDoc::id>);
    auto got = rows(db.conn, q);
    REQUIRE(got.size() == 2);
    CHECK(got[0].get<"city">() == "Oslo");
    CHECK(std::get<2>(got[0]) == 31);
    CHECK(std::get<3>(got[0]) == 2.5);
    CHECK(std::get<4>(got[0]) == 8);
    CHECK(std::get<1>(got[1]) == "Rome");
    CHECK(std::get<3>(got[1]) == nullopt);  // no such member: NULL
    CHECK(std::get<4>(got[1]) == nullopt);  // no such element
    // JSON null, a key with a dot in it (one member, not a path), a number read as text
    CHECK(rows(db.conn, retort::select(retort::json_get<optional<int64_t>>(c<&OpDoc::body>, "age"),
                                       retort::json_get<optional<string>>(c<&OpDoc::body>, "a.b"))
                            .from<OpDoc>()
                            .where(c<&OpDoc::id> == 3)) == vector<tuple<optional<int64_t>, optional<string>>>{{nullopt, "dotted"}});
    CHECK(rows(db.conn, retort::select(retort::json_get<string>(c<&OpDoc::body>, "age")).from<OpDoc>().where(
                            c<&OpDoc::id> == 1)) == vector<tuple<string>>{{"31"}});
    // a JSON boolean as bool
    CHECK(rows(db.conn, retort::select(retort::json_get<optional<bool>>(c<&OpDoc::body>, "vip")).from<OpDoc>().order_by(
                            c<&OpDoc::id>)) == vector<tuple<optional<bool>>>{{true}, {nullopt}, {nullopt}});
    // in WHERE, compared with a bound value; keys from run-time strings
    const string key = "city";
    CHECK(doc_ids(db.conn, retort::json_get<string>(c<&OpDoc::body>, key) == "Rome") == vector<int64_t>{2});
    CHECK(doc_ids(db.conn, retort::json_get<optional<double>>(c<&OpDoc::body>, "score") > 2.0) == vector<int64_t>{1});
    // a key is a value, not SQL text
    CHECK(doc_ids(db.conn, retort::is_not_null(retort::json_get<optional<string>>(c<&OpDoc::body>, "x') OR 1=1 --"))).empty());
}

// ---------------------------------------------------------------------------------------------
// extract(part, x) and the current time.

namespace extract {
using year_t = decltype(retort::select(retort::extract(retort::date_part::year, c<&OpDoc::at>)).from<OpDoc>());
static_assert(sql_of<year_t, retort::postgresql> ==
              R"(SELECT CAST(EXTRACT(YEAR FROM "op_docs"."at") AS BIGINT) FROM "op_docs")");
static_assert(sql_of<year_t, retort::sqlite> ==
              R"(SELECT CAST(strftime('%Y', "op_docs"."at") AS INTEGER) FROM "op_docs")");
static_assert(std::is_same_v<year_t::row_type, tuple<int64_t>>);
using second_t = decltype(retort::select(retort::extract(retort::date_part::second, c<&OpDoc::at>),
                                         retort::extract(retort::date_part::epoch, c<&OpDoc::at>))
                              .from<OpDoc>());
static_assert(sql_of<second_t, retort::postgresql> ==
              R"(SELECT CAST(EXTRACT(SECOND FROM "op_docs"."at") AS DOUBLE PRECISION), CAST(EXTRACT(EPOCH FROM "op_docs"."at") AS DOUBLE PRECISION) FROM "op_docs")");
static_assert(sql_of<second_t, retort::sqlite> ==
              R"(SELECT CAST(strftime('%f', "op_docs"."at") AS REAL), ((julianday("op_docs"."at") - 2440587.5) * 86400.0) FROM "op_docs")");
static_assert(std::is_same_v<second_t::row_type, tuple<double, double>>);

using now_t = decltype(retort::select(retort::current_timestamp(), retort::current_date(), retort::current_time()));
static_assert(sql_of<now_t, retort::sqlite> == R"(SELECT CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME)");
static_assert(sql_of<now_t, retort::postgresql> ==
              R"(SELECT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC'), CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS DATE), CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIME))");
static_assert(std::is_same_v<now_t::row_type, tuple<micros_time, std::chrono::year_month_day, retort::time_of_day>>);
using recent_t = decltype(retort::select(c<&OpDoc::id>).where(c<&OpDoc::at> < retort::current_timestamp()));
static_assert(sql_of<recent_t, retort::sqlite> ==
              R"(SELECT "op_docs"."id" FROM "op_docs" WHERE "op_docs"."at" < CURRENT_TIMESTAMP)");
}  // namespace extract

TEST_CASE("extract(part, x): year, month, day, hour, minute, second, dow, epoch of timestamps and dates") {
    op_database db;
    namespace dp = retort::date_part;
    const auto at = c<&OpDoc::at>;
    auto q = retort::select(retort::extract(dp::year, at), retort::extract(dp::month, at), retort::extract(dp::day, at),
                            retort::extract(dp::hour, at), retort::extract(dp::minute, at), retort::extract(dp::dow, at),
                            retort::extract(dp::second, at), retort::extract(dp::epoch, at))
                 .from<OpDoc>()
                 .order_by(c<&OpDoc::id>);
    auto got = rows(db.conn, q);
    REQUIRE(got.size() == 3);
    // 2024-02-29 13:45:30.250 was a Thursday; 1999-12-31 23:59:59 a Friday; 1970-01-01 a Thursday
    CHECK(std::get<0>(got[0]) == 2024);
    CHECK(std::get<1>(got[0]) == 2);
    CHECK(std::get<2>(got[0]) == 29);
    CHECK(std::get<3>(got[0]) == 13);
    CHECK(std::get<4>(got[0]) == 45);
    CHECK(std::get<5>(got[0]) == 4);
    CHECK(std::get<6>(got[0]) == doctest::Approx(30.25));
    CHECK(std::get<7>(got[0]) == doctest::Approx(1709214330.25).epsilon(1e-12));
    CHECK(std::get<5>(got[1]) == 5);
    CHECK(std::get<6>(got[1]) == doctest::Approx(59.0));
    CHECK(std::get<7>(got[1]) == doctest::Approx(946684799.0).epsilon(1e-12));
    CHECK(std::get<7>(got[2]) == doctest::Approx(0.0));
    // of a date; in WHERE and GROUP BY
    CHECK(rows(db.conn, retort::select(retort::extract(dp::year, c<&OpDoc::day>), retort::extract(dp::dow, c<&OpDoc::day>))
                            .from<OpDoc>()
                            .where(c<&OpDoc::id> == 2)) == vector<tuple<int64_t, int64_t>>{{1999, 5}});
    CHECK(doc_ids(db.conn, retort::extract(dp::month, at) == 12) == vector<int64_t>{2});
}

TEST_CASE("current_timestamp() / current_date() / current_time(): the current time in UTC, typed") {
    op_database db;
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto [ts, d, t] = *db.conn.execute(retort::select(retort::current_timestamp(), retort::current_date(),
                                                      retort::current_time()))
                           .first();
    const auto after = std::chrono::system_clock::now() + 1s;
    CHECK(ts >= before);
    CHECK(ts <= after);
    const auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(ts)};
    CHECK(d == today);  // the same statement: the same instant
    CHECK(t.since_midnight / 1s == (ts - std::chrono::floor<std::chrono::days>(ts)) / 1s);
    // compared with a stored timestamp (UTC on both sides): every row is in the past
    CHECK(doc_ids(db.conn, c<&OpDoc::at> < retort::current_timestamp()) == vector<int64_t>{1, 2, 3});
    CHECK(doc_ids(db.conn, c<&OpDoc::day> > retort::current_date()).empty());
}

// ---------------------------------------------------------------------------------------------
// Aggregates: FILTER (WHERE ...), string_agg, ORDER BY inside (PostgreSQL), array_agg.

namespace aggregates {
using filter_t = decltype(retort::select(c<&OpPost::user_id>, retort::count().filter(c<&OpPost::score> > 2.0).as<"good">(),
                                         retort::sum(c<&OpPost::score>).filter(c<&OpPost::title> != "zed"))
                              .from<OpPost>()
                              .group_by(c<&OpPost::user_id>));
static_assert(sql_of<filter_t, retort::sqlite> ==
              R"(SELECT "op_posts"."user_id", COUNT(*) FILTER (WHERE "op_posts"."score" > ?) AS "good", SUM("op_posts"."score") FILTER (WHERE "op_posts"."title" <> ?) FROM "op_posts" GROUP BY "op_posts"."user_id")");
static_assert(sql_of<filter_t, retort::postgresql> ==
              R"(SELECT "op_posts"."user_id", COUNT(*) FILTER (WHERE "op_posts"."score" > $1) AS "good", SUM("op_posts"."score") FILTER (WHERE "op_posts"."title" <> $2) FROM "op_posts" GROUP BY "op_posts"."user_id")");
static_assert(std::is_same_v<filter_t::row_type, tuple<int64_t, int64_t, optional<double>>>);

using agg_t = decltype(retort::select(retort::string_agg(c<&OpPost::title>, ",")).from<OpPost>());
static_assert(sql_of<agg_t, retort::sqlite> == R"(SELECT GROUP_CONCAT("op_posts"."title", ?) FROM "op_posts")");
static_assert(sql_of<agg_t, retort::postgresql> == R"(SELECT STRING_AGG("op_posts"."title", $1) FROM "op_posts")");
static_assert(std::is_same_v<agg_t::row_type, tuple<optional<string>>>);

using ordered_t = decltype(retort::select(c<&OpPost::user_id>,
                                          retort::string_agg(c<&OpPost::title>, ",")
                                              .order_by(retort::desc(c<&OpPost::score>))
                                              .filter(c<&OpPost::score> > 1.0),
                                          retort::array_agg(c<&OpPost::id>).order_by(c<&OpPost::id>))
                               .from<OpPost>()
                               .group_by(c<&OpPost::user_id>));
static_assert(sql_of<ordered_t, retort::postgresql> ==
              R"(SELECT "op_posts"."user_id", STRING_AGG("op_posts"."title", $1 ORDER BY "op_posts"."score" DESC) FILTER (WHERE "op_posts"."score" > $2), ARRAY_AGG("op_posts"."id" ORDER BY "op_posts"."id" ASC) FROM "op_posts" GROUP BY "op_posts"."user_id")");
static_assert(std::is_same_v<ordered_t::row_type, tuple<int64_t, optional<string>, optional<vector<int64_t>>>>);
static_assert(retort::detail::dialect_reason<ordered_t, retort::sqlite>().starts_with(
    "retort: SQLite 3.40 has no ORDER BY inside an aggregate"));
using array_t = decltype(retort::select(retort::array_agg(c<&OpPost::id>)).from<OpPost>());
static_assert(retort::detail::dialect_reason<array_t, retort::sqlite>().starts_with("retort: array_agg() needs PostgreSQL"));
}  // namespace aggregates

TEST_CASE("aggregate FILTER (WHERE ...): count() and sum(x) over the rows where the condition holds") {
    op_database db;
    auto q = retort::select(c<&OpPost::user_id>, retort::count().filter(c<&OpPost::score> > 2.0).as<"good">(),
                            retort::sum(c<&OpPost::score>).filter(c<&OpPost::title> != "zed"),
                            retort::count(c<&OpPost::id>).filter(c<&OpPost::score> > 100.0))
                 .from<OpPost>()
                 .group_by(c<&OpPost::user_id>)
                 .order_by(c<&OpPost::user_id>);
    CHECK(rows(db.conn, q) ==
          vector<tuple<int64_t, int64_t, optional<double>, int64_t>>{{1, 2, 7.5, 0}, {3, 1, 6.0, 0}});
    // no row passes: SUM is NULL
    CHECK(rows(db.conn, retort::select(retort::sum(c<&OpPost::score>).filter(c<&OpPost::id> > 99)).from<OpPost>()) ==
          vector<tuple<optional<double>>>{{nullopt}});
}

TEST_CASE("string_agg(x, sep): GROUP_CONCAT / STRING_AGG; .order_by(y) inside it on PostgreSQL, refused on SQLite") {
    op_database db;
    // one row per group: order-independent checks
    auto one = rows(db.conn, retort::select(retort::string_agg(c<&OpPost::title>, "|"))
                                  .from<OpPost>()
                                  .where(c<&OpPost::user_id> == 3 && c<&OpPost::id> == 3));
    CHECK(one == vector<tuple<optional<string>>>{{"cid's"}});
    CHECK(rows(db.conn, retort::select(retort::string_agg(c<&OpPost::title>, "|")).from<OpPost>().where(c<&OpPost::id> > 99)) ==
          vector<tuple<optional<string>>>{{nullopt}});
    auto ordered = retort::select(c<&OpPost::user_id>,
                                  retort::string_agg(c<&OpPost::title>, ", ").order_by(retort::desc(c<&OpPost::score>)),
                                  retort::string_agg(c<&OpPost::title>, "+").order_by(c<&OpPost::title>).filter(
                                      c<&OpPost::score> > 2.0))
                       .from<OpPost>()
                       .group_by(c<&OpPost::user_id>)
                       .order_by(c<&OpPost::user_id>);
    if constexpr (on_sqlite) {
        CHECK_THROWS_WITH_AS(rows(db.conn, ordered), doctest::Contains("retort: SQLite 3.40 has no ORDER BY inside an aggregate"),
                             retort::programming_error);
        CHECK_THROWS_WITH_AS(rows(db.conn, retort::select(retort::array_agg(c<&OpPost::id>)).from<OpPost>()),
                             doctest::Contains("retort: array_agg() needs PostgreSQL"), retort::programming_error);
    } else {
        CHECK(rows(db.conn, ordered) == vector<tuple<int64_t, optional<string>, optional<string>>>{
                                            {1, "hello, again", "again+hello"}, {3, "cid's, zed", "cid's"}});
        CHECK(rows(db.conn, retort::select(c<&OpPost::user_id>, retort::array_agg(c<&OpPost::id>).order_by(
                                                                    retort::desc(c<&OpPost::id>)))
                                .from<OpPost>()
                                .group_by(c<&OpPost::user_id>)
                                .order_by(c<&OpPost::user_id>)) ==
              vector<tuple<int64_t, optional<vector<int64_t>>>>{{1, vector<int64_t>{2, 1}}, {3, vector<int64_t>{4, 3}}});
    }
}

// ---------------------------------------------------------------------------------------------
// ORDER BY a select-list label.

namespace by_label {
inline constexpr auto q = retort::select(c<&OpPost::user_id>, retort::count().as<"posts">(),
                                         retort::sum(c<&OpPost::score>).as<"total">())
                              .from<OpPost>()
                              .group_by(c<&OpPost::user_id>)
                              .order_by(retort::label<"total">.desc(), retort::label<"posts">, c<&OpPost::user_id>);
static_assert(sql_of<decltype(q), retort::sqlite> ==
              R"(SELECT "op_posts"."user_id", COUNT(*) AS "posts", SUM("op_posts"."score") AS "total" FROM "op_posts" GROUP BY "op_posts"."user_id" ORDER BY "total" DESC, "posts" ASC, "op_posts"."user_id" ASC)");
static_assert(sql_of<decltype(q), retort::postgresql> ==
              R"(SELECT "op_posts"."user_id", COUNT(*) AS "posts", SUM("op_posts"."score") AS "total" FROM "op_posts" GROUP BY "op_posts"."user_id" ORDER BY "total" DESC, "posts" ASC, "op_posts"."user_id" ASC)");
// a label that is not there cannot be written: see tests/compile_fail/order_by_unknown_label.cpp
static_assert(!retort::detail::order_by_label<retort::detail::label_name<"totl">,
                                              retort::detail::select_labels<"posts", "total">>::found);
}  // namespace by_label

TEST_CASE("order_by(label<\"name\">.desc()): a select-list item by its label") {
    op_database db;
    auto got = rows(db.conn, by_label::q);
    REQUIRE(got.size() == 2);
    CHECK(got[0].get<"total">() == 7.5);  // user 1: 4.5 + 3.0
    CHECK(got[0].get<"posts">() == 2);
    CHECK(got[1].get<"total">() == 7.0);  // user 3: 6.0 + 1.0
    auto asc = rows(db.conn, retort::select(c<&OpPost::id>.as<"post">(), c<&OpPost::score>.as<"s">())
                                 .from<OpPost>()
                                 .order_by(retort::label<"s">.asc()));
    REQUIRE(asc.size() == 4);
    CHECK(asc[0].get<"post">() == 4);
    CHECK(asc[3].get<"post">() == 3);
}
