// tests/orm/common.hpp — the models, the database and the statement recorder shared by the
// ORM suite's test files.
//
// The test files are compiled once and linked into two executables (tests/orm/meson.build):
// database.cpp, built with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL, says which
// database test_url() names. Every case starts from empty tables (fixture below) and checks
// what the database holds with plain Core statements on a connection of its own, never
// through the session under test.
#pragma once

#include <doctest/doctest.h>

#include <retort/orm.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using retort::c;

// ---- which database (tests/orm/database.cpp) ------------------------------------------

/// The database URL: a fresh SQLite file, or $RETORT_TEST_PG_URL (a failure, not a skip,
/// when it is not set).
std::string test_url();

// ---- the models -------------------------------------------------------------------------

struct Author {
    std::int64_t id;
    std::string name;
};
struct Book {
    std::int64_t id;
    std::int64_t author_id;
    std::string title;
    std::optional<std::int32_t> year;
    std::int64_t version;
};
struct Tag {
    std::int64_t id;
    std::string label;
};
struct BookTag {
    std::int64_t book_id;
    std::int64_t tag_id;
};
struct Order {
    std::int64_t id;
    std::string customer;
};
struct OrderLine {  // composite primary key (order_id, line_no); order_id is also the FK
    std::int64_t order_id;
    std::int32_t line_no;
    std::string product;
    std::int32_t qty;
};
struct Employee {  // self-reference: manager / reports
    std::int64_t id;
    std::optional<std::int64_t> manager_id;
    std::string name;
};
struct Club {
    std::int64_t id;
    std::string name;
};
struct Member {  // nullable FK without an ON DELETE action
    std::int64_t id;
    std::optional<std::int64_t> club_id;
    std::string name;
};
struct Sample {  // values whose comparison is subtle
    std::int64_t id;
    double value;
    std::optional<double> maybe;
    std::optional<std::string> note;
    retort::blob payload;
};
struct Item {  // unique sku, for failing flushes
    std::int64_t id;
    std::string sku;
    std::int32_t qty;
};
struct Country {  // an assigned text key
    std::string code;
    std::string name;
};

template <>
inline constexpr auto retort::table_of<Author> = retort::table<Author>("ormt_authors", retort::primary_key<&Author::id>);
template <>
inline constexpr auto retort::table_of<Book> = retort::table<Book>(
    "ormt_books", retort::primary_key<&Book::id>,
    retort::foreign_key<&Book::author_id, &Author::id>(retort::on_delete::cascade),
    retort::version_id<&Book::version>);
template <>
inline constexpr auto retort::table_of<Tag> = retort::table<Tag>("ormt_tags", retort::primary_key<&Tag::id>);
template <>
inline constexpr auto retort::table_of<BookTag> = retort::table<BookTag>(
    "ormt_book_tags", retort::primary_key<&BookTag::book_id, &BookTag::tag_id>,
    retort::foreign_key<&BookTag::book_id, &Book::id>(retort::on_delete::cascade),
    retort::foreign_key<&BookTag::tag_id, &Tag::id>(retort::on_delete::cascade));
template <>
inline constexpr auto retort::table_of<Order> = retort::table<Order>("ormt_orders", retort::primary_key<&Order::id>);
template <>
inline constexpr auto retort::table_of<OrderLine> = retort::table<OrderLine>(
    "ormt_order_lines", retort::primary_key<&OrderLine::order_id, &OrderLine::line_no>,
    retort::foreign_key<&OrderLine::order_id, &Order::id>(retort::on_delete::cascade));
template <>
inline constexpr auto retort::table_of<Employee> = retort::table<Employee>(
    "ormt_employees", retort::primary_key<&Employee::id>,
    retort::foreign_key<&Employee::manager_id, &Employee::id>);
template <>
inline constexpr auto retort::table_of<Club> = retort::table<Club>("ormt_clubs", retort::primary_key<&Club::id>);
template <>
inline constexpr auto retort::table_of<Member> = retort::table<Member>(
    "ormt_members", retort::primary_key<&Member::id>, retort::foreign_key<&Member::club_id, &Club::id>);
template <>
inline constexpr auto retort::table_of<Sample> = retort::table<Sample>("ormt_samples", retort::primary_key<&Sample::id>);
template <>
inline constexpr auto retort::table_of<Item> =
    retort::table<Item>("ormt_items", retort::primary_key<&Item::id>, retort::unique<&Item::sku>);
template <>
inline constexpr auto retort::table_of<Country> =
    retort::table<Country>("ormt_countries", retort::primary_key<&Country::code>);

// Relationships: Tag.books is declared with the raise strategy, Order.lines with selectin.
template <>
inline constexpr auto retort::relations_of<Author> =
    retort::relations<Author>(retort::has_many<"books", &Book::author_id>(retort::cascade::all));
template <>
inline constexpr auto retort::relations_of<Book> =
    retort::relations<Book>(retort::belongs_to<"author", &Book::author_id>(),
                            retort::many_to_many<"tags", &BookTag::book_id, &BookTag::tag_id>());
template <>
inline constexpr auto retort::relations_of<Tag> = retort::relations<Tag>(
    retort::many_to_many<"books", &BookTag::tag_id, &BookTag::book_id>(retort::loading::raise));
template <>
inline constexpr auto retort::relations_of<Order> = retort::relations<Order>(
    retort::has_many<"lines", &OrderLine::order_id>(retort::cascade::all, retort::loading::selectin));
template <>
inline constexpr auto retort::relations_of<OrderLine> =
    retort::relations<OrderLine>(retort::belongs_to<"order", &OrderLine::order_id>());
template <>
inline constexpr auto retort::relations_of<Employee> =
    retort::relations<Employee>(retort::belongs_to<"manager", &Employee::manager_id>(),
                                retort::has_many<"reports", &Employee::manager_id>());
template <>
inline constexpr auto retort::relations_of<Club> =
    retort::relations<Club>(retort::has_many<"members", &Member::club_id>());
template <>
inline constexpr auto retort::relations_of<Member> =
    retort::relations<Member>(retort::belongs_to<"club", &Member::club_id>());

// ---- what reaches the database -----------------------------------------------------------

/// Records the SQL of every before_execute event of the observed engine.
struct recorder {
    std::mutex m;
    std::vector<std::string> sql;
    /// Called (outside the lock) for every before_execute event when set.
    std::function<void(const retort::event&)> hook;

    void on(const retort::event& e) {
        if (e.kind != retort::event_kind::before_execute) return;
        {
            std::lock_guard lock{m};
            sql.emplace_back(e.sql);
        }
        if (hook) hook(e);
    }
    std::size_t mark() {
        std::lock_guard lock{m};
        return sql.size();
    }
    /// Statements since `from`, transaction control (BEGIN, COMMIT, SAVEPOINT ...) included.
    std::vector<std::string> since(std::size_t from) {
        std::lock_guard lock{m};
        return {sql.begin() + static_cast<std::ptrdiff_t>(from), sql.end()};
    }
    /// Statements since `from` that read or write rows (transaction control left out).
    std::vector<std::string> data_since(std::size_t from);
    /// How many of data_since(from) start with `prefix` ("INSERT INTO \"ormt_books\"").
    std::size_t count_since(std::size_t from, std::string_view prefix);
};

/// Every case: empty tables, an engine whose statements are recorded (for the session
/// under test) and a plain engine for the checks and for "another connection". The two
/// engines (and their pooled connections) live for the whole run; the recorder is cleared.
struct fixture {
    recorder* rec;
    retort::engine& engine;
    retort::engine& plain;
    retort::connection check;  // autocommit: each check sees what is committed

    fixture();
    ~fixture();
    bool on_sqlite() const { return engine.dialect() == retort::dialect_id::sqlite; }

    template <class T>
    std::int64_t rows() {
        return std::get<0>(check.execute(retort::select(retort::count()).from<T>()).one());
    }
    template <class T>
    std::vector<T> all() {
        return check.execute(retort::select<T>()).all();
    }
    template <class T, class... Where>
    std::optional<T> row(Where&&... where) {
        return check.execute(retort::select<T>().where(std::forward<Where>(where)...)).first();
    }
};

std::string join(const std::vector<std::string>& lines);
