// tests/integration/model_index_tests.cpp — indexes declared in a table declaration beyond
// plain columns: a method (USING gin / hash), DESC keys, partial (WHERE), keys written as SQL
// (expressions, operator classes), names of their own. The DDL per dialect (checked at
// compile time), what create_all makes on the real database (read back with inspect), what
// the indexes do (a partial unique index), and check_schema's view of them.
// Built once per database like the integration suite: see integration_support.hpp.
#include "integration_support.hpp"

#include <algorithm>

#include <retort/inspect/check.hpp>
#include <retort/inspect/inspect.hpp>

struct MiDoc {
    std::int64_t id;
    std::string title;
    std::string body;
    std::string email;
    std::optional<std::int64_t> deleted_at;
    std::int64_t rank;
};
template <>
inline constexpr auto retort::table_of<MiDoc> = retort::table<MiDoc>(
    "mi_docs", retort::primary_key<&MiDoc::id>,
    retort::index<&MiDoc::title, &MiDoc::rank>.desc<&MiDoc::rank>(),                       // 1
    retort::index<&MiDoc::body>.method("hash").named("mi_docs_body_hash"),                 // 2
    retort::unique_index<&MiDoc::email>.where("deleted_at IS NULL"),                        // 3
    retort::unique_expression_index<"uq_mi_docs_lower_title">("lower(title)"),             // 4
    retort::expression_index<"ix_mi_docs_rank_title">("rank DESC, title").where("rank > 0"));  // 5

/// The same table with only plain indexes: what check_schema reports against the above.
struct MiDocPlain {
    std::int64_t id;
    std::string title;
    std::string body;
    std::string email;
    std::optional<std::int64_t> deleted_at;
    std::int64_t rank;
};
template <>
inline constexpr auto retort::table_of<MiDocPlain> = retort::table<MiDocPlain>(
    "mi_docs", retort::primary_key<&MiDocPlain::id>, retort::index<&MiDocPlain::title, &MiDocPlain::rank>,
    retort::index<&MiDocPlain::body>.named("mi_docs_body_hash"), retort::unique_index<&MiDocPlain::email>,
    retort::index<&MiDocPlain::title>.named("uq_mi_docs_lower_title"));

// ---- the DDL per dialect, at compile time -----------------------------------------------

template <std::size_t I, class D>
constexpr std::string_view index_sql = retort::sql<retort::create_index_t<MiDoc, I>, D>;

static_assert(index_sql<1, retort::sqlite> ==
              R"(CREATE INDEX IF NOT EXISTS "ix_mi_docs_title_rank" ON "mi_docs" ("title", "rank" DESC))");
static_assert(index_sql<1, retort::postgresql> == index_sql<1, retort::sqlite>);
static_assert(index_sql<2, retort::postgresql> ==
              R"(CREATE INDEX IF NOT EXISTS "mi_docs_body_hash" ON "mi_docs" USING hash ("body"))");
static_assert(index_sql<2, retort::sqlite> ==  // SQLite has one kind of index
              R"(CREATE INDEX IF NOT EXISTS "mi_docs_body_hash" ON "mi_docs" ("body"))");
static_assert(index_sql<3, retort::sqlite> ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS "uq_mi_docs_email" ON "mi_docs" ("email") WHERE deleted_at IS NULL)");
static_assert(index_sql<4, retort::postgresql> ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS "uq_mi_docs_lower_title" ON "mi_docs" (lower(title)))");
static_assert(index_sql<5, retort::sqlite> ==
              R"(CREATE INDEX IF NOT EXISTS "ix_mi_docs_rank_title" ON "mi_docs" (rank DESC, title) WHERE rank > 0)");

namespace {

const retort::catalog::index* find(const retort::catalog& cat, std::string_view name) {
    for (const auto& t : cat.tables)
        for (const auto& ix : t.indexes)
            if (ix.name == name) return &ix;
    return nullptr;
}

void reset(retort::connection& conn) { conn.execute_script("DROP TABLE IF EXISTS mi_docs"); }

}  // namespace

TEST_CASE("create_all makes every declared index as declared: method, DESC, partial, SQL keys, names") {
    database db;
    reset(db.conn);
    retort::create_all<MiDoc>(db.conn);

    retort::inspect_options only;
    only.tables = {"mi_docs"};
    const auto cat = retort::inspect(db.conn, only);

    const auto* ordered = find(cat, "ix_mi_docs_title_rank");
    REQUIRE(ordered != nullptr);
    CHECK(joined(ordered->columns) == "title,rank");
    CHECK(ordered->has_descending);
    CHECK_FALSE(ordered->predicate.has_value());

    const auto* hashed = find(cat, "mi_docs_body_hash");
    REQUIRE(hashed != nullptr);
    CHECK(hashed->method == (on_sqlite ? "" : "hash"));
    CHECK_FALSE(hashed->unique);

    const auto* partial = find(cat, "uq_mi_docs_email");
    REQUIRE(partial != nullptr);
    CHECK(partial->unique);
    REQUIRE(partial->predicate.has_value());
    CHECK(contains(*partial->predicate, "deleted_at IS NULL"));

    const auto* lowered = find(cat, "uq_mi_docs_lower_title");
    REQUIRE(lowered != nullptr);
    CHECK(lowered->has_expressions);
    CHECK(lowered->unique);

    const auto* sql_keys = find(cat, "ix_mi_docs_rank_title");
    REQUIRE(sql_keys != nullptr);
    CHECK(joined(sql_keys->columns) == "rank,title");  // bare columns written as SQL
    CHECK(sql_keys->has_descending);
    CHECK(sql_keys->predicate.has_value());

    SUBCASE("check_schema finds them all as declared") {
        const auto report = retort::check_schema<MiDoc>(db.conn);
        INFO(report.to_string());
        CHECK(report.ok());
    }
    SUBCASE("check_schema names what differs from a model that declares them otherwise") {
        const auto report = retort::check_schema<MiDocPlain>(db.conn);
        const std::string text = report.to_string();
        INFO(text);
        // ix_..._title_rank exists but with a DESC key; uq_mi_docs_email exists but partial.
        CHECK(contains(text, "index (title, rank): the database's 'ix_mi_docs_title_rank' differs: the model's has no "
                             "DESC key, the database's has"));
        CHECK(contains(text, "unique index (email): the database's 'uq_mi_docs_email' differs: the model's is not "
                             "partial, the database's partial (WHERE "));
        // Named ones are looked up by name and compared.
        CHECK(contains(text, "index 'uq_mi_docs_lower_title': the model's is not unique, the database's unique"));
        CHECK(contains(text, "index 'uq_mi_docs_lower_title': the model's keys are (title), the database's (<expression>)"));
        if (!on_sqlite)
            CHECK(contains(text, "index 'mi_docs_body_hash': the model's method is btree, the database's hash"));
        CHECK(report.differences.size() == (on_sqlite ? 4u : 5u));
    }
    SUBCASE("a partial unique index: unique among the rows it covers only") {
        db.conn.execute(retort::insert(MiDoc{0, "A", "b", "a@x", std::nullopt, 1}));
        CHECK_THROWS_AS(db.conn.execute(retort::insert(MiDoc{0, "B", "b", "a@x", std::nullopt, 1})),
                        retort::integrity_error);
        CHECK_NOTHROW(db.conn.execute(retort::insert(MiDoc{0, "C", "b", "a@x", 5, 1})));  // deleted: not covered
        // The expression index is unique on lower(title): "a" clashes with "A".
        CHECK_THROWS_AS(db.conn.execute(retort::insert(MiDoc{0, "a", "b", "z@x", std::nullopt, 1})),
                        retort::integrity_error);
        CHECK(db.conn.execute(retort::select(retort::count()).from<MiDoc>()).scalar() == 2);
    }
    SUBCASE("a second create_all keeps them") {
        CHECK_NOTHROW(retort::create_all<MiDoc>(db.conn));
        CHECK(retort::check_schema<MiDoc>(db.conn).ok());
    }
    reset(db.conn);
}
