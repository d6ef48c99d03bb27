// examples/docs/aggregates_and_windows.cpp — quoted in docs/aggregates-and-windows.md.
#include "models.hpp"

#include <iostream>

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = open_shop(engine);

    // Aggregates with GROUP BY / HAVING. count is std::int64_t and never NULL (0 for an
    // author without books, even through the LEFT JOIN); sum / avg / min / max are
    // std::optional (NULL over no rows).
    auto per_author = retort::select(c<&Author::name>, retort::count(c<&Book::id>).as<"books">(),
                                     retort::avg(c<&Book::price>), retort::max(c<&Book::pages>))
                          .from<Author>()
                          .left_join<Book>(c<&Book::author_id> == c<&Author::id>)
                          .group_by(c<&Author::id>, c<&Author::name>)
                          .having(retort::count(c<&Book::id>) < 5)
                          .order_by(retort::desc(retort::count(c<&Book::id>)), c<&Author::name>);
    static_assert(std::is_same_v<decltype(per_author)::row_type,
                                 std::tuple<std::string, std::int64_t, std::optional<double>, std::optional<int>>>);
    static_assert(retort::sql<decltype(per_author), retort::sqlite> ==
                  R"(SELECT "authors"."name", COUNT("books"."id") AS "books", AVG("books"."price"), )"
                  R"(MAX("books"."pages") FROM "authors" LEFT JOIN "books" ON "books"."author_id" = "authors"."id" )"
                  R"(GROUP BY "authors"."id", "authors"."name" HAVING COUNT("books"."id") < ? )"
                  R"(ORDER BY COUNT("books"."id") DESC, "authors"."name" ASC)");
    for (const auto& [name, books, mean, longest] : conn.execute(per_author))
        std::cout << name << ": " << books << " books, mean price " << mean.value_or(0) << ", longest "
                  << longest.value_or(0) << '\n';

    // count(*), count(DISTINCT x), sum.
    const auto [n, authors, pages] =
        conn.execute(retort::select(retort::count(), retort::count_distinct(c<&Book::author_id>),
                                    retort::sum(c<&Book::pages>)))
            .one();
    std::cout << n << " books by " << authors << " authors, " << pages.value_or(0) << " pages\n";

    // Window functions: a rank per author, a running total, the previous book's price.
    auto ranked = retort::select(
                      c<&Book::title>,
                      retort::row_number().over(retort::partition_by(c<&Book::author_id>),
                                                retort::order_by(retort::desc(c<&Book::price>))),
                      retort::sum(c<&Book::pages>)
                          .over(retort::order_by(c<&Book::id>),
                                retort::rows_between(retort::unbounded_preceding, retort::current_row)),
                      retort::lag(c<&Book::price>).over(retort::order_by(c<&Book::id>)))
                      .order_by(c<&Book::id>);
    static_assert(retort::sql<decltype(ranked), retort::postgresql> ==
                  R"(SELECT "books"."title", ROW_NUMBER() OVER (PARTITION BY "books"."author_id" ORDER BY )"
                  R"("books"."price" DESC), SUM("books"."pages") OVER (ORDER BY "books"."id" ASC ROWS BETWEEN )"
                  R"(UNBOUNDED PRECEDING AND CURRENT ROW), LAG("books"."price") OVER (ORDER BY "books"."id" ASC) )"
                  R"(FROM "books" ORDER BY "books"."id" ASC)");
    for (const auto& [title, rank, running, previous] : conn.execute(ranked))
        std::cout << title << ": #" << rank << ", running pages " << running.value_or(0) << ", previous price "
                  << (previous ? std::to_string(*previous) : "none") << '\n';
}
