// examples/docs/inserts_and_ddl.cpp — quoted in docs/inserts-and-ddl.md.
#include "models.hpp"

#include <iostream>

// docs:begin model
struct Review {
    std::int64_t id;
    std::int64_t book_id;
    int stars;
    std::string status;          // DEFAULT 'pending'
    std::optional<std::string> note;
};
template <>
inline constexpr auto retort::table_of<Review> = retort::table<Review>(
    "reviews", retort::primary_key<&Review::id>, retort::foreign_key<&Review::book_id, &Book::id>,
    retort::server_default<&Review::status>("'pending'"));
// docs:end model

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = open_shop(engine);
    retort::create_all<Review>(conn);

    // docs:begin values
    // Only the named columns are sent; status gets its server default, note NULL,
    // and the generated key comes back.
    auto add = retort::insert<Review>().values(c<&Review::book_id> = 1, c<&Review::stars> = 5);
    static_assert(retort::sql<decltype(add), retort::postgresql> ==
                  R"(INSERT INTO "reviews" ("book_id", "stars") VALUES ($1, $2) RETURNING "id")");
    std::int64_t id = conn.execute(add);

    // Several rows (the same columns), expressions and scalar subqueries as values,
    // RETURNING what the server filled in.
    conn.execute(retort::insert<Review>()
                     .values(c<&Review::book_id> = 3, c<&Review::stars> = 4, c<&Review::note> = "long")
                     .values(c<&Review::book_id> = 3, c<&Review::stars> = 2, c<&Review::note> = retort::null));
    auto [new_id, status] =
        conn.execute(retort::insert<Review>()
                         .values(c<&Review::book_id> = retort::scalar(retort::select(retort::max(c<&Book::id>))),
                                 c<&Review::stars> = 3)
                         .returning(c<&Review::id>, c<&Review::status>))
            .one();
    std::cout << "review " << id << ", then " << new_id << ": " << status << '\n';
    // docs:end values
}
