// examples/docs/statements.cpp — docs/statements.md: a join on the declared foreign key,
// WITH on UPDATE and DELETE, execute_many(statement, items) with retort::param, LATERAL
// and sequences (PostgreSQL: their SQL is shown, checked at compile time).
// Each "docs:begin NAME" region is quoted on the page; the test docs_snippets checks it.

// docs:begin models
#include <retort/retort.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

struct Author {
    std::int64_t id;
    std::string name;
    std::int64_t karma;
};
struct Book {
    std::int64_t id;
    std::int64_t author_id;
    std::string title;
    double rating;
};
template <>
inline constexpr auto retort::table_of<Author> = retort::table<Author>("authors", retort::primary_key<&Author::id>);
template <>
inline constexpr auto retort::table_of<Book> = retort::table<Book>(
    "books", retort::primary_key<&Book::id>, retort::foreign_key<&Book::author_id, &Author::id>);

using retort::c;
// docs:end models

// docs:begin cte_models
// The columns of a CTE or derived table, declared like a table.
struct Prolific {
    std::int64_t author_id;
};
template <>
inline constexpr auto retort::table_of<Prolific> = retort::table<Prolific>("prolific");
struct Best {
    std::string title;
    double rating;
};
template <>
inline constexpr auto retort::table_of<Best> = retort::table<Best>("best");
// docs:end cte_models

// docs:begin items
struct Rating {  // one item of execute_many: its fields are named as the parameters
    std::int64_t id;
    double rating;
};
// docs:end items

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<Author, Book>(conn);
    conn.execute(retort::insert(Author{0, "Le Guin", 0}));
    conn.execute(retort::insert(Author{0, "Calvino", 0}));
    conn.execute(retort::insert(Author{0, "Nobody", 0}));
    conn.execute(retort::insert(Book{0, 1, "The Dispossessed", 4.5}));
    conn.execute(retort::insert(Book{0, 1, "The Lathe of Heaven", 4.0}));
    conn.execute(retort::insert(Book{0, 2, "Invisible Cities", 4.8}));

    // docs:begin fk_join
    // No condition: ON comes from the one foreign key between books and authors.
    auto q = retort::select(c<&Author::name>, c<&Book::title>)
                 .from<Author>()
                 .left_join<Book>()
                 .order_by(c<&Author::id>, c<&Book::id>);
    static_assert(retort::sql<decltype(q), retort::sqlite> ==
                  R"(SELECT "authors"."name", "books"."title" FROM "authors" )"
                  R"(LEFT JOIN "books" ON "books"."author_id" = "authors"."id" )"
                  R"(ORDER BY "authors"."id" ASC, "books"."id" ASC)");
    for (auto [name, title] : conn.execute(q)) std::cout << name << ": " << title.value_or("-") << '\n';
    // docs:end fk_join

    // docs:begin with_update
    // Authors with more than one book, as a CTE the UPDATE reads in a subquery.
    auto prolific = retort::cte<Prolific>(
        retort::select(c<&Book::author_id>).group_by(c<&Book::author_id>).having(retort::count() > 1));
    auto bump = retort::update<Author>()
                    .with(prolific)
                    .set(c<&Author::karma> = c<&Author::karma> + 1)
                    .where(retort::in(c<&Author::id>, retort::select(c<&Prolific::author_id>)));
    static_assert(retort::sql<decltype(bump), retort::postgresql> ==
                  R"(WITH "prolific"("author_id") AS (SELECT "books"."author_id" FROM "books" )"
                  R"(GROUP BY "books"."author_id" HAVING COUNT(*) > $1) )"
                  R"(UPDATE "authors" SET "karma" = "authors"."karma" + $2 )"
                  R"(WHERE "authors"."id" IN (SELECT "prolific"."author_id" FROM "prolific"))");
    std::cout << "bumped: " << conn.execute(bump) << '\n';

    // The same CTE before a DELETE: authors without books go.
    auto cleanup = retort::delete_from<Author>().with(prolific).where(
        retort::not_in(c<&Author::id>, retort::select(c<&Book::author_id>)));
    std::cout << "deleted: " << conn.execute(cleanup) << '\n';
    // docs:end with_update

    // docs:begin execute_many
    // One prepared UPDATE, run once per item; param<"name", T> reads the item's field `name`.
    auto rate = retort::update<Book>()
                    .set(c<&Book::rating> = retort::param<"rating", double>)
                    .where(c<&Book::id> == retort::param<"id", std::int64_t>);
    static_assert(retort::sql<decltype(rate), retort::sqlite> ==
                  R"(UPDATE "books" SET "rating" = ? WHERE "books"."id" = ?)");
    std::vector<Rating> ratings{{1, 4.6}, {2, 4.2}, {99, 1.0}};
    std::cout << "rated: " << conn.execute_many(rate, ratings) << '\n';  // 2: there is no book 99
    // docs:end execute_many

    // docs:begin lateral
    // Each author's best book: a derived table that reads the author's row (PostgreSQL).
    auto best = retort::lateral<Best>(retort::select(c<&Book::title>, c<&Book::rating>)
                                          .where(c<&Book::author_id> == c<&Author::id>)
                                          .order_by(retort::desc(c<&Book::rating>))
                                          .limit(1));
    auto best_books = retort::select(c<&Author::name>, c<&Best::title>).from<Author>().left_join(best);
    static_assert(retort::sql<decltype(best_books), retort::postgresql> ==
                  R"(SELECT "authors"."name", "best"."title" FROM "authors" LEFT JOIN LATERAL )"
                  R"((SELECT "books"."title" AS "title", "books"."rating" AS "rating" FROM "books" )"
                  R"(WHERE "books"."author_id" = "authors"."id" ORDER BY "books"."rating" DESC LIMIT $1) )"
                  R"(AS "best" ON TRUE)");
    // docs:end lateral

    // docs:begin sequence
    // CREATE SEQUENCE, nextval() in a select or in insert values, DROP SEQUENCE (PostgreSQL).
    auto create = retort::create_sequence<"ticket_no">(retort::start_with<1000>, retort::increment_by<10>);
    static_assert(retort::sql<decltype(create), retort::postgresql> ==
                  R"(CREATE SEQUENCE "ticket_no" INCREMENT BY 10 START WITH 1000)");
    auto next = retort::select(retort::next_value<"ticket_no">());  // rows: std::tuple<std::int64_t>
    static_assert(retort::sql<decltype(next), retort::postgresql> == R"(SELECT nextval('"ticket_no"'))");
    auto drop = retort::drop_sequence<"ticket_no">().if_exists();

    // On a SQLite connection each is a programming_error naming the veto.
    try {
        conn.execute(next);
    } catch (const retort::programming_error& e) {
        std::cout << e.what() << '\n';
    }
    // docs:end sequence
    (void)create;
    (void)drop;
    (void)best_books;

    for (auto [name, karma] : conn.execute(retort::select(c<&Author::name>, c<&Author::karma>).order_by(c<&Author::id>)))
        std::cout << name << ' ' << karma << '\n';
}
