// tests/schema_gen/wild_tests.cpp — schemas from the wild: what real PostgreSQL and SQLite
// schemas use survives inspect → header → create_all → check_schema. One source, built
// per dialect (like schema_gen_tests.cpp):
//   -DRETORT_TEST_SQLITE       fresh SQLite files in the build directory
//   -DRETORT_TEST_POSTGRESQL   fresh databases on the server of $RETORT_TEST_PG_ADMIN_URL
//
// What it proves (each a regression test of a bug that was found on real schemas):
//   * a column a --map maps is declared with retort::column_type, which create_all
//     creates and check_schema compares by name (no "no mapping" report);
//   * untyped SQLite view columns get the type their expression has, and the message
//     for one that cannot be inferred gives a --map that schema_gen accepts;
//   * a pg_dump script (--from-sql, empty search_path) and the live database give the
//     same header;
//   * cyclic foreign keys: create_all / drop_all work, on PostgreSQL through ALTER TABLE;
//   * enums: a C++ enum class with retort::enum_labels is created (CREATE TYPE on
//     PostgreSQL, TEXT + CHECK on SQLite), read and written as its labels.
#include <doctest/doctest.h>

#include <retort/inspect/check.hpp>
#include <retort/inspect/inspect.hpp>
#include <retort/retort.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "generator.hpp"
#include "support.hpp"

#if defined(RETORT_TEST_SQLITE)
constexpr bool on_sqlite = true;
#elif defined(RETORT_TEST_POSTGRESQL)
constexpr bool on_sqlite = false;
#else
#error "build with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif

namespace {

[[maybe_unused]] std::string source_dir() { return RETORT_TEST_SOURCE_DIR; }

retort::engine empty_engine(const std::string& name) {
    return retort::create_engine(on_sqlite ? test_support::fresh_sqlite_file("wild_" + name)
                                           : test_support::fresh_pg_database("schema_gen_wild_" + name));
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// ---- bug 5: check_schema knows what --map mapped ----------------------------------------------

struct MapDocs {
    std::int32_t id;
    std::string body;  // SQLite FOO / PostgreSQL inet, mapped by --map
    std::string words;  // SQLite BAR / PostgreSQL tsvector (mapped by default)
};
template <>
inline constexpr auto retort::table_of<MapDocs> = retort::table<MapDocs>(
    "map_docs", retort::primary_key<&MapDocs::id>, retort::assigned_key,
    retort::column_type<&MapDocs::body>(on_sqlite ? "FOO" : "inet"),
    retort::column_type<&MapDocs::words>(on_sqlite ? "BAR" : "tsvector"));

TEST_CASE("bug 5: a column --map maps is declared with column_type, and check_schema does not report it") {
    auto e = empty_engine("map");
    {
        auto conn = e.connect();
        conn.execute_script(on_sqlite ? "CREATE TABLE map_docs (id INT4 NOT NULL PRIMARY KEY, body FOO NOT NULL, words BAR NOT NULL)"
                                      : "CREATE TABLE map_docs (id integer PRIMARY KEY, body inet NOT NULL, words tsvector NOT NULL)");
    }
    retort::inspect_options io;
    io.map.add(on_sqlite ? "FOO=std::string" : "inet=std::string");
    if (on_sqlite) io.map.add("BAR=std::string");
    const auto cat = retort::inspect(e, io);
    const auto header = retort::schema_gen::generate(cat, {.map = io.map}).header;
    INFO(header);
    CHECK(contains(header, on_sqlite ? "retort::column_type<&MapDocs::body>(\"FOO\")" : "retort::column_type<&MapDocs::body>(\"inet\")"));
    CHECK(contains(header, on_sqlite ? "retort::column_type<&MapDocs::words>(\"BAR\")" : "retort::column_type<&MapDocs::words>(\"tsvector\")"));

    // The model as the header declares it: check_schema, without any --map, finds nothing.
    const auto report = retort::check_schema<MapDocs>(e);
    INFO(report.to_string());
    CHECK(report.ok());

    // create_all makes the same types, and values travel as text.
    auto again = empty_engine("map_again");
    retort::create_all<MapDocs>(again);
    const auto made = retort::inspect(again, io);
    CHECK(made.find("map_docs")->find_column("body")->declared_type == cat.find("map_docs")->find_column("body")->declared_type);
    CHECK(made.find("map_docs")->find_column("words")->declared_type == cat.find("map_docs")->find_column("words")->declared_type);
    auto conn = again.connect();
    conn.execute(retort::insert(MapDocs{1, "10.0.0.1", "a fat cat"}));
    const auto rows = conn.execute(retort::select<MapDocs>()).all();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].body == (on_sqlite ? "10.0.0.1" : "10.0.0.1"));
    CHECK(rows[0].words == (on_sqlite ? "a fat cat" : "'a' 'cat' 'fat'"));

    // A model that names another type is reported by name.
    auto conn2 = e.connect();
    conn2.execute_script("DROP TABLE map_docs");
    conn2.execute_script(on_sqlite ? "CREATE TABLE map_docs (id INT4 NOT NULL PRIMARY KEY, body TEXT NOT NULL, words BAR NOT NULL)"
                                   : "CREATE TABLE map_docs (id integer PRIMARY KEY, body text NOT NULL, words tsvector NOT NULL)");
    const auto diff = retort::check_schema<MapDocs>(e);
    CHECK(diff.differences.size() == 1);
    CHECK(contains(diff.to_string(), on_sqlite ? "column 'body': type: the model declares column_type \"FOO\", the database column is TEXT"
                                               : "column 'body': type: the model declares column_type \"inet\", the database column is text"));
}

// ---- bug 6: untyped SQLite view columns ---------------------------------------------------------

#if defined(RETORT_TEST_SQLITE)
TEST_CASE("bug 6: SQLite view columns get the type of their expression; an untyped one gets a --map that works") {
    auto e = empty_engine("views");
    {
        auto conn = e.connect();
        conn.execute_script(R"(
            CREATE TABLE artist (id INTEGER PRIMARY KEY, name NVARCHAR(120) NOT NULL);
            CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL REFERENCES artist (id),
                                title TEXT NOT NULL, price NUMERIC(10, 2));
            CREATE VIEW artist_stats AS
              SELECT a.id, a.name, count(al.id) AS albums, avg(al.price) AS mean_price, max(al.title) AS last_title,
                     upper(a.name) || '!' AS shout, al.price * 2 AS double_price, CAST(a.id AS TEXT) AS id_text,
                     a.id > 3 AS late, CASE WHEN a.id > 1 THEN 'x' ELSE 'y' END AS kind, sum(al.id) AS id_sum,
                     (a.id + 1) AS next_id, 42 AS answer
              FROM artist AS a LEFT JOIN album al ON al.artist_id = a.id GROUP BY a.id;
            CREATE VIEW mystery AS SELECT id, json_extract(name, '$.x') AS j FROM artist;)");
    }
    retort::inspect_options io;
    io.tables = {"artist_stats"};
    const auto cat = retort::inspect(e, io);
    const auto& v = *cat.find("artist_stats");
    const std::vector<std::pair<std::string, std::string>> want = {
        {"id", "std::int64_t"},          {"name", "std::string"},      {"albums", "std::int64_t"},
        {"mean_price", "double"},        {"last_title", "std::string"}, {"shout", "std::string"},
        {"double_price", "double"},      {"id_text", "std::string"},   {"late", "bool"},
        {"kind", "std::string"},         {"id_sum", "std::int64_t"},   {"next_id", "std::int64_t"},
        {"answer", "std::int64_t"}};
    REQUIRE(v.columns.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("column " << want[i].first << ": " << v.columns[i].mapping_error);
        CHECK(v.columns[i].name == want[i].first);
        CHECK(v.columns[i].cpp_type == want[i].second);
    }
    CHECK(v.find_column("albums")->declared_type.empty());  // the catalog says what the database says
    CHECK(v.find_column("albums")->inferred_type == "INTEGER");
    const auto header = retort::schema_gen::generate(cat, {.views = true}).header;
    INFO(header);
    CHECK(contains(header, "std::optional<std::int64_t> albums;  // type INTEGER inferred from the view's count(al.id)"));

    // Not inferable: the message's --map is one schema_gen accepts, and it works.
    const auto all = retort::inspect(e);
    std::string message;
    try {
        retort::schema_gen::generate(all, {.views = true});
    } catch (const retort::argument_error& err) {
        message = err.what();
    }
    INFO(message);
    CHECK(contains(message, "column 'mystery.j' (no declared type): it has no declared type and retort cannot tell the "
                            "type of json_extract(name, '$.x'); map it with --map 'mystery.j=std::string'"));
    CHECK(!contains(message, "--map '="));
    const auto start = message.find("--map '") + 7;
    const auto fix = message.substr(start, message.find('\'', start) - start);
    retort::inspect_options fixed;
    fixed.map.add(fix);
    CHECK_NOTHROW(retort::schema_gen::generate(retort::inspect(e, fixed), {.views = true, .map = fixed.map}));
}
#endif

// ---- bug 7: a pg_dump script and the live database give the same header --------------------------

#if defined(RETORT_TEST_POSTGRESQL)
namespace {
/// The header without the banner lines that name the source and the command.
std::string without_banner(const std::string& h) {
    std::string out;
    std::size_t pos = 0;
    while (pos < h.size()) {
        auto end = h.find('\n', pos);
        if (end == std::string::npos) end = h.size();
        const auto line = h.substr(pos, end - pos);
        if (!line.starts_with("// Generated by") && !line.starts_with("// Command:")) out += line + "\n";
        pos = end + 1;
    }
    return out;
}

retort::engine wild_engine() {
    auto e = empty_engine("live");
    auto conn = e.connect();
    conn.execute_script(test_support::read_text(source_dir() + "/sql/wild_pg.sql"));
    return e;
}
}  // namespace

TEST_CASE("bug 7: --from-sql on a pg_dump script (empty search_path) and --url on the database give the same header") {
    const auto dumped = retort::schema_gen::inspect_sql_file(source_dir() + "/sql/wild_pg_dump.sql",
                                                             retort::dialect_id::postgresql, test_support::pg_admin_url(), {});
    auto live_engine = wild_engine();
    const auto live = retort::inspect(live_engine);
    CHECK(dumped.find("film")->find_column("rating")->default_sql == std::optional<std::string>("'G'::rating_kind"));
    CHECK(live.find("film")->find_column("rating")->default_sql == std::optional<std::string>("'G'::rating_kind"));
    CHECK(dumped.find("film")->find_column("film_id")->default_sql ==
          std::optional<std::string>("nextval('film_film_id_seq'::regclass)"));
    const auto a = retort::schema_gen::generate(dumped, {});
    const auto b = retort::schema_gen::generate(live, {});
    CHECK(without_banner(a.header) == without_banner(b.header));
    CHECK(a.warnings == b.warnings);

    // The session's search_path is what it was before inspect.
    auto conn = live_engine.connect();
    conn.execute_script("SET search_path TO pg_catalog");
    (void)retort::inspect(conn);
    auto st = conn.raw().prepare("SELECT current_setting('search_path')", {});
    REQUIRE(st->step());
    CHECK(std::string(st->get_text(0)) == "pg_catalog");
    st->reset();
}
#endif

// ---- bug 4: cyclic foreign keys -------------------------------------------------------------------

struct CyDept {
    std::int32_t dept_id;
    std::string name;
    std::optional<std::int32_t> manager_id;
};
struct CyEmployee {
    std::int32_t emp_id;
    std::string name;
    std::int32_t dept_id;
};
template <>
inline constexpr auto retort::table_of<CyDept> = retort::table<CyDept>(
    "cy_dept", retort::primary_key<&CyDept::dept_id>, retort::assigned_key,
    retort::foreign_key<&CyDept::manager_id, &CyEmployee::emp_id>(retort::on_delete::set_null));
template <>
inline constexpr auto retort::table_of<CyEmployee> = retort::table<CyEmployee>(
    "cy_employee", retort::primary_key<&CyEmployee::emp_id>, retort::assigned_key,
    retort::foreign_key<&CyEmployee::dept_id, &CyDept::dept_id>);

static_assert(retort::detail::dependency_order<CyDept, CyEmployee>::value.has_cycle);
static_assert(retort::detail::deferred_foreign_keys<CyDept, CyDept, CyEmployee>() == 1u << 2);
static_assert(retort::detail::deferred_foreign_keys<CyEmployee, CyDept, CyEmployee>() == 0);
static_assert(retort::sql<retort::create_table_t<CyDept, false, 1u << 2>, retort::postgresql> ==
              std::string_view{R"(CREATE TABLE "cy_dept" ("dept_id" INTEGER NOT NULL, "name" TEXT NOT NULL, )"
                               R"("manager_id" INTEGER, PRIMARY KEY ("dept_id")))"});
static_assert(retort::sql<retort::add_foreign_key_t<CyDept, 2>, retort::postgresql> ==
              std::string_view{R"(DO $retort$ BEGIN ALTER TABLE "cy_dept" ADD CONSTRAINT "cy_dept_manager_id_fkey" )"
                               R"(FOREIGN KEY ("manager_id") REFERENCES "cy_employee" ("emp_id") ON DELETE SET NULL; )"
                               R"(EXCEPTION WHEN duplicate_object THEN NULL; END $retort$)"});

namespace {
template <class... Ts>
void cycle_round_trip(const std::string& name) {
    auto e = empty_engine(name);
    retort::create_all<Ts...>(e);
    CHECK_NOTHROW(retort::create_all<Ts...>(e));  // again: nothing to do, no error
    {
        auto conn = e.connect();
        conn.execute_script("INSERT INTO cy_dept (dept_id, name) VALUES (1, 'R&D')");
        conn.execute_script("INSERT INTO cy_employee (emp_id, name, dept_id) VALUES (10, 'Ann', 1)");
        conn.execute_script("UPDATE cy_dept SET manager_id = 10 WHERE dept_id = 1");
        // Both keys hold.
        CHECK_THROWS_AS(conn.execute_script("UPDATE cy_dept SET manager_id = 99"), retort::integrity_error);
        CHECK_THROWS_AS(conn.execute_script("INSERT INTO cy_employee (emp_id, name, dept_id) VALUES (11, 'Bo', 7)"),
                        retort::integrity_error);
    }
    const auto report = retort::check_schema<CyDept, CyEmployee>(e);
    INFO(report.to_string());
    CHECK(report.ok());
    const auto cat = retort::inspect(e);
    REQUIRE(cat.find("cy_dept"));
    REQUIRE(cat.find("cy_dept")->foreign_keys.size() == 1);
    REQUIRE(cat.find("cy_employee")->foreign_keys.size() == 1);
    if constexpr (!on_sqlite) {
        CHECK(cat.find("cy_dept")->foreign_keys[0].name == "cy_dept_manager_id_fkey");
        CHECK(cat.find("cy_employee")->foreign_keys[0].name == "cy_employee_dept_id_fkey");
    }
    // The header schema_gen writes for the cycle names both keys and says nothing is lost.
    const auto generated = retort::schema_gen::generate(cat, {});
    CHECK(contains(generated.header, "retort::foreign_key<&CyDept::manager_id, &CyEmployee::emp_id>(retort::on_delete::set_null)"));
    CHECK(contains(generated.header, "retort::foreign_key<&CyEmployee::dept_id, &CyDept::dept_id>"));
    retort::drop_all<Ts...>(e);  // with rows that reference each other
    CHECK(retort::inspect(e).tables.empty());
}
}  // namespace

TEST_CASE("bug 4: cyclic foreign keys: create_all makes both tables and both keys, drop_all drops them") {
    cycle_round_trip<CyDept, CyEmployee>("cycle_a");
    cycle_round_trip<CyEmployee, CyDept>("cycle_b");
}

// ---- bug 2: enums ------------------------------------------------------------------------------

enum class Mood { sad, ok, happy_days };
template <>
inline constexpr auto retort::enum_labels<Mood> =
    retort::sql_enum<Mood>("wild_mood", {{Mood::sad, "sad"}, {Mood::ok, "ok"}, {Mood::happy_days, "happy days"}});

struct EnPerson {
    std::int64_t id;
    std::string name;
    Mood mood;
    std::optional<Mood> was;
};
template <>
inline constexpr auto retort::table_of<EnPerson> = retort::table<EnPerson>(
    "en_person", retort::primary_key<&EnPerson::id>, retort::server_default<&EnPerson::mood>("'ok'"));

static_assert(retort::LabeledEnum<Mood>);
static_assert(retort::ColumnValue<Mood>);
static_assert(retort::sql<retort::create_table_t<EnPerson, false>, retort::sqlite> ==
              std::string_view{R"(CREATE TABLE "en_person" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, )"
                               R"("mood" TEXT NOT NULL DEFAULT 'ok' CHECK ("mood" IN ('sad', 'ok', 'happy days')), )"
                               R"("was" TEXT CHECK ("was" IN ('sad', 'ok', 'happy days'))))"});
static_assert(retort::sql<retort::create_table_t<EnPerson, false>, retort::postgresql> ==
              std::string_view{R"(CREATE TABLE "en_person" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, )"
                               R"("name" TEXT NOT NULL, "mood" "wild_mood" NOT NULL DEFAULT 'ok', "was" "wild_mood"))"});

TEST_CASE("bug 2: an enum column: create_all creates the type (PostgreSQL) or a CHECK (SQLite); values travel as labels") {
    using retort::c;
    auto e = empty_engine("enums");
    retort::create_all<EnPerson>(e);
    CHECK_NOTHROW(retort::create_all<EnPerson>(e));  // the type exists already: nothing to do
    auto conn = e.connect();
    conn.execute(retort::insert(EnPerson{0, "Ann", Mood::happy_days, std::nullopt}));
    conn.execute(retort::insert(EnPerson{0, "Bo", Mood::sad, Mood::ok}));
    conn.execute_script("INSERT INTO en_person (name) VALUES ('Cy')");  // the default
    const auto all = conn.execute(retort::select<EnPerson>().order_by(c<&EnPerson::name>)).all();
    REQUIRE(all.size() == 3);
    CHECK(all[0].mood == Mood::happy_days);
    CHECK(!all[0].was);
    CHECK(all[1].was == Mood::ok);
    CHECK(all[2].mood == Mood::ok);
    const auto happy = conn.execute(retort::select<EnPerson>().where(c<&EnPerson::mood> == Mood::happy_days)).all();
    REQUIRE(happy.size() == 1);
    CHECK(happy[0].name == "Ann");
    // What is not a label: refused by the database, or (read) a data_error naming it.
    if constexpr (on_sqlite)
        CHECK_THROWS_AS(conn.execute_script("INSERT INTO en_person (name, mood) VALUES ('Di', 'angry')"), retort::integrity_error);
    else
        CHECK_THROWS_AS(conn.execute_script("INSERT INTO en_person (name, mood) VALUES ('Di', 'angry')"), retort::error);
    CHECK_THROWS_WITH_AS(retort::type_traits<Mood>::from_db("angry"),
                         "retort: 'angry' is not a label of enum wild_mood (labels: 'sad', 'ok', 'happy days'); add it "
                         "to retort::enum_labels or regenerate the models",
                         retort::data_error);
    CHECK_THROWS_AS(retort::type_traits<Mood>::to_db(static_cast<Mood>(7)), retort::data_error);

    const auto report = retort::check_schema<EnPerson>(e);
    INFO(report.to_string());
    CHECK(report.ok());
    const auto cat = retort::inspect(e);
    if constexpr (!on_sqlite) {
        REQUIRE(cat.enums.size() == 1);
        CHECK(cat.enums[0].name == "wild_mood");
        CHECK(cat.enums[0].labels == std::vector<std::string>{"sad", "ok", "happy days"});
        // The header schema_gen writes declares the labels; reading a label the models do not know fails clearly.
        const auto header = retort::schema_gen::generate(cat, {}).header;
        INFO(header);
        CHECK(contains(header, "enum class WildMood { sad, ok, happy_days };"));
        CHECK(contains(header, "template <>\ninline constexpr auto retort::enum_labels<WildMood> = retort::sql_enum<WildMood>(\n"
                               "    \"wild_mood\", {{WildMood::sad, \"sad\"}, {WildMood::ok, \"ok\"}, {WildMood::happy_days, \"happy days\"}});"));
        CHECK(contains(header, "    WildMood mood;"));
        conn.execute_script("ALTER TYPE wild_mood ADD VALUE 'angry'");
        conn.execute_script("INSERT INTO en_person (name, mood) VALUES ('Di', 'angry')");
        CHECK_THROWS_WITH_AS(conn.execute(retort::select<EnPerson>()).all(),
                             doctest::Contains("'angry' is not a label of enum wild_mood"), retort::data_error);
        const auto diff = retort::check_schema<EnPerson>(e);
        CHECK(contains(diff.to_string(), "column 'mood': enum wild_mood: the model's labels are (sad, ok, happy days), "
                                         "the database's (sad, ok, happy days, angry)"));
    }
    retort::drop_all<EnPerson>(e);
    const auto after = retort::inspect(e);
    CHECK(after.tables.empty());
    CHECK(after.enums.empty());  // drop_all dropped the type
}

// ---- domains ---------------------------------------------------------------------------------------

// docs:begin domain
struct DoParcel {
    std::int64_t id;
    std::string zip;
    std::optional<std::int32_t> weight;
};
template <>
inline constexpr auto retort::table_of<DoParcel> = retort::table<DoParcel>(
    "do_parcel", retort::primary_key<&DoParcel::id>,
    retort::domain<&DoParcel::zip>("do_zip", "character varying(10)",
                                   retort::check("do_zip_digits", "length(VALUE) = 5 AND value <> '00000'")),
    retort::domain<&DoParcel::weight>("do_grams", "integer", retort::check("do_grams_positive", "VALUE > 0"),
                                      retort::check("do_grams_limit", "Value <= 30000 OR 'value' = 'x'")));
// docs:end domain

// PostgreSQL: the column has the domain's type; SQLite: its base type, the checks on the column
// with VALUE (any case, not inside quotes) replaced by the column's name.
static_assert(retort::sql<retort::create_table_t<DoParcel, false>, retort::postgresql> ==
              std::string_view{R"(CREATE TABLE "do_parcel" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, )"
                               R"("zip" "do_zip" NOT NULL, "weight" "do_grams"))"});
static_assert(retort::sql<retort::create_table_t<DoParcel, false>, retort::sqlite> ==
              std::string_view{R"(CREATE TABLE "do_parcel" ("id" INTEGER PRIMARY KEY, )"
                               R"("zip" character varying(10) NOT NULL CONSTRAINT "do_zip_digits" CHECK )"
                               R"((length("zip") = 5 AND "zip" <> '00000'), )"
                               R"("weight" integer CONSTRAINT "do_grams_positive" CHECK ("weight" > 0) )"
                               R"(CONSTRAINT "do_grams_limit" CHECK ("weight" <= 30000 OR 'value' = 'x')))"});

TEST_CASE("domains: create_all makes them (PostgreSQL) or column checks (SQLite); check_schema and schema_gen know them") {
    auto e = empty_engine("domains");
    retort::create_all<DoParcel>(e);
    CHECK_NOTHROW(retort::create_all<DoParcel>(e));  // the domains exist already: nothing to do
    auto conn = e.connect();
    conn.execute(retort::insert(DoParcel{0, "12345", 500}));
    conn.execute(retort::insert(DoParcel{0, "54321", std::nullopt}));
    CHECK_THROWS_AS(conn.execute(retort::insert(DoParcel{0, "1234", 5})), retort::integrity_error);
    CHECK_THROWS_AS(conn.execute(retort::insert(DoParcel{0, "00000", 5})), retort::integrity_error);
    CHECK_THROWS_AS(conn.execute(retort::insert(DoParcel{0, "12345", 0})), retort::integrity_error);
    CHECK_THROWS_AS(conn.execute(retort::insert(DoParcel{0, "12345", 30001})), retort::integrity_error);
    CHECK(conn.execute(retort::select<DoParcel>()).all().size() == 2);
    {
        const auto report = retort::check_schema<DoParcel>(e);
        INFO(report.to_string());
        CHECK(report.ok());  // PostgreSQL: the domain by name, its base type and checks; SQLite: the checks by name
    }

    if constexpr (!on_sqlite) {
        const auto cat = retort::inspect(e);
        REQUIRE(cat.domains.size() == 2);
        CHECK(cat.domains[0].name == "do_grams");
        CHECK(cat.domains[0].base_type == "integer");
        REQUIRE(cat.domains[0].checks.size() == 2);
        CHECK(cat.domains[1].base_type == "character varying(10)");

        // What schema_gen writes for the domains is what the model says.
        const auto header = retort::schema_gen::generate(cat, {}).header;
        INFO(header);
        CHECK(contains(header, "retort::domain<&DoParcel::zip>(\"do_zip\", \"character varying(10)\", "
                               "retort::check(\"do_zip_digits\", R\"sql("));
        CHECK(contains(header, "retort::domain<&DoParcel::weight>(\"do_grams\", \"integer\", "
                               "retort::check(\"do_grams_limit\", R\"sql("));

        // A domain whose checks differ from the model's is reported.
        conn.execute_script("ALTER DOMAIN do_grams DROP CONSTRAINT do_grams_limit");
        const auto diff = retort::check_schema<DoParcel>(e);
        CHECK(contains(diff.to_string(), "column 'weight': domain do_grams: check 'do_grams_limit' is missing in the database"));
    }

    retort::drop_all<DoParcel>(e);
    const auto after = retort::inspect(e);
    CHECK(after.tables.empty());
    CHECK(after.domains.empty());  // drop_all dropped them (PostgreSQL)
}

// ---- the wild schema: header → create_all → inspect ---------------------------------------------

#if defined(RETORT_TEST_POSTGRESQL)
#include "generated/wild_pg.hpp"

TEST_CASE("wild schema (PostgreSQL): the checked-in header is what schema_gen writes; every difference is declared") {
    auto live_engine = wild_engine();
    const auto live = retort::inspect(live_engine);
    const auto generated = retort::schema_gen::generate(live, {.ns = "wild_pg"});
    const auto checked_in = test_support::read_text(source_dir() + "/generated/wild_pg.hpp");
    INFO("regenerate with the command in wild_pg.hpp's banner");
    CHECK(without_banner(generated.header) == without_banner(checked_in));
    // Everything the header cannot say is a NOT DECLARED comment and a warning.
    for (const auto* what :
         {"identity column \"ticket\"", "trigger \"film_last_update\"",
          "sequence \"ticket_counter\" (integer, START 7, INCREMENT 1, CYCLE)",
          "sequence \"invoice_number_seq\" (bigint, START 1000, INCREMENT 10, owned by column number)",
          "default \"nextval('invoice_number_seq'::regclass)\" of serial column \"number\"",
          "a partitioned table, PARTITION BY RANGE (rented_on), partitions: rental_2026_01 FOR VALUES FROM "
          "('2026-01-01') TO ('2026-02-01'), rental_rest DEFAULT",
          "INHERITS (note)"}) {
        INFO(what);
        CHECK(contains(generated.header, std::string("// NOT DECLARED: ") + what));
    }
    CHECK(generated.warnings.size() == 7);
    // The tsvector column's GIN index is declared, under its own name.
    CHECK(contains(generated.header, "retort::index<&wild_pg::Film::fulltext>.named(\"film_fulltext_idx\").method(\"gin\")"));
    // A serial key is declared as one (create_all makes it again), its sequence is implied.
    CHECK(contains(generated.header, "retort::serial<&wild_pg::Film::film_id>"));
    CHECK(!contains(generated.header, "film_film_id_seq"));
    // The catalog has what the header can only mention.
    const auto* rental = live.find("rental");
    REQUIRE(rental);
    CHECK(rental->partition_key == "RANGE (rented_on)");
    REQUIRE(rental->partitions.size() == 2);
    CHECK(rental->partitions[0].name == "rental_2026_01");
    CHECK(rental->partitions[1].bound == "DEFAULT");
    CHECK(live.find("rental_rest") == nullptr);  // partitions are not tables of their own
    CHECK(live.find("staff_note")->inherits == std::vector<std::string>{"note"});
    REQUIRE(live.sequences.size() == 4);
    CHECK(live.sequences[0].name == "film_film_id_seq");
    CHECK(live.sequences[0].owned_by_table == "film");
    CHECK(live.sequences[0].owned_by_column == "film_id");
    CHECK(live.sequences[1].identity);  // film_ticket_seq, behind the identity column
    CHECK(live.sequences[2].start == 1000);
    CHECK(live.sequences[2].increment == 10);
    CHECK(live.sequences[3].cycle);
    CHECK(live.sequences[3].max_value == 100);
    CHECK(live.sequences[3].owned_by_table.empty());

    // check_schema against the database the header came from: only what is declared as not declared.
    const auto report = retort::check_schema<wild_pg::Dept, wild_pg::Employee, wild_pg::Film, wild_pg::Invoice,
                                             wild_pg::Note, wild_pg::Rental, wild_pg::StaffNote>(live_engine);
    INFO(report.to_string());
    CHECK(report.differences.size() == 1);
    CHECK(contains(report.to_string(), "table 'film', column 'ticket': key: the column is GENERATED ALWAYS AS IDENTITY"));

    // create_all on an empty database, then inspect: the same catalog but for the NOT DECLARED items.
    auto e = empty_engine("wild_made");
    retort::create_all<wild_pg::Dept, wild_pg::Employee, wild_pg::Film, wild_pg::Invoice, wild_pg::Note,
                       wild_pg::Rental, wild_pg::StaffNote>(e);
    const auto made = retort::inspect(e);
    CHECK(made.find("rental")->partition_key.empty());  // NOT DECLARED
    CHECK(made.find("staff_note")->inherits.empty());   // NOT DECLARED
    REQUIRE(made.sequences.size() == 1);                // the serial key's, with its name
    CHECK(made.sequences[0].name == "film_film_id_seq");
    CHECK(made.sequences[0].owned_by_column == "film_id");
    REQUIRE(made.tables.size() == live.tables.size());
    CHECK(made.enums.size() == 1);
    CHECK(made.enums[0].labels == live.enums[0].labels);
    for (const auto& want : live.tables) {
        INFO("table " << want.name);
        const auto* have = made.find(want.name);
        REQUIRE(have);
        CHECK(have->comment == want.comment);
        CHECK(have->primary_key == want.primary_key);
        REQUIRE(have->columns.size() == want.columns.size());
        for (std::size_t i = 0; i < want.columns.size(); ++i) {
            const auto& a = want.columns[i];
            const auto& b = have->columns[i];
            INFO("column " << a.name);
            CHECK(b.name == a.name);
            CHECK(b.declared_type == a.declared_type);
            CHECK(b.comment == a.comment);
            if (a.name == "ticket") {
                CHECK(b.identity == retort::catalog::identity_kind::none);  // NOT DECLARED
            } else if (want.name == "invoice" && a.name == "number") {
                CHECK(!b.default_sql);  // NOT DECLARED: the sequence default
            } else {
                CHECK(b.nullable == a.nullable);
                CHECK(b.default_sql == a.default_sql);
                CHECK(b.identity == a.identity);
            }
        }
        REQUIRE(have->foreign_keys.size() == want.foreign_keys.size());
        for (std::size_t i = 0; i < want.foreign_keys.size(); ++i) {
            CHECK(have->foreign_keys[i].name == want.foreign_keys[i].name);
            CHECK(have->foreign_keys[i].columns == want.foreign_keys[i].columns);
            CHECK(have->foreign_keys[i].ref_table == want.foreign_keys[i].ref_table);
        }
        CHECK(have->triggers.size() == (want.name == "film" ? 0u : want.triggers.size()));  // NOT DECLARED
        REQUIRE(have->indexes.size() == want.indexes.size());
        for (std::size_t i = 0; i < want.indexes.size(); ++i) {
            INFO("index " << want.indexes[i].name);
            CHECK(have->indexes[i].name == want.indexes[i].name);
            CHECK(have->indexes[i].method == want.indexes[i].method);
            CHECK(have->indexes[i].columns == want.indexes[i].columns);
            CHECK(have->indexes[i].unique == want.indexes[i].unique);
        }
    }

    // The models read and write the database: enum, interval, tsvector, char(3).
    auto conn = e.connect();
    conn.execute(retort::insert(wild_pg::Dept{1, "R&D", std::nullopt}));
    conn.execute(retort::insert(wild_pg::Employee{10, "Ann", 1}));
    conn.execute_script("UPDATE dept SET manager_id = 10");
    wild_pg::Film f{};
    f.title = "Alien";
    f.rating = wild_pg::RatingKind::R;
    f.rental_duration = std::chrono::hours{52};  // an interval: "2 days 04:00:00" reads back as 52 hours
    f.fulltext = "alien space";
    f.language_code = "en";
    f.ticket = 7;
    f.last_update = std::chrono::sys_days{std::chrono::year{2026} / 1 / 2};
    conn.execute(retort::insert(f));
    const auto films = conn.execute(retort::select<wild_pg::Film>()).all();
    REQUIRE(films.size() == 1);
    CHECK(films[0].rating == wild_pg::RatingKind::R);
    CHECK(films[0].rental_duration == std::chrono::hours{52});
    CHECK(films[0].fulltext == "'alien' 'space'");
    CHECK(films[0].language_code == "en ");  // char(3) pads
    retort::drop_all<wild_pg::Dept, wild_pg::Employee, wild_pg::Film, wild_pg::Invoice, wild_pg::Note, wild_pg::Rental,
                     wild_pg::StaffNote>(e);
    const auto after = retort::inspect(e);
    CHECK(after.tables.empty());
    CHECK(after.enums.empty());
}
#endif

#if defined(RETORT_TEST_SQLITE)
#include "generated/wild_sqlite.hpp"

TEST_CASE("wild schema (SQLite): the checked-in header is what schema_gen writes; create_all and the view's types work") {
    auto live_engine = empty_engine("wild_live");
    {
        auto conn = live_engine.connect();
        conn.execute_script(test_support::read_text(source_dir() + "/sql/wild_sqlite.sql"));
    }
    const auto live = retort::inspect(live_engine);
    const auto generated = retort::schema_gen::generate(live, {.ns = "wild_sqlite", .views = true});
    const auto checked_in = test_support::read_text(source_dir() + "/generated/wild_sqlite.hpp");
    std::string fresh = generated.header, have = checked_in;
    for (auto* h : {&fresh, &have}) {
        std::string out;
        std::size_t pos = 0;
        while (pos < h->size()) {
            auto end = h->find('\n', pos);
            if (end == std::string::npos) end = h->size();
            const auto line = h->substr(pos, end - pos);
            if (!line.starts_with("// Generated by") && !line.starts_with("// Command:")) out += line + "\n";
            pos = end + 1;
        }
        *h = out;
    }
    INFO("regenerate with the command in wild_sqlite.hpp's banner");
    CHECK(fresh == have);
    REQUIRE(generated.warnings.size() == 1);
    CHECK(contains(generated.warnings[0], "trigger 'employee_touch' is not declared"));
    CHECK(live.find("employee")->triggers.size() == 1);

    const auto report = retort::check_schema<wild_sqlite::Dept, wild_sqlite::Employee>(live_engine);
    INFO(report.to_string());
    CHECK(report.ok());

    auto e = empty_engine("wild_made");
    retort::create_all<wild_sqlite::Dept, wild_sqlite::Employee>(e);
    const auto made = retort::inspect(e);
    for (const char* name : {"dept", "employee"}) {
        INFO("table " << name);
        const auto& a = *live.find(name);
        const auto& b = *made.find(name);
        REQUIRE(b.columns.size() == a.columns.size());
        for (std::size_t i = 0; i < a.columns.size(); ++i) {
            INFO("column " << a.columns[i].name);
            CHECK(b.columns[i].cpp_type == a.columns[i].cpp_type);
            CHECK(b.columns[i].nullable == a.columns[i].nullable);
            CHECK(b.columns[i].default_sql == a.columns[i].default_sql);
        }
        CHECK(b.foreign_keys.size() == a.foreign_keys.size());
        CHECK(b.checks.size() == a.checks.size());
        CHECK(b.triggers.empty());  // NOT DECLARED
    }
    CHECK(made.find("employee")->find_column("country")->declared_type == "CHAR(2)");

    // The view, made from its own text, reads through the generated struct with the inferred types.
    auto conn = e.connect();
    conn.execute_script(live.find("dept_size")->sql);
    conn.execute(retort::insert(wild_sqlite::Dept{0, "R&D", std::nullopt}));
    conn.execute_script("INSERT INTO employee (name, dept_id, updated) VALUES ('Ann', 1, '2026-01-02 03:04:05')");
    const auto rows = conn.execute(retort::select<wild_sqlite::DeptSize>()).all();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].people == 1);
    CHECK(rows[0].label == "R&D (1)");
    REQUIRE(rows[0].last_change);
    CHECK(*rows[0].last_change == std::chrono::sys_days{std::chrono::year{2026} / 1 / 2} + std::chrono::hours{3} +
                                      std::chrono::minutes{4} + std::chrono::seconds{5});
    retort::drop_all<wild_sqlite::Dept, wild_sqlite::Employee>(e);
}
#endif
