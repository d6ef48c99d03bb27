// tests/integration/model_index_tests.cpp — indexes declared in a table declaration beyond
// plain columns: a method (USING gin / hash), DESC keys, partial (WHERE), keys written as SQL
// (expressions, operator classes), names of their own; and the naming convention of
// constraints and indexes (retort::naming_convention). The DDL per dialect (checked at
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

/// A plain foreign key, without a naming convention.
struct MiFkChild {
    std::int64_t id;
    std::int64_t doc_id;
};
template <>
inline constexpr auto retort::table_of<MiFkChild> = retort::table<MiFkChild>(
    "mi_fk_children", retort::primary_key<&MiFkChild::id>, retort::foreign_key<&MiFkChild::doc_id, &MiDoc::id>);

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

// ---- the naming convention ----------------------------------------------------------------

struct NcTeam {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<NcTeam> = retort::table<NcTeam>(
    "nc_teams", retort::naming_convention{}, retort::primary_key<&NcTeam::id>, retort::unique<&NcTeam::name>);

struct NcMember {
    std::int64_t team_id;
    std::int64_t number;
    std::string nick;
    std::int64_t score;
};
template <>
inline constexpr auto retort::table_of<NcMember> = retort::table<NcMember>(
    "nc_members", retort::naming_convention{.pk = "%(table_name)s_pk", .ck = "%(table_name)s_%(constraint_name)s_ck"},
    retort::primary_key<&NcMember::team_id, &NcMember::number>, retort::assigned_key,
    retort::foreign_key<&NcMember::team_id, &NcTeam::id>(retort::on_delete::cascade),
    retort::unique<&NcMember::team_id, &NcMember::nick>, retort::check("score", "score >= 0"),
    retort::check("score >= -1"), retort::index<&NcMember::nick>, retort::unique_index<&NcMember::score, &NcMember::nick>);

using create_teams = decltype(retort::create_table<NcTeam>());
static_assert(retort::sql<create_teams, retort::sqlite> ==
              R"(CREATE TABLE "nc_teams" ("id" INTEGER CONSTRAINT "pk_nc_teams" PRIMARY KEY, "name" TEXT NOT NULL, )"
              R"(CONSTRAINT "uq_nc_teams_name" UNIQUE ("name")))");
static_assert(retort::sql<create_teams, retort::postgresql> ==
              R"(CREATE TABLE "nc_teams" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY CONSTRAINT "pk_nc_teams" )"
              R"(PRIMARY KEY, "name" TEXT NOT NULL, CONSTRAINT "uq_nc_teams_name" UNIQUE ("name")))");
using create_members = decltype(retort::create_table<NcMember>());
static_assert(retort::sql<create_members, retort::postgresql> ==
              R"(CREATE TABLE "nc_members" ("team_id" BIGINT NOT NULL, "number" BIGINT NOT NULL, "nick" TEXT NOT NULL, )"
              R"("score" BIGINT NOT NULL, CONSTRAINT "nc_members_pk" PRIMARY KEY ("team_id", "number"), )"
              R"(CONSTRAINT "fk_nc_members_team_id_nc_teams" FOREIGN KEY ("team_id") REFERENCES "nc_teams" ("id") )"
              R"(ON DELETE CASCADE, CONSTRAINT "uq_nc_members_team_id_nick" UNIQUE ("team_id", "nick"), )"
              R"(CONSTRAINT "nc_members_score_ck" CHECK (score >= 0), CHECK (score >= -1)))");
static_assert(retort::sql<retort::create_index_t<NcMember, 7>, retort::sqlite> ==
              R"(CREATE INDEX IF NOT EXISTS "ix_nc_members_nick" ON "nc_members" ("nick"))");
static_assert(retort::sql<retort::create_index_t<NcMember, 8>, retort::sqlite> ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS "uq_nc_members_score_nick" ON "nc_members" ("score", "nick"))");
// add_constraint / drop_constraint and a Core create_index follow the table's convention.
static_assert(retort::sql<decltype(retort::drop_constraint<retort::check_constraint<NcMember, "score", "score >= 0">>()),
                          retort::postgresql> == R"(ALTER TABLE "nc_members" DROP CONSTRAINT "nc_members_score_ck")");
static_assert(retort::sql<decltype(retort::drop_constraint<retort::foreign_key<&NcMember::team_id, &NcTeam::id>>()),
                          retort::postgresql> ==
              R"(ALTER TABLE "nc_members" DROP CONSTRAINT "fk_nc_members_team_id_nc_teams")");
static_assert(retort::sql<decltype(retort::create_index(c<&NcMember::score>)), retort::sqlite> ==
              R"(CREATE INDEX "ix_nc_members_score" ON "nc_members" ("score"))");
// Without a naming convention the database names the constraints; the cycle-closing foreign
// key create_all adds is named as PostgreSQL would: <table>_<column>_fkey.
static_assert(retort::sql<retort::add_foreign_key_t<NcMember, 3>, retort::postgresql> ==
              R"(DO $retort$ BEGIN ALTER TABLE "nc_members" ADD CONSTRAINT "fk_nc_members_team_id_nc_teams" )"
              R"(FOREIGN KEY ("team_id") REFERENCES "nc_teams" ("id") ON DELETE CASCADE; EXCEPTION WHEN )"
              R"(duplicate_object THEN NULL; END $retort$)");
static_assert(retort::sql<retort::add_foreign_key_t<MiFkChild, 1>, retort::postgresql>.starts_with(
    R"(DO $retort$ BEGIN ALTER TABLE "mi_fk_children" ADD CONSTRAINT "mi_fk_children_doc_id_fkey" )"));

TEST_CASE("naming_convention: create_all names every constraint and index as declared, on both databases") {
    database db;
    db.conn.execute_script("DROP TABLE IF EXISTS nc_members; DROP TABLE IF EXISTS nc_teams");
    retort::create_all<NcMember, NcTeam>(db.conn);

    // The generated key is still generated (SQLite: still the rowid alias).
    NcTeam red{0, "red"};
    db.conn.execute(retort::insert(red));
    CHECK(red.id > 0);
    db.conn.execute(retort::insert(NcMember{red.id, 1, "ace", 3}));
    CHECK_THROWS_AS(db.conn.execute(retort::insert(NcMember{red.id, 2, "ace", 4})), retort::integrity_error);
    CHECK_THROWS_AS(db.conn.execute(retort::insert(NcMember{red.id, 3, "neg", -1})), retort::integrity_error);

    retort::inspect_options only;
    only.tables = {"nc_teams", "nc_members"};
    const auto cat = retort::inspect(db.conn, only);
    const auto* teams = cat.find("nc_teams");
    const auto* members = cat.find("nc_members");
    REQUIRE((teams && members));
    CHECK(teams->find_column("id")->pk_position == 1);
    std::vector<std::string> index_names;
    for (const auto& ix : members->indexes) index_names.push_back(ix.name);
    CHECK(std::find(index_names.begin(), index_names.end(), "ix_nc_members_nick") != index_names.end());
    CHECK(std::find(index_names.begin(), index_names.end(), "uq_nc_members_score_nick") != index_names.end());
    {
        const auto report = retort::check_schema<NcTeam, NcMember>(db.conn, {.index_names = true});
        INFO(report.to_string());
        CHECK(report.ok());
    }
    if (!on_sqlite) {
        CHECK(teams->primary_key_name == "pk_nc_teams");
        CHECK(members->primary_key_name == "nc_members_pk");
        REQUIRE(members->foreign_keys.size() == 1);
        CHECK(members->foreign_keys[0].name == "fk_nc_members_team_id_nc_teams");
        REQUIRE(members->uniques.size() == 1);
        CHECK(members->uniques[0].name == "uq_nc_members_team_id_nick");
        REQUIRE(teams->uniques.size() == 1);
        CHECK(teams->uniques[0].name == "uq_nc_teams_name");
        std::vector<std::string> checks;
        for (const auto& ck : members->checks) checks.push_back(ck.name);
        CHECK(std::find(checks.begin(), checks.end(), "nc_members_score_ck") != checks.end());
        // The names are predictable, so a later migration finds them by the same declaration.
        db.conn.execute(retort::drop_constraint<retort::check_constraint<NcMember, "score", "score >= 0">>());
        CHECK_NOTHROW(db.conn.execute(retort::insert(NcMember{red.id, 4, "zero", 0})));
        db.conn.execute(retort::drop_constraint<retort::unique<&NcTeam::name>>());
        CHECK_NOTHROW(db.conn.execute(retort::insert(NcTeam{0, "red"})));
    }
    db.conn.execute_script("DROP TABLE IF EXISTS nc_members; DROP TABLE IF EXISTS nc_teams");
}
