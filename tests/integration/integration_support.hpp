// tests/integration/integration_support.hpp — what every integration test file shares:
// which database the build targets, a connection to it, catalog views that show what DDL
// really made, and small helpers.
//
// The integration suite is one program per database, built from the files next to this
// one (one topic each):
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
//                                                            (scripts/pg's pg_start sets it)
// Every test case owns its tables (their names start with the case's area) and drops
// them first, so the cases run in any order and after an interrupted run. Every check
// reads back what the database really stored.
#pragma once

#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

using retort::c;
using namespace std::chrono_literals;
using micros_time = std::chrono::sys_time<std::chrono::microseconds>;

// ---- which database ----------------------------------------------------------------

#if defined(RETORT_TEST_SQLITE)

constexpr retort::dialect_id test_dialect = retort::dialect_id::sqlite;

/// A SQLite file in the build directory, deleted (with its journals) before first use.
inline std::string test_url() {
    static const std::string url = [] {
        const std::filesystem::path file = RETORT_TEST_SQLITE_FILE;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            std::filesystem::remove(file.string() + suffix);
        return "sqlite:///" + file.string();  // the path is absolute: sqlite:////...
    }();
    return url;
}

#elif defined(RETORT_TEST_POSTGRESQL)

constexpr retort::dialect_id test_dialect = retort::dialect_id::postgresql;

/// The server scripts/pg started. Without it every test fails with this message.
inline std::string test_url() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_URL is not set: the PostgreSQL integration tests need a server. Run them as "
            "`source scripts/pg; pg_start; meson test -C build --suite postgresql; pg_stop`");
    return url;
}

#else
#error "build the integration tests with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif

constexpr bool on_sqlite = test_dialect == retort::dialect_id::sqlite;

/// An engine for the test database and one connection from it.
struct database {
    retort::engine engine = retort::create_engine(test_url());
    retort::connection conn = engine.connect();
};

// ---- the catalog, read through two views, so tests can see what DDL really made --------

struct CatalogEntry {
    std::string kind;  // "table" or "index"
    std::string name;
    std::string table_name;
};
template <>
inline constexpr auto retort::table_of<CatalogEntry> = retort::table<CatalogEntry>("test_catalog");

struct CatalogColumn {
    std::string table_name;
    std::string name;
    std::string type;
    bool not_null;
    std::optional<std::string> default_sql;
};
template <>
inline constexpr auto retort::table_of<CatalogColumn> = retort::table<CatalogColumn>("test_columns");

inline void create_catalog_views(retort::connection& conn) {
    if constexpr (on_sqlite) {
        conn.execute_script(
            "CREATE VIEW IF NOT EXISTS test_catalog AS "
            "SELECT type AS kind, name, tbl_name AS table_name FROM sqlite_master "
            "WHERE type IN ('table', 'index');"
            "CREATE VIEW IF NOT EXISTS test_columns AS "
            "SELECT m.name AS table_name, p.name AS name, p.type AS type, p.\"notnull\" AS not_null, "
            "p.dflt_value AS default_sql FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table'");
    } else {
        conn.execute_script(
            "CREATE OR REPLACE VIEW test_catalog AS "
            "SELECT 'table'::text AS kind, table_name::text AS name, table_name::text AS table_name "
            "FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
            "UNION ALL SELECT 'index'::text, indexname::text, tablename::text FROM pg_indexes "
            "WHERE schemaname = 'public';"
            "CREATE OR REPLACE VIEW test_columns AS "
            "SELECT cl.relname::text AS table_name, a.attname::text AS name, "
            "format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null, "
            "pg_get_expr(d.adbin, d.adrelid) AS default_sql "
            "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE n.nspname = 'public' AND cl.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped");
    }
}

inline bool table_exists(retort::connection& conn, std::string_view name) {
    return conn
        .execute(retort::select<CatalogEntry>().where(c<&CatalogEntry::kind> == "table" &&
                                                      c<&CatalogEntry::name> == name))
        .first()
        .has_value();
}

inline std::optional<CatalogEntry> find_index(retort::connection& conn, std::string_view name) {
    return conn
        .execute(retort::select<CatalogEntry>().where(c<&CatalogEntry::kind> == "index" &&
                                                      c<&CatalogEntry::name> == name))
        .first();
}

inline std::optional<CatalogColumn> find_column(retort::connection& conn, std::string_view table, std::string_view column) {
    return conn
        .execute(retort::select<CatalogColumn>().where(c<&CatalogColumn::table_name> == table &&
                                                       c<&CatalogColumn::name> == column))
        .first();
}

// ---- small helpers ---------------------------------------------------------------------

/// "a,b,c": readable in a failed CHECK, unlike a vector.
inline std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += ',';
        out += s;
    }
    return out;
}

/// Runs a select of one text column and joins the values.
template <class Query>
inline std::string column_values(retort::connection& conn, const Query& q) {
    std::vector<std::string> out;
    for (const auto& [value] : conn.execute(q)) out.push_back(value);
    return joined(out);
}

/// Number of rows in the table of column Key (selects that column).
template <auto Key>
std::size_t row_count(retort::connection& conn) {
    return conn.execute(retort::select(c<Key>)).all().size();
}

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

inline retort::blob bytes(std::initializer_list<unsigned char> values) {
    retort::blob out;
    for (unsigned char v : values) out.push_back(static_cast<std::byte>(v));
    return out;
}

inline micros_time at(std::chrono::year_month_day day, std::chrono::microseconds time_of_day) {
    return std::chrono::sys_days{day} + time_of_day;
}

