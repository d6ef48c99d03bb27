// tests/integration/time_types_tests.cpp — TIMESTAMP WITH TIME ZONE (retort::timestamptz),
// INTERVAL (std::chrono durations) and per-dialect column types (column_type<&T::f, D>):
// the DDL each dialect gets (checked at compile time), round trips on the real database
// (negative and large intervals, instants read back in other time zones), values written by
// SQL text, check_schema's view of them.
// Built once per database like the integration suite: see integration_support.hpp.
#include "integration_support.hpp"

#include <retort/inspect/check.hpp>

using tstz = retort::timestamptz<>;

struct TtEvent {
    std::int64_t id;
    micros_time local;                     // TIMESTAMP (no zone)
    tstz at;                               // TIMESTAMP WITH TIME ZONE
    std::optional<tstz> maybe_at;
    std::chrono::microseconds took;        // INTERVAL
    std::chrono::seconds whole;            // INTERVAL, read back only when whole seconds
    std::optional<std::chrono::milliseconds> maybe_took;
};
template <>
inline constexpr auto retort::table_of<TtEvent> =
    retort::table<TtEvent>("tt_events", retort::primary_key<&TtEvent::id>, retort::assigned_key);

/// Column types per dialect (SQLAlchemy's with_variant): `name` has one for each dialect;
/// `code` a plain one that the SQLite variant overrides there.
struct TtTag {
    std::int64_t id;
    std::string name;
    std::string code;
};
template <>
inline constexpr auto retort::table_of<TtTag> = retort::table<TtTag>(
    "tt_tags", retort::primary_key<&TtTag::id>, retort::assigned_key,
    retort::column_type<&TtTag::name, retort::sqlite>("VARCHAR(80)"),
    retort::column_type<&TtTag::name, retort::postgresql>("VARCHAR(40)"),
    retort::column_type<&TtTag::code>("CHARACTER(3)"), retort::column_type<&TtTag::code, retort::sqlite>("TEXT"));

/// The model a schema made with a sys_time column would have: check_schema tells the two apart.
struct TtEventPlain {
    std::int64_t id;
    micros_time local;
    micros_time at;
    std::optional<micros_time> maybe_at;
    std::chrono::microseconds took;
    std::chrono::seconds whole;
    std::optional<std::chrono::milliseconds> maybe_took;
};
template <>
inline constexpr auto retort::table_of<TtEventPlain> =
    retort::table<TtEventPlain>("tt_events", retort::primary_key<&TtEventPlain::id>, retort::assigned_key);

// ---- the DDL per dialect, at compile time -----------------------------------------------

using create_events = decltype(retort::create_table<TtEvent>());
static_assert(retort::sql<create_events, retort::postgresql> ==
              "CREATE TABLE \"tt_events\" (\"id\" BIGINT NOT NULL, \"local\" TIMESTAMP NOT NULL, "
              "\"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"maybe_at\" TIMESTAMP WITH TIME ZONE, "
              "\"took\" INTERVAL NOT NULL, \"whole\" INTERVAL NOT NULL, \"maybe_took\" INTERVAL, "
              "PRIMARY KEY (\"id\"))");
static_assert(retort::sql<create_events, retort::sqlite> ==
              "CREATE TABLE \"tt_events\" (\"id\" INTEGER NOT NULL, \"local\" TIMESTAMP NOT NULL, "
              "\"at\" TIMESTAMPTZ NOT NULL, \"maybe_at\" TIMESTAMPTZ, \"took\" INTERVAL NOT NULL, "
              "\"whole\" INTERVAL NOT NULL, \"maybe_took\" INTERVAL, PRIMARY KEY (\"id\"))");
using create_tags = decltype(retort::create_table<TtTag>());
static_assert(retort::sql<create_tags, retort::postgresql> ==
              "CREATE TABLE \"tt_tags\" (\"id\" BIGINT NOT NULL, \"name\" VARCHAR(40) NOT NULL, "
              "\"code\" CHARACTER(3) NOT NULL, PRIMARY KEY (\"id\"))");
static_assert(retort::sql<create_tags, retort::sqlite> ==
              "CREATE TABLE \"tt_tags\" (\"id\" INTEGER NOT NULL, \"name\" VARCHAR(80) NOT NULL, "
              "\"code\" TEXT NOT NULL, PRIMARY KEY (\"id\"))");

// The SQL kinds: a timestamptz is not a timestamp, an interval is not an integer.
static_assert(retort::sql_type_of<tstz>.kind == retort::sql_kind::timestamptz);
static_assert(retort::sql_type_of<std::chrono::seconds>.kind == retort::sql_kind::interval);
// (Comparing a timestamptz column with a timestamp one, or an interval with an integer, is
// a compile error: tests/compile_fail/compare_timestamptz_timestamp.cpp.)
static_assert(requires { c<&TtEvent::took> > std::chrono::seconds{5}; });
static_assert(requires { c<&TtEvent::at> < tstz{}; });
// Durations finer than a microsecond, or with a floating-point count, are not SQL values.
static_assert(!retort::FieldValue<std::chrono::nanoseconds>);
static_assert(!retort::FieldValue<std::chrono::duration<double>>);

namespace {

tstz instant(std::chrono::year_month_day day, std::chrono::microseconds time) { return tstz{at(day, time)}; }

void reset(retort::connection& conn) {
    conn.execute_script(on_sqlite ? "DROP TABLE IF EXISTS tt_events; DROP TABLE IF EXISTS tt_tags"
                                  : "DROP TABLE IF EXISTS tt_events; DROP TABLE IF EXISTS tt_tags");
    retort::create_all<TtEvent, TtTag>(conn);
}

TtEvent read_event(retort::connection& conn, std::int64_t id) {
    return conn.execute(retort::select<TtEvent>().where(c<&TtEvent::id> == id)).one();
}

}  // namespace

TEST_CASE("timestamptz and intervals round-trip: negative, large, fractional, before 1970, NULL") {
    using namespace std::chrono;
    database db;
    reset(db.conn);
    const std::vector<TtEvent> rows{
        {1, at(2024y / March / 1, 12h + 30min), instant(2024y / March / 1, 12h + 30min + 123456us),
         instant(1969y / July / 20, 20h + 17min), 90min + 250ms + 7us, -5s, milliseconds{1500}},
        {2, at(1900y / January / 1, 0h), instant(1901y / December / 13, 20h + 45min + 52s), std::nullopt,
         -(hours{24 * 365 * 200} + 1us), hours{24 * 365 * 1000}, std::nullopt},
        {3, at(2038y / January / 19, 3h + 14min + 8s), instant(2262y / April / 11, 23h + 47min + 16s + 854775us),
         instant(1970y / January / 1, 0h), 0us, 0s, milliseconds{-1}},
    };
    for (const auto& e : rows) db.conn.execute(retort::insert(e));
    for (const auto& want : rows) {
        CAPTURE(want.id);
        const TtEvent got = read_event(db.conn, want.id);
        CHECK(got.local == want.local);
        CHECK(got.at == want.at);
        CHECK(got.maybe_at == want.maybe_at);
        CHECK(got.took == want.took);
        CHECK(got.whole == want.whole);
        CHECK(got.maybe_took == want.maybe_took);
    }
    // Compared in SQL with bound values of the same types.
    auto longer = db.conn.execute(retort::select(c<&TtEvent::id>)
                                      .where(c<&TtEvent::took> > std::chrono::minutes{1})
                                      .order_by(c<&TtEvent::id>))
                      .all();
    REQUIRE(longer.size() == 1);
    CHECK(std::get<0>(longer[0]) == 1);
    auto before = db.conn.execute(retort::select(c<&TtEvent::id>)
                                      .where(c<&TtEvent::at> < instant(2000y / January / 1, 0h))
                                      .order_by(c<&TtEvent::id>))
                      .all();
    REQUIRE(before.size() == 1);
    CHECK(std::get<0>(before[0]) == 2);
    // update() with a duration.
    db.conn.execute(retort::update<TtEvent>().set(c<&TtEvent::took> = -std::chrono::hours{3}).where(c<&TtEvent::id> == 3));
    CHECK(read_event(db.conn, 3).took == -hours{3});
}

TEST_CASE("timestamptz: values written with any offset read back as the same instant") {
    using namespace std::chrono;
    database db;
    reset(db.conn);
    db.conn.execute_script(
        "INSERT INTO tt_events (id, local, at, took, whole) VALUES "
        "(1, '2024-03-01 12:00:00', '2024-03-01 12:00:00+02:00', '0', '0'), "
        "(2, '2024-03-01 12:00:00', '2024-03-01 12:00:00-03:30', '0', '0'), "
        "(3, '2024-03-01 12:00:00', '2024-03-01 12:00:00.5Z', '0', '0')");
    CHECK(read_event(db.conn, 1).at == instant(2024y / March / 1, 10h));
    CHECK(read_event(db.conn, 2).at == instant(2024y / March / 1, 15h + 30min));
    CHECK(read_event(db.conn, 3).at == instant(2024y / March / 1, 12h + 500ms));
    if constexpr (!on_sqlite) {
        // PostgreSQL writes a TIMESTAMPTZ in the session's TimeZone: the offset is read.
        const tstz summer = instant(2024y / July / 1, 6h + 15min + 1us);
        db.conn.execute(retort::insert(TtEvent{4, micros_time{}, summer, summer, 0us, 0s, std::nullopt}));
        for (const char* zone : {"Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "UTC", "Europe/Paris"}) {
            CAPTURE(zone);
            db.conn.execute_script(std::string("SET TIME ZONE '") + zone + "'");
            const TtEvent got = read_event(db.conn, 4);
            CHECK(got.at == summer);
            CHECK(got.maybe_at == summer);
            CHECK(read_event(db.conn, 1).at == instant(2024y / March / 1, 10h));
        }
        // Historical local mean time has offsets in seconds ("+00:09:21" in Paris before 1911).
        const tstz old = instant(1900y / January / 1, 12h);
        db.conn.execute(retort::insert(TtEvent{5, micros_time{}, old, std::nullopt, 0us, 0s, std::nullopt}));
        CHECK(read_event(db.conn, 5).at == old);
        db.conn.execute_script("SET TIME ZONE 'UTC'");
    } else {
        // SQLite stores the UTC text, which sorts in time order and SQLite's own date functions read.
        auto text = db.conn.execute(retort::text<"SELECT CAST(at AS TEXT), datetime(at) FROM tt_events WHERE id = 3">
                                        .columns<std::string, std::string>())
                        .one();
        CHECK(std::get<1>(text) == "2024-03-01 12:00:00");
        db.conn.execute(retort::insert(
            TtEvent{4, micros_time{}, instant(2024y / July / 1, 6h + 15min + 1us), std::nullopt, 0us, 0s, std::nullopt}));
        auto stored = db.conn.execute(retort::text<"SELECT CAST(at AS TEXT) FROM tt_events WHERE id = 4">
                                          .columns<std::string>())
                          .one();
        CHECK(std::get<0>(stored) == "2024-07-01 06:15:00.000001+00:00");
    }
}

TEST_CASE("intervals the database wrote: days count 24 hours; months, lost digits and other styles are data_errors") {
    using namespace std::chrono;
    database db;
    reset(db.conn);
    if constexpr (on_sqlite) {
        db.conn.execute_script(
            "INSERT INTO tt_events (id, local, at, took, whole) VALUES "
            "(1, '2024-01-01 00:00:00', '2024-01-01 00:00:00+00:00', -93784000005, 1500000), "
            "(2, '2024-01-01 00:00:00', '2024-01-01 00:00:00+00:00', '01:00:00', 0)");
        // INTEGER microseconds.
        const auto took = db.conn.execute(retort::select(c<&TtEvent::took>).where(c<&TtEvent::id> == 1)).scalar_one();
        CHECK(took == -(hours{26} + minutes{3} + seconds{4} + microseconds{5}));
        try {
            (void)read_event(db.conn, 1);  // 1.5 s into std::chrono::seconds
            FAIL("expected a data_error for 1.5 s read into seconds");
        } catch (const retort::data_error& e) {
            CHECK(contains(e.what(), "does not fit the field's std::chrono::duration type"));
        }
        CHECK_THROWS_AS(read_event(db.conn, 2), retort::data_error);  // text is not an interval on SQLite
    } else {
        db.conn.execute_script(
            "INSERT INTO tt_events (id, local, at, took, whole) VALUES "
            "(1, '2024-01-01', '2024-01-01 00:00:00+00', '1 day 02:03:04.000005', '-1 days +02:00:00'), "
            "(2, '2024-01-01', '2024-01-01 00:00:00+00', '-3 days -00:00:00.5', '100 hours'), "
            "(3, '2024-01-01', '2024-01-01 00:00:00+00', '1 mon', '0'), "
            "(4, '2024-01-01', '2024-01-01 00:00:00+00', '1.5 seconds', '1.5 seconds')");
        const TtEvent one = read_event(db.conn, 1);
        CHECK(one.took == hours{26} + minutes{3} + seconds{4} + microseconds{5});
        CHECK(one.whole == -hours{22});
        const TtEvent two = read_event(db.conn, 2);
        CHECK(two.took == -(hours{72} + milliseconds{500}));
        CHECK(two.whole == hours{100});
        try {
            (void)read_event(db.conn, 3);
            FAIL("expected a data_error for an interval of months");
        } catch (const retort::data_error& e) {
            CHECK(contains(e.what(), "months or years"));
        }
        try {
            (void)read_event(db.conn, 4);  // 1.5 s into std::chrono::seconds
            FAIL("expected a data_error for 1.5 s read into seconds");
        } catch (const retort::data_error& e) {
            CHECK(contains(e.what(), "does not fit the field's std::chrono::duration type"));
        }
        db.conn.execute_script("SET intervalstyle = 'iso_8601'");
        try {
            (void)read_event(db.conn, 1);
            FAIL("expected a data_error for IntervalStyle iso_8601");
        } catch (const retort::data_error& e) {
            CHECK(contains(e.what(), "IntervalStyle"));
        }
        // What retort binds is read in every style.
        db.conn.execute(retort::update<TtEvent>().set(c<&TtEvent::took> = -std::chrono::hours{30}).where(c<&TtEvent::id> == 1));
        db.conn.execute_script("SET intervalstyle = 'postgres'");
        CHECK(read_event(db.conn, 1).took == -hours{30});
    }
}

TEST_CASE("column_type per dialect: create_all uses the variant, check_schema agrees; timestamptz is checked") {
    database db;
    reset(db.conn);
    create_catalog_views(db.conn);
    const auto name = find_column(db.conn, "tt_tags", "name");
    REQUIRE(name.has_value());
    CHECK(name->type == (on_sqlite ? "VARCHAR(80)" : "character varying(40)"));
    const auto code = find_column(db.conn, "tt_tags", "code");
    REQUIRE(code.has_value());
    CHECK(code->type == (on_sqlite ? "TEXT" : "character(3)"));
    const auto at_col = find_column(db.conn, "tt_events", "at");
    REQUIRE(at_col.has_value());
    CHECK(at_col->type == (on_sqlite ? "TIMESTAMPTZ" : "timestamp with time zone"));
    const auto took_col = find_column(db.conn, "tt_events", "took");
    REQUIRE(took_col.has_value());
    CHECK(took_col->type == (on_sqlite ? "INTERVAL" : "interval"));

    db.conn.execute(retort::insert(TtTag{1, "Alpha", "abc"}));
    CHECK(db.conn.execute(retort::select<TtTag>().where(c<&TtTag::name> == "Alpha")).all().size() == 1);

    const auto report = retort::check_schema<TtEvent, TtTag>(db.conn);
    INFO(report.to_string());
    CHECK(report.ok());
    const auto plain = retort::check_schema<TtEventPlain>(db.conn);
    const std::string text = plain.to_string();
    INFO(text);
    CHECK(plain.differences.size() == 2);
    CHECK(contains(text, "column 'at': type: the model has timestamp"));
    CHECK(contains(text, "column 'maybe_at': type: the model has timestamp"));
}
