// tests/chinook/chinook_tests.cpp — the 15 Chinook queries (queries.hpp) on the real
// Chinook data, every row checked against tests/data/chinook/queries.json.
//
// One source, built twice (tests/chinook/meson.build):
//   -DRETORT_TEST_SQLITE      loads sqlite/Chinook_Sqlite.sql into a fresh SQLite file in
//                             the build directory (CHINOOK_SQLITE_FILE)
//   -DRETORT_TEST_POSTGRESQL  creates a fresh database "retort_chinook" through
//                             $RETORT_TEST_PG_ADMIN_URL and loads pg/Chinook_PostgreSql.sql
//
// Comparison: each result row is turned into the JSON that queries.json records for the
// engine (its header explains the encoding) and compared as canonical JSON text:
//   sqlite  std::int64_t -> JSON integer; double -> JSON number as Python's repr writes it
//           ("243.8", "0.0"); text -> string; NULL -> null
//   pg      every value as the text the server sent: integers in decimal, retort::decimal
//           and std::string as read (both keep the server's text, e.g. "243.80"); NULL -> null
#include <doctest/doctest.h>

#include <retort/inspect/check.hpp>
#include <retort/retort.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "json.hpp"
#include "queries.hpp"

namespace {

namespace json = chinook::json;

// ---- which database -----------------------------------------------------------------

#if defined(RETORT_TEST_SQLITE)
using schema = chinook::sqlite_schema::schema;
constexpr std::string_view engine_key = "sqlite";
#elif defined(RETORT_TEST_POSTGRESQL)
using schema = chinook::pg_schema::schema;
constexpr std::string_view engine_key = "pg";
#else
#error "build the Chinook tests with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif
using dialect = schema::dialect;
constexpr bool on_pg = std::is_same_v<dialect, retort::postgresql>;

std::filesystem::path data_dir() {
    const char* d = std::getenv("RETORT_TEST_DATA");
    if (d == nullptr || *d == '\0') throw std::runtime_error("RETORT_TEST_DATA is not set (meson's test_env sets it)");
    return std::filesystem::path(d) / "chinook";
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// ---- loading Chinook into a fresh database -------------------------------------------

#if defined(RETORT_TEST_SQLITE)

std::string chinook_url() {
    const std::filesystem::path file = CHINOOK_SQLITE_FILE;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    auto engine = retort::create_engine("sqlite:///" + file.string());
    auto conn = engine.connect();
    const std::string script = read_file(data_dir() / "sqlite" / "Chinook_Sqlite.sql");
    auto tx = conn.begin();
    conn.execute_script(script);
    tx.commit();
    return "sqlite:///" + file.string();
}

#else

/// The admin URL with its database name replaced by `db`.
std::string with_database(std::string url, std::string_view db) {
    const auto query = url.find('?');
    const auto slash = url.rfind('/', query);
    if (slash == std::string::npos || slash < url.find("://") + 3)
        throw std::runtime_error("cannot find the database name in " + url);
    return url.replace(slash + 1, (query == std::string::npos ? url.size() : query) - slash - 1, db);
}

std::string chinook_url() {
    const char* admin = std::getenv("RETORT_TEST_PG_ADMIN_URL");
    if (admin == nullptr || *admin == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_ADMIN_URL is not set: the Chinook PostgreSQL test creates its own database. Run it as "
            "`source scripts/pg; pg_start; meson test -C build --suite postgresql; pg_stop`");
    {
        auto engine = retort::create_engine(admin);
        auto conn = engine.connect();
        conn.execute_script("DROP DATABASE IF EXISTS retort_chinook");
        conn.execute_script("CREATE DATABASE retort_chinook");
    }
    // The script drops and creates its own database "chinook" and connects to it with
    // psql's \c; we run what follows that line in the database made above.
    const std::string script = read_file(data_dir() / "pg" / "Chinook_PostgreSql.sql");
    constexpr std::string_view connect_line = "\\c chinook;";
    const auto at = script.find(connect_line);
    if (at == std::string::npos) throw std::runtime_error("pg/Chinook_PostgreSql.sql: no '\\c chinook;' line");
    const std::string url = with_database(admin, "retort_chinook");
    auto engine = retort::create_engine(url);
    auto conn = engine.connect();
    auto tx = conn.begin();
    conn.execute_script(std::string_view(script).substr(at + connect_line.size()));
    tx.commit();
    return url;
}

#endif

/// The loaded database, once per process; every test case reads it.
struct chinook_db {
    retort::engine engine;
    retort::connection conn;
    json::value expected;

    chinook_db()
        : engine(retort::create_engine(chinook_url())),
          conn(engine.connect()),
          expected(json::parse(read_file(data_dir() / "queries.json"))) {}
};

chinook_db& db() {
    static chinook_db instance;
    return instance;
}

// ---- a retort row as queries.json encodes it -------------------------------------------

/// Python's repr of a float (what json.dump writes): shortest round-trip digits, fixed
/// notation for 1e-4 <= |x| < 1e16 with at least one fractional digit, else scientific.
[[maybe_unused]] std::string python_float_repr(double x) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    const double ax = std::fabs(x);
    if (ax == 0 || (ax >= 1e-4 && ax < 1e16)) {
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
        std::string s(buf, end);
        if (s.find('.') == std::string::npos) s += ".0";
        return s;
    }
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    return std::string(buf, end);
}

json::value json_number(std::string token) {
    json::value v;
    v.type = json::value::kind::number;
    v.text = std::move(token);
    return v;
}
json::value json_string(std::string text) {
    json::value v;
    v.type = json::value::kind::string;
    v.text = std::move(text);
    return v;
}

template <class T>
json::value encode(const T& v) {
    if constexpr (retort::is_optional_v<T>) {
        return v ? encode(*v) : json::value{};
    } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        return on_pg ? json_string(std::to_string(v)) : json_number(std::to_string(v));
    } else if constexpr (std::is_floating_point_v<T>) {
        if constexpr (on_pg) {
            char buf[64];
            const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // extra_float_digits=1: shortest exact
            return json_string(std::string(buf, end));
        } else {
            return json_number(python_float_repr(v));
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        return json_string(v);
    } else if constexpr (requires { T::precision; T::scale; v.text; }) {  // retort::decimal: the server's text
        return json_string(v.text);
    } else {
        static_assert(retort::detail::always_false<T>, "no JSON encoding for this value type");
    }
}

template <class Row>
std::string encode_row(const Row& row) {
    json::value out;
    out.type = json::value::kind::array;
    std::apply([&](const auto&... v) { (out.items.push_back(encode(v)), ...); }, row);
    return json::write(out);
}

const json::value& expected_for(std::string_view id) {
    for (const auto& q : db().expected["queries"].items)
        if (q["id"].text == id) return q[engine_key];
    throw std::runtime_error("queries.json has no query " + std::string(id));
}

/// Runs q and checks every row, in order, against queries.json.
template <class Q>
void check_query(std::string_view id, const Q& q) {
    const json::value& expected = expected_for(id);
    INFO("query " << id << " (" << engine_key << "): " << retort::sql<Q, dialect>);
    std::vector<std::string> actual;
    for (const auto& row : db().conn.execute(q)) actual.push_back(encode_row(row));
    const auto& rows = expected["rows"].items;
    CHECK(actual.size() == rows.size());
    CHECK(std::to_string(rows.size()) == expected["row_count"].text);
    for (std::size_t i = 0; i < rows.size() && i < actual.size(); ++i) {
        INFO("row " << i);
        CHECK(actual[i] == json::write(rows[i]));
    }
}

}  // namespace

TEST_CASE("chinook: load") {
    REQUIRE_NOTHROW(db());
    CHECK(db().expected["queries"].items.size() == 15);
}

TEST_CASE("q01 top 10 artists by number of tracks") { check_query("q01", chinook::q01<schema>()); }
TEST_CASE("q02 revenue per billing country") { check_query("q02", chinook::q02<schema>()); }
TEST_CASE("q03 sales by genre") { check_query("q03", chinook::q03<schema>()); }
TEST_CASE("q04 employees, managers, customers") { check_query("q04", chinook::q04<schema>()); }
TEST_CASE("q05 customers above average spend") { check_query("q05", chinook::q05<schema>()); }
TEST_CASE("q06 best customers per country") { check_query("q06", chinook::q06<schema>()); }
TEST_CASE("q07 monthly revenue 2024, running total") { check_query("q07", chinook::q07<schema>()); }
TEST_CASE("q08 tracks never sold per media type") { check_query("q08", chinook::q08<schema>()); }
TEST_CASE("q09 playlists, tracks and hours") { check_query("q09", chinook::q09<schema>()); }
TEST_CASE("q10 longest track per genre") { check_query("q10", chinook::q10<schema>()); }
TEST_CASE("q11 invoice lines of invoices 1, 2, 100") { check_query("q11", chinook::q11<schema>()); }
TEST_CASE("q12 support representative performance") { check_query("q12", chinook::q12<schema>()); }
TEST_CASE("q13 genres with unknown composers") { check_query("q13", chinook::q13<schema>()); }
TEST_CASE("q14 customers per e-mail domain") { check_query("q14", chinook::q14<schema>()); }
TEST_CASE("q15 yearly revenue, previous year, change") { check_query("q15", chinook::q15<schema>()); }

TEST_CASE("chinook: the hand-written models match the loaded database") {
    namespace m = chinook;
    retort::check_options options;
    options.extra_keys = false;  // the models declare primary keys only, no foreign keys or indexes
    const auto report = retort::check_schema<m::Artist<schema>, m::Album<schema>, m::Customer<schema>,
                                             m::Employee<schema>, m::Genre<schema>, m::Invoice<schema>,
                                             m::InvoiceLine<schema>, m::MediaType<schema>, m::Playlist<schema>,
                                             m::PlaylistTrack<schema>, m::Track<schema>>(db().engine, options);
    // The deliberate choices of models.hpp, and nothing else: DATETIME / TIMESTAMP columns
    // are read as text (both engines), and on SQLite NUMERIC(10,2) money is double.
    const auto deliberate = [](const retort::schema_difference& d) {
        const std::string column = d.table + "." + d.column;
        const bool datetime = column == "Employee.BirthDate" || column == "Employee.HireDate" ||
                              column == "Invoice.InvoiceDate" || column == "employee.birth_date" ||
                              column == "employee.hire_date" || column == "invoice.invoice_date";
        const bool money = !on_pg && (column == "Invoice.Total" || column == "InvoiceLine.UnitPrice" ||
                                      column == "Track.UnitPrice");
        return (datetime || money) && d.message.rfind("type:", 0) == 0;
    };
    std::size_t deliberate_count = 0;
    for (const auto& d : report.differences) {
        INFO("table '" << d.table << "', column '" << d.column << "': " << d.message);
        if (deliberate(d))
            ++deliberate_count;
        else
            FAIL_CHECK("the model differs from the database");
    }
    CHECK(deliberate_count == (on_pg ? 3u : 6u));
}
