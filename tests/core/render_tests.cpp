// tests/core/render_tests.cpp — the exact SQL text of every kind of statement, in both
// dialects, computed at compile time. Each expectation is checked twice: by
// static_assert (the text really is a compile-time constant) and by doctest CHECK
// (a failure prints both strings). Also: parameter counts, row types, and the
// foreign-key creation order.
#include <retort/core.hpp>

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

using namespace std::string_view_literals;
using retort::c;

// ---------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------

struct User {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<int> age;
    bool active;
};

struct Post {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
    double score;
};

struct Comment {
    std::int64_t id;
    std::int64_t post_id;
    std::string body;
};

// A table that uses every option and every value type.
struct Gadget {
    std::int64_t id;
    std::int8_t tiny;
    std::int16_t small;
    std::int32_t medium;
    std::uint32_t unsigned_medium;
    float ratio;
    double price;
    bool enabled;
    std::string sku;
    std::string label;
    retort::blob image;
    std::chrono::sys_time<std::chrono::microseconds> created_at;
    std::optional<std::int64_t> owner_id;
    std::optional<std::string> note;
};

// An integer key the application assigns: included in INSERT, no RETURNING.
struct Tag {
    std::int64_t id;
    std::string name;
};

// A text key: never generated.
struct Country {
    std::string code;
    std::string name;
};

// A composite key: never generated.
struct Membership {
    std::int64_t user_id;
    std::int64_t group_id;
    std::optional<std::string> role;
};

// Identifiers that need quoting: a table name and a column name with double quotes.
struct Odd {
    std::int64_t id;
    std::string say;
};

// A self reference (does not count as a dependency).
struct Employee {
    std::int64_t id;
    std::optional<std::int64_t> manager_id;
};

namespace shop {
struct Item {
    std::int32_t id;
    std::string title;
};
}  // namespace shop

template <>
inline constexpr auto retort::table_of<User> =
    retort::table<User>("users", retort::primary_key<&User::id>, retort::unique<&User::email>,
                        retort::index<&User::name>, retort::check("age_not_negative", "age >= 0"));

template <>
inline constexpr auto retort::table_of<Post> = retort::table<Post>(
    "posts", retort::primary_key<&Post::id>, retort::foreign_key<&Post::user_id, &User::id>(retort::on_delete::cascade));

template <>
inline constexpr auto retort::table_of<Comment> =
    retort::table<Comment>("comments", retort::primary_key<&Comment::id>,
                           retort::foreign_key<&Comment::post_id, &Post::id>(retort::on_update::restrict_));

template <>
inline constexpr auto retort::table_of<Gadget> = retort::table<Gadget>(
    "gadgets",
    retort::primary_key<&Gadget::id>,                          // 0
    retort::autoincrement<&Gadget::id>,                        // 1
    retort::unique<&Gadget::sku>,                              // 2
    retort::unique<&Gadget::tiny, &Gadget::small>,             // 3
    retort::index<&Gadget::label>,                             // 4
    retort::unique_index<&Gadget::medium, &Gadget::ratio>,     // 5
    retort::check("price >= 0"),                               // 6
    retort::check("small_positive", "small > 0"),              // 7
    retort::varchar<&Gadget::sku, 32>,                         // 8
    retort::server_default<&Gadget::created_at>("CURRENT_TIMESTAMP"),  // 9
    retort::server_default<&Gadget::enabled>("TRUE"),          // 10
    retort::foreign_key<&Gadget::owner_id, &User::id>(retort::on_delete::set_null,
                                                      retort::on_update::cascade),  // 11
    retort::column_name<&Gadget::label>("Display Label"));     // 12

template <>
inline constexpr auto retort::table_of<Tag> =
    retort::table<Tag>("tags", retort::primary_key<&Tag::id>, retort::assigned_key);

template <>
inline constexpr auto retort::table_of<Country> =
    retort::table<Country>("countries", retort::primary_key<&Country::code>, retort::varchar<&Country::code, 2>);

struct DayEntry {
    std::int64_t id;
    std::string day;
    std::string what;
};
template <>
inline constexpr auto retort::table_of<DayEntry> =
    retort::table<DayEntry>("day_entries", retort::primary_key<&DayEntry::day, &DayEntry::id>);

template <>
inline constexpr auto retort::table_of<Membership> = retort::table<Membership>(
    "memberships", retort::primary_key<&Membership::user_id, &Membership::group_id>,
    retort::foreign_key<&Membership::user_id, &User::id>(retort::on_delete::cascade));

template <>
inline constexpr auto retort::table_of<Odd> =
    retort::table<Odd>("odd\"table", retort::primary_key<&Odd::id>,
                       retort::column_name<&Odd::say>("say \"hi\""), retort::index<&Odd::say>);

template <>
inline constexpr auto retort::table_of<Employee> = retort::table<Employee>(
    "employees", retort::primary_key<&Employee::id>, retort::foreign_key<&Employee::manager_id, &Employee::id>);

template <>
inline constexpr auto retort::table_of<shop::Item> =
    retort::table<shop::Item>("items", retort::primary_key<&shop::Item::id>);

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

template <class S>
constexpr std::string_view lite = retort::sql<S, retort::sqlite>;
template <class S>
constexpr std::string_view pg = retort::sql<S, retort::postgresql>;

// The same expectation at compile time and at run time, for both dialects.
#define RENDERS(Q, SQLITE_TEXT, PG_TEXT)        \
    static_assert(lite<Q> == (SQLITE_TEXT));    \
    static_assert(pg<Q> == (PG_TEXT));          \
    CHECK(lite<Q> == std::string_view{SQLITE_TEXT}); \
    CHECK(pg<Q> == std::string_view{PG_TEXT})

#define USERS_COLUMNS \
    R"("users"."id", "users"."name", "users"."email", "users"."age", "users"."active")"

// ---------------------------------------------------------------------------
// SELECT
// ---------------------------------------------------------------------------

TEST_CASE("select<T>() lists every column, qualified, in field order") {
    using Q = decltype(retort::select<User>());
    RENDERS(Q, R"(SELECT )" USERS_COLUMNS R"( FROM "users")", R"(SELECT )" USERS_COLUMNS R"( FROM "users")");
}

TEST_CASE("select<T>() of a namespaced model uses its table name") {
    using Q = decltype(retort::select<shop::Item>());
    RENDERS(Q, R"(SELECT "items"."id", "items"."title" FROM "items")",
            R"(SELECT "items"."id", "items"."title" FROM "items")");
}

TEST_CASE("select(columns...) lists the chosen columns; FROM is their tables") {
    using Q = decltype(retort::select(c<&User::name>, c<&User::age>));
    RENDERS(Q, R"(SELECT "users"."name", "users"."age" FROM "users")",
            R"(SELECT "users"."name", "users"."age" FROM "users")");

    using Two = decltype(retort::select(c<&User::name>, c<&Post::title>, c<&User::email>));
    RENDERS(Two, R"(SELECT "users"."name", "posts"."title", "users"."email" FROM "users", "posts")",
            R"(SELECT "users"."name", "posts"."title", "users"."email" FROM "users", "posts")");
}

TEST_CASE("select(columns...).from<Ts...>() names the FROM tables explicitly") {
    using Q = decltype(retort::select(c<&User::name>).from<User, Post>());
    RENDERS(Q, R"(SELECT "users"."name" FROM "users", "posts")", R"(SELECT "users"."name" FROM "users", "posts")");
}

TEST_CASE("where() with each comparison operator; values are placeholders") {
    using Eq = decltype(retort::select(c<&User::name>).where(c<&User::id> == 1));
    RENDERS(Eq, R"(SELECT "users"."name" FROM "users" WHERE "users"."id" = ?)",
            R"(SELECT "users"."name" FROM "users" WHERE "users"."id" = $1)");

    using Ne = decltype(retort::select(c<&User::name>).where(c<&User::id> != 1));
    RENDERS(Ne, R"(SELECT "users"."name" FROM "users" WHERE "users"."id" <> ?)",
            R"(SELECT "users"."name" FROM "users" WHERE "users"."id" <> $1)");

    using Lt = decltype(retort::select(c<&User::name>).where(c<&User::age> < 18));
    RENDERS(Lt, R"(SELECT "users"."name" FROM "users" WHERE "users"."age" < ?)",
            R"(SELECT "users"."name" FROM "users" WHERE "users"."age" < $1)");

    using Le = decltype(retort::select(c<&User::name>).where(c<&User::age> <= 18));
    RENDERS(Le, R"(SELECT "users"."name" FROM "users" WHERE "users"."age" <= ?)",
            R"(SELECT "users"."name" FROM "users" WHERE "users"."age" <= $1)");

    using Gt = decltype(retort::select(c<&User::name>).where(c<&User::age> > 18));
    RENDERS(Gt, R"(SELECT "users"."name" FROM "users" WHERE "users"."age" > ?)",
            R"(SELECT "users"."name" FROM "users" WHERE "users"."age" > $1)");

    using Ge = decltype(retort::select(c<&User::name>).where(c<&User::age> >= 18));
    RENDERS(Ge, R"(SELECT "users"."name" FROM "users" WHERE "users"."age" >= ?)",
            R"(SELECT "users"."name" FROM "users" WHERE "users"."age" >= $1)");
}

TEST_CASE("where(): text, real and boolean operands; value on the left; column against column") {
    using Text = decltype(retort::select(c<&User::id>).where(c<&User::name> == "ann"));
    RENDERS(Text, R"(SELECT "users"."id" FROM "users" WHERE "users"."name" = ?)",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."name" = $1)");

    using StdString = decltype(retort::select(c<&User::id>).where(c<&User::name> == std::string{}));
    RENDERS(StdString, R"(SELECT "users"."id" FROM "users" WHERE "users"."name" = ?)",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."name" = $1)");

    // integer and real columns are comparable (both numeric)
    using Mixed = decltype(retort::select(c<&Post::id>).where(c<&Post::score> > 2));
    RENDERS(Mixed, R"(SELECT "posts"."id" FROM "posts" WHERE "posts"."score" > ?)",
            R"(SELECT "posts"."id" FROM "posts" WHERE "posts"."score" > $1)");

    using Left = decltype(retort::select(c<&User::id>).where(18 <= c<&User::age>));
    RENDERS(Left, R"(SELECT "users"."id" FROM "users" WHERE ? <= "users"."age")",
            R"(SELECT "users"."id" FROM "users" WHERE $1 <= "users"."age")");

    using Cols = decltype(retort::select(c<&Post::title>).from<Post, User>().where(c<&Post::user_id> == c<&User::id>));
    RENDERS(Cols, R"(SELECT "posts"."title" FROM "posts", "users" WHERE "posts"."user_id" = "users"."id")",
            R"(SELECT "posts"."title" FROM "posts", "users" WHERE "posts"."user_id" = "users"."id")");

    using Bool = decltype(retort::select(c<&User::id>).where(c<&User::active>));
    RENDERS(Bool, R"(SELECT "users"."id" FROM "users" WHERE "users"."active")",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."active")");

    using BoolValue = decltype(retort::select(c<&User::id>).where(c<&User::active> == true));
    RENDERS(BoolValue, R"(SELECT "users"."id" FROM "users" WHERE "users"."active" = ?)",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."active" = $1)");
}

TEST_CASE("AND / OR: an OR inside an AND is parenthesised, nothing else is") {
    using OrInAnd = decltype(retort::select(c<&User::id>).where(c<&User::age> > 30 &&
                                                                (c<&User::name> == "x" || c<&User::name> == "y")));
    RENDERS(OrInAnd,
            R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > ? AND ("users"."name" = ? OR "users"."name" = ?))",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."age" > $1 AND ("users"."name" = $2 OR "users"."name" = $3))");

    using OrOnLeft = decltype(retort::select(c<&User::id>).where((c<&User::id> == 1 || c<&User::id> == 2) &&
                                                                 c<&User::active>));
    RENDERS(OrOnLeft,
            R"(SELECT "users"."id" FROM "users" WHERE ("users"."id" = ? OR "users"."id" = ?) AND "users"."active")",
            R"(SELECT "users"."id" FROM "users" WHERE ("users"."id" = $1 OR "users"."id" = $2) AND "users"."active")");

    using AndInOr = decltype(retort::select(c<&User::id>).where((c<&User::id> == 1 && c<&User::active>) ||
                                                                c<&User::id> == 2));
    RENDERS(AndInOr,
            R"(SELECT "users"."id" FROM "users" WHERE "users"."id" = ? AND "users"."active" OR "users"."id" = ?)",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."id" = $1 AND "users"."active" OR "users"."id" = $2)");

    using OrChain = decltype(retort::select(c<&User::id>).where(c<&User::id> == 1 || c<&User::id> == 2 ||
                                                                c<&User::id> == 3));
    RENDERS(OrChain, R"(SELECT "users"."id" FROM "users" WHERE "users"."id" = ? OR "users"."id" = ? OR "users"."id" = ?)",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."id" = $1 OR "users"."id" = $2 OR "users"."id" = $3)");

    using AndChain = decltype(retort::select(c<&User::id>).where(c<&User::id> > 1 && c<&User::id> < 9 &&
                                                                 c<&User::active>));
    RENDERS(AndChain, R"(SELECT "users"."id" FROM "users" WHERE "users"."id" > ? AND "users"."id" < ? AND "users"."active")",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."id" > $1 AND "users"."id" < $2 AND "users"."active")");
}

TEST_CASE("NOT always parenthesises its operand") {
    using Not = decltype(retort::select(c<&User::id>).where(!(c<&User::age> > 30)));
    RENDERS(Not, R"(SELECT "users"."id" FROM "users" WHERE NOT ("users"."age" > ?))",
            R"(SELECT "users"."id" FROM "users" WHERE NOT ("users"."age" > $1))");

    using NotOr = decltype(retort::select(c<&User::id>).where(!(c<&User::id> == 1 || c<&User::active>) &&
                                                              c<&User::age> > 3));
    RENDERS(NotOr,
            R"(SELECT "users"."id" FROM "users" WHERE NOT ("users"."id" = ? OR "users"."active") AND "users"."age" > ?)",
            R"(SELECT "users"."id" FROM "users" WHERE NOT ("users"."id" = $1 OR "users"."active") AND "users"."age" > $2)");
}

TEST_CASE("an operator expression used as an operand of a comparison is parenthesised") {
    // Without the parentheses SQLite would read `a > ? = b` as `a > (? = b)`.
    using Cmp = decltype(retort::select(c<&User::id>).where((c<&User::age> > 3 || c<&User::id> == 2) ==
                                                            c<&User::active>));
    RENDERS(Cmp,
            R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > ? OR "users"."id" = ?) = "users"."active")",
            R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > $1 OR "users"."id" = $2) = "users"."active")");

    using Nested = decltype(retort::select(c<&User::id>).where((c<&User::age> > 3) != retort::is_null(c<&User::age>)));
    RENDERS(Nested,
            R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > ?) <> ("users"."age" IS NULL))",
            R"(SELECT "users"."id" FROM "users" WHERE ("users"."age" > $1) <> ("users"."age" IS NULL))");
}

TEST_CASE("IS NULL / IS NOT NULL bind nothing") {
    using IsNull = decltype(retort::select(c<&User::id>).where(retort::is_null(c<&User::age>)));
    RENDERS(IsNull, R"(SELECT "users"."id" FROM "users" WHERE "users"."age" IS NULL)",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."age" IS NULL)");

    using NotNull = decltype(retort::select(c<&User::id>).where(retort::is_not_null(c<&User::age>) ||
                                                                c<&User::id> == 0));
    RENDERS(NotNull, R"(SELECT "users"."id" FROM "users" WHERE "users"."age" IS NOT NULL OR "users"."id" = ?)",
            R"(SELECT "users"."id" FROM "users" WHERE "users"."age" IS NOT NULL OR "users"."id" = $1)");
}

TEST_CASE("order_by: asc, desc, and a bare expression (ascending)") {
    using Q = decltype(retort::select(c<&User::name>).order_by(retort::desc(c<&User::age>), c<&User::name>,
                                                               retort::asc(c<&User::id>)));
    RENDERS(Q, R"(SELECT "users"."name" FROM "users" ORDER BY "users"."age" DESC, "users"."name" ASC, "users"."id" ASC)",
            R"(SELECT "users"."name" FROM "users" ORDER BY "users"."age" DESC, "users"."name" ASC, "users"."id" ASC)");
}

TEST_CASE("limit and offset are bound parameters; SQLite needs LIMIT -1 for a bare OFFSET") {
    using Limit = decltype(retort::select(c<&User::name>).limit(10));
    RENDERS(Limit, R"(SELECT "users"."name" FROM "users" LIMIT ?)", R"(SELECT "users"."name" FROM "users" LIMIT $1)");

    using Offset = decltype(retort::select(c<&User::name>).offset(20));
    RENDERS(Offset, R"(SELECT "users"."name" FROM "users" LIMIT -1 OFFSET ?)",
            R"(SELECT "users"."name" FROM "users" OFFSET $1)");

    using Both = decltype(retort::select(c<&User::name>).offset(20).limit(10));
    RENDERS(Both, R"(SELECT "users"."name" FROM "users" LIMIT ? OFFSET ?)",
            R"(SELECT "users"."name" FROM "users" LIMIT $1 OFFSET $2)");
}

TEST_CASE("every clause together, numbered in order in PostgreSQL") {
    using Q = decltype(retort::select<User>()
                           .where(c<&User::age> > 30 && (c<&User::name> == "x" || retort::is_null(c<&User::age>)))
                           .order_by(retort::desc(c<&User::name>))
                           .limit(10)
                           .offset(5));
    RENDERS(Q,
            R"(SELECT )" USERS_COLUMNS
            R"( FROM "users" WHERE "users"."age" > ? AND ("users"."name" = ? OR "users"."age" IS NULL) ORDER BY "users"."name" DESC LIMIT ? OFFSET ?)",
            R"(SELECT )" USERS_COLUMNS
            R"( FROM "users" WHERE "users"."age" > $1 AND ("users"."name" = $2 OR "users"."age" IS NULL) ORDER BY "users"."name" DESC LIMIT $3 OFFSET $4)");
    CHECK(retort::parameter_count<Q, retort::sqlite> == 4);
    CHECK(retort::parameter_count<Q, retort::postgresql> == 4);
}

// ---------------------------------------------------------------------------
// INSERT
// ---------------------------------------------------------------------------

TEST_CASE("insert: a generated integer key is left out and comes back through RETURNING") {
    using Q = decltype(retort::insert(User{}));
    RENDERS(Q, R"(INSERT INTO "users" ("name", "email", "age", "active") VALUES (?, ?, ?, ?) RETURNING "id")",
            R"(INSERT INTO "users" ("name", "email", "age", "active") VALUES ($1, $2, $3, $4) RETURNING "id")");
    static_assert(Q::returns_key);

    User u{};
    using ByRef = decltype(retort::insert(u));  // writes the key back, same SQL
    static_assert(ByRef::writes_back && !Q::writes_back);
    CHECK(lite<ByRef> == lite<Q>);
}

TEST_CASE("insert: an assigned, text or composite key is included and nothing is returned") {
    using Assigned = decltype(retort::insert(Tag{}));
    RENDERS(Assigned, R"(INSERT INTO "tags" ("id", "name") VALUES (?, ?))",
            R"(INSERT INTO "tags" ("id", "name") VALUES ($1, $2))");
    static_assert(!Assigned::returns_key);

    using Text = decltype(retort::insert(Country{}));
    RENDERS(Text, R"(INSERT INTO "countries" ("code", "name") VALUES (?, ?))",
            R"(INSERT INTO "countries" ("code", "name") VALUES ($1, $2))");
    static_assert(!Text::returns_key);

    using Composite = decltype(retort::insert(Membership{}));
    RENDERS(Composite, R"(INSERT INTO "memberships" ("user_id", "group_id", "role") VALUES (?, ?, ?))",
            R"(INSERT INTO "memberships" ("user_id", "group_id", "role") VALUES ($1, $2, $3))");
    static_assert(!Composite::returns_key);
}

TEST_CASE("insert: renamed columns and a 32-bit generated key") {
    using Q = decltype(retort::insert(shop::Item{}));
    RENDERS(Q, R"(INSERT INTO "items" ("title") VALUES (?) RETURNING "id")",
            R"(INSERT INTO "items" ("title") VALUES ($1) RETURNING "id")");

    using G = decltype(retort::insert(Gadget{}));
    RENDERS(G,
            R"(INSERT INTO "gadgets" ("tiny", "small", "medium", "unsigned_medium", "ratio", "price", "enabled", "sku", "Display Label", "image", "created_at", "owner_id", "note") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id")",
            R"(INSERT INTO "gadgets" ("tiny", "small", "medium", "unsigned_medium", "ratio", "price", "enabled", "sku", "Display Label", "image", "created_at", "owner_id", "note") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING "id")");
    CHECK(retort::parameter_count<G, retort::postgresql> == 13);
}

// ---------------------------------------------------------------------------
// UPDATE / DELETE
// ---------------------------------------------------------------------------

TEST_CASE("update: SET lists unqualified columns; values are placeholders, NULL is literal") {
    using Q = decltype(retort::update<User>().set(c<&User::age> = 33, c<&User::name> = "Ann").where(c<&User::id> == 1));
    RENDERS(Q, R"(UPDATE "users" SET "age" = ?, "name" = ? WHERE "users"."id" = ?)",
            R"(UPDATE "users" SET "age" = $1, "name" = $2 WHERE "users"."id" = $3)");
    CHECK(retort::parameter_count<Q, retort::postgresql> == 3);

    using Null = decltype(retort::update<User>().set(c<&User::age> = retort::null, c<&User::active> = false));
    RENDERS(Null, R"(UPDATE "users" SET "age" = NULL, "active" = ?)", R"(UPDATE "users" SET "age" = NULL, "active" = $1)");
    CHECK(retort::parameter_count<Null, retort::sqlite> == 1);

    using FromColumn = decltype(retort::update<Post>().set(c<&Post::title> = c<&Post::title>));
    // Targets are unqualified; values are qualified (UPDATE ... FROM may join other tables).
    RENDERS(FromColumn, R"(UPDATE "posts" SET "title" = "posts"."title")",
            R"(UPDATE "posts" SET "title" = "posts"."title")");
}

TEST_CASE("update: a renamed column is set by its SQL name") {
    using Q = decltype(retort::update<Gadget>().set(c<&Gadget::label> = "x").where(c<&Gadget::label> != "y"));
    RENDERS(Q, R"(UPDATE "gadgets" SET "Display Label" = ? WHERE "gadgets"."Display Label" <> ?)",
            R"(UPDATE "gadgets" SET "Display Label" = $1 WHERE "gadgets"."Display Label" <> $2)");
}

TEST_CASE("delete: with and without WHERE") {
    using All = decltype(retort::delete_from<User>());
    RENDERS(All, R"(DELETE FROM "users")", R"(DELETE FROM "users")");

    using Some = decltype(retort::delete_from<User>().where(c<&User::id> == 7 || retort::is_null(c<&User::age>)));
    RENDERS(Some, R"(DELETE FROM "users" WHERE "users"."id" = ? OR "users"."age" IS NULL)",
            R"(DELETE FROM "users" WHERE "users"."id" = $1 OR "users"."age" IS NULL)");
}

// ---------------------------------------------------------------------------
// DDL
// ---------------------------------------------------------------------------

TEST_CASE("CREATE TABLE: keys, unique, named check") {
    using Q = decltype(retort::create_table<User>());
    RENDERS(Q,
            R"(CREATE TABLE "users" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "email" TEXT NOT NULL, "age" INTEGER, "active" BOOLEAN NOT NULL, UNIQUE ("email"), CONSTRAINT "age_not_negative" CHECK (age >= 0)))",
            R"(CREATE TABLE "users" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "name" TEXT NOT NULL, "email" TEXT NOT NULL, "age" INTEGER, "active" BOOLEAN NOT NULL, UNIQUE ("email"), CONSTRAINT "age_not_negative" CHECK (age >= 0)))");

    using IfNot = decltype(retort::create_table_if_not_exists<Post>());
    RENDERS(IfNot,
            R"(CREATE TABLE IF NOT EXISTS "posts" ("id" INTEGER PRIMARY KEY, "user_id" INTEGER NOT NULL, "title" TEXT NOT NULL, "score" REAL NOT NULL, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE))",
            R"(CREATE TABLE IF NOT EXISTS "posts" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "user_id" BIGINT NOT NULL, "title" TEXT NOT NULL, "score" DOUBLE PRECISION NOT NULL, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE))");

    using OnUpdate = decltype(retort::create_table<Comment>());
    RENDERS(OnUpdate,
            R"(CREATE TABLE "comments" ("id" INTEGER PRIMARY KEY, "post_id" INTEGER NOT NULL, "body" TEXT NOT NULL, FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON UPDATE RESTRICT))",
            R"(CREATE TABLE "comments" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "post_id" BIGINT NOT NULL, "body" TEXT NOT NULL, FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON UPDATE RESTRICT))");
}

TEST_CASE("CREATE TABLE: every option and every value type") {
    using Q = decltype(retort::create_table<Gadget>());
    RENDERS(Q,
            R"(CREATE TABLE "gadgets" ()"
            R"("id" INTEGER PRIMARY KEY AUTOINCREMENT, "tiny" INTEGER NOT NULL, "small" INTEGER NOT NULL, )"
            R"("medium" INTEGER NOT NULL, "unsigned_medium" INTEGER NOT NULL, "ratio" REAL NOT NULL, )"
            R"("price" REAL NOT NULL, "enabled" BOOLEAN NOT NULL DEFAULT TRUE, "sku" VARCHAR(32) NOT NULL, )"
            R"("Display Label" TEXT NOT NULL, "image" BLOB NOT NULL, )"
            R"("created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "owner_id" INTEGER, "note" TEXT, )"
            R"(UNIQUE ("sku"), UNIQUE ("tiny", "small"), CHECK (price >= 0), )"
            R"(CONSTRAINT "small_positive" CHECK (small > 0), )"
            R"(FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE))",
            R"(CREATE TABLE "gadgets" ()"
            R"("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "tiny" SMALLINT NOT NULL, )"
            R"("small" SMALLINT NOT NULL, "medium" INTEGER NOT NULL, "unsigned_medium" BIGINT NOT NULL, )"
            R"("ratio" REAL NOT NULL, "price" DOUBLE PRECISION NOT NULL, "enabled" BOOLEAN NOT NULL DEFAULT TRUE, )"
            R"("sku" VARCHAR(32) NOT NULL, "Display Label" TEXT NOT NULL, "image" BYTEA NOT NULL, )"
            R"("created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "owner_id" BIGINT, "note" TEXT, )"
            R"(UNIQUE ("sku"), UNIQUE ("tiny", "small"), CHECK (price >= 0), )"
            R"(CONSTRAINT "small_positive" CHECK (small > 0), )"
            R"(FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE))");
}

TEST_CASE("CREATE TABLE: assigned, text and composite keys get a PRIMARY KEY constraint") {
    using Assigned = decltype(retort::create_table<Tag>());
    RENDERS(Assigned, R"(CREATE TABLE "tags" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, PRIMARY KEY ("id")))",
            R"(CREATE TABLE "tags" ("id" BIGINT NOT NULL, "name" TEXT NOT NULL, PRIMARY KEY ("id")))");

    using Text = decltype(retort::create_table<Country>());
    RENDERS(Text,
            R"(CREATE TABLE "countries" ("code" VARCHAR(2) NOT NULL, "name" TEXT NOT NULL, PRIMARY KEY ("code")))",
            R"(CREATE TABLE "countries" ("code" VARCHAR(2) NOT NULL, "name" TEXT NOT NULL, PRIMARY KEY ("code")))");

    using Composite = decltype(retort::create_table<Membership>());
    RENDERS(Composite,
            R"(CREATE TABLE "memberships" ("user_id" INTEGER NOT NULL, "group_id" INTEGER NOT NULL, "role" TEXT, PRIMARY KEY ("user_id", "group_id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE))",
            R"(CREATE TABLE "memberships" ("user_id" BIGINT NOT NULL, "group_id" BIGINT NOT NULL, "role" TEXT, PRIMARY KEY ("user_id", "group_id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE))");

    // The key's declared order is its index order, whatever the fields' order.
    using Reordered = decltype(retort::create_table<DayEntry>());
    RENDERS(Reordered,
            R"(CREATE TABLE "day_entries" ("id" INTEGER NOT NULL, "day" TEXT NOT NULL, "what" TEXT NOT NULL, PRIMARY KEY ("day", "id")))",
            R"(CREATE TABLE "day_entries" ("id" BIGINT NOT NULL, "day" TEXT NOT NULL, "what" TEXT NOT NULL, PRIMARY KEY ("day", "id")))");

    using Int32Key = decltype(retort::create_table<shop::Item>());
    RENDERS(Int32Key, R"(CREATE TABLE "items" ("id" INTEGER PRIMARY KEY, "title" TEXT NOT NULL))",
            R"(CREATE TABLE "items" ("id" INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "title" TEXT NOT NULL))");

    using SelfReference = decltype(retort::create_table<Employee>());
    RENDERS(SelfReference,
            R"(CREATE TABLE "employees" ("id" INTEGER PRIMARY KEY, "manager_id" INTEGER, FOREIGN KEY ("manager_id") REFERENCES "employees" ("id")))",
            R"(CREATE TABLE "employees" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "manager_id" BIGINT, FOREIGN KEY ("manager_id") REFERENCES "employees" ("id")))");
}

TEST_CASE("DROP TABLE, with and without IF EXISTS") {
    using Drop = decltype(retort::drop_table<User>());
    RENDERS(Drop, R"(DROP TABLE "users")", R"(DROP TABLE "users")");
    using DropIf = decltype(retort::drop_table_if_exists<Post>());
    RENDERS(DropIf, R"(DROP TABLE IF EXISTS "posts")", R"(DROP TABLE IF EXISTS "posts")");
}

TEST_CASE("CREATE INDEX: ix_/uq_ names from table and columns, single and multi-column") {
    using Index = retort::create_index_t<User, 2>;
    RENDERS(Index, R"(CREATE INDEX IF NOT EXISTS "ix_users_name" ON "users" ("name"))",
            R"(CREATE INDEX IF NOT EXISTS "ix_users_name" ON "users" ("name"))");

    using Renamed = retort::create_index_t<Gadget, 4>;
    RENDERS(Renamed, R"(CREATE INDEX IF NOT EXISTS "ix_gadgets_Display Label" ON "gadgets" ("Display Label"))",
            R"(CREATE INDEX IF NOT EXISTS "ix_gadgets_Display Label" ON "gadgets" ("Display Label"))");

    using Unique = retort::create_index_t<Gadget, 5>;
    RENDERS(Unique, R"(CREATE UNIQUE INDEX IF NOT EXISTS "uq_gadgets_medium_ratio" ON "gadgets" ("medium", "ratio"))",
            R"(CREATE UNIQUE INDEX IF NOT EXISTS "uq_gadgets_medium_ratio" ON "gadgets" ("medium", "ratio"))");

    constexpr auto positions = retort::detail::index_positions<Gadget>();
    static_assert(positions.size() == 2 && positions[0] == 4 && positions[1] == 5);
    CHECK(positions.size() == 2);
}

// ---------------------------------------------------------------------------
// Identifier quoting
// ---------------------------------------------------------------------------

TEST_CASE("identifiers with an embedded double quote are quoted by doubling it") {
    using Sel = decltype(retort::select<Odd>().where(c<&Odd::say> == "x"));
    RENDERS(Sel, R"(SELECT "odd""table"."id", "odd""table"."say ""hi""" FROM "odd""table" WHERE "odd""table"."say ""hi""" = ?)",
            R"(SELECT "odd""table"."id", "odd""table"."say ""hi""" FROM "odd""table" WHERE "odd""table"."say ""hi""" = $1)");

    using Ins = decltype(retort::insert(Odd{}));
    RENDERS(Ins, R"(INSERT INTO "odd""table" ("say ""hi""") VALUES (?) RETURNING "id")",
            R"(INSERT INTO "odd""table" ("say ""hi""") VALUES ($1) RETURNING "id")");

    using Create = decltype(retort::create_table<Odd>());
    RENDERS(Create, R"(CREATE TABLE "odd""table" ("id" INTEGER PRIMARY KEY, "say ""hi""" TEXT NOT NULL))",
            R"(CREATE TABLE "odd""table" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "say ""hi""" TEXT NOT NULL))");

    using Index = retort::create_index_t<Odd, 2>;
    RENDERS(Index, R"(CREATE INDEX IF NOT EXISTS "ix_odd""table_say ""hi""" ON "odd""table" ("say ""hi"""))",
            R"(CREATE INDEX IF NOT EXISTS "ix_odd""table_say ""hi""" ON "odd""table" ("say ""hi"""))");

    using Drop = decltype(retort::drop_table<Odd>());
    RENDERS(Drop, R"(DROP TABLE "odd""table")", R"(DROP TABLE "odd""table")");
}

// ---------------------------------------------------------------------------
// meta<T>
// ---------------------------------------------------------------------------

TEST_CASE("meta<T>: SQL names, nullability, keys, generated column") {
    constexpr auto& u = retort::meta<User>;
    static_assert(u.name == "users" && u.columns.size() == 5);
    static_assert(u.columns[0].primary_key && u.columns[0].generated && u.generated_index == 0);
    static_assert(u.columns[3].nullable && !u.columns[1].nullable);
    CHECK(u.name == "users"sv);
    CHECK(u.pk_count == 1);

    constexpr auto& g = retort::meta<Gadget>;
    static_assert(g.columns[9].name == "Display Label");
    static_assert(g.columns[8].varchar == 32);
    static_assert(g.columns[0].autoincrement);
    static_assert(g.columns[11].default_sql == "CURRENT_TIMESTAMP");
    CHECK(g.columns[9].name == "Display Label"sv);

    constexpr auto& t = retort::meta<Tag>;
    static_assert(!t.has_generated() && t.columns[0].primary_key && !t.columns[0].generated);
    CHECK_FALSE(t.has_generated());

    constexpr auto& m = retort::meta<Membership>;
    static_assert(m.pk_count == 2 && !m.has_generated());
    CHECK(m.pk_count == 2);
}

// ---------------------------------------------------------------------------
// Parameter counts
// ---------------------------------------------------------------------------

TEST_CASE("parameter_count: one per bound value, none for NULL, columns or DDL") {
    using NoParams = decltype(retort::select<User>());
    static_assert(retort::parameter_count<NoParams, retort::sqlite> == 0);
    CHECK(retort::parameter_count<NoParams, retort::postgresql> == 0);

    using IsNull = decltype(retort::delete_from<User>().where(retort::is_null(c<&User::age>)));
    static_assert(retort::parameter_count<IsNull, retort::sqlite> == 0);
    CHECK(retort::parameter_count<IsNull, retort::sqlite> == 0);

    using Three = decltype(retort::select(c<&User::id>).where(c<&User::id> == 1 || c<&User::id> == 2).limit(5));
    static_assert(retort::parameter_count<Three, retort::sqlite> == 3);
    static_assert(retort::parameter_count<Three, retort::postgresql> == 3);
    CHECK(retort::parameter_count<Three, retort::postgresql> == 3);

    using OffsetOnly = decltype(retort::select(c<&User::id>).offset(3));  // "LIMIT -1" is literal
    static_assert(retort::parameter_count<OffsetOnly, retort::sqlite> == 1);
    CHECK(retort::parameter_count<OffsetOnly, retort::sqlite> == 1);

    using Insert = decltype(retort::insert(User{}));
    static_assert(retort::parameter_count<Insert, retort::sqlite> == 4);
    CHECK(retort::parameter_count<Insert, retort::postgresql> == 4);

    using Ddl = decltype(retort::create_table<Gadget>());
    static_assert(retort::parameter_count<Ddl, retort::postgresql> == 0);
    CHECK(retort::parameter_count<Ddl, retort::sqlite> == 0);
}

TEST_CASE("for_each_value visits the bound values in placeholder order") {
    const auto q = retort::select(c<&User::id>)
                       .where(c<&User::age> > 30 && (c<&User::name> == "x" || c<&User::id> == 7))
                       .limit(10)
                       .offset(5);
    std::string seen;
    q.for_each_value([&](const auto& v) {
        using V = std::remove_cvref_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string_view>)
            seen += std::string(v);
        else
            seen += std::to_string(v);
        seen += ',';
    });
    CHECK(seen == "30,x,7,10,5,");
}

// ---------------------------------------------------------------------------
// Row types
// ---------------------------------------------------------------------------

TEST_CASE("row types: the model for select<T>(), a tuple of value types otherwise") {
    using Whole = decltype(retort::select<User>().where(c<&User::id> == 1));
    static_assert(std::is_same_v<Whole::row_type, User>);
    CHECK(std::is_same_v<Whole::row_type, User>);

    using Cols = decltype(retort::select(c<&User::name>, c<&User::age>, c<&Post::score>).limit(1));
    static_assert(std::is_same_v<Cols::row_type, std::tuple<std::string, std::optional<int>, double>>);
    CHECK(std::is_same_v<Cols::row_type, std::tuple<std::string, std::optional<int>, double>>);

    using Special = decltype(retort::select(c<&Gadget::image>, c<&Gadget::created_at>, c<&Gadget::owner_id>,
                                            c<&Gadget::tiny>, c<&Gadget::enabled>));
    static_assert(std::is_same_v<Special::row_type,
                                 std::tuple<retort::blob, std::chrono::sys_time<std::chrono::microseconds>,
                                            std::optional<std::int64_t>, std::int8_t, bool>>);
    CHECK(std::tuple_size_v<Special::row_type> == 5);

    // A selected comparison yields bool, or std::optional<bool> when an operand may be NULL.
    using Bools = decltype(retort::select(c<&User::id> > 3, c<&User::age> > 3, retort::is_null(c<&User::age>)));
    static_assert(std::is_same_v<Bools::row_type, std::tuple<bool, std::optional<bool>, bool>>);
    CHECK(std::is_same_v<Bools::row_type, std::tuple<bool, std::optional<bool>, bool>>);
    RENDERS(Bools, R"(SELECT "users"."id" > ?, "users"."age" > ?, "users"."age" IS NULL FROM "users")",
            R"(SELECT "users"."id" > $1, "users"."age" > $2, "users"."age" IS NULL FROM "users")");
}

// ---------------------------------------------------------------------------
// Foreign-key creation order
// ---------------------------------------------------------------------------

TEST_CASE("dependency_order: referenced tables first; self references ignored") {
    constexpr auto two = retort::detail::dependency_order<Post, User>::value;
    static_assert(!two.has_cycle && two.order[0] == 1 && two.order[1] == 0);
    CHECK(two.order == std::array<std::size_t, 2>{1, 0});

    constexpr auto chain = retort::detail::dependency_order<Comment, Post, User>::value;
    static_assert(!chain.has_cycle && chain.order == std::array<std::size_t, 3>{2, 1, 0});
    CHECK(chain.order == std::array<std::size_t, 3>{2, 1, 0});

    constexpr auto already = retort::detail::dependency_order<User, Post, Comment>::value;
    static_assert(already.order == std::array<std::size_t, 3>{0, 1, 2});
    CHECK(already.order == std::array<std::size_t, 3>{0, 1, 2});

    constexpr auto mixed = retort::detail::dependency_order<Gadget, Membership, Employee, User, Tag>::value;
    // User (3) has no references; Gadget and Membership reference it; Employee only itself.
    static_assert(mixed.order == std::array<std::size_t, 5>{2, 3, 0, 1, 4});
    CHECK(mixed.order == std::array<std::size_t, 5>{2, 3, 0, 1, 4});
}
