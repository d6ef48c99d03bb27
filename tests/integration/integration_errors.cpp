// tests/integration/integration_errors.cpp — errors.
// Part of the integration suite (one program per database): see integration_support.hpp.
#include "integration_support.hpp"

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
