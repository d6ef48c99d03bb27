// examples/docs/subqueries_and_ctes.cpp — quoted in docs/subqueries-and-ctes.md.
#include "models.hpp"

#include <iostream>

// Row structs of a derived table and of CTEs: declared like tables, never created.
struct Totals {
    std::int64_t author_id;
    double total;
};
struct Countdown {
    std::int64_t n;
};
struct Chain {
    std::int64_t id;
    std::string name;
    std::int64_t depth;
};
template <>
inline constexpr auto retort::table_of<Totals> = retort::table<Totals>("totals");
template <>
inline constexpr auto retort::table_of<Countdown> = retort::table<Countdown>("countdown");
template <>
inline constexpr auto retort::table_of<Chain> = retort::table<Chain>("chain");

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = open_shop(engine);

    // A correlated scalar subquery (NULL-able), EXISTS and IN (subquery).
    auto q = retort::select(c<&Author::name>, retort::scalar(retort::select(retort::max(c<&Book::price>))
                                                                 .from<Book>()
                                                                 .where(c<&Book::author_id> == c<&Author::id>)))
                 .where(retort::exists(retort::select(c<&Book::id>).from<Book>().where(c<&Book::author_id> == c<&Author::id>)) &&
                        retort::in(c<&Author::id>, retort::select(c<&Book::author_id>).where(c<&Book::pages> > 400)))
                 .order_by(c<&Author::name>);
    static_assert(retort::sql<decltype(q), retort::sqlite> ==
                  R"(SELECT "authors"."name", (SELECT MAX("books"."price") FROM "books" WHERE "books"."author_id" = )"
                  R"("authors"."id") FROM "authors" WHERE EXISTS (SELECT "books"."id" FROM "books" WHERE )"
                  R"("books"."author_id" = "authors"."id") AND "authors"."id" IN (SELECT "books"."author_id" )"
                  R"(FROM "books" WHERE "books"."pages" > ?) ORDER BY "authors"."name" ASC)");
    for (const auto& [name, best] : conn.execute(q)) std::cout << name << ": top price " << best.value_or(0) << '\n';

    // A derived table: the struct Totals names its columns.
    auto totals = retort::derived<Totals>(
        retort::select(c<&Book::author_id>, retort::coalesce(retort::sum(c<&Book::price>), 0.0))
            .group_by(c<&Book::author_id>));
    auto spend = retort::select(c<&Author::name>, c<&Totals::total>)
                     .from<Author>()
                     .left_join(totals, c<&Totals::author_id> == c<&Author::id>)
                     .order_by(c<&Author::name>);
    for (const auto& [name, total] : conn.execute(spend)) std::cout << name << ": " << total.value_or(0) << '\n';

    // WITH RECURSIVE: a number series and a walk down the org chart.
    auto countdown = retort::recursive_cte<Countdown>(retort::select(retort::value<std::int64_t>(3)).union_all(
        retort::select(c<&Countdown::n> - 1).from<Countdown>().where(c<&Countdown::n> > 1)));
    for (const auto& [n] : conn.execute(retort::select(c<&Countdown::n>).from<Countdown>().with(countdown)))
        std::cout << n << ' ';
    std::cout << '\n';

    auto chain = retort::recursive_cte<Chain>(
        retort::select(c<&Staff::id>, c<&Staff::name>, retort::value<std::int64_t>(0))
            .where(retort::is_null(c<&Staff::manager_id>))
            .union_all(retort::select(c<&Staff::id>, c<&Staff::name>, c<&Chain::depth> + 1)
                           .from<Staff>()
                           .join<Chain>(c<&Staff::manager_id> == c<&Chain::id>)));
    auto walk = retort::select(c<&Chain::name>, c<&Chain::depth>).from<Chain>().order_by(c<&Chain::depth>).with(chain);
    static_assert(retort::sql<decltype(walk), retort::postgresql> ==
                  R"(WITH RECURSIVE "chain"("id", "name", "depth") AS (SELECT "staff"."id", "staff"."name", )"
                  R"(CAST($1 AS BIGINT) FROM "staff" WHERE "staff"."manager_id" IS NULL UNION ALL SELECT )"
                  R"("staff"."id", "staff"."name", "chain"."depth" + $2 FROM "staff" JOIN "chain" ON )"
                  R"("staff"."manager_id" = "chain"."id") SELECT "chain"."name", "chain"."depth" FROM "chain" )"
                  R"(ORDER BY "chain"."depth" ASC)");
    for (const auto& [name, depth] : conn.execute(walk)) std::cout << std::string(2 * depth, ' ') << name << '\n';

    // Set operations: ORDER BY / LIMIT belong to the compound.
    auto everyone = retort::select(c<&Author::name>)
                        .union_(retort::select(c<&Staff::name>))
                        .order_by(c<&Author::name>)
                        .limit(4);
    static_assert(retort::sql<decltype(everyone), retort::sqlite> ==
                  R"(SELECT "authors"."name" FROM "authors" UNION SELECT "staff"."name" FROM "staff" )"
                  R"(ORDER BY "name" ASC LIMIT ?)");
    for (const auto& [name] : conn.execute(everyone)) std::cout << name << ' ';
    std::cout << '\n';
    auto without_books = retort::select(c<&Author::id>).except_(retort::select(c<&Book::author_id>));
    std::cout << "authors without books: " << conn.execute(without_books).all().size() << '\n';
}
