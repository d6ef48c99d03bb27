// examples/docs/select.cpp — quoted in docs/select.md: select, joins, aliases, where,
// order, limit, distinct, locking.
#include "models.hpp"

#include <iostream>
#include <vector>

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = open_shop(engine);

    // An inner join; rows are std::tuple<std::string, std::string>.
    auto titles = retort::select(c<&Author::name>, c<&Book::title>)
                      .join<Book>(c<&Book::author_id> == c<&Author::id>)
                      .where(c<&Book::price> < 10.0)
                      .order_by(c<&Book::title>);
    static_assert(retort::sql<decltype(titles), retort::sqlite> ==
                  R"(SELECT "authors"."name", "books"."title" FROM "authors" JOIN "books" )"
                  R"(ON "books"."author_id" = "authors"."id" WHERE "books"."price" < ? ORDER BY "books"."title" ASC)");
    for (const auto& [name, title] : conn.execute(titles)) std::cout << name << ": " << title << '\n';

    // A LEFT JOIN: the right side's columns come back as std::optional.
    auto all = retort::select(c<&Author::name>, c<&Book::title>)
                   .from<Author>()
                   .left_join<Book>(c<&Book::author_id> == c<&Author::id>)
                   .order_by(c<&Author::name>, c<&Book::title>);
    static_assert(std::is_same_v<decltype(all)::row_type, std::tuple<std::string, std::optional<std::string>>>);
    for (const auto& [name, title] : conn.execute(all)) std::cout << name << " / " << title.value_or("-") << '\n';

    // retort::row_of<Q> spells a statement's row type, for variables and function results.
    using author_and_book = retort::row_of<decltype(all)>;  // std::tuple<std::string, std::optional<std::string>>
    const std::vector<author_and_book> rows = conn.execute(all).all();
    std::cout << rows.size() << " rows; the first is " << std::get<0>(rows.front()) << '\n';

    // The same table twice: an alias for the manager.
    constexpr auto boss = retort::alias<Staff, "boss">;
    auto chart = retort::select(c<&Staff::name>, boss(c<&Staff::name>))
                     .from<Staff>()
                     .left_join(boss, boss(c<&Staff::id>) == c<&Staff::manager_id>)
                     .order_by(c<&Staff::id>);
    static_assert(retort::sql<decltype(chart), retort::postgresql> ==
                  R"(SELECT "staff"."name", "boss"."name" FROM "staff" LEFT JOIN "staff" AS "boss" )"
                  R"(ON "boss"."id" = "staff"."manager_id" ORDER BY "staff"."id" ASC)");
    for (const auto& [name, manager] : conn.execute(chart))
        std::cout << name << " reports to " << manager.value_or("nobody") << '\n';

    // DISTINCT, NULLS FIRST / LAST, LIMIT / OFFSET (bound parameters).
    auto years = retort::select(c<&Author::born>)
                     .distinct()
                     .order_by(retort::desc(c<&Author::born>).nulls_last())
                     .limit(2)
                     .offset(0);
    for (const auto& [born] : conn.execute(years)) std::cout << "born " << born.value_or(0) << '\n';

    // FOR UPDATE is PostgreSQL's: retort::sql<decltype(lock), retort::sqlite> does not
    // compile, and conn.execute(lock) on SQLite throws retort::programming_error.
    auto lock = retort::select<Book>().where(c<&Book::id> == 1).for_update();
    static_assert(retort::sql<decltype(lock), retort::postgresql>.ends_with(R"(WHERE "books"."id" = $1 FOR UPDATE)"));
    try {
        conn.execute(lock);
    } catch (const retort::programming_error& e) {
        std::cout << "SQLite: " << std::string(e.what()).substr(0, 50) << "...\n";
    }
}
