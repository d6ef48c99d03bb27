// tests/integration/integration_tests.cpp — retort against a real database.
//
// One source, built twice:
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
//                                                            (scripts/pg's pg_start sets it)
// Every test case owns its tables (their names start with the case's area) and drops
// them first, so the cases run in any order and after an interrupted run. Every check
// reads back what the database really stored.
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
std::string test_url() {
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
std::string test_url() {
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

void create_catalog_views(retort::connection& conn) {
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

bool table_exists(retort::connection& conn, std::string_view name) {
    return conn
        .execute(retort::select<CatalogEntry>().where(c<&CatalogEntry::kind> == "table" &&
                                                      c<&CatalogEntry::name> == name))
        .first()
        .has_value();
}

std::optional<CatalogEntry> find_index(retort::connection& conn, std::string_view name) {
    return conn
        .execute(retort::select<CatalogEntry>().where(c<&CatalogEntry::kind> == "index" &&
                                                      c<&CatalogEntry::name> == name))
        .first();
}

std::optional<CatalogColumn> find_column(retort::connection& conn, std::string_view table, std::string_view column) {
    return conn
        .execute(retort::select<CatalogColumn>().where(c<&CatalogColumn::table_name> == table &&
                                                       c<&CatalogColumn::name> == column))
        .first();
}

// ---- small helpers ---------------------------------------------------------------------

/// "a,b,c": readable in a failed CHECK, unlike a vector.
std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += ',';
        out += s;
    }
    return out;
}

/// Runs a select of one text column and joins the values.
template <class Query>
std::string column_values(retort::connection& conn, const Query& q) {
    std::vector<std::string> out;
    for (const auto& [value] : conn.execute(q)) out.push_back(value);
    return joined(out);
}

/// Number of rows in the table of column Key (selects that column).
template <auto Key>
std::size_t row_count(retort::connection& conn) {
    return conn.execute(retort::select(c<Key>)).all().size();
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

retort::blob bytes(std::initializer_list<unsigned char> values) {
    retort::blob out;
    for (unsigned char v : values) out.push_back(static_cast<std::byte>(v));
    return out;
}

micros_time at(std::chrono::year_month_day day, std::chrono::microseconds time_of_day) {
    return std::chrono::sys_days{day} + time_of_day;
}

// =======================================================================================
// 1. DDL: create_all / drop_all, and what every table option makes the database do
// =======================================================================================

struct DdlAuthor {
    std::int64_t id;
    std::string name;
    std::string email;
    std::int32_t age;
    std::int32_t rank;
};
template <>
inline constexpr auto retort::table_of<DdlAuthor> = retort::table<DdlAuthor>(
    "ddl_authors", retort::primary_key<&DdlAuthor::id>, retort::unique<&DdlAuthor::email>,
    retort::index<&DdlAuthor::name>, retort::check("ddl_authors_age_nonneg", "age >= 0"),
    retort::varchar<&DdlAuthor::name, 80>, retort::server_default<&DdlAuthor::rank>("7"));

struct DdlBook {
    std::int64_t id;
    std::int64_t author_id;
    std::string title;
};
template <>
inline constexpr auto retort::table_of<DdlBook> = retort::table<DdlBook>(
    "ddl_books", retort::primary_key<&DdlBook::id>,
    retort::foreign_key<&DdlBook::author_id, &DdlAuthor::id>(retort::on_delete::cascade, retort::on_update::cascade));

struct DdlReview {
    std::int64_t id;
    std::optional<std::int64_t> author_id;
    std::string body;
};
template <>
inline constexpr auto retort::table_of<DdlReview> = retort::table<DdlReview>(
    "ddl_reviews", retort::primary_key<&DdlReview::id>, retort::unique_index<&DdlReview::body>,
    retort::foreign_key<&DdlReview::author_id, &DdlAuthor::id>(retort::on_delete::set_null, retort::on_update::cascade));

struct DdlLabel {
    std::int64_t id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<DdlLabel> = retort::table<DdlLabel>(
    "ddl_labels", retort::primary_key<&DdlLabel::id>, retort::column_name<&DdlLabel::text>("Label Text"));

// A parent and a child whose key has no referential action: dropping the parent first
// fails on both databases while the child still has rows.
struct DdlParent {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<DdlParent> =
    retort::table<DdlParent>("ddl_parents", retort::primary_key<&DdlParent::id>);

struct DdlChild {
    std::int64_t id;
    std::int64_t parent_id;
};
template <>
inline constexpr auto retort::table_of<DdlChild> = retort::table<DdlChild>(
    "ddl_children", retort::primary_key<&DdlChild::id>, retort::foreign_key<&DdlChild::parent_id, &DdlParent::id>);

void reset_ddl_tables(retort::connection& conn) {
    create_catalog_views(conn);
    retort::drop_all<DdlAuthor, DdlBook, DdlReview, DdlLabel, DdlParent, DdlChild>(conn);
}

TEST_CASE("create_all creates referenced tables first, is a no-op the second time, and drop_all removes them") {
    database db;
    auto& conn = db.conn;
    reset_ddl_tables(conn);
    REQUIRE_FALSE(table_exists(conn, "ddl_authors"));

    // Listed children first: create_all must still create ddl_authors before the tables
    // that reference it (PostgreSQL refuses a REFERENCES to a missing table).
    retort::create_all<DdlReview, DdlBook, DdlChild, DdlAuthor, DdlLabel, DdlParent>(conn);
    for (const char* name : {"ddl_authors", "ddl_books", "ddl_reviews", "ddl_labels", "ddl_parents", "ddl_children"})
        CHECK_MESSAGE(table_exists(conn, name), "table ", name, " is missing after create_all");

    DdlParent parent{0, "p"};
    conn.execute(retort::insert(parent));
    conn.execute(retort::insert(DdlChild{0, parent.id}));
    conn.execute(retort::insert(DdlLabel{0, "kept"}));

    SUBCASE("a second create_all keeps the existing tables and their rows") {
        CHECK_NOTHROW(retort::create_all<DdlReview, DdlBook, DdlChild, DdlAuthor, DdlLabel, DdlParent>(conn));
        CHECK(row_count<&DdlParent::id>(conn) == 1);
        CHECK(row_count<&DdlChild::id>(conn) == 1);
        CHECK(column_values(conn, retort::select(c<&DdlLabel::text>)) == "kept");
        CHECK(find_index(conn, "ix_ddl_authors_name").has_value());
    }
    SUBCASE("drop_all drops referencing tables first even when listed last, with rows present") {
        CHECK_NOTHROW(retort::drop_all<DdlParent, DdlAuthor, DdlLabel, DdlChild, DdlBook, DdlReview>(conn));
        for (const char* name :
             {"ddl_authors", "ddl_books", "ddl_reviews", "ddl_labels", "ddl_parents", "ddl_children"})
            CHECK_MESSAGE(!table_exists(conn, name), "table ", name, " still exists after drop_all");
        CHECK_FALSE(find_index(conn, "ix_ddl_authors_name").has_value());
        CHECK_NOTHROW(retort::drop_all<DdlParent, DdlChild>(conn));  // IF EXISTS: nothing left to drop
    }
    SUBCASE("dropping the referenced table alone fails while a child row points at it") {
        CHECK_THROWS_AS(conn.execute(retort::drop_table<DdlParent>()), retort::error);
        CHECK(table_exists(conn, "ddl_parents"));
        CHECK(row_count<&DdlParent::id>(conn) == 1);
    }
}

TEST_CASE("create_table / drop_table statements, with and without IF [NOT] EXISTS") {
    database db;
    auto& conn = db.conn;
    reset_ddl_tables(conn);

    conn.execute(retort::create_table<DdlParent>());
    CHECK(table_exists(conn, "ddl_parents"));
    CHECK_THROWS_AS(conn.execute(retort::create_table<DdlParent>()), retort::programming_error);
    CHECK_NOTHROW(conn.execute(retort::create_table_if_not_exists<DdlParent>()));
    conn.execute(retort::drop_table<DdlParent>());
    CHECK_FALSE(table_exists(conn, "ddl_parents"));
    CHECK_THROWS_AS(conn.execute(retort::drop_table<DdlParent>()), retort::programming_error);
    CHECK_NOTHROW(conn.execute(retort::drop_table_if_exists<DdlParent>()));
}

TEST_CASE("table options reach the database: unique, index, check, default, varchar, NOT NULL, column_name") {
    database db;
    auto& conn = db.conn;
    reset_ddl_tables(conn);
    retort::create_all<DdlAuthor, DdlBook, DdlReview, DdlLabel>(conn);

    SUBCASE("unique rejects a second equal value") {
        conn.execute(retort::insert(DdlAuthor{0, "ann", "a@x", 30, 1}));
        CHECK_THROWS_AS(conn.execute(retort::insert(DdlAuthor{0, "other", "a@x", 30, 1})), retort::integrity_error);
        CHECK(row_count<&DdlAuthor::id>(conn) == 1);
    }
    SUBCASE("index and unique_index exist under their documented names") {
        const auto ix = find_index(conn, "ix_ddl_authors_name");
        REQUIRE(ix.has_value());
        CHECK(ix->table_name == "ddl_authors");
        const auto uq = find_index(conn, "uq_ddl_reviews_body");
        REQUIRE(uq.has_value());
        CHECK(uq->table_name == "ddl_reviews");
        conn.execute(retort::insert(DdlReview{0, std::nullopt, "same"}));
        CHECK_THROWS_AS(conn.execute(retort::insert(DdlReview{0, std::nullopt, "same"})), retort::integrity_error);
    }
    SUBCASE("check rejects a row that breaks it") {
        CHECK_THROWS_AS(conn.execute(retort::insert(DdlAuthor{0, "neg", "n@x", -1, 1})), retort::integrity_error);
        CHECK(row_count<&DdlAuthor::id>(conn) == 0);
    }
    SUBCASE("server_default fills a column the INSERT leaves out") {
        conn.execute_script("INSERT INTO ddl_authors (name, email, age) VALUES ('dee', 'd@x', 40)");
        const auto dee = conn.execute(retort::select<DdlAuthor>().where(c<&DdlAuthor::name> == "dee")).one();
        CHECK(dee.rank == 7);
        CHECK(dee.age == 40);
        const auto col = find_column(conn, "ddl_authors", "rank");
        REQUIRE(col.has_value());
        CHECK(col->default_sql == std::optional<std::string>("7"));
    }
    SUBCASE("varchar declares the length") {
        const auto col = find_column(conn, "ddl_authors", "name");
        REQUIRE(col.has_value());
        CHECK(col->type == (on_sqlite ? "VARCHAR(80)" : "character varying(80)"));
        const std::string fits(80, 'x');
        conn.execute(retort::insert(DdlAuthor{0, fits, "f@x", 1, 1}));
        CHECK(column_values(conn, retort::select(c<&DdlAuthor::name>)) == fits);
        if constexpr (!on_sqlite) {  // SQLite does not enforce a declared length
            CHECK_THROWS_AS(conn.execute(retort::insert(DdlAuthor{0, fits + "y", "g@x", 1, 1})), retort::data_error);
        }
    }
    SUBCASE("non-optional fields are NOT NULL, std::optional fields are NULL-able") {
        CHECK(find_column(conn, "ddl_authors", "email").value().not_null);
        CHECK(find_column(conn, "ddl_books", "author_id").value().not_null);
        CHECK_FALSE(find_column(conn, "ddl_reviews", "author_id").value().not_null);
    }
    SUBCASE("column_name renames the SQL column in DDL and in every statement") {
        CHECK(find_column(conn, "ddl_labels", "Label Text").has_value());
        CHECK_FALSE(find_column(conn, "ddl_labels", "text").has_value());
        DdlLabel label{0, "first"};
        conn.execute(retort::insert(label));
        CHECK(conn.execute(retort::update<DdlLabel>()
                               .set(c<&DdlLabel::text> = "renamed")
                               .where(c<&DdlLabel::text> == "first")) == 1);
        const auto back = conn.execute(retort::select<DdlLabel>().where(c<&DdlLabel::id> == label.id)).one();
        CHECK(back.text == "renamed");
    }
}

TEST_CASE("foreign key actions: ON DELETE CASCADE deletes children, SET NULL nulls them, ON UPDATE CASCADE follows") {
    database db;
    auto& conn = db.conn;
    reset_ddl_tables(conn);
    retort::create_all<DdlAuthor, DdlBook, DdlReview>(conn);

    DdlAuthor ann{0, "ann", "a@x", 30, 1};
    DdlAuthor bob{0, "bob", "b@x", 40, 1};
    conn.execute(retort::insert(ann));
    conn.execute(retort::insert(bob));
    conn.execute(retort::insert(DdlBook{0, ann.id, "ann 1"}));
    conn.execute(retort::insert(DdlBook{0, ann.id, "ann 2"}));
    conn.execute(retort::insert(DdlBook{0, bob.id, "bob 1"}));
    conn.execute(retort::insert(DdlReview{0, ann.id, "about ann"}));
    conn.execute(retort::insert(DdlReview{0, bob.id, "about bob"}));

    SUBCASE("deleting a parent cascades to its books and nulls its reviews") {
        CHECK(conn.execute(retort::delete_from<DdlAuthor>().where(c<&DdlAuthor::id> == ann.id)) == 1);
        CHECK(column_values(conn, retort::select(c<&DdlBook::title>).order_by(c<&DdlBook::title>)) == "bob 1");
        const auto reviews = conn.execute(retort::select<DdlReview>().order_by(c<&DdlReview::body>)).all();
        REQUIRE(reviews.size() == 2);
        CHECK(reviews[0].body == "about ann");
        CHECK_FALSE(reviews[0].author_id.has_value());
        CHECK(reviews[1].author_id == std::optional<std::int64_t>(bob.id));
    }
    SUBCASE("changing a parent key cascades to its books") {
        CHECK(conn.execute(retort::update<DdlAuthor>()
                               .set(c<&DdlAuthor::id> = std::int64_t{1000})
                               .where(c<&DdlAuthor::id> == bob.id)) == 1);
        const auto book =
            conn.execute(retort::select<DdlBook>().where(c<&DdlBook::title> == "bob 1")).one();
        CHECK(book.author_id == 1000);
        const auto review =
            conn.execute(retort::select<DdlReview>().where(c<&DdlReview::body> == "about bob")).one();
        CHECK(review.author_id == std::optional<std::int64_t>(1000));
    }
}

// =======================================================================================
// 2. INSERT and keys
// =======================================================================================

struct InsPerson {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<InsPerson> =
    retort::table<InsPerson>("ins_people", retort::primary_key<&InsPerson::id>);

struct InsSmallKey {
    std::int32_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<InsSmallKey> =
    retort::table<InsSmallKey>("ins_small_keys", retort::primary_key<&InsSmallKey::id>);

struct InsCode {
    std::int64_t code;
    std::string label;
};
template <>
inline constexpr auto retort::table_of<InsCode> =
    retort::table<InsCode>("ins_codes", retort::primary_key<&InsCode::code>, retort::assigned_key);

struct InsMembership {
    std::int64_t group_id;
    std::int64_t member_id;
    std::string role;
};
template <>
inline constexpr auto retort::table_of<InsMembership> = retort::table<InsMembership>(
    "ins_memberships", retort::primary_key<&InsMembership::group_id, &InsMembership::member_id>);

struct InsTicket {
    std::int64_t id;
    std::string note;
};
template <>
inline constexpr auto retort::table_of<InsTicket> = retort::table<InsTicket>(
    "ins_tickets", retort::primary_key<&InsTicket::id>, retort::autoincrement<&InsTicket::id>);

void reset_insert_tables(retort::connection& conn) {
    retort::drop_all<InsPerson, InsSmallKey, InsCode, InsMembership, InsTicket>(conn);
    retort::create_all<InsPerson, InsSmallKey, InsCode, InsMembership, InsTicket>(conn);
}

TEST_CASE("insert returns the generated key, writes it back, and keys increase") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);

    InsPerson ann{0, "ann"};
    const std::int64_t ann_key = conn.execute(retort::insert(ann));
    CHECK(ann_key > 0);
    CHECK(ann.id == ann_key);

    InsPerson bob{0, "bob"};
    const std::int64_t bob_key = conn.execute(retort::insert(bob));
    CHECK(bob.id == bob_key);
    CHECK(bob_key > ann_key);

    // An rvalue is inserted as a copy: the key only comes back as the result.
    const std::int64_t cid_key = conn.execute(retort::insert(InsPerson{0, "cid"}));
    CHECK(cid_key > bob_key);

    // The key field's value is ignored: the database chooses.
    InsPerson dee{999'999, "dee"};
    const std::int64_t dee_key = conn.execute(retort::insert(dee));
    CHECK(dee_key > cid_key);
    CHECK(dee_key != 999'999);
    CHECK(dee.id == dee_key);

    const auto rows = conn.execute(retort::select<InsPerson>().order_by(c<&InsPerson::id>)).all();
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].id == ann_key);
    CHECK(rows[0].name == "ann");
    CHECK(rows[1].id == bob_key);
    CHECK(rows[1].name == "bob");
    CHECK(rows[2].id == cid_key);
    CHECK(rows[2].name == "cid");
    CHECK(rows[3].id == dee_key);
    CHECK(rows[3].name == "dee");
}

TEST_CASE("a generated key of a narrower integer type is written back") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);
    InsSmallKey a{0, "a"};
    InsSmallKey b{0, "b"};
    const auto ka = conn.execute(retort::insert(a));
    const auto kb = conn.execute(retort::insert(b));
    CHECK(a.id == ka);
    CHECK(b.id == kb);
    CHECK(b.id > a.id);
    CHECK(conn.execute(retort::select<InsSmallKey>().where(c<&InsSmallKey::id> == b.id)).one().name == "b");
}

TEST_CASE("assigned_key tables keep the key the application gives") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);

    InsCode answer{42, "answer"};
    CHECK(conn.execute(retort::insert(answer)) == 1);  // no generated key: the inserted row count
    CHECK(answer.code == 42);
    CHECK(conn.execute(retort::insert(InsCode{7, "seven"})) == 1);
    CHECK(conn.execute(retort::insert(InsCode{-5, "negative"})) == 1);

    const auto rows = conn.execute(retort::select<InsCode>().order_by(c<&InsCode::code>)).all();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].code == -5);
    CHECK(rows[1].code == 7);
    CHECK(rows[1].label == "seven");
    CHECK(rows[2].code == 42);
    CHECK(rows[2].label == "answer");

    try {
        conn.execute(retort::insert(InsCode{42, "again"}));
        FAIL("a duplicate assigned key was accepted");
    } catch (const retort::integrity_error& e) {
        CHECK(e.kind() == retort::constraint_kind::primary_key);
    }
}

TEST_CASE("a composite primary key table accepts distinct pairs and rejects a repeated pair") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);

    CHECK(conn.execute(retort::insert(InsMembership{1, 1, "owner"})) == 1);
    CHECK(conn.execute(retort::insert(InsMembership{1, 2, "member"})) == 1);
    CHECK(conn.execute(retort::insert(InsMembership{2, 1, "member"})) == 1);
    try {
        conn.execute(retort::insert(InsMembership{1, 2, "duplicate"}));
        FAIL("a repeated composite key was accepted");
    } catch (const retort::integrity_error& e) {
        CHECK(e.kind() == retort::constraint_kind::primary_key);
    }

    const auto rows = conn.execute(retort::select<InsMembership>().order_by(c<&InsMembership::group_id>,
                                                                           c<&InsMembership::member_id>))
                          .all();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].group_id == 1);
    CHECK(rows[0].member_id == 1);
    CHECK(rows[0].role == "owner");
    CHECK(rows[1].group_id == 1);
    CHECK(rows[1].member_id == 2);
    CHECK(rows[1].role == "member");
    CHECK(rows[2].group_id == 2);
    CHECK(rows[2].member_id == 1);

    const auto owner = conn.execute(retort::select(c<&InsMembership::role>)
                                        .where(c<&InsMembership::group_id> == 1 && c<&InsMembership::member_id> == 1))
                           .one();
    CHECK(std::get<0>(owner) == "owner");
}

TEST_CASE("autoincrement keys are never reused after the highest row is deleted") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);
    conn.execute(retort::insert(InsTicket{0, "one"}));
    const auto second = conn.execute(retort::insert(InsTicket{0, "two"}));
    CHECK(conn.execute(retort::delete_from<InsTicket>().where(c<&InsTicket::id> == second)) == 1);
    const auto third = conn.execute(retort::insert(InsTicket{0, "three"}));
    CHECK(third > second);
}

// =======================================================================================
// 3. SELECT
// =======================================================================================

struct SelPerson {
    std::int64_t id;
    std::string name;
    std::optional<std::int32_t> age;
    double score;
};
template <>
inline constexpr auto retort::table_of<SelPerson> =
    retort::table<SelPerson>("sel_people", retort::primary_key<&SelPerson::id>);

/// ann 31 1.5 | bob NULL 2.5 | cid 25 3.5 | dan 40 0.5 | eve 31 4.0 (ids 1..5 in this order)
std::vector<SelPerson> make_sel_people(retort::connection& conn) {
    retort::drop_all<SelPerson>(conn);
    retort::create_all<SelPerson>(conn);
    std::vector<SelPerson> people{{0, "ann", 31, 1.5},
                                  {0, "bob", std::nullopt, 2.5},
                                  {0, "cid", 25, 3.5},
                                  {0, "dan", 40, 0.5},
                                  {0, "eve", 31, 4.0}};
    for (auto& p : people) conn.execute(retort::insert(p));
    return people;
}

/// The names of the people matching `condition`, in name order.
template <class Condition>
std::string names_where(retort::connection& conn, const Condition& condition) {
    return column_values(conn, retort::select(c<&SelPerson::name>).where(condition).order_by(c<&SelPerson::name>));
}

TEST_CASE("select<T>() reads whole structs; select(columns...) reads tuples") {
    database db;
    auto& conn = db.conn;
    const auto people = make_sel_people(conn);

    SUBCASE("whole structs, every field as inserted") {
        const auto rows = conn.execute(retort::select<SelPerson>().order_by(c<&SelPerson::id>)).all();
        REQUIRE(rows.size() == people.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CAPTURE(i);
            CHECK(rows[i].id == people[i].id);
            CHECK(rows[i].name == people[i].name);
            CHECK(rows[i].age == people[i].age);
            CHECK(rows[i].score == people[i].score);
        }
    }
    SUBCASE("chosen columns, in the order given, iterated with structured bindings") {
        std::vector<std::string> seen;
        for (const auto& [score, name, age] :
             conn.execute(retort::select(c<&SelPerson::score>, c<&SelPerson::name>, c<&SelPerson::age>)
                              .order_by(c<&SelPerson::id>)))
            seen.push_back(name + ':' + std::to_string(score) + ':' + (age ? std::to_string(*age) : "NULL"));
        CHECK(joined(seen) ==
              "ann:1.500000:31,bob:2.500000:NULL,cid:3.500000:25,dan:0.500000:40,eve:4.000000:31");
    }
    SUBCASE("an explicit from<T>() gives the same rows") {
        CHECK(column_values(conn, retort::select(c<&SelPerson::name>).from<SelPerson>().order_by(c<&SelPerson::id>)) ==
              "ann,bob,cid,dan,eve");
    }
}

TEST_CASE("where: every comparison operator, on integers, text and reals") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    CHECK(names_where(conn, c<&P::age> == 31) == "ann,eve");
    CHECK(names_where(conn, c<&P::age> != 31) == "cid,dan");  // NULL is neither equal nor unequal
    CHECK(names_where(conn, c<&P::age> < 31) == "cid");
    CHECK(names_where(conn, c<&P::age> <= 31) == "ann,cid,eve");
    CHECK(names_where(conn, c<&P::age> > 31) == "dan");
    CHECK(names_where(conn, c<&P::age> >= 31) == "ann,dan,eve");
    CHECK(names_where(conn, c<&P::name> == "cid") == "cid");
    CHECK(names_where(conn, c<&P::name> < "c") == "ann,bob");
    CHECK(names_where(conn, c<&P::name> >= std::string("dan")) == "dan,eve");
    CHECK(names_where(conn, c<&P::score> > 2.5) == "cid,eve");
    CHECK(names_where(conn, c<&P::score> <= 1.5) == "ann,dan");
    CHECK(names_where(conn, c<&P::id> == std::int64_t{3}) == "cid");
    CHECK(names_where(conn, c<&P::name> == "nobody").empty());
}

TEST_CASE("where: AND, OR, NOT, IS NULL, IS NOT NULL") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    CHECK(names_where(conn, c<&P::score> > 2.0 && c<&P::age> < 35) == "cid,eve");
    CHECK(names_where(conn, c<&P::age> == 25 || c<&P::name> == "dan") == "cid,dan");
    CHECK(names_where(conn, !(c<&P::age> > 30)) == "cid");  // NOT NULL-comparison is still NULL
    CHECK(names_where(conn, !(c<&P::name> == "ann")) == "bob,cid,dan,eve");
    CHECK(names_where(conn, retort::is_null(c<&P::age>)) == "bob");
    CHECK(names_where(conn, retort::is_not_null(c<&P::age>)) == "ann,cid,dan,eve");
    // OR inside AND keeps its parentheses: (age = 31 OR age IS NULL) AND score > 2
    CHECK(names_where(conn, (c<&P::age> == 31 || retort::is_null(c<&P::age>)) && c<&P::score> > 2.0) == "bob,eve");
    CHECK(names_where(conn, c<&P::score> > 2.0 && (c<&P::age> == 31 || retort::is_null(c<&P::age>))) == "bob,eve");
    CHECK(names_where(conn, c<&P::age> == 31 || (retort::is_null(c<&P::age>) && c<&P::score> > 3.0)) == "ann,eve");
    CHECK(names_where(conn, !(retort::is_null(c<&P::age>) || c<&P::age> < 30)) == "ann,dan,eve");
}

TEST_CASE("order_by with asc/desc and several terms; limit; offset alone and with limit") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;
    const auto with_age = retort::is_not_null(c<&P::age>);

    CHECK(column_values(conn, retort::select(c<&P::name>).order_by(retort::desc(c<&P::score>))) ==
          "eve,cid,bob,ann,dan");
    CHECK(column_values(conn, retort::select(c<&P::name>).order_by(retort::asc(c<&P::score>))) ==
          "dan,ann,bob,cid,eve");
    CHECK(column_values(conn, retort::select(c<&P::name>)
                                  .where(with_age)
                                  .order_by(retort::desc(c<&P::age>), retort::asc(c<&P::name>))) ==
          "dan,ann,eve,cid");
    CHECK(column_values(conn, retort::select(c<&P::name>)
                                  .where(with_age)
                                  .order_by(retort::asc(c<&P::age>), retort::desc(c<&P::name>))) ==
          "cid,eve,ann,dan");
    CHECK(column_values(conn, retort::select(c<&P::name>)
                                  .where(with_age)
                                  .order_by(c<&P::age>, retort::desc(c<&P::score>), c<&P::name>)) ==
          "cid,eve,ann,dan");

    const auto by_id = retort::select(c<&P::name>).order_by(c<&P::id>);
    CHECK(column_values(conn, by_id.limit(2)) == "ann,bob");
    CHECK(column_values(conn, by_id.limit(0)).empty());
    CHECK(column_values(conn, by_id.limit(100)) == "ann,bob,cid,dan,eve");
    CHECK(column_values(conn, by_id.offset(3)) == "dan,eve");
    CHECK(column_values(conn, by_id.offset(0)) == "ann,bob,cid,dan,eve");
    CHECK(column_values(conn, by_id.offset(5)).empty());
    CHECK(column_values(conn, by_id.limit(2).offset(1)) == "bob,cid");
    CHECK(column_values(conn, by_id.offset(4).limit(10)) == "eve");
}

TEST_CASE("first(), one() and all(), including empty results") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    SUBCASE("first() gives the first row in order, or nullopt") {
        const auto best = conn.execute(retort::select<P>().order_by(retort::desc(c<&P::score>))).first();
        REQUIRE(best.has_value());
        CHECK(best->name == "eve");
        CHECK(best->score == 4.0);
        CHECK_FALSE(conn.execute(retort::select<P>().where(c<&P::age> > 100)).first().has_value());
        const auto bob_age = conn.execute(retort::select(c<&P::age>).where(c<&P::name> == "bob")).first();
        REQUIRE(bob_age.has_value());
        CHECK_FALSE(std::get<0>(*bob_age).has_value());  // a row whose value is NULL, not "no row"
    }
    SUBCASE("one() gives the only row, and refuses none or several") {
        const auto cid = conn.execute(retort::select<P>().where(c<&P::name> == "cid")).one();
        CHECK(cid.age == std::optional<std::int32_t>(25));
        CHECK(cid.score == 3.5);
        CHECK_THROWS_AS(conn.execute(retort::select<P>().where(c<&P::name> == "zed")).one(), retort::data_error);
        CHECK_THROWS_AS(conn.execute(retort::select<P>().where(c<&P::age> == 31)).one(), retort::data_error);
        // The statement is usable again after those errors.
        CHECK(conn.execute(retort::select<P>().where(c<&P::name> == "dan")).one().age ==
              std::optional<std::int32_t>(40));
    }
    SUBCASE("all() and iteration on an empty result") {
        CHECK(conn.execute(retort::select<P>().where(c<&P::score> < 0.0)).all().empty());
        int iterations = 0;
        for (const auto& row : conn.execute(retort::select<P>().where(c<&P::score> < 0.0))) {
            (void)row;
            ++iterations;
        }
        CHECK(iterations == 0);
        CHECK(conn.execute(retort::select(c<&P::name>).where(c<&P::score> < 0.0)).all().empty());
    }
    SUBCASE("an empty table") {
        conn.execute(retort::delete_from<P>());
        CHECK(conn.execute(retort::select<P>()).all().empty());
        CHECK_FALSE(conn.execute(retort::select<P>()).first().has_value());
    }
}

TEST_CASE("a result outlives the temporary select it came from, and open results keep their own values") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    // The statement (and the std::string it binds) is a temporary: gone before the first row is read.
    auto bob = conn.execute(retort::select(c<&P::id>).where(c<&P::name> == std::string("bob")));
    auto cid = conn.execute(retort::select(c<&P::id>, c<&P::score>).where(c<&P::name> == std::string("cid")));
    const auto bob_rows = bob.all();
    const auto cid_rows = cid.all();
    REQUIRE(bob_rows.size() == 1);
    CHECK(std::get<0>(bob_rows[0]) == 2);
    REQUIRE(cid_rows.size() == 1);
    CHECK(std::get<1>(cid_rows[0]) == 3.5);
}

// =======================================================================================
// 4. UPDATE and DELETE
// =======================================================================================

struct UpdItem {
    std::int64_t id;
    std::string name;
    std::optional<std::int32_t> qty;
    std::int32_t price;
};
template <>
inline constexpr auto retort::table_of<UpdItem> =
    retort::table<UpdItem>("upd_items", retort::primary_key<&UpdItem::id>);

/// apple 5 10 | pear 3 20 | plum NULL 30 | fig 8 40
void make_upd_items(retort::connection& conn) {
    retort::drop_all<UpdItem>(conn);
    retort::create_all<UpdItem>(conn);
    conn.execute(retort::insert(UpdItem{0, "apple", 5, 10}));
    conn.execute(retort::insert(UpdItem{0, "pear", 3, 20}));
    conn.execute(retort::insert(UpdItem{0, "plum", std::nullopt, 30}));
    conn.execute(retort::insert(UpdItem{0, "fig", 8, 40}));
}

UpdItem item_named(retort::connection& conn, std::string_view name) {
    return conn.execute(retort::select<UpdItem>().where(c<&UpdItem::name> == name)).one();
}

TEST_CASE("update sets values and NULL and returns the number of rows it changed") {
    database db;
    auto& conn = db.conn;
    make_upd_items(conn);
    using I = UpdItem;

    SUBCASE("several columns of one row") {
        CHECK(conn.execute(retort::update<I>()
                               .set(c<&I::price> = 99, c<&I::name> = "green apple", c<&I::qty> = 6)
                               .where(c<&I::name> == "apple")) == 1);
        const auto apple = item_named(conn, "green apple");
        CHECK(apple.price == 99);
        CHECK(apple.qty == std::optional<std::int32_t>(6));
        CHECK(item_named(conn, "pear").price == 20);  // untouched
    }
    SUBCASE("one column of the rows a condition selects") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::qty> = 0).where(c<&I::price> >= 30)) == 2);
        CHECK(item_named(conn, "plum").qty == std::optional<std::int32_t>(0));
        CHECK(item_named(conn, "fig").qty == std::optional<std::int32_t>(0));
        CHECK(item_named(conn, "apple").qty == std::optional<std::int32_t>(5));
    }
    SUBCASE("NULL into an optional column") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::qty> = retort::null).where(c<&I::name> == "apple")) == 1);
        CHECK_FALSE(item_named(conn, "apple").qty.has_value());
        CHECK(column_values(conn, retort::select(c<&I::name>)
                                      .where(retort::is_null(c<&I::qty>))
                                      .order_by(c<&I::name>)) == "apple,plum");
    }
    SUBCASE("an empty std::optional value writes NULL, a full one its value") {
        CHECK(conn.execute(retort::update<I>()
                               .set(c<&I::qty> = std::optional<std::int32_t>{})
                               .where(c<&I::name> == "pear")) == 1);
        CHECK_FALSE(item_named(conn, "pear").qty.has_value());
        CHECK(conn.execute(retort::update<I>()
                               .set(c<&I::qty> = std::optional<std::int32_t>{12})
                               .where(c<&I::name> == "plum")) == 1);
        CHECK(item_named(conn, "plum").qty == std::optional<std::int32_t>(12));
    }
    SUBCASE("no matching row changes nothing and returns 0") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::price> = 1).where(c<&I::name> == "kiwi")) == 0);
        CHECK(item_named(conn, "fig").price == 40);
    }
    SUBCASE("without where, every row") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::price> = 5)) == 4);
        for (const auto& [price] : conn.execute(retort::select(c<&I::price>))) CHECK(price == 5);
    }
}

TEST_CASE("delete removes the rows where selects, or all rows, and returns the count") {
    database db;
    auto& conn = db.conn;
    make_upd_items(conn);
    using I = UpdItem;

    CHECK(conn.execute(retort::delete_from<I>().where(c<&I::price> < 25)) == 2);
    CHECK(column_values(conn, retort::select(c<&I::name>).order_by(c<&I::name>)) == "fig,plum");
    CHECK(conn.execute(retort::delete_from<I>().where(c<&I::name> == "kiwi")) == 0);
    CHECK(conn.execute(retort::delete_from<I>().where(retort::is_null(c<&I::qty>))) == 1);
    CHECK(column_values(conn, retort::select(c<&I::name>)) == "fig");
    conn.execute(retort::insert(UpdItem{0, "lime", 1, 1}));
    CHECK(conn.execute(retort::delete_from<I>()) == 2);
    CHECK(row_count<&I::id>(conn) == 0);
    CHECK(conn.execute(retort::delete_from<I>()) == 0);
}

// =======================================================================================
// 5. Round trips of every value type
// =======================================================================================

struct RtValues {
    std::int64_t id;
    std::int8_t i8;
    std::int16_t i16;
    std::int32_t i32;
    std::int64_t i64;
    std::uint8_t u8;
    std::uint16_t u16;
    std::uint32_t u32;
    std::uint64_t u64;
    bool flag;
    float f32;
    double f64;
    std::string text;
    retort::blob data;
    micros_time stamp;
    std::optional<std::int32_t> opt_int;
    std::optional<std::int64_t> opt_big;
    std::optional<bool> opt_flag;
    std::optional<double> opt_real;
    std::optional<std::string> opt_text;
    std::optional<retort::blob> opt_data;
    std::optional<micros_time> opt_stamp;
};
template <>
inline constexpr auto retort::table_of<RtValues> =
    retort::table<RtValues>("rt_values", retort::primary_key<&RtValues::id>);

struct RtText {
    std::int64_t id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<RtText> = retort::table<RtText>("rt_texts", retort::primary_key<&RtText::id>);

struct RtTimes {
    std::int64_t id;
    micros_time micros;
    std::chrono::sys_seconds seconds;
};
template <>
inline constexpr auto retort::table_of<RtTimes> = retort::table<RtTimes>("rt_times", retort::primary_key<&RtTimes::id>);

void check_same(const RtValues& got, const RtValues& want) {
    CHECK(got.id == want.id);
    CHECK(got.i8 == want.i8);
    CHECK(got.i16 == want.i16);
    CHECK(got.i32 == want.i32);
    CHECK(got.i64 == want.i64);
    CHECK(got.u8 == want.u8);
    CHECK(got.u16 == want.u16);
    CHECK(got.u32 == want.u32);
    CHECK(got.u64 == want.u64);
    CHECK(got.flag == want.flag);
    CHECK(got.f32 == want.f32);
    CHECK(got.f64 == want.f64);
    CHECK(got.text == want.text);
    CHECK(got.data == want.data);
    CHECK(got.stamp == want.stamp);
    CHECK(got.opt_int == want.opt_int);
    CHECK(got.opt_big == want.opt_big);
    CHECK(got.opt_flag == want.opt_flag);
    CHECK(got.opt_real == want.opt_real);
    CHECK(got.opt_text == want.opt_text);
    CHECK(got.opt_data == want.opt_data);
    CHECK(got.opt_stamp == want.opt_stamp);
}

TEST_CASE("every value type round-trips: integer limits, bool, float, double, text, blob, timestamp, optional") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtValues>(conn);
    retort::create_all<RtValues>(conn);
    using std::numeric_limits;
    using namespace std::chrono;

    RtValues lows{0,
                  numeric_limits<std::int8_t>::min(),
                  numeric_limits<std::int16_t>::min(),
                  numeric_limits<std::int32_t>::min(),
                  numeric_limits<std::int64_t>::min(),
                  0,
                  0,
                  0,
                  0,
                  false,
                  numeric_limits<float>::lowest(),
                  numeric_limits<double>::lowest(),
                  "",
                  {},
                  at(1969y / December / 31, 23h + 59min + 59s + 999999us),
                  numeric_limits<std::int32_t>::min(),
                  numeric_limits<std::int64_t>::min(),
                  false,
                  numeric_limits<double>::min(),
                  std::string(),
                  retort::blob{},
                  at(1970y / January / 1, 0us)};
    RtValues highs{0,
                   numeric_limits<std::int8_t>::max(),
                   numeric_limits<std::int16_t>::max(),
                   numeric_limits<std::int32_t>::max(),
                   numeric_limits<std::int64_t>::max(),
                   numeric_limits<std::uint8_t>::max(),
                   numeric_limits<std::uint16_t>::max(),
                   numeric_limits<std::uint32_t>::max(),
                   static_cast<std::uint64_t>(numeric_limits<std::int64_t>::max()),
                   true,
                   numeric_limits<float>::max(),
                   numeric_limits<double>::max(),
                   "it's \"quoted\"; -- not a comment \\ backslash",
                   bytes({0x00, 0x01, 0x7f, 0x80, 0xff, 0x00, '\\', '\'', 0x00}),
                   at(2024y / February / 29, 23h + 59min + 59s + 123456us),
                   numeric_limits<std::int32_t>::max(),
                   numeric_limits<std::int64_t>::max(),
                   true,
                   numeric_limits<double>::max(),
                   "h\xC3\xA9llo \xE2\x80\x94 \xE4\xB8\x96\xE7\x95\x8C \xF0\x9F\x8E\x89",  // héllo — 世界 🎉
                   bytes({0x00, 0x00, 0x00}),
                   at(9999y / December / 31, 23h + 59min + 59s + 999999us)};
    RtValues fractions{0,   -1,  -2,    -3,    -4,     1,   2,    3,
                       4,   true, 0.1f, 0.1,   "x",    bytes({0x00}), at(2000y / January / 1, 1us),
                       0,   0,   false, 1e-300, "0",   bytes({0xde, 0xad, 0xbe, 0xef}),
                       at(2038y / January / 19, 3h + 14min + 8s + 500000us)};
    RtValues nulls{0,    1,    1,           1,           1,           1,           1,           1,
                   1,    true, 3.25f,       3.141592653589793, "n", bytes({0x01}), at(2020y / June / 15, 12h),
                   std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};

    for (RtValues* v : {&lows, &highs, &fractions, &nulls}) conn.execute(retort::insert(*v));

    const auto rows = conn.execute(retort::select<RtValues>().order_by(c<&RtValues::id>)).all();
    REQUIRE(rows.size() == 4);
    SUBCASE("minimums, empty text and blob, a timestamp before 1970") { check_same(rows[0], lows); }
    SUBCASE("maximums, quotes, unicode, zero bytes, microseconds") { check_same(rows[1], highs); }
    SUBCASE("values that are not exact in binary (0.1f, 0.1) and small magnitudes") { check_same(rows[2], fractions); }
    SUBCASE("every optional unset reads back as nullopt") { check_same(rows[3], nulls); }
    SUBCASE("empty text and blob are not NULL") {
        CHECK(rows[0].opt_text == std::optional<std::string>(""));
        CHECK(rows[0].opt_data == std::optional<retort::blob>(retort::blob{}));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(retort::is_null(c<&RtValues::opt_text>))).all().size() ==
              1);
    }
    SUBCASE("values bound in WHERE find the same rows") {
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::i64> == numeric_limits<std::int64_t>::min()))
                  .one() == std::tuple<std::int64_t>(lows.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::u32> == numeric_limits<std::uint32_t>::max()))
                  .one() == std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::text> == highs.text)).one() ==
              std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::opt_text> == *highs.opt_text)).one() ==
              std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::stamp> == highs.stamp)).one() ==
              std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::stamp> < fractions.stamp &&
                                                                   c<&RtValues::stamp> > lows.stamp))
                  .all()
                  .empty());
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::flag> == true)).all().size() == 3);
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::f64> == 0.1)).one() ==
              std::tuple<std::int64_t>(fractions.id));
    }
    SUBCASE("an update writes every type too") {
        CHECK(conn.execute(retort::update<RtValues>()
                               .set(c<&RtValues::i8> = std::int8_t{-100}, c<&RtValues::u64> = std::uint64_t{12345},
                                    c<&RtValues::data> = bytes({0x00, 0x10}), c<&RtValues::opt_flag> = true,
                                    c<&RtValues::stamp> = at(2001y / September / 9, 1h + 46min + 40s + 1us))
                               .where(c<&RtValues::id> == nulls.id)) == 1);
        const auto back = conn.execute(retort::select<RtValues>().where(c<&RtValues::id> == nulls.id)).one();
        CHECK(back.i8 == -100);
        CHECK(back.u64 == 12345u);
        CHECK(back.data == bytes({0x00, 0x10}));
        CHECK(back.opt_flag == std::optional<bool>(true));
        CHECK(back.stamp == at(2001y / September / 9, 1h + 46min + 40s + 1us));
    }
}

TEST_CASE("text round-trips byte for byte") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtText>(conn);
    retort::create_all<RtText>(conn);

    const std::vector<std::string> texts{
        "",
        "'",
        "''",
        "\"",
        "O'Brien said \"hi\"",
        "'; DROP TABLE rt_texts; --",
        "back\\slash \\x00 $1 ? %s",
        "tab\tnew\nline\rcr",
        "\xC3\xA9\xC3\xA0\xC3\xBC \xCE\xB1\xCE\xB2\xCE\xB3 \xD0\xB4\xD0\xB0 \xE2\x82\xAC \xF0\x9D\x84\x9E",
        std::string(10000, 'z'),
    };
    for (const auto& t : texts) conn.execute(retort::insert(RtText{0, t}));
    const auto rows = conn.execute(retort::select<RtText>().order_by(c<&RtText::id>)).all();
    REQUIRE(rows.size() == texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i].text == texts[i]);
        CHECK(conn.execute(retort::select(c<&RtText::id>).where(c<&RtText::text> == texts[i])).one() ==
              std::tuple<std::int64_t>(rows[i].id));
    }
    CHECK(row_count<&RtText::id>(conn) == texts.size());  // the injection text was just text
}

TEST_CASE("text with an embedded NUL character round-trips, or is refused - never cut short") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtText>(conn);
    retort::create_all<RtText>(conn);
    const std::string with_nul("a\0b", 3);

    if constexpr (on_sqlite) {
        RtText row{0, with_nul};
        conn.execute(retort::insert(row));
        const auto back = conn.execute(retort::select<RtText>().where(c<&RtText::id> == row.id)).one();
        CHECK(back.text.size() == 3);
        CHECK(back.text == with_nul);
        CHECK(conn.execute(retort::select(c<&RtText::id>).where(c<&RtText::text> == with_nul)).all().size() == 1);
    } else {
        // PostgreSQL text cannot hold U+0000: storing it must be an error, not "a".
        CHECK_THROWS_AS(conn.execute(retort::insert(RtText{0, with_nul})), retort::data_error);
        const auto stored = conn.execute(retort::select(c<&RtText::text>)).all();
        CHECK_MESSAGE(stored.empty(), "the text was stored as '", std::get<0>(stored.front()), "'");
    }
}

TEST_CASE("timestamps of different precisions round-trip") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtTimes>(conn);
    retort::create_all<RtTimes>(conn);
    using namespace std::chrono;

    const micros_time fine = at(2023y / March / 4, 5h + 6min + 7s + 89us);
    const sys_seconds coarse = sys_days{1999y / December / 31} + 23h + 59min + 59s;
    RtTimes row{0, fine, coarse};
    conn.execute(retort::insert(row));
    const auto back = conn.execute(retort::select<RtTimes>().where(c<&RtTimes::id> == row.id)).one();
    CHECK(back.micros == fine);
    CHECK(back.seconds == coarse);
    CHECK(conn.execute(retort::select(c<&RtTimes::id>).where(c<&RtTimes::seconds> == coarse)).all().size() == 1);

    // Two open results, each with a timestamp bound at the same parameter position.
    RtTimes other{0, fine + 1s, coarse + 1s};
    conn.execute(retort::insert(other));
    auto first = conn.execute(retort::select(c<&RtTimes::id>).where(c<&RtTimes::micros> == fine));
    auto second = conn.execute(retort::select(c<&RtTimes::id>).where(c<&RtTimes::seconds> == coarse + 1s));
    CHECK(first.one() == std::tuple<std::int64_t>(row.id));
    CHECK(second.one() == std::tuple<std::int64_t>(other.id));
}

// =======================================================================================
// 6. Errors
// =======================================================================================

struct ErrUser {
    std::int64_t id;
    std::string name;
    std::string email;
    std::int32_t age;
};
template <>
inline constexpr auto retort::table_of<ErrUser> =
    retort::table<ErrUser>("err_users", retort::primary_key<&ErrUser::id>, retort::unique<&ErrUser::email>,
                           retort::check("err_users_age_nonneg", "age >= 0"));

struct ErrPost {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
};
template <>
inline constexpr auto retort::table_of<ErrPost> = retort::table<ErrPost>(
    "err_posts", retort::primary_key<&ErrPost::id>, retort::foreign_key<&ErrPost::user_id, &ErrUser::id>);

struct ErrBig {
    std::int64_t id;
    std::uint64_t big;
};
template <>
inline constexpr auto retort::table_of<ErrBig> = retort::table<ErrBig>("err_bigs", retort::primary_key<&ErrBig::id>);

// Read-only views of tables made by raw SQL that allows what the models do not.
struct ErrLoose {
    std::int64_t id;
    std::string label;
};
template <>
inline constexpr auto retort::table_of<ErrLoose> =
    retort::table<ErrLoose>("err_loose", retort::primary_key<&ErrLoose::id>, retort::assigned_key);

struct ErrNarrow {
    std::int64_t id;
    std::int8_t tiny;
    std::int16_t small;
    std::uint32_t positive;
};
template <>
inline constexpr auto retort::table_of<ErrNarrow> =
    retort::table<ErrNarrow>("err_narrow", retort::primary_key<&ErrNarrow::id>, retort::assigned_key);

void reset_error_tables(retort::connection& conn) {
    retort::drop_all<ErrUser, ErrPost, ErrBig, ErrLoose, ErrNarrow>(conn);
    retort::create_all<ErrUser, ErrPost, ErrBig>(conn);
}

/// Runs fn, which must throw integrity_error; returns it (or fails the test).
template <class Fn>
std::optional<retort::integrity_error> integrity_error_of(Fn&& fn) {
    try {
        fn();
    } catch (const retort::integrity_error& e) {
        return e;
    } catch (const std::exception& e) {
        FAIL_CHECK("expected retort::integrity_error, got: ", e.what());
        return std::nullopt;
    }
    FAIL_CHECK("expected retort::integrity_error, nothing was thrown");
    return std::nullopt;
}

/// Runs fn, which must throw data_error; returns its message ("" when it did not).
template <class Fn>
std::string data_error_message(Fn&& fn) {
    try {
        fn();
    } catch (const retort::data_error& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL_CHECK("expected retort::data_error, got: ", e.what());
        return "";
    }
    FAIL_CHECK("expected retort::data_error, nothing was thrown");
    return "";
}

TEST_CASE("constraint violations are integrity_errors with the right kind and constraint name") {
    database db;
    auto& conn = db.conn;
    reset_error_tables(conn);
    ErrUser ann{0, "ann", "ann@x", 30};
    conn.execute(retort::insert(ann));

    SUBCASE("unique") {
        const auto e = integrity_error_of([&] { conn.execute(retort::insert(ErrUser{0, "other", "ann@x", 1})); });
        REQUIRE(e.has_value());
        CHECK(e->kind() == retort::constraint_kind::unique);
        CHECK_MESSAGE(contains(e->constraint(), "email"), "constraint: '", e->constraint(), "'");
        CHECK(e->constraint() == (on_sqlite ? "err_users.email" : "err_users_email_key"));
    }
    SUBCASE("foreign key, on insert and on deleting a referenced row") {
        const auto e = integrity_error_of([&] { conn.execute(retort::insert(ErrPost{0, ann.id + 1000, "orphan"})); });
        REQUIRE(e.has_value());
        CHECK(e->kind() == retort::constraint_kind::foreign_key);
        if constexpr (!on_sqlite) CHECK(e->constraint() == "err_posts_user_id_fkey");

        conn.execute(retort::insert(ErrPost{0, ann.id, "kept"}));
        const auto d = integrity_error_of([&] { conn.execute(retort::delete_from<ErrUser>()); });
        REQUIRE(d.has_value());
        CHECK(d->kind() == retort::constraint_kind::foreign_key);
        CHECK(row_count<&ErrUser::id>(conn) == 1);
    }
    SUBCASE("NOT NULL, through raw SQL insert and update") {
        const auto e = integrity_error_of(
            [&] { conn.execute_script("INSERT INTO err_users (name, email, age) VALUES (NULL, 'n@x', 1)"); });
        REQUIRE(e.has_value());
        CHECK(e->kind() == retort::constraint_kind::not_null);
        if constexpr (on_sqlite) CHECK(e->constraint() == "err_users.name");

        const auto u = integrity_error_of([&] { conn.execute_script("UPDATE err_users SET email = NULL"); });
        REQUIRE(u.has_value());
        CHECK(u->kind() == retort::constraint_kind::not_null);
        CHECK(conn.execute(retort::select<ErrUser>()).one().email == "ann@x");
    }
    SUBCASE("check") {
        const auto e = integrity_error_of([&] { conn.execute(retort::insert(ErrUser{0, "neg", "neg@x", -1})); });
        REQUIRE(e.has_value());
        CHECK(e->kind() == retort::constraint_kind::check);
        CHECK(e->constraint() == "err_users_age_nonneg");
        const auto u = integrity_error_of([&] {
            conn.execute(retort::update<ErrUser>().set(c<&ErrUser::age> = -5).where(c<&ErrUser::id> == ann.id));
        });
        REQUIRE(u.has_value());
        CHECK(u->kind() == retort::constraint_kind::check);
    }
    SUBCASE("primary key, with an explicit key in raw SQL") {
        const auto e = integrity_error_of([&] {
            conn.execute_script("INSERT INTO err_users (id, name, email, age) VALUES (" + std::to_string(ann.id) +
                                ", 'dup', 'dup@x', 1)");
        });
        REQUIRE(e.has_value());
        CHECK(e->kind() == retort::constraint_kind::primary_key);
    }
    // After every failure the connection and its cached statements still work.
    ErrUser bob{0, "bob", "bob@x", 5};
    CHECK_NOTHROW(conn.execute(retort::insert(bob)));
    CHECK(bob.id > ann.id);
    CHECK(row_count<&ErrUser::id>(conn) == 2);
}

TEST_CASE("reading NULL into a non-optional field is a data_error naming the column") {
    database db;
    auto& conn = db.conn;
    reset_error_tables(conn);
    conn.execute_script("CREATE TABLE err_loose (id INTEGER PRIMARY KEY, label TEXT)");
    conn.execute_script("INSERT INTO err_loose (id, label) VALUES (1, 'fine'), (2, NULL)");

    CHECK(conn.execute(retort::select<ErrLoose>().where(c<&ErrLoose::id> == 1)).one().label == "fine");
    const auto whole = data_error_message([&] { conn.execute(retort::select<ErrLoose>().where(c<&ErrLoose::id> == 2)).all(); });
    CHECK_MESSAGE(contains(whole, "label"), "message: ", whole);
    const auto column = data_error_message([&] {
        for (const auto& [label] : conn.execute(retort::select(c<&ErrLoose::label>).order_by(c<&ErrLoose::id>)))
            CHECK(label == "fine");
    });
    CHECK_MESSAGE(contains(column, "label"), "message: ", column);
    // The failed read released the statement: it runs again.
    CHECK(conn.execute(retort::select<ErrLoose>().where(c<&ErrLoose::id> == 1)).one().label == "fine");
}

TEST_CASE("reading an integer out of range of the field's type is a data_error naming the column") {
    database db;
    auto& conn = db.conn;
    reset_error_tables(conn);
    conn.execute_script(
        "CREATE TABLE err_narrow (id INTEGER PRIMARY KEY, tiny INTEGER NOT NULL, small INTEGER NOT NULL, "
        "positive BIGINT NOT NULL)");
    conn.execute_script(
        "INSERT INTO err_narrow (id, tiny, small, positive) VALUES "
        "(1, 127, -32768, 4294967295), (2, 128, 0, 0), (3, -129, 0, 0), (4, 0, 32768, 0), (5, 0, -32769, 0), "
        "(6, 0, 0, -1), (7, 0, 0, 4294967296)");

    const auto ok = conn.execute(retort::select<ErrNarrow>().where(c<&ErrNarrow::id> == 1)).one();
    CHECK(ok.tiny == 127);
    CHECK(ok.small == -32768);
    CHECK(ok.positive == 4294967295u);

    const std::pair<std::int64_t, const char*> bad_rows[] = {{2, "tiny"},  {3, "tiny"},     {4, "small"},
                                                             {5, "small"}, {6, "positive"}, {7, "positive"}};
    for (const auto& row : bad_rows) {
        const std::int64_t id = row.first;
        const char* column = row.second;
        CAPTURE(id);
        const auto message =
            data_error_message([&] { conn.execute(retort::select<ErrNarrow>().where(c<&ErrNarrow::id> == id)).one(); });
        CHECK_MESSAGE(contains(message, column), "message: ", message);
    }
}

TEST_CASE("a uint64_t above the signed 64-bit range is refused as a data_error, not wrapped") {
    database db;
    auto& conn = db.conn;
    reset_error_tables(conn);
    const auto message = data_error_message(
        [&] { conn.execute(retort::insert(ErrBig{0, std::numeric_limits<std::uint64_t>::max()})); });
    CHECK(contains(message, "18446744073709551615"));
    CHECK(row_count<&ErrBig::id>(conn) == 0);
    ErrBig fits{0, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())};
    conn.execute(retort::insert(fits));
    CHECK(conn.execute(retort::select<ErrBig>()).one().big == fits.big);
}

TEST_CASE("malformed URLs are argument_errors") {
    const char* bad_urls[] = {
        "",
        "app.db",
        "sqlite:app.db",
        "mysql://user@host/db",
        "sqlite://host/app.db",
        "sqlite:///app.db?busy_timeout=soon",
        "sqlite:///app.db?no_such_option=1",
        "sqlite:///app.db?",
        "postgresql://user@host:99999/db",
        "postgresql://user@host:port/db",
        "postgresql://user@:5432/db",
        "postgresql://user@host/db?no_such_option=1",
        "postgresql://user@host/d%zzb",
        "postgresql://user@host/db name",
        "postgresql://user:secret@host/db?sslmode",
    };
    for (const char* text : bad_urls) {
        CAPTURE(text);
        CHECK_THROWS_AS(retort::create_engine(text), retort::argument_error);
    }
    // The message hides the password.
    try {
        retort::create_engine("postgresql://user:secret@host:0/db");
        FAIL_CHECK("port 0 was accepted");
    } catch (const retort::argument_error& e) {
        CHECK_FALSE(contains(e.what(), "secret"));
    }
    CHECK_NOTHROW(retort::create_engine(test_url()));
}

TEST_CASE("SQL the database rejects is a programming_error") {
    database db;
    auto& conn = db.conn;
    CHECK_THROWS_AS(conn.execute_script("SELEC 1"), retort::programming_error);
    CHECK_THROWS_AS(conn.execute_script("SELECT * FROM no_such_table_anywhere"), retort::programming_error);
    CHECK_THROWS_AS(conn.execute_script("CREATE TABLE (x INTEGER)"), retort::programming_error);
    CHECK_NOTHROW(conn.execute_script("SELECT 1"));  // the connection is still fine
}

// =======================================================================================
// 7. Transactions
// =======================================================================================

struct TxAccount {
    std::int64_t id;
    std::string owner;
    std::int64_t balance;
};
template <>
inline constexpr auto retort::table_of<TxAccount> =
    retort::table<TxAccount>("tx_accounts", retort::primary_key<&TxAccount::id>, retort::unique<&TxAccount::owner>);

void reset_tx_tables(retort::connection& conn) {
    retort::drop_all<TxAccount>(conn);
    retort::create_all<TxAccount>(conn);
    conn.execute(retort::insert(TxAccount{0, "ann", 100}));
    conn.execute(retort::insert(TxAccount{0, "bob", 50}));
}

std::string accounts(retort::connection& conn) {
    std::vector<std::string> out;
    for (const auto& [owner, balance] :
         conn.execute(retort::select(c<&TxAccount::owner>, c<&TxAccount::balance>).order_by(c<&TxAccount::owner>)))
        out.push_back(owner + '=' + std::to_string(balance));
    return joined(out);
}

TEST_CASE("a committed transaction persists") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    {
        auto tx = conn.begin();
        CHECK(conn.in_transaction());
        conn.execute(retort::update<TxAccount>()
                         .set(c<&TxAccount::balance> = std::int64_t{70})
                         .where(c<&TxAccount::owner> == "ann"));
        conn.execute(retort::update<TxAccount>()
                         .set(c<&TxAccount::balance> = std::int64_t{80})
                         .where(c<&TxAccount::owner> == "bob"));
        conn.execute(retort::insert(TxAccount{0, "cid", 1}));
        tx.commit();
        CHECK_FALSE(tx.active());
        CHECK_FALSE(conn.in_transaction());
        CHECK_THROWS_AS(tx.commit(), retort::programming_error);
    }
    CHECK(accounts(conn) == "ann=70,bob=80,cid=1");
    // Seen from a fresh connection as well.
    auto other = retort::create_engine(test_url()).connect();
    CHECK(accounts(other) == "ann=70,bob=80,cid=1");
}

TEST_CASE("a transaction guard destroyed without commit rolls back") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    const auto before = accounts(conn);
    {
        auto tx = conn.begin();
        conn.execute(retort::delete_from<TxAccount>().where(c<&TxAccount::owner> == "ann"));
        conn.execute(retort::insert(TxAccount{0, "cid", 1}));
        CHECK(accounts(conn) == "bob=50,cid=1");  // visible inside the transaction
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(accounts(conn) == before);

    SUBCASE("rollback() does the same explicitly, and a second rollback is harmless") {
        auto tx = conn.begin();
        conn.execute(retort::delete_from<TxAccount>());
        tx.rollback();
        CHECK_FALSE(tx.active());
        CHECK_NOTHROW(tx.rollback());
        CHECK(accounts(conn) == before);
    }
    SUBCASE("a moved guard rolls back once, when the last owner dies") {
        {
            auto tx = conn.begin();
            conn.execute(retort::delete_from<TxAccount>());
            auto moved = std::move(tx);
            CHECK_FALSE(tx.active());
            CHECK(moved.active());
        }
        CHECK(accounts(conn) == before);
    }
}

TEST_CASE("an integrity_error inside a transaction leaves the database exactly as before it") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    const auto before = accounts(conn);
    const auto rows_before = row_count<&TxAccount::id>(conn);
    try {
        auto tx = conn.begin();
        conn.execute(retort::insert(TxAccount{0, "cid", 1}));
        conn.execute(retort::update<TxAccount>()
                         .set(c<&TxAccount::balance> = std::int64_t{0})
                         .where(c<&TxAccount::owner> == "ann"));
        conn.execute(retort::insert(TxAccount{0, "bob", 2}));  // duplicate owner
        tx.commit();
        FAIL("the duplicate owner was accepted");
    } catch (const retort::integrity_error& e) {
        CHECK(e.kind() == retort::constraint_kind::unique);
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(row_count<&TxAccount::id>(conn) == rows_before);
    CHECK(accounts(conn) == before);
    // The connection works normally afterwards.
    auto tx = conn.begin();
    conn.execute(retort::insert(TxAccount{0, "dee", 3}));
    tx.commit();
    CHECK(row_count<&TxAccount::id>(conn) == rows_before + 1);
}

TEST_CASE("commit after a failed statement: SQLite keeps the good statements, PostgreSQL refuses") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    auto tx = conn.begin();
    conn.execute(retort::insert(TxAccount{0, "cid", 1}));
    CHECK_THROWS_AS(conn.execute(retort::insert(TxAccount{0, "ann", 2})), retort::integrity_error);
    if constexpr (on_sqlite) {
        tx.commit();  // SQLite undoes only the failed statement
        CHECK(accounts(conn) == "ann=100,bob=50,cid=1");
    } else {
        CHECK_THROWS_AS(tx.commit(), retort::programming_error);  // the transaction was aborted
        CHECK_FALSE(conn.in_transaction());
        CHECK(accounts(conn) == "ann=100,bob=50");
    }
}

TEST_CASE("begin() while a transaction is open throws programming_error") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    auto tx = conn.begin();
    CHECK_THROWS_AS(conn.begin(), retort::programming_error);
    CHECK(conn.in_transaction());  // the first transaction is untouched
    conn.execute(retort::insert(TxAccount{0, "cid", 1}));
    tx.commit();
    CHECK(accounts(conn) == "ann=100,bob=50,cid=1");
    // create_all opens its own transaction, so it cannot run inside one either.
    auto tx2 = conn.begin();
    CHECK_THROWS_AS(retort::create_all<TxAccount>(conn), retort::programming_error);
}

// =======================================================================================
// 8. The per-connection statement cache
// =======================================================================================

struct CacheItem {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<CacheItem> =
    retort::table<CacheItem>("cache_items", retort::primary_key<&CacheItem::id>);

void make_cache_items(retort::connection& conn) {
    retort::drop_all<CacheItem>(conn);
    retort::create_all<CacheItem>(conn);
    for (const char* name : {"a", "b", "c"}) conn.execute(retort::insert(CacheItem{0, name}));
}

auto cache_item_by_id(std::int64_t id) {
    return retort::select<CacheItem>().where(c<&CacheItem::id> == id);
}

TEST_CASE("the same statement type executed 100 times is prepared once: 1 miss, 99 hits") {
    database db;
    auto& conn = db.conn;
    make_cache_items(conn);

    SUBCASE("a select with a different bound value each time") {
        const auto hits = conn.cache_hits();
        const auto misses = conn.cache_misses();
        std::int64_t found = 0;
        for (std::int64_t i = 0; i < 100; ++i)
            if (auto row = conn.execute(cache_item_by_id(i % 5)).first()) {
                CHECK(row->id == i % 5);
                ++found;
            }
        CHECK(found == 60);  // ids 1, 2 and 3 exist
        CHECK(conn.cache_misses() - misses == 1);
        CHECK(conn.cache_hits() - hits == 99);
    }
    SUBCASE("an insert") {
        const auto hits = conn.cache_hits();
        const auto misses = conn.cache_misses();
        // An lvalue insert (key written back) is a statement type of its own, not yet
        // used on this connection (make_cache_items inserted rvalues).
        std::int64_t last = 0;
        for (int i = 0; i < 100; ++i) {
            CacheItem item{0, std::string("n").append(std::to_string(i))};  // not "n" + ...: GCC PR 105329
            conn.execute(retort::insert(item));
            CHECK(item.id > last);
            last = item.id;
        }
        CHECK(conn.cache_misses() - misses == 1);
        CHECK(conn.cache_hits() - hits == 99);
        CHECK(row_count<&CacheItem::id>(conn) == 103);
    }
}

TEST_CASE("different statement types get different cache slots") {
    database db;
    auto& conn = db.conn;
    make_cache_items(conn);
    const auto misses = conn.cache_misses();
    const auto hits = conn.cache_hits();

    const auto by_name = [](std::string name) {
        return retort::select(c<&CacheItem::id>).where(c<&CacheItem::name> == std::move(name));
    };
    const auto ids_from = [](std::int64_t id) {
        return retort::select(c<&CacheItem::id>).where(c<&CacheItem::id> >= id).order_by(c<&CacheItem::id>);
    };
    CHECK(conn.execute(by_name("b")).one() == std::tuple<std::int64_t>(2));
    CHECK(conn.execute(ids_from(2)).all().size() == 2);
    CHECK(conn.execute(cache_item_by_id(3)).one().name == "c");
    CHECK(conn.cache_misses() - misses == 3);
    CHECK(conn.cache_hits() - hits == 0);

    // Each again, with other values: every one finds its own prepared statement.
    CHECK(conn.execute(by_name("c")).one() == std::tuple<std::int64_t>(3));
    CHECK(conn.execute(ids_from(3)).all().size() == 1);
    CHECK(conn.execute(cache_item_by_id(1)).one().name == "a");
    CHECK(conn.cache_misses() - misses == 3);
    CHECK(conn.cache_hits() - hits == 3);
}

TEST_CASE("nested iteration of the same select while the outer result is open") {
    database db;
    auto& conn = db.conn;
    make_cache_items(conn);
    const auto q = retort::select(c<&CacheItem::name>).order_by(c<&CacheItem::name>);

    std::vector<std::string> pairs;
    for (const auto& [outer] : conn.execute(q))
        for (const auto& [inner] : conn.execute(q)) pairs.push_back(outer + inner);
    CHECK(joined(pairs) == "aa,ab,ac,ba,bb,bc,ca,cb,cc");

    SUBCASE("with different values bound in the inner statement") {
        std::vector<std::string> seen;
        for (const auto& outer : conn.execute(retort::select<CacheItem>().order_by(c<&CacheItem::id>))) {
            auto inner = conn.execute(cache_item_by_id(4 - outer.id)).one();
            seen.push_back(outer.name + inner.name);
        }
        CHECK(joined(seen) == "ac,bb,ca");
    }
    SUBCASE("the cached statement is reusable afterwards, and after an abandoned iteration") {
        CHECK(column_values(conn, q) == "a,b,c");
        for (const auto& [name] : conn.execute(q)) {
            CHECK(name == "a");
            break;  // the result dies with rows left
        }
        CHECK(column_values(conn, q) == "a,b,c");
        auto open = conn.execute(q);  // an unread result keeps the statement busy...
        CHECK(column_values(conn, q) == "a,b,c");  // ...so this one runs on its own statement
        CHECK(joined([&] {
                  std::vector<std::string> v;
                  for (const auto& [name] : open) v.push_back(name);
                  return v;
              }()) == "a,b,c");
    }
}

// =======================================================================================
// 9. Several connections
// =======================================================================================

struct MultiNote {
    std::int64_t id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<MultiNote> =
    retort::table<MultiNote>("multi_notes", retort::primary_key<&MultiNote::id>);

TEST_CASE("a second connection from the same engine sees committed data, not uncommitted") {
    auto engine = retort::create_engine(test_url());
    {
        auto writer = engine.connect();
        auto reader = engine.connect();
        retort::drop_all<MultiNote>(writer);
        retort::create_all<MultiNote>(writer);

        writer.execute(retort::insert(MultiNote{0, "autocommitted"}));
        CHECK(column_values(reader, retort::select(c<&MultiNote::text>)) == "autocommitted");

        auto tx = writer.begin();
        writer.execute(retort::insert(MultiNote{0, "pending"}));
        CHECK(row_count<&MultiNote::id>(writer) == 2);
        CHECK(row_count<&MultiNote::id>(reader) == 1);
        tx.commit();
        CHECK(column_values(reader, retort::select(c<&MultiNote::text>).order_by(c<&MultiNote::id>)) ==
              "autocommitted,pending");
    }
    CHECK(engine.idle_count() == 2);  // both connections went back to the pool

    SUBCASE("a pooled connection keeps its prepared statements") {
        auto again = engine.connect();
        CHECK(engine.idle_count() == 1);
        const auto misses = again.cache_misses();
        CHECK(misses > 0);
        CHECK(row_count<&MultiNote::id>(again) == 2);
        CHECK(again.cache_misses() == misses);
    }
    SUBCASE("another engine on the same database sees the data too") {
        auto other = retort::create_engine(test_url()).connect();
        CHECK(row_count<&MultiNote::id>(other) == 2);
    }
    SUBCASE("an uncommitted transaction is rolled back when its connection goes back to the pool") {
        {
            auto conn = engine.connect();
            conn.execute_script("BEGIN");  // no guard: the connection itself must clean up
            conn.execute(retort::delete_from<MultiNote>());
            CHECK(row_count<&MultiNote::id>(conn) == 0);
        }  // back to the pool mid-transaction
        auto conn = engine.connect();
        CHECK_FALSE(conn.in_transaction());
        CHECK(row_count<&MultiNote::id>(conn) == 2);
    }
}

// ---- SQLite's inline read/bind path (engine/sqlite_direct.hpp) against the driver's ------

#if defined(RETORT_TEST_SQLITE)

// One loosely typed SQLite table, read through models that want different C++ types.
template <class V>
struct FastLoose {
    std::int64_t id;
    V v;
};
template <class V>
inline constexpr auto retort::table_of<FastLoose<V>> =
    retort::table<FastLoose<V>>("fast_loose", retort::primary_key<&FastLoose<V>::id>, retort::assigned_key);

template <class V>
std::string describe(const V& v) {
    if constexpr (retort::is_optional_v<V>) {
        return v ? describe(*v) : std::string("nullopt");
    } else if constexpr (std::is_same_v<V, std::string>) {
        return "'" + v + "'";
    } else if constexpr (std::is_same_v<V, retort::blob>) {
        std::string out = "x'";
        for (std::byte b : v) out += "0123456789abcdef"[std::to_integer<int>(b) >> 4], out += "0123456789abcdef"[std::to_integer<int>(b) & 15];
        return out + "'";
    } else if constexpr (std::is_same_v<V, bool>) {
        return v ? "true" : "false";
    } else {
        return std::to_string(v);
    }
}

/// What reading each row of fast_loose as V gives: the value, or the error's message.
template <class V>
std::vector<std::string> read_loose(retort::connection& conn) {
    std::vector<std::string> out;
    for (std::int64_t id = 1; id <= 13; ++id) {
        try {
            const auto row = conn.execute(retort::select<FastLoose<V>>().where(c<&FastLoose<V>::id> == id)).one();
            out.push_back(describe(row.v));
        } catch (const retort::data_error& e) {
            out.push_back(std::string("data_error: ") + e.what());
        }
    }
    return out;
}

TEST_CASE("SQLite: the inline read path and the driver's checked path agree on every storage class") {
    // Without an observer, SQLite statements bind and read the expected storage class
    // inline; with one (echo), everything goes through the driver. Same answers, same errors.
    std::vector<retort::event_kind> seen;
    retort::engine_options logged;
    logged.on_event = [&](const retort::event& e) { seen.push_back(e.kind); };
    auto fast_engine = retort::create_engine(test_url());
    auto checked_engine = retort::create_engine(test_url(), logged);
    auto fast = fast_engine.connect();
    auto checked = checked_engine.connect();

    const auto probe_fast = fast.raw().prepare("SELECT 1", {});
    const auto probe_checked = checked.raw().prepare("SELECT 1", {});
    CHECK(probe_fast->sqlite_direct() != nullptr);
    CHECK(probe_checked->sqlite_direct() == nullptr);

    fast.execute_script("DROP TABLE IF EXISTS fast_loose");
    fast.execute_script("CREATE TABLE fast_loose (id INTEGER PRIMARY KEY, v)");  // no type: any storage class
    fast.execute_script(
        "INSERT INTO fast_loose (id, v) VALUES (1, 42), (2, 3.0), (3, 3.5), (4, 'text'), (5, '12'), (6, NULL), "
        "(7, x'00ff'), (8, 300), (9, -1), (10, 1), (11, ''), (12, 9223372036854775807), (13, -0.0)");

    auto both = [&]<class V>(std::type_identity<V>) {
        const auto a = read_loose<V>(fast);
        const auto b = read_loose<V>(checked);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CAPTURE(i + 1);
            CHECK(a[i] == b[i]);
        }
        return a;
    };
    const auto as_int = both(std::type_identity<std::int64_t>{});
    CHECK(as_int[0] == "42");
    CHECK(as_int[1] == "3");  // an integral REAL is accepted
    CHECK(as_int[2].starts_with("data_error"));
    CHECK(as_int[3].starts_with("data_error"));
    CHECK(as_int[5].starts_with("data_error"));  // NULL into a non-optional
    CHECK(contains(as_int[5], "'v'"));
    const auto as_i8 = both(std::type_identity<std::int8_t>{});
    CHECK(as_i8[0] == "42");
    CHECK(as_i8[7].starts_with("data_error"));  // 300 does not fit
    const auto as_u32 = both(std::type_identity<std::uint32_t>{});
    CHECK(as_u32[8].starts_with("data_error"));  // -1 is not unsigned
    const auto as_bool = both(std::type_identity<bool>{});
    CHECK(as_bool[9] == "true");
    CHECK(as_bool[0].starts_with("data_error"));  // 42 is not 0 or 1
    const auto as_double = both(std::type_identity<double>{});
    CHECK(as_double[0] == "42.000000");
    CHECK(as_double[2] == "3.500000");
    const auto as_text = both(std::type_identity<std::string>{});
    CHECK(as_text[3] == "'text'");
    CHECK(as_text[0] == "'42'");  // numbers read as text are converted, as the driver does
    CHECK(as_text[10] == "''");
    CHECK(as_text[6].starts_with("data_error"));  // a blob is not text
    const auto as_blob = both(std::type_identity<retort::blob>{});
    CHECK(as_blob[6] == "x'00ff'");
    CHECK(as_blob[3] == "x'74657874'");  // text read as bytes
    const auto as_opt_int = both(std::type_identity<std::optional<std::int64_t>>{});
    CHECK(as_opt_int[5] == "nullopt");
    CHECK(as_opt_int[0] == "42");
    const auto as_opt_text = both(std::type_identity<std::optional<std::string>>{});
    CHECK(as_opt_text[5] == "nullopt");
    CHECK(as_opt_text[10] == "''");
    CHECK_FALSE(seen.empty());

    // Binding: the same values written both ways read back the same.
    fast.execute_script("DELETE FROM fast_loose");
    const std::string empty;
    fast.execute(retort::insert(FastLoose<std::string>{1, empty}));
    checked.execute(retort::insert(FastLoose<std::string>{2, empty}));
    fast.execute(retort::insert(FastLoose<std::optional<double>>{3, std::nullopt}));
    checked.execute(retort::insert(FastLoose<std::optional<double>>{4, std::nullopt}));
    CHECK_THROWS_AS(fast.execute(retort::insert(FastLoose<std::uint64_t>{5, 18446744073709551615u})), retort::data_error);
    CHECK_THROWS_AS(checked.execute(retort::insert(FastLoose<std::uint64_t>{5, 18446744073709551615u})), retort::data_error);
    fast.execute(retort::insert(FastLoose<std::uint64_t>{5, 9223372036854775807u}));
    fast.execute(retort::insert(FastLoose<bool>{6, true}));
    checked.execute(retort::insert(FastLoose<bool>{7, true}));
    const auto stored = fast.execute(retort::select(c<&FastLoose<std::optional<std::string>>::id>,
                                                    retort::func<"typeof", std::string>(c<&FastLoose<std::optional<std::string>>::v>))
                                         .order_by(c<&FastLoose<std::optional<std::string>>::id>))
                            .all();
    REQUIRE(stored.size() == 7);
    CHECK(std::get<1>(stored[0]) == "text");  // "" is text, never NULL
    CHECK(std::get<1>(stored[1]) == "text");
    CHECK(std::get<1>(stored[2]) == "null");
    CHECK(std::get<1>(stored[3]) == "null");
    CHECK(std::get<1>(stored[4]) == "integer");
    CHECK(std::get<1>(stored[5]) == "integer");
    CHECK(std::get<1>(stored[6]) == "integer");
}

#endif

// ---- PostgreSQL's inline read path (engine/postgresql_direct.hpp) against the driver's ---

#if defined(RETORT_TEST_POSTGRESQL)

/// Reads column 0 of the single row of `sql` as V twice, through the inline path and
/// through the driver's checked path; each outcome is the value or the error's message.
template <class V>
std::pair<std::string, std::string> read_both_ways(retort::connection& conn, const std::string& sql) {
    auto outcome = [&](bool direct) {
        const auto st = conn.raw().prepare(sql, {});
        REQUIRE(st->step());
        REQUIRE(st->postgresql_direct().result != nullptr);
        V v{};
        try {
            if (direct)
                retort::detail::read_value_direct(st->postgresql_direct().result, st->postgresql_direct().row, *st, 0, v);
            else
                retort::detail::read_value(*st, 0, v);
        } catch (const retort::data_error& e) {
            return std::string("data_error: ") + e.what();
        }
        if constexpr (retort::is_optional_v<V>)
            return v ? std::string("some") : std::string("nullopt");
        else if constexpr (std::is_same_v<V, std::string>)
            return "'" + v + "'";
        else
            return std::to_string(v);
    };
    return {outcome(true), outcome(false)};
}

TEST_CASE("PostgreSQL: the inline read path and the driver's checked path agree on odd values") {
    database db;
    auto& conn = db.conn;
    const char* texts[] = {"'42'",   "'3.0'", "'3.5'",   "'text'", "''",     "NULL",  "'300'",
                           "'-1'",   "'t'",   "'NaN'",   "'Infinity'", "' 42'", "'+5'", "'9223372036854775808'",
                           "'1e3'",  "'0x10'", "'-0'"};
    for (const char* t : texts) {
        const std::string sql = std::string("SELECT ") + t + "::text AS v";
        CAPTURE(sql);
        auto check = [&]<class V>(std::type_identity<V>) {
            const auto [direct, checked] = read_both_ways<V>(conn, sql);
            CHECK(direct == checked);
        };
        check(std::type_identity<std::int64_t>{});
        check(std::type_identity<std::int8_t>{});
        check(std::type_identity<std::uint32_t>{});
        check(std::type_identity<double>{});
        check(std::type_identity<float>{});
        check(std::type_identity<bool>{});
        check(std::type_identity<std::string>{});
        check(std::type_identity<std::optional<std::int64_t>>{});
        check(std::type_identity<std::optional<std::string>>{});
    }
    // The outcomes themselves, for a few: the paths agreeing on a wrong answer would not do.
    CHECK(read_both_ways<std::int64_t>(conn, "SELECT '42'::text").first == "42");
    CHECK(read_both_ways<std::int64_t>(conn, "SELECT NULL::bigint").first.starts_with("data_error"));
    CHECK(read_both_ways<std::int8_t>(conn, "SELECT 300").first.starts_with("data_error"));
    CHECK(read_both_ways<std::string>(conn, "SELECT ''::text").first == "''");
    CHECK(read_both_ways<std::optional<std::string>>(conn, "SELECT ''::text").first == "some");
    CHECK(read_both_ways<std::optional<std::string>>(conn, "SELECT NULL::text").first == "nullopt");
    CHECK(read_both_ways<double>(conn, "SELECT 'NaN'::float8").first == std::to_string(std::numeric_limits<double>::quiet_NaN()));
    CHECK(read_both_ways<bool>(conn, "SELECT true").first == "1");
}

#endif
