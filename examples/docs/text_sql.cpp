// examples/docs/text_sql.cpp — quoted in docs/text-sql.md.
#include "models.hpp"

#include <iostream>

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = open_shop(engine);

    // docs:begin select
    // SQL text with a named parameter, typed result columns.
    auto q = retort::text<"SELECT title, pages FROM books WHERE pages > :min_pages ORDER BY pages">
                 .bind<"min_pages">(400)
                 .columns<std::string, int>();
    static_assert(retort::sql<decltype(q), retort::sqlite> ==
                  "SELECT title, pages FROM books WHERE pages > ? ORDER BY pages");
    static_assert(retort::sql<decltype(q), retort::postgresql> ==
                  "SELECT title, pages FROM books WHERE pages > $1 ORDER BY pages");
    for (const auto& [title, pages] : conn.execute(q))   // std::tuple<std::string, int>
        std::cout << title << ": " << pages << '\n';
    // docs:end select

    // docs:begin struct
    // Rows into a struct, field by field in column order; one name used twice binds once.
    auto near = retort::text<"SELECT id, name, born FROM authors WHERE born BETWEEN :y - 5 AND :y + 5 ORDER BY id">
                    .bind<"y">(1925)
                    .columns<Author>();
    static_assert(retort::sql<decltype(near), retort::sqlite> ==
                  "SELECT id, name, born FROM authors WHERE born BETWEEN ?1 - 5 AND ?1 + 5 ORDER BY id");
    static_assert(retort::sql<decltype(near), retort::postgresql> ==
                  "SELECT id, name, born FROM authors WHERE born BETWEEN $1 - 5 AND $1 + 5 ORDER BY id");
    for (const Author& a : conn.execute(near).all()) std::cout << a.name << " (" << *a.born << ")\n";
    // docs:end struct

    // docs:begin write
    // Without columns<...>(), execute() returns the number of rows changed.
    std::int64_t changed = conn.execute(
        retort::text<"UPDATE books SET price = price * :factor WHERE pages < :pages">.bind<"factor">(1.1).bind<"pages">(200));
    std::cout << changed << " book repriced\n";
    // docs:end write

    // docs:begin subquery
    // A text select stands where a subquery does; literal_column is a typed SQL fragment.
    auto long_books = retort::text<"SELECT author_id FROM books WHERE pages > :p">.bind<"p">(400).columns<std::int64_t>();
    auto q2 = retort::select(c<&Author::name>, retort::literal_column<"upper(\"authors\".\"name\")", std::string>)
                  .where(retort::in(c<&Author::id>, long_books));
    static_assert(retort::sql<decltype(q2), retort::postgresql> ==
                  R"(SELECT "authors"."name", upper("authors"."name") FROM "authors" WHERE "authors"."id" IN )"
                  R"((SELECT author_id FROM books WHERE pages > $1))");
    for (const auto& [name, upper] : conn.execute(q2)) std::cout << name << " / " << upper << '\n';
    // docs:end subquery
}
