// examples/docs/select.cpp — quoted in docs/select.md: select, joins, aliases, where,
// order, limit, distinct, results, locking.
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

    // Reading results: one_or_none() (std::optional; an error on two rows), scalar() (the
    // first column of the first row, or nullopt), scalar_one() (exactly one row), and items
    // by their labels.
    std::optional<std::tuple<std::string>> dune =
        conn.execute(retort::select(c<&Book::title>).where(c<&Book::title> == "Dune")).one_or_none();
    std::int64_t books = conn.execute(retort::select(retort::count()).from<Book>()).scalar_one();
    std::optional<double> top = conn.execute(retort::select(retort::max(c<&Book::price>)).from<Book>()).scalar();
    std::cout << (dune ? "found Dune" : "no Dune") << ", " << books << " books, top price " << top.value_or(0) << '\n';
    auto per_author = retort::select(c<&Author::name>, retort::count(c<&Book::id>).as<"books">())
                          .from<Author>()
                          .left_join<Book>(c<&Book::author_id> == c<&Author::id>)
                          .group_by(c<&Author::id>, c<&Author::name>)
                          .order_by(c<&Author::name>);
    for (const auto& row : conn.execute(per_author))  // row.get<"nosuch">() would not compile
        std::cout << std::get<0>(row) << " wrote " << row.get<"books">() << '\n';

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
    // A work queue's consumer: lock the rows of one table, skip the ones others hold.
    auto next = retort::select<Book>().order_by(c<&Book::id>).limit(1).for_update().of<Book>().skip_locked();
    static_assert(retort::sql<decltype(next), retort::postgresql>.ends_with(R"(LIMIT $1 FOR UPDATE OF "books" SKIP LOCKED)"));
    try {
        conn.execute(lock);
    } catch (const retort::programming_error& e) {
        std::cout << "SQLite: " << std::string(e.what()).substr(0, 50) << "...\n";
    }
}
