// examples/docs/expressions.cpp — quoted in docs/expressions.md: operators, functions,
// CASE, NULL handling, casting.
#include "models.hpp"

#include <iostream>

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = open_shop(engine);

    // Arithmetic: integer op integer is std::int64_t, a real operand makes it double.
    // + on two texts is concatenation (||).
    auto priced = retort::select(c<&Book::title> + " (" + retort::cast<std::string>(c<&Book::pages>) + " pages)",
                                 c<&Book::price> * 1.2, c<&Book::pages> / 100, -c<&Book::price>)
                      .where(c<&Book::pages> % 2 == 1)
                      .order_by(c<&Book::id>);
    static_assert(std::is_same_v<decltype(priced)::row_type, std::tuple<std::string, double, std::int64_t, double>>);
    for (const auto& [label, gross, hundreds, negative] : conn.execute(priced))
        std::cout << label << ": " << gross << ", " << hundreds << ", " << negative << '\n';

    // String functions, LIKE, ILIKE (lower(x) LIKE lower(p) on SQLite), BETWEEN, IN.
    auto names = retort::select(retort::upper(c<&Book::title>), retort::length(c<&Book::title>),
                                retort::substr(c<&Book::title>, 1, 4))
                     .where(retort::ilike(c<&Book::title>, "%dune%") && retort::between(c<&Book::price>, 5, 15) &&
                            retort::in(c<&Book::author_id>, 1, 2))
                     .order_by(c<&Book::id>);
    static_assert(retort::sql<decltype(names), retort::sqlite> ==
                  R"(SELECT UPPER("books"."title"), LENGTH("books"."title"), SUBSTR("books"."title", ?, ?) )"
                  R"(FROM "books" WHERE lower("books"."title") LIKE lower(?) )"
                  R"(AND "books"."price" BETWEEN ? AND ? AND "books"."author_id" IN (?, ?) ORDER BY "books"."id" ASC)");
    static_assert(retort::sql<decltype(names), retort::postgresql> ==
                  R"(SELECT UPPER("books"."title"), LENGTH("books"."title"), SUBSTR("books"."title", $1, $2) )"
                  R"(FROM "books" WHERE "books"."title" ILIKE $3 )"
                  R"(AND "books"."price" BETWEEN $4 AND $5 AND "books"."author_id" IN ($6, $7) ORDER BY "books"."id" ASC)");
    for (const auto& [upper, length, start] : conn.execute(names))
        std::cout << upper << ' ' << length << ' ' << start << '\n';

    // NULL handling: coalesce is NULL-able only when its last argument is; nullif always is;
    // IS DISTINCT FROM treats NULL as a value.
    auto born = retort::select(c<&Author::name>, retort::coalesce(c<&Author::born>, 0),
                               retort::nullif(c<&Author::name>, "Herbert"))
                    .where(retort::is_distinct_from(c<&Author::born>, 1920))
                    .order_by(c<&Author::id>);
    static_assert(std::is_same_v<decltype(born)::row_type,
                                 std::tuple<std::string, int, std::optional<std::string>>>);
    for (const auto& [name, year, same] : conn.execute(born))
        std::cout << name << ' ' << year << ' ' << same.value_or("NULL") << '\n';

    // Comparing with a std::optional does not compile: an empty one would make x = NULL,
    // which matches no row. Say what is meant: is_null(x), x == *opt, or the NULL-safe
    // is_not_distinct_from(x, opt) (SQLite "IS", PostgreSQL "IS NOT DISTINCT FROM").
    const std::optional<int> wanted;  // empty: authors whose year of birth is unknown
    auto unknown = retort::select(c<&Author::name>).where(retort::is_not_distinct_from(c<&Author::born>, wanted));
    static_assert(retort::sql<decltype(unknown), retort::sqlite> ==
                  R"(SELECT "authors"."name" FROM "authors" WHERE "authors"."born" IS ?)");
    static_assert(retort::sql<decltype(unknown), retort::postgresql> ==
                  R"(SELECT "authors"."name" FROM "authors" WHERE "authors"."born" IS NOT DISTINCT FROM $1)");
    for (const auto& [name] : conn.execute(unknown)) std::cout << name << " (born: unknown)\n";

    // CASE: the first THEN gives the type; without ELSE the result is NULL-able.
    // Bound branch values are CAST to their type on PostgreSQL.
    auto sizes = retort::select(c<&Book::title>, retort::case_when(c<&Book::pages> >= 400, "long")
                                                     .when(c<&Book::pages> >= 300, "medium")
                                                     .else_("short")
                                                     .as<"size">())
                     .order_by(c<&Book::id>);
    static_assert(retort::sql<decltype(sizes), retort::postgresql> ==
                  R"(SELECT "books"."title", CASE WHEN "books"."pages" >= $1 THEN CAST($2 AS TEXT) )"
                  R"(WHEN "books"."pages" >= $3 THEN CAST($4 AS TEXT) ELSE CAST($5 AS TEXT) END AS "size" )"
                  R"(FROM "books" ORDER BY "books"."id" ASC)");
    static_assert(std::is_same_v<decltype(sizes)::row_type, std::tuple<std::string, std::string>>);
    for (const auto& [title, size] : conn.execute(sizes)) std::cout << title << " is " << size << '\n';

    // Any SQL function by name, with a declared result type.
    auto rounded = retort::select(retort::func<"round", double>(c<&Book::price> / 3, 2)).where(c<&Book::id> == 1);
    std::cout << "a third of the first price: " << std::get<0>(conn.execute(rounded).one()) << '\n';
}
