// An index whose keys are SQL has no columns to be named after: expression_index<"name">
// needs a name, said in one retort: sentence.
#include "models.hpp"

struct Person {
    std::int64_t id;
    std::string email;
};
#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::table_of<Person> = retort::table<Person>(
    "people", retort::primary_key<&Person::id>, retort::unique_expression_index<"">("lower(email)"));
#else
template <>
inline constexpr auto retort::table_of<Person> = retort::table<Person>(
    "people", retort::primary_key<&Person::id>,
    retort::unique_expression_index<"uq_people_lower_email">("lower(email)").where("email <> ''"));
#endif

int main() {
#ifndef RETORT_EXPECT_FAIL
    static_assert(retort::sql<retort::create_index_t<Person, 1>, retort::postgresql> ==
                  R"(CREATE UNIQUE INDEX IF NOT EXISTS "uq_people_lower_email" ON "people" (lower(email)) WHERE email <> '')");
#endif
}
