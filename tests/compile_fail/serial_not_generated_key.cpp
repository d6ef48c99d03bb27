// retort::serial<&T::f> declares how PostgreSQL generates a key (a sequence default
// instead of an identity column): on a column the database does not generate (here the
// key is assigned) it is a named error, not a silently ignored option.
#include "models.hpp"

struct Ticket {
    std::int64_t id;
    std::string title;
};
#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::table_of<Ticket> =
    retort::table<Ticket>("tickets", retort::primary_key<&Ticket::id>, retort::assigned_key, retort::serial<&Ticket::id>);
#else
template <>
inline constexpr auto retort::table_of<Ticket> =
    retort::table<Ticket>("tickets", retort::primary_key<&Ticket::id>, retort::serial<&Ticket::id>);
#endif

int main() {
    static_assert(retort::sql<retort::create_table_t<Ticket, false>, retort::postgresql> ==
                  R"(CREATE TABLE "tickets" ("id" BIGSERIAL PRIMARY KEY, "title" TEXT NOT NULL))");
    static_assert(retort::sql<retort::create_table_t<Ticket, false>, retort::sqlite> ==
                  R"(CREATE TABLE "tickets" ("id" INTEGER PRIMARY KEY, "title" TEXT NOT NULL))");
}
