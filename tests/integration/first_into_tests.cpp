// tests/integration/first_into_tests.cpp — result::first_into(row): a point select read into
// an object the caller keeps (found, not found, NULL into an optional, strings longer than
// the small-string buffer, an object whose strings were longer before, tuple rows, a
// result already stepped, a value that does not fit), on the real database of the build.
#include "integration_support.hpp"

namespace {

struct IntoUser {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<std::int32_t> age;
    double score;
};

}  // namespace

template <>
inline constexpr auto retort::table_of<IntoUser> =
    retort::table<IntoUser>("into_users", retort::primary_key<&IntoUser::id>);

namespace {

using U = IntoUser;

const std::string long_email = "a-rather-long-address-" + std::string(60, 'x') + "@example.com";

/// 1: ann, a short email, 31 | 2: bob, an 84-character email, NULL age | 3: cid, short, 25
void make_into_users(retort::connection& conn) {
    retort::drop_all<U>(conn);
    retort::create_all<U>(conn);
    std::vector<U> users{{0, "ann", "ann@ex.org", 31, 1.5},
                         {0, "bob", long_email, std::nullopt, 2.5},
                         {0, "cid", "c@ex.org", 25, 3.5}};
    for (auto& u : users) conn.execute(retort::insert(u));
}

bool read_user(retort::connection& conn, std::int64_t id, U& into) {
    return conn.execute(retort::select<U>().where(c<&U::id> == id)).first_into(into);
}

}  // namespace

TEST_CASE("first_into reads a point select into an existing object") {
    database db;
    auto& conn = db.conn;
    make_into_users(conn);

    SUBCASE("found: every field is the row's, and true") {
        U u{};
        REQUIRE(read_user(conn, 1, u));
        CHECK(u.id == 1);
        CHECK(u.name == "ann");
        CHECK(u.email == "ann@ex.org");
        CHECK(u.age == std::optional<std::int32_t>(31));
        CHECK(u.score == 1.5);
    }
    SUBCASE("not found: false, and the object is untouched") {
        U u{7, "kept", "kept@ex.org", 99, 9.5};
        CHECK_FALSE(read_user(conn, 42, u));
        CHECK(u.id == 7);
        CHECK(u.name == "kept");
        CHECK(u.email == "kept@ex.org");
        CHECK(u.age == std::optional<std::int32_t>(99));
        CHECK(u.score == 9.5);
        // The statement was reset: the same select finds the next row.
        CHECK(read_user(conn, 3, u));
        CHECK(u.name == "cid");
    }
    SUBCASE("NULL empties an optional field that held a value") {
        U u{0, "", "", 77, 0.0};
        REQUIRE(read_user(conn, 2, u));
        CHECK_FALSE(u.age.has_value());
        REQUIRE(read_user(conn, 3, u));  // and a value fills it again
        CHECK(u.age == std::optional<std::int32_t>(25));
    }
    SUBCASE("a string longer than the small-string buffer") {
        U u{};
        REQUIRE(read_user(conn, 2, u));
        CHECK(u.email == long_email);
        CHECK(u.email.size() == long_email.size());
        CHECK(u.name == "bob");
    }
    SUBCASE("an object whose strings were longer before: shorter values, the buffer kept") {
        U u{};
        REQUIRE(read_user(conn, 2, u));
        const char* buffer = u.email.data();
        const std::size_t capacity = u.email.capacity();
        REQUIRE(read_user(conn, 1, u));
        CHECK(u.email == "ann@ex.org");
        CHECK(u.email.size() == 10);
        CHECK(u.name == "ann");
        CHECK(u.email.data() == buffer);  // assigned in place: no new allocation
        CHECK(u.email.capacity() == capacity);
        // A string that held a long value of its own before the first read.
        U v{0, std::string(50, 'n'), std::string(200, 'e'), std::nullopt, 0.0};
        REQUIRE(read_user(conn, 3, v));
        CHECK(v.name == "cid");
        CHECK(v.email == "c@ex.org");
        CHECK(v.age == std::optional<std::int32_t>(25));
    }
    SUBCASE("one object through many selects, as a loop of point selects uses it") {
        U u{};
        std::string names;
        for (std::int64_t id : {3, 1, 2, 5, 1, 3}) {
            if (read_user(conn, id, u))
                names += u.name + (u.age ? std::to_string(*u.age) : std::string("-")) + ",";
            else
                names += "none,";
        }
        CHECK(names == "cid25,ann31,bob-,none,ann31,cid25,");
        CHECK(conn.cache_size() >= 1);
    }
    SUBCASE("a row of selected columns (a tuple)") {
        std::tuple<std::string, std::optional<std::int32_t>> row{"previous", 5};
        REQUIRE(conn.execute(retort::select(c<&U::email>, c<&U::age>).where(c<&U::id> == 2)).first_into(row));
        CHECK(std::get<0>(row) == long_email);
        CHECK_FALSE(std::get<1>(row).has_value());
        CHECK_FALSE(conn.execute(retort::select(c<&U::email>, c<&U::age>).where(c<&U::id> == 0)).first_into(row));
        CHECK(std::get<0>(row) == long_email);
    }
    SUBCASE("several rows: the first in order, the rest discarded") {
        U u{};
        REQUIRE(conn.execute(retort::select<U>().order_by(retort::desc(c<&U::score>))).first_into(u));
        CHECK(u.name == "cid");
        // The connection runs the next statement at once (the first result was released).
        CHECK(conn.execute(retort::select<U>().where(c<&U::name> == "ann")).first_into(u));
        CHECK(u.id == 1);
    }
    SUBCASE("a result already stepped: the row it is on") {
        U u{};
        auto result = conn.execute(retort::select<U>().order_by(c<&U::id>));
        auto it = result.begin();
        REQUIRE(it != result.end());
        REQUIRE(result.first_into(u));
        CHECK(u.name == "ann");
        CHECK(u.email == "ann@ex.org");
        CHECK_FALSE(result.first_into(u));  // done: no more rows
        CHECK(u.name == "ann");
        // first() on a stepped result likewise ends it (a second call finds no row).
        auto again = conn.execute(retort::select<U>().order_by(c<&U::id>));
        REQUIRE(again.begin() != again.end());
        const auto first = again.first();
        REQUIRE(first.has_value());
        CHECK(first->name == "ann");
        CHECK_FALSE(again.first().has_value());
    }
}

TEST_CASE("first_into: a value that does not fit its field is a data_error, and the connection goes on") {
    if (!on_sqlite) return;  // PostgreSQL's INTEGER column cannot hold the value; SQLite's can
    database db;
    auto& conn = db.conn;
    make_into_users(conn);
    conn.execute_script("UPDATE into_users SET age = 5000000000 WHERE id = 3");
    U u{};
    CHECK_THROWS_AS(read_user(conn, 3, u), retort::data_error);
    REQUIRE(read_user(conn, 1, u));
    CHECK(u.name == "ann");
    CHECK(u.age == std::optional<std::int32_t>(31));
}
