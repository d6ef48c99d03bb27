// examples/docs/inserts_and_ddl.cpp — quoted in docs/inserts-and-ddl.md.
#include "models.hpp"

#include <iostream>
#include <vector>

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

// docs:begin declared_index
// Indexes declared with the table: create_all makes them after it, check_schema compares them.
struct Sighting {
    std::int64_t id;
    std::string species;
    std::int64_t seen_at;
    std::optional<std::int64_t> retracted_at;
    std::vector<std::string> tags;  // PostgreSQL text[]
};
template <>
inline constexpr auto retort::table_of<Sighting> = retort::table<Sighting>(
    "sightings", retort::primary_key<&Sighting::id>,
    retort::index<&Sighting::species, &Sighting::seen_at>.desc<&Sighting::seen_at>(),   // newest first
    retort::index<&Sighting::tags>.method("gin"),                                       // USING gin
    retort::unique_index<&Sighting::species, &Sighting::seen_at>
        .where("retracted_at IS NULL")
        .named("one_live_sighting"),                                                    // partial, named
    retort::expression_index<"ix_sightings_lower_species">("lower(species)"));         // keys as SQL
static_assert(retort::sql<retort::create_index_t<Sighting, 1>, retort::postgresql> ==
              R"(CREATE INDEX IF NOT EXISTS "ix_sightings_species_seen_at" ON "sightings" ("species", "seen_at" DESC))");
static_assert(retort::sql<retort::create_index_t<Sighting, 2>, retort::postgresql> ==
              R"(CREATE INDEX IF NOT EXISTS "ix_sightings_tags" ON "sightings" USING gin ("tags"))");
static_assert(retort::sql<retort::create_index_t<Sighting, 3>, retort::postgresql> ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS "one_live_sighting" ON "sightings" ("species", "seen_at") )"
              R"(WHERE retracted_at IS NULL)");
// docs:end declared_index

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

    // docs:begin index
    // Standalone indexes: plain columns (named by the convention), DESC, unique,
    // expression keys (named), partial WHERE, IF NOT EXISTS.
    auto by_book = retort::create_index(c<&Review::book_id>, retort::desc(c<&Review::stars>));
    static_assert(retort::sql<decltype(by_book), retort::sqlite> ==
                  R"(CREATE INDEX "ix_reviews_book_id_stars" ON "reviews" ("book_id", "stars" DESC))");
    conn.execute(by_book);

    auto one_open_note = retort::create_index<"uq_reviews_open_note">(retort::lower(c<&Review::note>))
                             .unique()
                             .if_not_exists()
                             .where(c<&Review::status> == retort::literal_column<"'pending'", std::string>);
    static_assert(retort::sql<decltype(one_open_note), retort::postgresql> ==
                  R"(CREATE UNIQUE INDEX IF NOT EXISTS "uq_reviews_open_note" ON "reviews" ((LOWER("note"))) )"
                  R"(WHERE "status" = 'pending')");
    conn.execute(one_open_note);
    try {
        conn.execute(retort::insert<Review>().values(c<&Review::book_id> = 2, c<&Review::stars> = 1,
                                                     c<&Review::note> = "LONG"));
    } catch (const retort::integrity_error&) {
        std::cout << "a second pending \"long\" note is refused\n";
    }
    // docs:end index

    // docs:begin drop
    conn.execute(retort::drop_index<"uq_reviews_open_note">().if_exists());
    // docs:end drop

    // docs:begin constraint
    // ALTER TABLE ADD / DROP CONSTRAINT (PostgreSQL), named by the convention.
    auto fk = retort::add_constraint<retort::foreign_key<&Review::book_id, &Book::id>(retort::on_delete::cascade)>();
    static_assert(retort::sql<decltype(fk), retort::postgresql> ==
                  R"(ALTER TABLE "reviews" ADD CONSTRAINT "fk_reviews_book_id_books" FOREIGN KEY ("book_id") )"
                  R"(REFERENCES "books" ("id") ON DELETE CASCADE)");
    auto stars = retort::add_constraint<retort::check_constraint<Review, "stars", "stars BETWEEN 1 AND 5">>();
    static_assert(retort::sql<decltype(stars), retort::postgresql> ==
                  R"(ALTER TABLE "reviews" ADD CONSTRAINT "ck_reviews_stars" CHECK (stars BETWEEN 1 AND 5))");
    auto drop = retort::drop_constraint<retort::check_constraint<Review, "stars", "stars BETWEEN 1 AND 5">>();
    static_assert(retort::sql<decltype(drop), retort::postgresql> ==
                  R"(ALTER TABLE "reviews" DROP CONSTRAINT "ck_reviews_stars")");
    // On SQLite, retort::sql<..., retort::sqlite> is a compile error and execute() throws
    // retort::programming_error, both with the same sentence.
    try {
        conn.execute(stars);
    } catch (const retort::programming_error& e) {
        std::cout << std::string_view(e.what()).substr(0, 52) << "...\n";
    }
    // docs:end constraint
}
