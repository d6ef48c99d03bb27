// tests/integration/write_ddl_tests.cpp — partial inserts with server defaults
// (insert<T>().values(...), default_values()) and standalone DDL (create_index /
// drop_index) on a real database: the rows and the schema they leave.
//
// One source, built twice like expression_tests.cpp:
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
// The exact SQL is checked in tests/core/insert_values_render_tests.cpp and
// tests/core/index_ddl_render_tests.cpp.
#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include "integration_support.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using retort::c;
using std::int64_t;
using std::nullopt;
using std::optional;
using std::string;
using std::tuple;
using std::vector;


struct WdUser {
    int64_t id;
    string name;
    string status;
    optional<int> age;
    int64_t score;
};
struct WdEvent {
    int64_t id;
    string kind;
};
struct WdTag {
    int64_t id;
    optional<string> label;
};
template <>
inline constexpr auto retort::table_of<WdUser> = retort::table<WdUser>(
    "wd_users", retort::primary_key<&WdUser::id>, retort::server_default<&WdUser::status>("'new'"),
    retort::server_default<&WdUser::score>("0"));
template <>
inline constexpr auto retort::table_of<WdEvent> =
    retort::table<WdEvent>("wd_events", retort::primary_key<&WdEvent::id>, retort::server_default<&WdEvent::kind>("'tick'"));
template <>
inline constexpr auto retort::table_of<WdTag> =
    retort::table<WdTag>("wd_tags", retort::primary_key<&WdTag::id>, retort::assigned_key);

struct WdNote {
    int64_t id;
    int64_t user_id;
    string body;
};
template <>
inline constexpr auto retort::table_of<WdNote> =
    retort::table<WdNote>("wd_notes", retort::primary_key<&WdNote::id>, retort::assigned_key);

namespace {

/// The shared connection (integration_support.hpp) with this file's tables made afresh.
struct ddl_db : database {
    ddl_db() {
        // wd_notes first, on its own: a test below adds a foreign key to wd_users at run time
        // (add_constraint), which drop_all's declared-key order cannot know about.
        retort::drop_all<WdNote>(conn);
        retort::drop_all<WdUser, WdEvent, WdTag>(conn);
        retort::create_all<WdUser, WdEvent, WdTag, WdNote>(conn);
    }
    WdUser user(int64_t id) {
        return conn.execute(retort::select<WdUser>().where(c<&WdUser::id> == id)).one();
    }
};

}  // namespace

// =======================================================================================
// Partial inserts and server defaults
// =======================================================================================

TEST_CASE("insert<T>().values(...): columns left out get their server defaults, the key comes back") {
    ddl_db db;
    const int64_t id = db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann", c<&WdUser::age> = 30));
    const WdUser ann = db.user(id);
    CHECK(ann.name == "Ann");
    CHECK(ann.status == "new");
    CHECK(ann.score == 0);
    CHECK(ann.age == 30);
    // A second row gets the next key.
    const int64_t id2 = db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Bob", c<&WdUser::status> = "vip"));
    CHECK(id2 > id);
    CHECK(db.user(id2).status == "vip");
    CHECK(db.user(id2).age == nullopt);
}

TEST_CASE("insert(obj) binds every field, also those with a server default") {
    ddl_db db;
    WdUser u{0, "Cid", "", nullopt, 5};
    db.conn.execute(retort::insert(u));
    CHECK(db.user(u.id).status == "");  // the struct's value, not the server default
    CHECK(db.user(u.id).score == 5);
}

TEST_CASE("insert<T>().default_values()") {
    ddl_db db;
    const int64_t a = db.conn.execute(retort::insert<WdEvent>().default_values());
    const int64_t b = db.conn.execute(retort::insert<WdEvent>().default_values());
    CHECK(b > a);
    CHECK(db.conn.execute(retort::select(c<&WdEvent::kind>).order_by(c<&WdEvent::id>)).all() ==
          vector<tuple<string>>{{"tick"}, {"tick"}});
}

TEST_CASE("insert<T>().values(...): NULL, expressions and a scalar subquery as values; several rows") {
    ddl_db db;
    CHECK(db.conn.execute(retort::insert<WdTag>().values(c<&WdTag::id> = 1, c<&WdTag::label> = "a")
                              .values(c<&WdTag::id> = 2, c<&WdTag::label> = retort::null)
                              .values(c<&WdTag::id> = 3, c<&WdTag::label> = retort::upper(retort::value("c")))) == 3);
    db.conn.execute(retort::insert<WdTag>().values(
        c<&WdTag::id> = retort::scalar(retort::select(retort::max(c<&WdTag::id>)).from<WdTag>()) + 10));
    CHECK(db.conn.execute(retort::select(c<&WdTag::id>, c<&WdTag::label>).order_by(c<&WdTag::id>)).all() ==
          vector<tuple<int64_t, optional<string>>>{{1, "a"}, {2, nullopt}, {3, "C"}, {13, nullopt}});
}

TEST_CASE("insert<T>().values(...).returning(...) gives the server's defaults back") {
    ddl_db db;
    const auto r = db.conn.execute(retort::insert<WdUser>()
                                       .values(c<&WdUser::name> = "Dee")
                                       .returning(c<&WdUser::id>, c<&WdUser::status>, c<&WdUser::score>))
                       .one();
    CHECK(std::get<0>(r) > 0);
    CHECK(std::get<1>(r) == "new");
    CHECK(std::get<2>(r) == 0);
}

// =======================================================================================
// Standalone DDL: CREATE INDEX / DROP INDEX
// =======================================================================================

namespace {

int64_t index_count(retort::connection& conn, const string& name) {
    if constexpr (on_sqlite)
        return std::get<0>(conn.execute(retort::text<"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :n">
                                            .bind<"n">(name)
                                            .columns<int64_t>())
                               .one());
    else
        return std::get<0>(
            conn.execute(retort::text<"SELECT count(*) FROM pg_indexes WHERE indexname = :n">.bind<"n">(name).columns<int64_t>())
                .one());
}

}  // namespace

TEST_CASE("create_index(...).unique() enforces uniqueness; drop_index removes it") {
    ddl_db db;
    db.conn.execute(retort::create_index(c<&WdUser::name>).unique());
    CHECK(index_count(db.conn, "uq_wd_users_name") == 1);
    db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann"));
    CHECK_THROWS_AS(db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann")), retort::integrity_error);
    db.conn.execute(retort::drop_index<"uq_wd_users_name">());
    CHECK(index_count(db.conn, "uq_wd_users_name") == 0);
    db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann"));
    CHECK(std::get<0>(db.conn.execute(retort::select(retort::count()).from<WdUser>()).one()) == 2);
}

TEST_CASE("an expression key with a partial WHERE: unique lower(name) among active users") {
    ddl_db db;
    db.conn.execute(retort::create_index<"uq_wd_active_lower_name">(retort::lower(c<&WdUser::name>))
                        .unique()
                        .where(c<&WdUser::status> == retort::literal_column<"'active'", string>));
    db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann", c<&WdUser::status> = "active"));
    // Another case of the same name, active: refused.
    CHECK_THROWS_AS(db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "ANN", c<&WdUser::status> = "active")),
                    retort::integrity_error);
    // Outside the partial index: accepted.
    db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "ANN"));
    CHECK(std::get<0>(db.conn.execute(retort::select(retort::count()).from<WdUser>()).one()) == 2);
}

TEST_CASE("IF NOT EXISTS / IF EXISTS make index DDL repeatable; without them a repeat fails") {
    ddl_db db;
    const auto ix = retort::create_index<"ix_wd_score_age">(retort::desc(c<&WdUser::score>), c<&WdUser::age>);
    db.conn.execute(ix);
    CHECK_THROWS_AS(db.conn.execute(ix), retort::error);
    db.conn.execute(ix.if_not_exists());
    CHECK(index_count(db.conn, "ix_wd_score_age") == 1);
    db.conn.execute(retort::drop_index<"ix_wd_score_age">());
    CHECK_THROWS_AS(db.conn.execute(retort::drop_index<"ix_wd_score_age">()), retort::error);
    db.conn.execute(retort::drop_index<"ix_wd_score_age">().if_exists());
    CHECK(index_count(db.conn, "ix_wd_score_age") == 0);
    if constexpr (!on_sqlite) {  // NULLS FIRST / LAST in an index: PostgreSQL only
        db.conn.execute(retort::create_index<"ix_wd_age_nulls">(retort::desc(c<&WdUser::age>).nulls_last()));
        CHECK(index_count(db.conn, "ix_wd_age_nulls") == 1);
    }
}

// =======================================================================================
// Standalone DDL: ALTER TABLE ADD / DROP CONSTRAINT (PostgreSQL; a named veto on SQLite)
// =======================================================================================

TEST_CASE("add_constraint / drop_constraint: unique, foreign key and check, by conventional names") {
    ddl_db db;
    const auto add_unique = retort::add_constraint<retort::unique<&WdUser::name>>();
    if constexpr (on_sqlite) {
        // The engine's dialect is known at run time: the veto is an exception, sent nowhere.
        CHECK_THROWS_WITH_AS(db.conn.execute(add_unique), doctest::Contains("SQLite has no ALTER TABLE ADD / DROP CONSTRAINT"),
                             retort::programming_error);
        CHECK_THROWS_AS(db.conn.execute(retort::drop_constraint<WdUser, "uq_wd_users_name">()), retort::programming_error);
    } else {
        db.conn.execute(add_unique);
        const auto uid = db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann"));
        CHECK_THROWS_AS(db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann")), retort::integrity_error);
        CHECK(std::get<0>(db.conn.execute(retort::text<"SELECT count(*) FROM pg_constraint WHERE conname = :n">
                                              .bind<"n">("uq_wd_users_name")
                                              .columns<int64_t>())
                              .one()) == 1);
        db.conn.execute(retort::drop_constraint<retort::unique<&WdUser::name>>());
        db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Ann"));

        db.conn.execute(
            retort::add_constraint<retort::foreign_key<&WdNote::user_id, &WdUser::id>(retort::on_delete::cascade)>());
        db.conn.execute(retort::insert(WdNote{1, uid, "hi"}));
        CHECK_THROWS_AS(db.conn.execute(retort::insert(WdNote{2, uid + 100, "orphan"})), retort::integrity_error);
        db.conn.execute(retort::delete_from<WdUser>().where(c<&WdUser::id> == uid));  // cascades
        CHECK(std::get<0>(db.conn.execute(retort::select(retort::count()).from<WdNote>()).one()) == 0);

        db.conn.execute(retort::add_constraint<retort::check_constraint<WdUser, "score_positive", "score >= 0">>());
        CHECK_THROWS_AS(db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Neg", c<&WdUser::score> = -1)),
                        retort::integrity_error);
        db.conn.execute(retort::drop_constraint<WdUser, "ck_wd_users_score_positive">());
        db.conn.execute(retort::drop_constraint<WdUser, "ck_wd_users_score_positive">().if_exists());
        db.conn.execute(retort::insert<WdUser>().values(c<&WdUser::name> = "Neg", c<&WdUser::score> = -1));
    }
}
