// tests/integration/typing_tests.cpp — what the typed API guarantees at run time, the same
// on both databases: a value written to or compared with a column fits the column's C++
// type (no row that every later read rejects); NULL-safe equality with a std::optional;
// the grouping rule's valid ORDER BY; table-less selects; retort::row_of.
//
// One source, built twice like integration_tests.cpp:
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
// The compile-time side of the same rules is in tests/compile_fail (compare_with_optional,
// set_real_into_integer, order_by_not_grouped, aggregate_without_table, row_of_no_rows).
#include <doctest/doctest.h>

#include <retort/retort.hpp>

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

#elif defined(RETORT_TEST_POSTGRESQL)

std::string test_url() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_URL is not set: the PostgreSQL typing tests need a server. Run them as "
            "`source scripts/pg; pg_start; meson test -C build --suite postgresql; pg_stop`");
    return url;
}

#else
#error "build the typing tests with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif

struct TySmall {
    std::int64_t id;
    std::int16_t v;
    std::optional<std::int8_t> o;
    std::uint8_t u;
};
template <>
inline constexpr auto retort::table_of<TySmall> = retort::table<TySmall>("ty_small", retort::primary_key<&TySmall::id>);

struct TyPerson {
    std::int64_t id;
    std::string name;
    std::optional<int> age;
};
template <>
inline constexpr auto retort::table_of<TyPerson> =
    retort::table<TyPerson>("ty_person", retort::primary_key<&TyPerson::id>);

namespace {

struct database {
    retort::engine engine = retort::create_engine(test_url());
    retort::connection conn = engine.connect();
};

std::string data_error_message(auto&& run) {
    try {
        run();
    } catch (const retort::data_error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not a data_error: ") + e.what();
    }
    return "no exception";
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

void reset_small(retort::connection& conn) {
    retort::drop_all<TySmall>(conn);
    retort::create_all<TySmall>(conn);
    conn.execute(retort::insert(TySmall{1, 5, std::nullopt, 1}));
}

TySmall small_row(retort::connection& conn) {
    return conn.execute(retort::select<TySmall>().where(c<&TySmall::id> == 1)).one();
}

void reset_people(retort::connection& conn) {
    retort::drop_all<TyPerson>(conn);
    retort::create_all<TyPerson>(conn);
    conn.execute(retort::insert(TyPerson{1, "ann", 31}));
    conn.execute(retort::insert(TyPerson{2, "bob", std::nullopt}));
    conn.execute(retort::insert(TyPerson{3, "ann", 40}));
    conn.execute(retort::insert(TyPerson{4, "cy", std::nullopt}));
}

}  // namespace

TEST_CASE("set(): a value that does not fit the field's C++ type is a data_error, and nothing is written") {
    database db;
    auto& conn = db.conn;
    reset_small(conn);
    const auto update = retort::update<TySmall>();

    const auto message = data_error_message(
        [&] { conn.execute(update.set(c<&TySmall::v> = 70000).where(c<&TySmall::id> == 1)); });
    CAPTURE(message);
    CHECK(contains(message, "70000"));
    CHECK(contains(message, "\"ty_small\".\"v\""));
    CHECK(contains(message, "std::int16_t"));
    CHECK(contains(message, "-32768 to 32767"));
    CHECK(small_row(conn).v == 5);  // not written; the row still reads

    CHECK(contains(data_error_message([&] {
                       conn.execute(update.set(c<&TySmall::v> = std::int64_t{-40000}).where(c<&TySmall::id> == 1));
                   }),
                   "-40000"));
    CHECK(contains(data_error_message([&] { conn.execute(update.set(c<&TySmall::v> = retort::value(32768))); }),
                   "32768"));
    CHECK(contains(data_error_message([&] { conn.execute(update.set(c<&TySmall::o> = std::optional<int>{300})); }),
                   "std::int8_t"));
    CHECK(contains(data_error_message([&] { conn.execute(update.set(c<&TySmall::u> = -1)); }), "std::uint8_t"));
    CHECK(contains(data_error_message([&] {
                       conn.execute(retort::insert(TySmall{1, 0, std::nullopt, 0})
                                        .on_conflict<&TySmall::id>()
                                        .do_update(c<&TySmall::v> = 99999));
                   }),
                   "99999"));

    // In range, at the edges, and NULL: written and read back.
    conn.execute(update.set(c<&TySmall::v> = 32767, c<&TySmall::o> = std::optional<int>{-128}, c<&TySmall::u> = 255)
                     .where(c<&TySmall::id> == 1));
    auto row = small_row(conn);
    CHECK(row.v == 32767);
    CHECK(row.o == std::optional<std::int8_t>(-128));
    CHECK(row.u == 255);
    conn.execute(update.set(c<&TySmall::v> = -32768, c<&TySmall::o> = std::optional<int>{}).where(c<&TySmall::id> == 1));
    row = small_row(conn);
    CHECK(row.v == -32768);
    CHECK_FALSE(row.o.has_value());
}

TEST_CASE("where(): a value compared with a narrower integer column must fit it, on both databases") {
    database db;
    auto& conn = db.conn;
    reset_small(conn);
    // PostgreSQL reads the parameter as the column's SMALLINT and refuses 70000; SQLite would
    // answer. retort refuses it on both, before sending.
    const auto message = data_error_message(
        [&] { (void)conn.execute(retort::select<TySmall>().where(c<&TySmall::v> == 70000)).all(); });
    CAPTURE(message);
    CHECK(contains(message, "70000"));
    CHECK(contains(message, "a comparison"));
    CHECK(contains(data_error_message([&] {
                       (void)conn.execute(retort::select<TySmall>().where(100000 > c<&TySmall::v>)).all();
                   }),
                   "100000"));
    CHECK(conn.execute(retort::select<TySmall>().where(c<&TySmall::v> < 32767)).all().size() == 1);
    CHECK(conn.execute(retort::select<TySmall>().where(c<&TySmall::v> == std::int64_t{5})).all().size() == 1);
}

TEST_CASE("is_not_distinct_from(x, opt): NULL-safe equality with a std::optional, the same on both databases") {
    database db;
    auto& conn = db.conn;
    reset_people(conn);
    const auto ids = [&](const std::optional<int>& wanted) {
        std::vector<std::int64_t> out;
        for (const auto& [id] : conn.execute(retort::select(c<&TyPerson::id>)
                                                 .where(retort::is_not_distinct_from(c<&TyPerson::age>, wanted))
                                                 .order_by(c<&TyPerson::id>)))
            out.push_back(id);
        return out;
    };
    CHECK(ids(std::nullopt) == std::vector<std::int64_t>{2, 4});
    CHECK(ids(31) == std::vector<std::int64_t>{1});
    CHECK(ids(99).empty());
    // The spelled-out alternatives.
    CHECK(conn.execute(retort::select(c<&TyPerson::id>).where(retort::is_null(c<&TyPerson::age>))).all().size() == 2);
    const std::optional<int> forty = 40;
    CHECK(conn.execute(retort::select(c<&TyPerson::id>).where(c<&TyPerson::age> == *forty)).one() ==
          std::tuple<std::int64_t>{3});
}

TEST_CASE("ORDER BY in a grouped query: aggregates and grouped columns run on both databases") {
    database db;
    auto& conn = db.conn;
    reset_people(conn);
    auto q = retort::select(c<&TyPerson::name>, retort::count())
                 .group_by(c<&TyPerson::name>)
                 .order_by(retort::desc(retort::count()), c<&TyPerson::name>);
    using row = retort::row_of<decltype(q)>;
    static_assert(std::is_same_v<row, std::tuple<std::string, std::int64_t>>);
    const std::vector<row> rows = conn.execute(q).all();
    CHECK(rows == std::vector<row>{{"ann", 2}, {"bob", 1}, {"cy", 1}});
}

TEST_CASE("a select of plain values needs no table; aggregates name theirs") {
    database db;
    auto& conn = db.conn;
    reset_people(conn);
    CHECK(conn.execute(retort::select(retort::value(std::int64_t{7}))).one() == std::tuple<std::int64_t>{7});
    CHECK(conn.execute(retort::select(retort::count()).from<TyPerson>()).one() == std::tuple<std::int64_t>{4});
}

// An array column exists on PostgreSQL only. create_all renders both dialects (the
// connection picks one at run time), so the SQLite refusal must not be a compile error
// there: it is a programming_error on a SQLite connection, and PostgreSQL creates the table.
struct TyTagged {
    std::int64_t id;
    std::vector<std::int32_t> tags;
};
template <>
inline constexpr auto retort::table_of<TyTagged> = retort::table<TyTagged>("ty_tagged", retort::primary_key<&TyTagged::id>);

TEST_CASE("create_all of a model with an array column: created on PostgreSQL, a clear error on SQLite") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<TyTagged>(conn);
    if (conn.dialect() == retort::dialect_id::postgresql) {
        retort::create_all<TyTagged>(conn);
        TyTagged t{0, {3, 1, 2}};
        conn.execute(retort::insert(t));
        CHECK(conn.execute(retort::select<TyTagged>().where(c<&TyTagged::id> == t.id)).one().tags ==
              std::vector<std::int32_t>{3, 1, 2});
        retort::drop_all<TyTagged>(conn);
    } else {
        CHECK_THROWS_WITH_AS(retort::create_all<TyTagged>(conn),
                             doctest::Contains("retort: SQLite has no array columns"), retort::programming_error);
        CHECK_THROWS_WITH_AS(conn.execute(retort::create_table<TyTagged>()),
                             doctest::Contains("retort: SQLite has no array columns"), retort::programming_error);
    }
    // Where the dialect is named, the same sentence is the compile error
    // (tests/compile_fail/create_table_array_sqlite.cpp); the PostgreSQL text is a constant.
    static_assert(retort::sql<retort::create_table_t<TyTagged, false>, retort::postgresql> ==
                  R"(CREATE TABLE "ty_tagged" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "tags" INTEGER[] NOT NULL))");
}
