// tests/integration/integration_ddl.cpp — dDL: create_all / drop_all, and what every table option makes the database do.
// Part of the integration suite (one program per database): see integration_support.hpp.
#include "integration_support.hpp"

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
