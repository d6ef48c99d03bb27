// A naming_convention pattern with a token retort does not know (SQLAlchemy spells them
// %(table_name)s, not %(table)s) is a named error, not a constraint named with the token
// left in.
#include "models.hpp"

struct Crew {
    std::int64_t id;
    std::string call_sign;
};
#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::table_of<Crew> = retort::table<Crew>(
    "crews", retort::naming_convention{.uq = "uq_%(table)s_%(column_0_name)s"}, retort::primary_key<&Crew::id>,
    retort::unique<&Crew::call_sign>);
#else
template <>
inline constexpr auto retort::table_of<Crew> = retort::table<Crew>(
    "crews", retort::naming_convention{.uq = "uq_%(table_name)s_%(column_0_name)s"}, retort::primary_key<&Crew::id>,
    retort::unique<&Crew::call_sign>);
#endif

int main() {
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<retort::create_table_t<Crew, false>, retort::sqlite>;
#else
    static_assert(retort::sql<retort::create_table_t<Crew, false>, retort::sqlite> ==
                  R"(CREATE TABLE "crews" ("id" INTEGER CONSTRAINT "pk_crews" PRIMARY KEY, "call_sign" TEXT NOT NULL, )"
                  R"(CONSTRAINT "uq_crews_call_sign" UNIQUE ("call_sign")))");
#endif
}
